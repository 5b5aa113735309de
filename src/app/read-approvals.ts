/**
 * The chain of approval as people see it: the lurah's and the camat's queue (what waits for
 * their step), and the configured steps of one subject with who took each and when (the
 * timeline the chair and the treasurer see).
 */
import { authorize, ROLE_LABELS, type Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { APPROVAL_STEPS, nextApprovalStep, stepOfRole, type ApprovalStepCode } from '../domain/grants/approval-chain';
import { periodLabel } from '../domain/grants/tranche';
import { planApproval } from './decide-plan';
import { trancheApproval } from './decide-tranche';
import type { ApprovalStepRow, ApprovalSubject } from './ports';
import { chairWords, granteeLabels } from './scope';
import type { Services } from './services';

export interface ChainStep {
  code: ApprovalStepCode;
  label: string;
  done: boolean;
  at: string | null;
  /** "Nama (NIP 19…)" of who took it. */
  by: string | null;
  /** The step the subject waits for now. */
  waiting: boolean;
}

const who = (r: ApprovalStepRow) => (r.nip ? `${r.name} (NIP ${r.nip})` : r.name);

/** "Nama (Lurah, NIP 19…)": who sent a tranche or a plan back, for its timeline; null when not sent back or unknown. */
export function sentBackByOf(s: Services, t: { status: string; decidedBy: number | null }): string | null {
  if ((t.status !== 'rejected' && t.status !== 'returned') || t.decidedBy === null) return null;
  const u = s.users.findById(t.decidedBy);
  return u ? `${u.displayName} (${ROLE_LABELS[u.role]}${u.nip ? `, NIP ${u.nip}` : ''})` : null;
}

/** The configured steps of a subject in its current round, each with who took it and when. */
export function chainSteps(configured: readonly ApprovalStepCode[], taken: readonly ApprovalStepRow[], open: boolean): ChainStep[] {
  const next = open ? nextApprovalStep(configured, taken) : null;
  return configured.map((code) => {
    const row = taken.find((r) => r.step === code);
    return {
      code,
      label: row ? APPROVAL_STEPS[code].doneLabel : `Menunggu ${APPROVAL_STEPS[code].who}`,
      done: !!row,
      at: row?.at ?? null,
      by: row ? who(row) : null,
      waiting: code === next,
    };
  });
}

/** The steps of many subjects of one kind at once (a page of tranches), by subject id and round. */
export function stepsBySubject(s: Services, type: ApprovalSubject, subjects: ReadonlyArray<{ id: number; round: string }>): Map<number, ApprovalStepRow[]> {
  const rows = s.approvals.ofSubjects(
    type,
    subjects.map((x) => x.id),
  );
  const round = new Map(subjects.map((x) => [x.id, x.round]));
  const out = new Map<number, ApprovalStepRow[]>();
  for (const r of rows) {
    if (round.get(r.subjectId) !== r.round) continue;
    out.set(r.subjectId, [...(out.get(r.subjectId) ?? []), r]);
  }
  return out;
}

/** The two ways an approver sends an item back at their step: returned to fix (the chain starts over), or rejected for good. */
function sendBacksOf(kind: 'rencana' | 'pencairan', id: number, chair: string) {
  const key = `${kind === 'rencana' ? 'plan' : 'tranche'}:${id}`;
  return [
    {
      verb: 'kembalikan',
      key: `${key}:kembalikan`,
      path: `/persetujuan/${kind}/${id}/kembalikan`,
      label: `Kembalikan ke ${chair}`,
      hint: `Dikembalikan untuk diperbaiki: ${chair} memperbaikinya dan mengajukan lagi, lalu setiap langkah dimulai dari awal.`,
      danger: false,
    },
    {
      verb: 'tolak',
      key: `${key}:tolak`,
      path: `/persetujuan/${kind}/${id}/tolak`,
      label: kind === 'rencana' ? 'Tolak rencana' : 'Tolak pencairan',
      hint: kind === 'rencana' ? `Ditolak: versi ini ditutup; ${chair} harus membuat versi baru.` : `Ditolak: pengajuan ini selesai dan cadangan alokasinya dilepas.`,
      danger: true,
    },
  ];
}

/** The kelurahan an approver's queue covers: the lurah's one, the camat's whole kecamatan. */
function kelurahanOf(s: Services, actor: Actor): Array<{ code: string; name: string }> {
  if (actor.role === 'lurah') {
    const kel = actor.kelurahanCode ? s.registry.findKelurahan(actor.kelurahanCode) : undefined;
    if (!kel) throw fail('kelurahan_not_found');
    return [{ code: kel.code, name: kel.name }];
  }
  const code = actor.kecamatanCodes?.[0];
  if (!code || !s.registry.findKecamatan(code)) throw fail('not_in_scope');
  return s.registry.kelurahanList(code).map((k) => ({ code: k.code, name: k.name }));
}

/** What waits for the actor's step (lurah or camat), oldest first, with the steps already taken. */
export function readApprovalQueue(s: Services, actor: Actor) {
  authorize(actor, 'approval.queue');
  const user = actor.userId !== null ? s.users.findById(actor.userId) : undefined;
  const items: Array<Record<string, unknown> & { submittedAt: string }> = [];
  const labelOf = granteeLabels(s);
  const chairOf = chairWords(s);
  for (const kel of kelurahanOf(s, actor)) {
    for (const { plan } of s.plans.submittedOfKelurahan(kel.code)) {
      const y = s.years.find(plan.year);
      if (!y) continue;
      const mine = stepOfRole(y.approvalSteps, actor.role);
      const target = planApproval(plan, kel.code);
      const taken = s.approvals.ofRound('plan', plan.id, target.round);
      if (!mine || nextApprovalStep(y.approvalSteps, taken) !== mine) continue;
      items.push({
        kind: 'plan',
        id: plan.id,
        key: `plan:${plan.id}`,
        what: `RAP ${plan.year} versi ${plan.version}`,
        label: `${labelOf(plan.rtId)} ${kel.name}`,
        href: `/rt/${plan.rtId}/rencana?tahun=${plan.year}`,
        postPath: `/persetujuan/rencana/${plan.id}`,
        sendBacks: sendBacksOf('rencana', plan.id, chairOf(plan.rtId)),
        amount: plan.total,
        submittedAt: target.round,
        action: APPROVAL_STEPS[mine].action,
        steps: chainSteps(y.approvalSteps, taken, true),
      });
    }
    for (const { tranche: t } of s.tranches.ofKelurahan(kel.code, ['pending'])) {
      const y = s.years.find(t.year);
      if (!y) continue;
      const mine = stepOfRole(y.approvalSteps, actor.role);
      const taken = s.approvals.ofRound('tranche', t.id, trancheApproval(t, kel.code).round);
      if (!mine || nextApprovalStep(y.approvalSteps, taken) !== mine) continue;
      items.push({
        kind: 'tranche',
        id: t.id,
        key: `tranche:${t.id}`,
        what: `Pencairan ${periodLabel(t.mode, t.period)}`,
        label: `${labelOf(t.rtId)} ${kel.name}`,
        href: `/rt/${t.rtId}/pencairan?tahun=${t.year}`,
        postPath: `/persetujuan/pencairan/${t.id}`,
        sendBacks: sendBacksOf('pencairan', t.id, chairOf(t.rtId)),
        amount: t.amount,
        submittedAt: t.requestedAt,
        action: APPROVAL_STEPS[mine].action,
        steps: chainSteps(y.approvalSteps, taken, true),
      });
    }
  }
  items.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return {
    roleLabel: actor.role === 'lurah' ? 'Lurah' : 'Camat',
    signer: user ? { name: user.displayName, nip: user.nip } : null,
    items,
    empty: items.length === 0,
  };
}
