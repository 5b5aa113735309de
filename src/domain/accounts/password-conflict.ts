/**
 * The conflict rule of temporary passwords: whoever issues a temporary password to an RT
 * officer's account (creating it, or resetting it) could sign in as that officer, so she may not
 * decide that RT's items (receipts, plans, tranches, SPJ) for CONFLICT_DAYS days after the issue.
 *
 * Invariants:
 * - one rule, here: used at every decision (src/app/scope.ts) and by `npm run verify`, which
 *   replays the audit log (src/app/verify-password-conflicts.ts);
 * - the window is [issuedAt, issuedAt + 30 days): on the 30th day after, at the same time, she
 *   may decide again;
 * - an issue to an account of another RT, or by someone else, is no conflict.
 */
import { formatTanggal } from '../calendar';
import { fail } from '../errors';

export const CONFLICT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A temporary password given to an RT officer's account: who gave it, for which RT, when (ISO). */
export interface PasswordIssue {
  issuedBy: number;
  rtId: number;
  issuedAt: string;
}

/** Until when (ISO) an issue bars its issuer from that RT's decisions. */
export const conflictUntil = (issuedAt: string): string => new Date(Date.parse(issuedAt) + CONFLICT_DAYS * DAY_MS).toISOString();

/** The issue that bars `deciderId` from deciding RT `rtId`'s items at `at`, if any (the latest). */
export function barringIssue(issues: readonly PasswordIssue[], deciderId: number | null, rtId: number, at: string): PasswordIssue | undefined {
  if (deciderId === null) return undefined;
  const t = Date.parse(at);
  return issues
    .filter((i) => i.issuedBy === deciderId && i.rtId === rtId && Date.parse(i.issuedAt) <= t && t < Date.parse(i.issuedAt) + CONFLICT_DAYS * DAY_MS)
    .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
}

/** The bar an issue puts on its issuer: from the day of the issue until the day it ends (ISO dates). */
export interface DecisionBar {
  issuedOn: string;
  until: string;
}

/** The bar on `deciderId` for RT `rtId`'s items at `at`, if any: what the pages show and what the decision refuses. */
export function decisionBar(issues: readonly PasswordIssue[], deciderId: number | null, rtId: number, at: string): DecisionBar | undefined {
  const issue = barringIssue(issues, deciderId, rtId, at);
  return issue ? { issuedOn: issue.issuedAt.slice(0, 10), until: conflictUntil(issue.issuedAt).slice(0, 10) } : undefined;
}

/** The short note a page shows in place of the decide buttons. */
export const decisionBarNote = (bar: DecisionBar): string =>
  `Anda tidak dapat memutuskan sejak ${formatTanggal(bar.issuedOn)} sampai ${formatTanggal(bar.until)}: Anda memberi kata sandi sementara kepada akun RT ini. Bendahara lain yang memutuskan, atau tunggu sampai tanggal itu.`;

/** Throws `decider_issued_password` (409) when such an issue bars the decision. */
export function refuseIfIssuedPassword(issues: readonly PasswordIssue[], deciderId: number | null, rtId: number, at: string): void {
  const bar = decisionBar(issues, deciderId, rtId, at);
  if (bar) throw fail('decider_issued_password', bar);
}
