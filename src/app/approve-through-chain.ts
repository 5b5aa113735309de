/**
 * Takes every configured step of the chain of approval on a plan or a tranche, each by its own
 * approver (the demo seed's story and the test builders: the same use cases a click runs).
 */
import { toActor, type Actor } from '../domain/access';
import { APPROVAL_STEPS, type ApproverRole } from '../domain/grants/approval-chain';
import { approvePlan } from './decide-plan';
import { approveTranche } from './decide-tranche';
import type { PlanRow, TrancheRow } from './ports';
import { yearOrThrow } from './scope';
import type { Services } from './services';

export type Approvers = Partial<Record<ApproverRole, Actor>>;

function approverFor(approvers: Approvers, role: ApproverRole): Actor {
  const a = approvers[role];
  if (!a) throw new Error(`no ${role} to take the ${role}'s step`);
  return a;
}

/** Every configured step on a submitted plan, in order; returns the plan as the last step left it. */
export function approvePlanThroughChain(s: Services, approvers: Approvers, planId: number): PlanRow {
  const plan = s.plans.find(planId)!;
  let out = plan;
  for (const step of yearOrThrow(s, plan.year).approvalSteps) out = approvePlan(s, approverFor(approvers, APPROVAL_STEPS[step].role), planId);
  return out;
}

/** Every configured step on a pending tranche, in order: the last one puts it in transit. */
export function approveTrancheThroughChain(s: Services, approvers: Approvers, trancheId: number): TrancheRow {
  const t = s.tranches.find(trancheId)!;
  let out = t;
  for (const step of yearOrThrow(s, t.year).approvalSteps) out = approveTranche(s, approverFor(approvers, APPROVAL_STEPS[step].role), trancheId);
  return out;
}

/** The demo's approvers of Pleburan: its treasurer (given), its lurah and the camat of Semarang Selatan. */
export function demoApprovers(s: Services, bendahara: Actor): Approvers {
  const lurah = s.users.findByUsername('lurah.pleburan');
  const camat = s.users.findByUsername('camat.semarangselatan');
  return { bendahara, ...(lurah ? { lurah: toActor(lurah) } : {}), ...(camat ? { camat: toActor(camat) } : {}) };
}
