/** What waits for whom, counted (the homes and the menu's badges), and the comment threads on items. */

/** Where a count looks: one RT, one kelurahan, one kecamatan, or the whole city (all null). */
export interface WorkScope {
  rtId?: number | null;
  kelurahanCode?: string | null;
  kecamatanCode?: string | null;
}

export interface WaitingCount {
  count: number;
  /** The oldest waiting item's time (ISO) or null when none waits. */
  oldestAt: string | null;
}

export interface WorkCountStore {
  /** Receipts waiting for the treasurer's decision. */
  pendingReceipts(scope: WorkScope): WaitingCount;
  /** SPJs sent, waiting for verification. */
  submittedSpj(scope: WorkScope): WaitingCount;
  /** Plans of a year waiting for `step` (the step before it, if any, taken in the plan's round). */
  plansAtStep(scope: WorkScope, year: number, step: string, previous: string | null): WaitingCount;
  /** Tranches of a year waiting for `step`, likewise. */
  tranchesAtStep(scope: WorkScope, year: number, step: string, previous: string | null): WaitingCount;
  /** Approved tranches not yet in a bank batch (BPKAD's work). */
  unbatchedTranches(scope: WorkScope): WaitingCount;
  /** An RT's returned receipts, plans and SPJs. */
  returnedOfRt(rtId: number): number;
}

export type CommentItemKind = 'receipt' | 'plan' | 'spj';

export interface ItemCommentRow {
  id: number;
  itemKind: CommentItemKind;
  itemId: number;
  authorId: number;
  authorName: string;
  authorRole: string;
  body: string;
  createdAt: string;
}

export interface CommentStore {
  insert(row: { itemKind: CommentItemKind; itemId: number; authorId: number; body: string; createdAt: string }): number;
  ofItem(itemKind: CommentItemKind, itemId: number): ItemCommentRow[];
}
