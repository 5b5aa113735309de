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
  /**
   * Every version-2 entry of a receipt, a tranche or a bank transfer, with the facts it carries
   * and the business record it is the entry of today (null fields when no record points to it).
   * Streamed in entry order.
   */
  entryFactRows(): Iterable<EntryFactRow>;
}

/** A version-2 entry's stored facts beside its record's fields as they are now. */
export interface EntryFactRow {
  entryId: number;
  eventType: 'receipt' | 'tranche' | 'bank_transfer';
  /** The facts JSON as stored in the entry (covered by its hash), or null. */
  facts: string | null;
  receipt: { id: number; rtId: number; date: string; category: string; description: string; vendor: string; notaNumber: string | null; amount: number; evidence: string[] } | null;
  tranche: { id: number; rtId: number; lines: Array<{ category: string; description: string; amount: number }> } | null;
  bankRow: { trancheId: number; rtId: number; batchId: number; bankAccount: string } | null;
}

export interface PlanLineUse {
  rtId: number;
  year: number;
  category: string;
  planned: number;
  verified: number;
}
