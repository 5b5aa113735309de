/**
 * What the year-end close reads and keeps besides the ledger: the open records of a kelurahan's
 * RTs (the facts its blockers are computed from), the admins' overrides of blockers with their
 * reasons, and the corrections posted into closed years.
 */
import type { RtCloseFacts } from '../../domain/grants/year-close';

/** One override as stored (append-only). */
export interface CloseOverrideRow {
  id: number;
  year: number;
  kelurahanCode: string;
  rtId: number;
  blockerKey: string;
  kind: string;
  subject: string;
  reason: string;
  overriddenBy: string;
  overriddenByUser: number | null;
  overriddenAt: string;
}

export type NewCloseOverride = Omit<CloseOverrideRow, 'id'>;

/** A correction entry posted into a closed year, as the correction page lists it. */
export interface CorrectionRow {
  entryId: number;
  year: number;
  rtId: number;
  occurredOn: string;
  recordedAt: string;
  description: string;
  reason: string | null;
  actor: string;
  amount: number;
}

export interface YearCloseStore {
  /** Per RT of the kelurahan that has any open record or drawn tranche in the year: the facts its blockers come from. */
  factsOfKelurahan(year: number, kelurahanCode: string): RtCloseFacts[];
  overrides(year: number, kelurahanCode: string | null): CloseOverrideRow[];
  insertOverride(row: NewCloseOverride): number;
  /** Every (year, kelurahan) closed so far. */
  closures(): Array<{ year: number; kelurahanCode: string; closedAt: string }>;
  corrections(year: number): CorrectionRow[];
  /**
   * For verify: correction entries that break the rule (an RT that does not exist or whose
   * kelurahan was not closed for the year before the correction was recorded, postings on an
   * account that is not that RT's spending, returned or lapsed account, no reason).
   */
  badCorrections(): string[];
}
