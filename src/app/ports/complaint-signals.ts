/**
 * What the early-warning desk needs from the residents' complaints (aduan warga, helper 20b):
 * per grantee, the complaints still unanswered past their deadline on a date. 20b implements
 * it; until the lead wires that in, the default adapter reports none.
 */
export interface ComplaintSignals {
  /** Grantees with complaints unanswered past their deadline on `asOf` (YYYY-MM-DD). */
  overdueByRt(asOf: string): Array<{ rtId: number; count: number; oldestDeadline: string }>;
}

