/** Aduan warga: complaints, their steps and answers, and the per-address counts of the form. */
import type { ComplaintKind, ComplaintLevel, ComplaintTargetKind } from '../../domain/complaints/complaint';
import type { Official } from '../../domain/complaints/routing';
import type { Role } from '../../domain/access';

/** The RT or RW a complaint is about, with the areas it belongs to. */
export interface ComplaintTarget {
  kind: ComplaintTargetKind;
  /** The RT (for an RW: its own grantee row, when it has one). */
  rtId: number | null;
  rwId: number;
  rwNumber: number;
  rtNumber: number | null;
  kelurahanCode: string;
  kelurahanName: string;
  kecamatanCode: string;
  kecamatanName: string;
}

export interface ComplaintRow {
  id: number;
  code: string;
  targetKind: ComplaintTargetKind;
  rtId: number | null;
  rwId: number;
  kelurahanCode: string;
  kecamatanCode: string;
  kind: ComplaintKind;
  message: string;
  senderName: string | null;
  senderPhone: string | null;
  receivedAt: string;
  receivedOn: string;
  firstDeadlineOn: string;
  level: ComplaintLevel;
  deadlineOn: string;
  assignedUserId: number | null;
  assignedRole: string;
  escalatedAt: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredOn: string | null;
  answeredByUserId: number | null;
  answeredByRole: string | null;
  publishedAt: string | null;
}

export type NewComplaint = Omit<ComplaintRow, 'id' | 'escalatedAt' | 'answer' | 'answeredAt' | 'answeredOn' | 'answeredByUserId' | 'answeredByRole' | 'publishedAt'> & { messageKey: string };

/** A step taken: who holds the complaint now and until when. */
export interface ComplaintStep {
  level: ComplaintLevel;
  deadlineOn: string;
  assignedUserId: number | null;
  assignedRole: Role;
  escalatedAt: string | null;
}

/** Which complaints an official's inbox holds: a kelurahan, some kecamatan, or (both absent) the city. */
export interface ComplaintScope {
  kelurahanCode?: string;
  kecamatanCodes?: string[];
}

/** An RT with complaints unanswered past the kelurahan's deadline. */
export interface OverdueComplaintsOfRt {
  rtId: number;
  count: number;
  /** The earliest missed deadline (YYYY-MM-DD). */
  oldestDeadline: string;
}

/**
 * The early-warning desk's read of complaints (issue 20, "complaints past their deadline"): per RT,
 * the complaints still unanswered after the kelurahan's deadline, as of a WIB date (YYYY-MM-DD).
 */
export interface OverdueComplaints {
  overdueComplaintsByRt(asOf: string): OverdueComplaintsOfRt[];
}

export interface ComplaintStore extends OverdueComplaints {
  findTarget(kind: ComplaintTargetKind, id: number): ComplaintTarget | undefined;
  insert(c: NewComplaint): number;
  find(id: number): ComplaintRow | undefined;
  findByCode(code: string): ComplaintRow | undefined;
  /** The first complaint with this normalized message to this target received at or after `sinceIso`. */
  duplicateOf(messageKey: string, target: { kind: ComplaintTargetKind; rtId: number | null; rwId: number }, sinceIso: string): ComplaintRow | undefined;
  /** Complaints the target received at or after `sinceIso`. */
  countForTarget(target: { kind: ComplaintTargetKind; rtId: number | null; rwId: number }, sinceIso: string): number;
  recordAttempt(addressKey: string, atIso: string): void;
  attemptsSince(addressKey: string, sinceIso: string): number;
  /** Removes attempts older than `beforeIso` (at most `limit` rows a call). */
  pruneAttempts(beforeIso: string, limit: number): number;
  /** The complaints of a scope, oldest deadline first (unanswered before answered). */
  inScope(scope: ComplaintScope, limit: number): ComplaintRow[];
  /** Unanswered complaints not yet at the city whose step's deadline is before `date`, oldest first (the escalation tick). */
  unansweredPastStepDeadline(date: string, limit: number): ComplaintRow[];
  setStep(id: number, step: ComplaintStep): void;
  setAnswer(id: number, a: { answer: string; answeredAt: string; answeredOn: string; answeredByUserId: number | null; answeredByRole: string; publishedAt: string }): void;
  /** Published answers of an RT's or RW's page, newest first. */
  published(target: { kind: ComplaintTargetKind; id: number }, limit: number): ComplaintRow[];
  /** The officials a complaint may be routed to (lurah, bendahara, pengawas, admin). */
  officials(): Official[];
}
