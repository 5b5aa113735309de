/** The bendahara approves a submitted plan, or returns it with a note saying what to fix. */
import type { Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { planTransition, validatePlanForSubmission } from '../domain/grants/plan';
import type { PlanRow } from './ports';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import { refuseRevisionBelowUsed } from './plan-line-facts';
import { alreadyTookStep, refuseSendBackOutOfTurn, takeApprovalStep, type ApprovalTarget } from './approval-steps';
import { dossierChecklistOf, parseRequirements, refuseIncompleteDossier } from '../domain/grants/dossier';
import { dossierCounts } from './plan-dossier-facts';
import { tellItemReturned, tellSentBack } from './notification-events';

function loadPlan(s: Services, actor: Actor, planId: number) {
  const plan = s.plans.find(planId);
  if (!plan) throw fail('plan_not_found');
  const rt = rtInScope(s, actor, actor.role === 'lurah' || actor.role === 'camat' ? 'approval.step' : 'plan.decide', plan.rtId);
  return { plan, rt };
}

/** The chain's round of a plan: its latest submission (a returned plan submitted again starts afresh). */
export const planApproval = (plan: PlanRow, kelurahanCode: string): ApprovalTarget => ({
  type: 'plan',
  id: plan.id,
  year: plan.year,
  round: plan.submittedAt ?? plan.updatedAt,
  submittedBy: plan.submittedBy,
  kelurahanCode,
});

/**
 * The actor's step of the chain of approval on a submitted plan; the rules are checked at every
 * step, and only the last configured step approves it (and supersedes the previous version).
 */
export function approvePlan(s: Services, actor: Actor, planId: number, ip: string | null = null): PlanRow {
  const now = s.now().toISOString();
  return s.db.transaction(() => {
    const { plan, rt } = loadPlan(s, actor, planId);
    const target = planApproval(plan, rt.kelurahanCode);
    if (plan.status === 'submitted' && alreadyTookStep(s, actor, target)) return plan;
    const status = planTransition(plan.status, 'approve', { isSubmitter: plan.submittedBy === actor.userId });
    // The rules are checked again at approval: the year's settings may have changed since submission.
    const lines = s.plans.lines(plan.id);
    const year = yearOfGrantee(s, rt, plan.year);
    validatePlanForSubmission(year, lines, s.balances.ofRt(plan.year, rt.id).allocated);
    // Nor without its dossier: held to what its submission required (a plan submitted before the
    // dossier was asked for, to today's checklist).
    refuseIncompleteDossier(dossierChecklistOf(year), dossierCounts(s, plan), plan.dossierRequired ? parseRequirements(plan.dossierRequired) : undefined);
    // A revision may not plan less for a category than has already been drawn for it.
    const drawn = s.tranches.drawnByCategory(rt.id, plan.year);
    for (const [category, amount] of drawn) {
      const planned = lines.filter((l) => l.category === category).reduce((a, l) => a + l.amount, 0);
      if (planned < amount) {
        throw fail('plan_below_drawn', { category, planned, drawn: amount });
      }
    }
    // Nor less than its receipts already use (spending may have gone on since the revision was submitted).
    refuseRevisionBelowUsed(s, rt.id, plan.year, lines);
    const { completes } = takeApprovalStep(s, actor, target, ip);
    if (!completes) return s.plans.find(plan.id)!;
    const previous = s.plans.approved(rt.id, plan.year);
    if (previous) s.plans.update(previous.id, { status: 'superseded', updatedAt: now });
    s.plans.update(plan.id, { status, decidedBy: actor.userId, decidedAt: now, note: null, updatedAt: now });
    s.audit.record(actor, ip, {
      action: 'plan.approve',
      targetType: 'plan',
      targetId: plan.id,
      kelurahanCode: rt.kelurahanCode,
      before: { status: plan.status, supersedes: previous?.id ?? null },
      after: { status, version: plan.version, total: plan.total, revisionReason: plan.revisionReason },
    });
    return s.plans.find(plan.id)!;
  });
}

export function returnPlan(s: Services, actor: Actor, planId: number, note: string, ip: string | null = null): PlanRow {
  return sendBackPlan(s, actor, planId, note, 'return', ip);
}

/** Rejects a submitted plan for good: this version is closed and the chair opens a new one. */
export function rejectPlan(s: Services, actor: Actor, planId: number, note: string, ip: string | null = null): PlanRow {
  return sendBackPlan(s, actor, planId, note, 'reject', ip);
}

/**
 * Sends a submitted plan back (returned to fix, or rejected for good): by the treasurer, or by
 * the lurah or the camat when the next step of the chain is theirs. The decider's name and NIP
 * are audited; the chair (and, when a later approver decided, the treasurer) is told why.
 */
function sendBackPlan(s: Services, actor: Actor, planId: number, note: string, action: 'return' | 'reject', ip: string | null): PlanRow {
  if (!note.trim()) throw fail('note_required', undefined, { note: action === 'return' ? 'Wajib diisi: apa yang harus diperbaiki.' : 'Wajib diisi: alasan penolakan.' });
  const now = s.now().toISOString();
  return s.db.transaction(() => {
    const { plan, rt } = loadPlan(s, actor, planId);
    const status = planTransition(plan.status, action, { isSubmitter: plan.submittedBy === actor.userId });
    // The treasurer, or the lurah or camat when the next step of the chain is theirs.
    refuseSendBackOutOfTurn(s, actor, planApproval(plan, rt.kelurahanCode));
    const by = actor.userId === null ? undefined : s.users.findById(actor.userId);
    s.plans.update(plan.id, { status, decidedBy: actor.userId, decidedAt: now, note: note.trim(), updatedAt: now });
    s.audit.record(actor, ip, {
      action: `plan.${action}`,
      targetType: 'plan',
      targetId: plan.id,
      kelurahanCode: rt.kelurahanCode,
      before: { status: plan.status },
      after: { status, note: note.trim(), ...(by ? { name: by.displayName, nip: by.nip, role: by.role } : {}) },
    });
    // The chair's officers hear of a return as before (what to fix); a later approver's decision is also told to the treasurer.
    if (action === 'return') tellItemReturned(s, rt, 'plan', plan.id, note);
    tellSentBack(s, rt, actor, { itemType: 'plan', itemId: plan.id, outcome: action === 'return' ? 'returned' : 'rejected', note, link: `/rt/${rt.id}/rencana` }, action === 'return');
    return s.plans.find(plan.id)!;
  });
}
