/** The tranche page of an RT (the bendahara's queue is read-queue.ts). */
import { can, chairWordOf, type Actor } from '../domain/access';
import { periodLabel, stageAmounts } from '../domain/grants/tranche';
import { nextStage, requestableMonths, trancheFacts } from './tranche-facts';
import { checkTrancheGates } from '../domain/grants/gates';
import { granteeLabel } from '../domain/registry/rows';
import { trancheBadge } from '../reports/status-badges';
import { historyOf } from './read-history';
import type { TypedLine } from './read-plans';
import { decidable, decisionBarsFor, rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import type { TrancheRow, TrancheTransfer } from './ports';
import { yearOpenFor } from '../domain/grants/year-window';
import { trancheApproval } from './decide-tranche';
import { chainSteps, sentBackByOf, stepsBySubject, type ChainStep } from './read-approvals';
import type { ApprovalStepRow } from './ports';
import type { ApprovalStepCode } from '../domain/grants/approval-chain';

interface TimelineStep {
  label: string;
  /** ISO time or date; null while the step is not reached. */
  at: string | null;
  done: boolean;
  note: string | null;
}

/**
 * What happened to a tranche, for the chair and the treasurer: diajukan, each configured step of
 * the chain of approval (who, with NIP, and when), dalam transfer, diterima (with dates), and
 * every transfer the bank refused, said plainly. A tranche approved before the chain existed
 * shows one "Disetujui" step.
 */
export function trancheTimeline(t: TrancheRow, transfers: readonly TrancheTransfer[], chain: readonly ChainStep[] = [], sentBackBy: string | null = null) {
  const sentBack = t.status === 'rejected' || t.status === 'returned';
  const decided = t.status !== 'pending' && !sentBack;
  const live = transfers.filter((r) => r.status === 'sent' || r.status === 'paid').at(-1);
  const paid = transfers.find((r) => r.status === 'paid');
  const legacy = decided && !chain.some((c) => c.done);
  const steps: TimelineStep[] = [{ label: 'Diajukan', at: t.requestedAt, done: true, note: null }];
  if (legacy) steps.push({ label: 'Disetujui', at: t.decidedAt, done: true, note: null });
  else for (const c of chain) if (c.done || !sentBack) steps.push({ label: c.label, at: c.at, done: c.done, note: c.by });
  // Who sent it back (name, NIP) and why: the chair reads what to fix, the treasurer who decided.
  if (sentBack) {
    const why = [t.reason, sentBackBy].filter(Boolean).join(' · ') || null;
    steps.push({ label: t.status === 'returned' ? 'Dikembalikan untuk diperbaiki' : 'Ditolak', at: t.decidedAt, done: true, note: why });
  } else {
    steps.push({
      label: 'Dalam transfer',
      at: live?.batchCreatedAt ?? null,
      done: decided,
      note: !decided ? null : live ? `Batch bank #${live.batchId}` : t.status === 'approved' ? 'Menunggu dikirim ke bank oleh BPKAD' : null,
    });
    steps.push({ label: 'Diterima', at: paid?.paidOn ?? null, done: !!paid || t.status === 'paid', note: paid ? `Ref. bank ${paid.bankReference}` : null });
  }
  if (t.status === 'reversed') steps.push({ label: 'Dibatalkan (jurnal balik)', at: null, done: true, note: t.reason });
  const failures = transfers
    .filter((r) => r.status === 'failed')
    .map((r) => ({ batchId: r.batchId, at: r.answeredAt, reason: r.failureReason, amount: r.amount }));
  return { steps, failures };
}

/** The chain steps of an RT's tranches for one year's configured steps. */
export function trancheChains(s: Services, configured: readonly ApprovalStepCode[], rows: readonly TrancheRow[], kelurahanCode: string): Map<number, ChainStep[]> {
  const taken = stepsBySubject(s, 'tranche', rows.map((t) => ({ id: t.id, round: trancheApproval(t, kelurahanCode).round })));
  return new Map(rows.map((t) => [t.id, chainSteps(configured, taken.get(t.id) ?? ([] as ApprovalStepRow[]), t.status === 'pending')]));
}

/** A send-back form refused (reason missing): shown open again under its tranche with what was typed. */
export interface TypedSendBack {
  id: number;
  verb: 'kembalikan' | 'tolak';
  reason: string;
  error: string | null;
}

export function readTranchePage(s: Services, actor: Actor, rtId: number, year: number, form?: { month?: string; typed?: TypedLine[]; sendBack?: TypedSendBack }) {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const barOf = decisionBarsFor(s, actor);
  const y = yearOfGrantee(s, rt, year);
  const scope = { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id };
  const rows = s.tranches.ofRt(rt.id, y.year);
  const history = historyOf(s, 'tranche', rows.map((t) => t.id));
  const chains = trancheChains(s, y.approvalSteps, rows, rt.kelurahanCode);
  const transfers = s.tranches.transfersOf(rows.map((t) => t.id));
  const money = s.balances.ofRt(y.year, rt.id);
  const reserved = s.tranches.reserved(rt.id, y.year);
  const approvedPlan = s.plans.approved(rt.id, y.year);
  const planned = s.plans.plannedByCategory(rt.id, y.year);
  const typed = form?.typed ?? [];
  const formRows = [...typed, ...Array.from({ length: Math.max(2, 5 - typed.length) }, () => ({ category: '', description: '', amount: '' }))].map((l) => ({
    description: l.description,
    amount: l.amount,
    categories: y.categories.filter((c) => planned.has(c.code) || !approvedPlan).map((c) => ({ code: c.code, name: c.name, selected: c.code === l.category })),
  }));
  const stages = y.disbursementMode === 'staged' ? stageAmounts(y, money.allocated) : [];
  const closed = !yearOpenFor(y, s.tranches.isClosed(y.year, rt.kelurahanCode));
  // What would stop a request right now, said before the chair fills in the form.
  const months = requestableMonths(s, y, rows);
  const period = y.disbursementMode === 'monthly' ? months[0] : String(nextStage(y, money.allocated, rows)?.stage ?? '');
  const locked = [
    ...(rows.some((t) => t.status === 'pending') ? ['Satu pencairan masih menunggu persetujuan kelurahan; pengajuan berikutnya menunggu keputusannya.'] : []),
    ...(y.disbursementMode === 'monthly' && months.length === 0 ? ['Tidak ada bulan yang dapat diajukan sekarang: RBB diajukan untuk bulan berjalan atau bulan berikutnya.'] : []),
    ...(period
      ? checkTrancheGates(trancheFacts(s, rt, y, { period, amount: 0, mode: y.disbursementMode }))
          .filter((f) => f.code !== 'tranche_exceeds_allocation')
          .map((f) => f.message)
      : []),
  ];
  return {
    rt,
    label: granteeLabel(rt),
    chair: chairWordOf(rt),
    year: y,
    monthly: y.disbursementMode === 'monthly',
    money: { ...money, reserved, available: money.undrawn - reserved },
    planApproved: !!approvedPlan,
    tranches: rows.map((t) => ({
      ...t,
      periodLabel: periodLabel(t.mode, t.period),
      badge: trancheBadge(t.status),
      lines: s.tranches.lines(t.id),
      history: history.filter((h) => h.targetId === String(t.id)),
      timeline: trancheTimeline(t, transfers.filter((r) => r.trancheId === t.id), chains.get(t.id), sentBackByOf(s, t)),
      // The treasurer's buttons only while the tranche waits for her own step (verification).
      ...decidable(can(actor, 'tranche.decide', scope) && t.status === 'pending' && t.requestedBy !== actor.userId && chains.get(t.id)?.find((c) => c.waiting)?.code === 'verify', barOf(rt.id)),
      // Not while it waits in an unpaid bank batch (the bank may be paying it); reversing is a decision too.
      typedBack: form?.sendBack?.id === t.id ? { [form.sendBack.verb]: { reason: form.sendBack.reason, error: form.sendBack.error } } : {},
      canReverse: can(actor, 'tranche.reverse', scope) && t.status === 'approved' && !closed && !t.batchId && barOf(rt.id) === null,
    })),
    locked,
    months: months.map((m, i, all) => ({ value: m, label: periodLabel('monthly', m), selected: form?.month ? m === form.month : i === 0 && all.length > 0 })),
    pending: rows.find((t) => t.status === 'pending') ? true : false,
    formRows,
    nextStage: y.disbursementMode === 'staged' ? nextStage(y, money.allocated, rows) : null,
    stages: stages.map((amount, i) => ({ stage: i + 1, amount, percent: y.stagePercents[i] })),
    canRequest: can(actor, 'tranche.request', scope) && !closed,
  };
}
