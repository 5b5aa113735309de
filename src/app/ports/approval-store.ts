/** The chain of approval: the steps taken on plans and tranches (append-only). */
import type { ApprovalStepCode } from '../../domain/grants/approval-chain';

export type ApprovalSubject = 'plan' | 'tranche';

export interface ApprovalStepRow {
  id: number;
  subjectType: ApprovalSubject;
  subjectId: number;
  /** The subject's submission time: a resubmitted plan starts a new round. */
  round: string;
  step: ApprovalStepCode;
  userId: number;
  role: string;
  /** The name and NIP of who took the step, as they were when it was taken. */
  name: string;
  nip: string | null;
  at: string;
}

export type NewApprovalStep = Omit<ApprovalStepRow, 'id'>;

export interface ApprovalStore {
  record(step: NewApprovalStep): number;
  /** The steps of one round of a subject, in the order taken. */
  ofRound(subjectType: ApprovalSubject, subjectId: number, round: string): ApprovalStepRow[];
  /** Every step of these subjects (every round), in the order taken. */
  ofSubjects(subjectType: ApprovalSubject, subjectIds: readonly number[]): ApprovalStepRow[];
}
