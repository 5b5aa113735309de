/**
 * What the tranche gates and the year-end close need to know about spending: verified SPJs,
 * verified receipts, and open items, answered from the receipts module's tables.
 */
import type { ReceiptStore } from './ports';

export interface SpendingReports {
  /** Whether the RT's SPJ for a month (YYYY-MM) has been verified by the kelurahan. */
  isSpjVerified(rtId: number, year: number, month: string): boolean;
  /** Total of the RT's verified receipts in the year. */
  verifiedSpending(rtId: number, year: number): number;
  /** Receipts or SPJs still awaiting a decision in these kelurahan (null = the city). */
  openItems(year: number, kelurahanCodes: string[] | null): number;
}

/** The real answers, from the receipts and SPJ tables. */
export function receiptSpendingReports(receipts: ReceiptStore): SpendingReports {
  return {
    isSpjVerified: (rtId, year, month) => receipts.spjVerified(rtId, year, month),
    verifiedSpending: (rtId, year) => receipts.verifiedTotal(rtId, year),
    openItems: (year, kelurahanCodes) => receipts.openItems(year, kelurahanCodes),
  };
}

/** Answers "nothing has been reported": a gate that depends on it refuses, it never passes by default. */
export const NO_SPENDING_REPORTS: SpendingReports = {
  isSpjVerified: () => false,
  verifiedSpending: () => 0,
  openItems: () => 0,
};
