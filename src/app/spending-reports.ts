/**
 * What the tranche gates and the year-end close need to know about spending: verified SPJs,
 * verified receipts, and open items. The receipts module (issue #5) provides the real
 * implementation; until then NO_SPENDING_REPORTS answers truthfully that nothing has been
 * reported, so the gates that depend on it refuse rather than pass.
 */
export interface SpendingReports {
  /** Whether the RT's SPJ for a month (YYYY-MM) has been verified by the kelurahan. */
  isSpjVerified(rtId: number, year: number, month: string): boolean;
  /** Total of the RT's verified receipts in the year. */
  verifiedSpending(rtId: number, year: number): number;
  /** Receipts or SPJs still awaiting a decision in these kelurahan (null = the city). */
  openItems(year: number, kelurahanCodes: string[] | null): number;
}

export const NO_SPENDING_REPORTS: SpendingReports = {
  isSpjVerified: () => false,
  verifiedSpending: () => 0,
  openItems: () => 0,
};
