/**
 * The chain of approval (Perwal 32/2025): the steps a plan or a tranche passes before it is
 * approved — verified by the kelurahan treasurer, approved by the lurah, known by the camat
 * (optional per year) — and then paid by BPKAD (bank batches, outside this chain).
 *
 * Invariants:
 * - the configured steps are taken in their order, each exactly once per round: none is
 *   skipped, none taken twice;
 * - each step is taken by its one role, and by nobody who submitted the subject;
 * - one person takes at most one step of a subject (two steps by one hand are one check);
 * - the subject is approved exactly when its last configured step is taken;
 * - it can be sent back (returned to its chair to fix, the chain starting over on resubmission,
 *   or rejected for good; plans and tranches alike) by the treasurer at
 *   any point of its round, and by a later approver only when the next step is theirs: a lurah
 *   who finds a fault does not have to approve it, and cannot act before the treasurer verified.
 */
import { fail } from '../errors';

export const APPROVAL_STEP_CODES = ['verify', 'approve', 'acknowledge'] as const;
export type ApprovalStepCode = (typeof APPROVAL_STEP_CODES)[number];
export type ApproverRole = 'bendahara' | 'lurah' | 'camat';

export interface ApprovalStepInfo {
  role: ApproverRole;
  /** What the timeline says once the step is taken. */
  doneLabel: string;
  /** What the button says. */
  action: string;
  /** Who, in words, for "menunggu …". */
  who: string;
}

export const APPROVAL_STEPS: Record<ApprovalStepCode, ApprovalStepInfo> = {
  verify: { role: 'bendahara', doneLabel: 'Diverifikasi bendahara kelurahan', action: 'Verifikasi', who: 'bendahara kelurahan' },
  approve: { role: 'lurah', doneLabel: 'Disetujui lurah', action: 'Setujui', who: 'lurah' },
  acknowledge: { role: 'camat', doneLabel: 'Diketahui camat', action: 'Mengetahui', who: 'camat' },
};

/** The default chain: the treasurer verifies, the lurah approves; the camat's "mengetahui" is a setting, off by default. */
export const DEFAULT_APPROVAL_STEPS: readonly ApprovalStepCode[] = ['verify', 'approve'];

/** A configured chain: known codes, none twice, in the canonical order, starting with the treasurer's verification. */
export function validateApprovalSteps(steps: readonly string[]): void {
  const known = APPROVAL_STEP_CODES as readonly string[];
  const ok =
    steps.length > 0 &&
    steps[0] === 'verify' &&
    steps.every((s) => known.includes(s)) &&
    new Set(steps).size === steps.length &&
    steps.every((s, i) => i === 0 || known.indexOf(s) > known.indexOf(steps[i - 1]!));
  if (!ok) throw fail('approval_steps_invalid');
}

export interface RecordedStep {
  step: ApprovalStepCode;
  userId: number;
}

/** The next step to take, or null when every configured step is taken. */
export function nextApprovalStep(configured: readonly ApprovalStepCode[], recorded: readonly RecordedStep[]): ApprovalStepCode | null {
  const done = new Set(recorded.map((r) => r.step));
  return configured.find((s) => !done.has(s)) ?? null;
}

export interface StepAttempt {
  configured: readonly ApprovalStepCode[];
  recorded: readonly RecordedStep[];
  /** The step the actor means to take (their role's step). */
  step: ApprovalStepCode;
  actor: { userId: number | null; role: string };
  submittedBy: number | null;
  what: 'rencana' | 'pencairan';
}

/**
 * Whether the actor may take this step now. Returns whether it completes the chain; throws
 * `approval_step_not_configured`, `approval_step_wrong_role`, `approver_is_submitter`,
 * `approval_step_taken`, `approval_step_out_of_order` or `approval_step_same_person`.
 */
export function checkApprovalStep(a: StepAttempt): { completes: boolean } {
  if (!a.configured.includes(a.step)) throw fail('approval_step_not_configured');
  if (a.actor.role !== 'system' && APPROVAL_STEPS[a.step].role !== a.actor.role) throw fail('approval_step_wrong_role');
  if (a.actor.userId !== null && a.submittedBy === a.actor.userId) throw fail('approver_is_submitter', { what: a.what });
  if (a.recorded.some((r) => r.step === a.step)) throw fail('approval_step_taken');
  const next = nextApprovalStep(a.configured, a.recorded);
  if (next !== a.step) throw fail('approval_step_out_of_order', { waitingFor: next ? APPROVAL_STEPS[next].who : 'tidak ada' });
  if (a.actor.userId !== null && a.recorded.some((r) => r.userId === a.actor.userId)) throw fail('approval_step_same_person');
  return { completes: a.configured.indexOf(a.step) === a.configured.length - 1 };
}

/** The step a role takes in a chain, or null when the role takes none. */
export function stepOfRole(configured: readonly ApprovalStepCode[], role: string): ApprovalStepCode | null {
  return configured.find((s) => APPROVAL_STEPS[s].role === role) ?? null;
}

/**
 * Whether a role may send the subject back now (return a plan, reject a tranche). Throws
 * `approval_step_not_configured` (a role without a step this year) or
 * `approval_step_out_of_order` (not yet, or no longer, their turn).
 */
export function checkSendBack(a: { configured: readonly ApprovalStepCode[]; recorded: readonly RecordedStep[]; role: string }): void {
  if (a.role === 'system' || a.role === 'bendahara') return;
  const step = stepOfRole(a.configured, a.role);
  if (!step) throw fail('approval_step_not_configured');
  const next = nextApprovalStep(a.configured, a.recorded);
  if (next !== step) throw fail('approval_step_out_of_order', { waitingFor: next ? APPROVAL_STEPS[next].who : 'tidak ada' });
}
