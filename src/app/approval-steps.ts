/**
 * Taking one step of the chain of approval on a plan or a tranche (approval-chain.ts decides
 * which step is next and who may take it). Runs inside the caller's transaction: the step row
 * and its audit row are written with the decision they belong to, or not at all.
 */
import type { Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { APPROVAL_STEPS, checkApprovalStep, checkSendBack, nextApprovalStep, stepOfRole, type ApprovalStepCode } from '../domain/grants/approval-chain';
import type { ApprovalStepRow, ApprovalSubject } from './ports';
import { yearOrThrow } from './scope';
import type { Services } from './services';

export interface ApprovalTarget {
  type: ApprovalSubject;
  id: number;
  year: number;
  /** The submission time: the round the steps belong to. */
  round: string;
  submittedBy: number | null;
  kelurahanCode: string;
}

const WHAT = { plan: 'rencana', tranche: 'pencairan' } as const;

/** The steps already taken in the subject's current round. */
export const stepsTaken = (s: Services, t: Pick<ApprovalTarget, 'type' | 'id' | 'round'>): ApprovalStepRow[] => s.approvals.ofRound(t.type, t.id, t.round);

/** Whether this actor has already taken a step in this round (a second click is shown what was done). */
export function alreadyTookStep(s: Services, actor: Actor, t: Pick<ApprovalTarget, 'type' | 'id' | 'round'>): boolean {
  return actor.userId !== null && stepsTaken(s, t).some((r) => r.userId === actor.userId);
}

/**
 * Records the actor's step (their role's step in the year's chain) and audits it. Returns
 * whether it was the last configured step: only then may the caller approve the subject.
 */
export function takeApprovalStep(s: Services, actor: Actor, t: ApprovalTarget, ip: string | null): { step: ApprovalStepCode; completes: boolean } {
  const configured = yearOrThrow(s, t.year).approvalSteps;
  if (actor.userId === null) throw fail('forbidden_role');
  const step = stepOfRole(configured, actor.role) ?? stepOfRoleAnyYear(actor.role);
  if (!step) throw fail('approval_step_wrong_role');
  const recorded = stepsTaken(s, t);
  const { completes } = checkApprovalStep({ configured, recorded, step, actor, submittedBy: t.submittedBy, what: WHAT[t.type] });
  const user = s.users.findById(actor.userId);
  if (!user) throw fail('user_not_found');
  const at = s.now().toISOString();
  s.approvals.record({ subjectType: t.type, subjectId: t.id, round: t.round, step, userId: user.id, role: user.role, name: user.displayName, nip: user.nip, at });
  s.audit.record(actor, ip, {
    action: 'approval.step',
    targetType: t.type,
    targetId: t.id,
    kelurahanCode: t.kelurahanCode,
    after: { step, label: APPROVAL_STEPS[step].doneLabel, name: user.displayName, nip: user.nip, round: t.round, completes },
  });
  return { step, completes };
}

/** A role's step whether or not this year uses it (so a camat in a year without his step is told so, not "wrong role"). */
function stepOfRoleAnyYear(role: string): ApprovalStepCode | null {
  return (Object.keys(APPROVAL_STEPS) as ApprovalStepCode[]).find((c) => APPROVAL_STEPS[c].role === role) ?? null;
}

/** The step a subject waits for now (null when the chain is complete). */
export function waitingStep(s: Services, t: Pick<ApprovalTarget, 'type' | 'id' | 'round' | 'year'>): ApprovalStepCode | null {
  return nextApprovalStep(yearOrThrow(s, t.year).approvalSteps, stepsTaken(s, t));
}

/** Refuses a return or rejection by a later approver whose turn it is not (approval-chain.ts, checkSendBack). */
export function refuseSendBackOutOfTurn(s: Services, actor: Actor, t: Pick<ApprovalTarget, 'type' | 'id' | 'round' | 'year'>): void {
  checkSendBack({ configured: yearOrThrow(s, t.year).approvalSteps, recorded: stepsTaken(s, t), role: actor.role });
}
