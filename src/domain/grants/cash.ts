/**
 * The cash an RT may still spend: the one rule used when a receipt is recorded, re-sent and
 * verified, when a tranche is reversed, and by the pages.
 *
 * Cash available = what the bank has paid into the RT's account − receipts verified, pending
 * and returned. An approved tranche waits in its own ledger account ("dalam transfer") until the
 * bank's answer moves it to the RT's cash, so the ledger's cash is already only paid money.
 * A pending receipt reserves its amount; a returned one keeps it reserved (the money was spent;
 * the chair completes its evidence and sends it again). In ledger terms: the lowest cash balance
 * from the spending's date on (spending posts on its own date, so the cash book never goes
 * below zero on any day), less what pending and returned receipts reserve.
 *
 * Invariants: never more than the ledger's cash from the date on; money in transit is never
 * spendable; the result may be negative (more is reserved than paid), and then nothing fits.
 */
export interface CashFacts {
  /** The RT's lowest cash balance in the ledger from the spending's date on (tranches the bank paid less verified spending). */
  ledgerCashFrom: number;
  /** Receipts waiting for verification. */
  pending: number;
  /** Receipts returned to the chair to complete. */
  returned: number;
}

export function cashAvailable(f: CashFacts): number {
  return f.ledgerCashFrom - f.pending - f.returned;
}
