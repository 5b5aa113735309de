/**
 * Cross-checks between the business records and the ledger, for `npm run verify`: the records
 * that disagree (a tranche marked approved without its entry, a batch whose total is not its
 * rows, money left on an RT after its kelurahan's year was closed) and the provenance of each
 * entry (the record it names points back to it).
 */

/** One check that found records disagreeing: what it checks, how many, and one of them. */
export interface Disagreement {
  what: string;
  count: number;
  example: string | null;
}

export interface ConsistencyStore {
  /** The checks that found something (an empty list when the records and the ledger agree). */
  disagreements(): Disagreement[];
  /**
   * Per RT, year and category with verified spending, under an approved plan: the plan's line
   * (0 when the plan does not name the category) and the verified spending. Streamed.
   */
  planLineUse(): Iterable<PlanLineUse>;
}

export interface PlanLineUse {
  rtId: number;
  year: number;
  category: string;
  planned: number;
  verified: number;
}
