/**
 * What the tranche gates and the year-end close need to know about spending: verified SPJs,
 * verified receipts, and open items, answered from the receipts module's tables.
 */
import type { SpjStatus } from '../domain/grants/spj';
import type { ReceiptStore } from './ports';

export interface SpendingReports {
  /** The status of each of the RT's SPJs in the year, by month (YYYY-MM); a month without one is absent. */
  spjStatuses(rtId: number, year: number): ReadonlyMap<string, SpjStatus>;
  /** Total of the RT's verified receipts in the year. */
  verifiedSpending(rtId: number, year: number): number;
  /** Receipts or SPJs still awaiting a decision in these kelurahan (null = the city). */
  openItems(year: number, kelurahanCodes: string[] | null): number;
}

/** The real answers, from the receipts and SPJ tables. */
export function receiptSpendingReports(receipts: ReceiptStore): SpendingReports {
  return {
    spjStatuses: (rtId, year) => new Map(receipts.spjOfRt(rtId, year).map((r) => [r.month, r.status])),
    verifiedSpending: (rtId, year) => receipts.verifiedTotal(rtId, year),
    openItems: (year, kelurahanCodes) => receipts.openItems(year, kelurahanCodes),
  };
}

/** Answers "nothing has been reported": a gate that depends on it refuses, it never passes by default. */
export const NO_SPENDING_REPORTS: SpendingReports = {
  spjStatuses: () => new Map(),
  verifiedSpending: () => 0,
  openItems: () => 0,
};
