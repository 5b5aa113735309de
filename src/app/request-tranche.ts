/**
 * The RT chair requests a tranche: in monthly mode a spending plan for a month (RBB), whose
 * total is the amount; in staged mode the next stage. The request passes every gate or is
 * refused with each failing gate's message; a pending request reserves undrawn allocation.
 */
import { type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { conflict, invalid, DomainError } from '../domain/errors';
import { checkTrancheGates, type TrancheFacts } from '../domain/grants/gates';
import { validatePlanLines, type PlanLine } from '../domain/grants/plan';
import { periodLabel, stageAmounts, yearMonths } from '../domain/grants/tranche';
import type { TrancheRow } from '../db/tranche-repository';
import { rtInScope, yearOrThrow } from './scope';
import type { Services } from './services';

export interface RequestTrancheCommand {
  rtId: number;
  year: number;
  /** Monthly mode: the RBB month (YYYY-MM). Ignored in staged mode. */
  month?: string;
  /** Monthly mode: the RBB lines. */
  lines?: PlanLine[];
  /** The form's one-time key: a double submit or retry returns the first request. */
  requestKey: string;
}

export function requestTranche(s: Services, actor: Actor, cmd: RequestTrancheCommand, ip: string | null = null): TrancheRow {
  const rt = rtInScope(s, actor, 'tranche.request', cmd.rtId);
  const year = yearOrThrow(s, cmd.year);
  const now = s.now();
  if (year.status === 'closed' || s.tranches.isClosed(year.year, rt.kelurahanCode)) {
    throw conflict('year_closed', `Tahun program ${year.year} sudah ditutup; tidak ada pencairan lagi.`);
  }
  return s.db.transaction(() => {
    const existing = s.tranches.findByRequestKey(cmd.requestKey);
    if (existing) {
      if (existing.rtId !== rt.id) throw conflict('request_key_reused', 'Formulir ini sudah dipakai; muat ulang halaman.');
      return existing;
    }
    const all = s.tranches.ofRt(rt.id, year.year);
    const live = all.filter((t) => t.status === 'pending' || t.status === 'approved' || t.status === 'paid');
    const drawnLive = live.filter((t) => t.status !== 'pending');
    let period: string;
    let amount: number;
    let lines: PlanLine[] = [];
    const approvedPlan = s.plans.approved(rt.id, year.year);
    if (year.disbursementMode === 'monthly') {
      period = cmd.month ?? '';
      if (!yearMonths(year).includes(period)) {
        throw invalid('month_invalid', `Pilih bulan di dalam tahun program ${year.year}.`, { month: 'Bulan tidak valid.' });
      }
      lines = cmd.lines ?? [];
      if (lines.length === 0) throw invalid('rbb_empty', 'Rencana belanja bulanan (RBB) belum berisi baris.', { lines: 'Isi paling sedikit satu baris.' });
      validatePlanLines(year, lines);
      if (approvedPlan) {
        const planned = s.plans.plannedByCategory(rt.id, year.year);
        const outside = lines.find((l) => !planned.has(l.category));
        if (outside) {
          throw invalid('category_not_in_plan', `Kategori ${outside.category} tidak ada di rencana anggaran (RAP) yang disetujui.`, { lines: 'Pakai kategori yang ada di RAP.' });
        }
      }
      amount = lines.reduce((a, l) => a + l.amount, 0);
      if (live.some((t) => t.period === period)) {
        throw conflict('tranche_period_taken', `Pencairan ${periodLabel('monthly', period)} sudah diajukan.`);
      }
    } else {
      const stage = live.length + 1;
      const amounts = stageAmounts(year, s.balances.ofRt(year.year, rt.id).allocated);
      if (stage > amounts.length) throw conflict('all_stages_drawn', 'Semua tahap sudah dicairkan atau diajukan.');
      if (live.some((t) => t.status === 'pending')) throw conflict('stage_pending', 'Tahap sebelumnya masih menunggu persetujuan.');
      period = String(stage);
      amount = amounts[stage - 1]!;
    }
    const money = s.balances.ofRt(year.year, rt.id);
    const earlier = drawnLive.filter((t) => t.period < period).sort((a, b) => (a.period < b.period ? 1 : -1))[0];
    const stagesBefore = drawnLive.filter((t) => Number(t.period) < Number(period) - 1).reduce((a, t) => a + t.amount, 0);
    const facts: TrancheFacts = {
      year,
      today: todayWib(now),
      mode: year.disbursementMode,
      period,
      amount,
      planApproved: !!approvedPlan,
      undrawnAvailable: money.undrawn - s.tranches.reserved(rt.id, year.year),
      bankAccount: rt.bankAccount,
      bankAccountShared: s.tranches.sharedAccounts().has(rt.bankAccount),
      kelurahanClosed: s.tranches.isClosed(year.year, rt.kelurahanCode),
      previousSpj: year.disbursementMode === 'monthly' && earlier ? { month: earlier.period, verified: s.spending.isSpjVerified(rt.id, year.year, earlier.period) } : null,
      previousStage:
        year.disbursementMode === 'staged' && earlier
          ? { stage: Number(earlier.period), amount: earlier.amount, accounted: Math.max(0, s.spending.verifiedSpending(rt.id, year.year) - stagesBefore) }
          : null,
    };
    const failures = checkTrancheGates(facts);
    if (failures.length) {
      throw new DomainError(failures[0]!.code, 'validation', failures.map((f) => f.message).join('\n'), Object.fromEntries(failures.map((f) => [`gate.${f.code}`, f.message])));
    }
    const id = s.tranches.insert(
      {
        rtId: rt.id,
        year: year.year,
        mode: year.disbursementMode,
        period,
        amount,
        status: 'pending',
        requestedBy: actor.userId,
        requestedAt: now.toISOString(),
        requestKey: cmd.requestKey,
      },
      lines,
    );
    s.audit.record(actor, ip, {
      action: 'tranche.request',
      targetType: 'tranche',
      targetId: id,
      kelurahanCode: rt.kelurahanCode,
      after: { rtId: rt.id, year: year.year, period, amount, lines: lines.length },
    });
    return s.tranches.find(id)!;
  });
}
