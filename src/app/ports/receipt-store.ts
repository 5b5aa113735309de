/** Receipts (kuitansi), their items and files, and the monthly SPJ reports. */
import type { ReceiptItem, ReceiptStatus } from '../../domain/grants/receipt';
import type { SpjStatus } from '../../domain/grants/spj';

export interface ReceiptRow {
  id: number;
  rtId: number;
  year: number;
  /** Business date of the purchase (YYYY-MM-DD); its month is the SPJ it belongs to. */
  date: string;
  category: string;
  description: string;
  vendor: string;
  notaNumber: string | null;
  amount: number;
  status: ReceiptStatus;
  /** JSON list of flags the bendahara must see (meterai, possible duplicate, ...). */
  flags: string;
  note: string | null;
  submittedBy: number | null;
  submittedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  entryId: number | null;
  reversalEntryId: number | null;
  requestKey: string;
  /** The RT's own number of the receipt in the year (KW-001), given when recorded and kept. */
  number: number | null;
}

/** What recording a receipt writes; the decision columns start empty. */
export type NewReceipt = Pick<
  ReceiptRow,
  'rtId' | 'year' | 'date' | 'category' | 'description' | 'vendor' | 'notaNumber' | 'amount' | 'status' | 'flags' | 'submittedBy' | 'submittedAt' | 'requestKey'
>;

/** A line of a scope's receipt index (exports), with its files as "sha256:kind" separated by spaces. */
export interface ReceiptIndexRow {
  id: number;
  rtId: number;
  kelurahanCode: string;
  date: string;
  category: string;
  description: string;
  vendor: string;
  notaNumber: string | null;
  amount: number;
  status: string;
  entryId: number | null;
  reversalEntryId: number | null;
  /** "sha256:kind sha256:kind …" */
  files: string | null;
  /** JSON list of flags (meterai, possible duplicate, …). */
  flags: string;
  /** Who decided it (verified, returned, rejected): a username. */
  verifier: string | null;
  verifiedAt: string | null;
  /** The return or reversal note. */
  note: string | null;
  /** The RT's receipt number in the year (KW-001), and the RT's numbers, for printed indexes. */
  number: number | null;
  rtNumber: number;
  rwNumber: number;
}

/** An evidence file attached to a receipt. */
export interface ReceiptFileRow {
  sha256: string;
  kind: string;
  originalName: string;
}

/** A pending receipt in the bendahara's review queue, with its RT's numbers. */
export interface PendingReceipt {
  receipt: ReceiptRow;
  rtNumber: number;
  rwNumber: number;
}

/** An RT's cash held back by receipts not verified yet, by their status. */
export interface HeldBackCash {
  pending: number;
  returned: number;
}

/** The live receipt that uses some evidence bytes, and where it is. */
export interface FileOwner {
  receiptId: number;
  rtId: number;
  kelurahanCode: string;
}

/** What makes two receipts the same nota. */
export interface NotaKey {
  vendor: string;
  notaNumber: string | null;
  amount: number;
  date: string;
}

export interface ReceiptCounts {
  /** Live receipts (neither rejected nor reversed). */
  count: number;
  /** Receipts not yet decided (pending or returned). */
  undecided: number;
}

export interface ScopeReceiptCounts {
  receipts: number;
  /** File references (a file on two receipts counts twice). */
  files: number;
}

/** A monthly SPJ (spending report) of an RT. */
export interface SpjRow {
  id: number;
  rtId: number;
  year: number;
  /** YYYY-MM. */
  month: string;
  status: SpjStatus;
  openingCash: number;
  received: number;
  spent: number;
  closingCash: number;
  receiptCount: number;
  submittedBy: number | null;
  submittedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  note: string | null;
  /** Days late at its latest sending; kept once verified. */
  daysLate: number;
}

/** What submitting an SPJ writes; the decision columns may start empty. */
export interface NewSpj {
  rtId: number;
  year: number;
  month: string;
  status: SpjStatus;
  openingCash: number;
  received: number;
  spent: number;
  closingCash: number;
  receiptCount: number;
  submittedBy?: number | null;
  submittedAt: string;
  decidedBy?: number | null;
  decidedAt?: string | null;
  note?: string | null;
  daysLate?: number;
}

/** An SPJ of a kelurahan (the bendahara's queue), with its RT's numbers. */
export interface KelurahanSpj {
  spj: SpjRow;
  rtNumber: number;
  rwNumber: number;
}

export interface ReceiptStore {
  insert(row: NewReceipt, items: readonly ReceiptItem[], files: readonly ReceiptFileRow[]): number;
  addFiles(receiptId: number, files: readonly ReceiptFileRow[]): void;
  find(id: number): ReceiptRow | undefined;
  findByRequestKey(key: string): ReceiptRow | undefined;
  update(id: number, fields: Partial<Omit<ReceiptRow, 'id' | 'rtId' | 'year'>>): void;
  /** Replaces a returned receipt's item lines (its edit in full). */
  replaceItems(receiptId: number, items: readonly ReceiptItem[]): void;
  items(receiptId: number): ReceiptItem[];
  /** The item lines of an RT's receipts of a year (any status), with their receipt, in id order. */
  itemsOfRt(rtId: number, year: number): Array<ReceiptItem & { receiptId: number }>;
  files(receiptId: number): ReceiptFileRow[];
  /** An RT's receipts of a year, newest first. */
  /** An RT's receipts of a year, newest first; narrowed to a status, a month (YYYY-MM) or a category. */
  ofRt(rtId: number, year: number, filter?: { status?: string; month?: string; category?: string }): ReceiptRow[];
  /** Cash held back by receipts not verified yet: waiting for verification, or returned to be completed. */
  heldBack(rtId: number, year: number): HeldBackCash;
  /** Spent or held in a category (verified, pending and returned receipts). */
  usedInCategory(rtId: number, year: number, category: string): number;
  /** The same, of receipts dated in one month (YYYY-MM). */
  usedInCategoryMonth(rtId: number, year: number, category: string, month: string): number;
  /** Cash held per category by receipts not verified yet (pending and returned). */
  heldByCategory(rtId: number, year: number): Map<string, number>;
  /** The live receipt (not rejected or reversed) that already uses these bytes, anywhere in the city. */
  liveFileOwner(sha256: string): FileOwner | undefined;
  /** The id of another live receipt with the same nota (vendor, number, amount and date), if any. */
  sameNota(d: NotaKey, excludeId?: number): number | undefined;
  /** Pending receipts of a kelurahan, oldest first (the bendahara's review queue). */
  /** Waiting receipts of a kelurahan, oldest first; narrowed to one RT, a month (YYYY-MM) or a category. */
  pendingOfKelurahan(kelurahanCode: string, filter?: { rtId?: number; month?: string; category?: string }): PendingReceipt[];
  /** An RT's receipts dated in a month (YYYY-MM), oldest first. */
  inMonth(rtId: number, year: number, month: string): ReceiptRow[];
  /** Total of an RT's verified receipts in the year, or in one month (YYYY-MM). */
  verifiedTotal(rtId: number, year: number, month?: string): number;
  /** Receipts waiting for a decision plus SPJs waiting for verification, in some kelurahan (null = the city). */
  openItems(year: number, kelurahanCodes: string[] | null): number;
  /** The RT of every receipt that uses a file (once per use). */
  rtsUsingFile(sha256: string): number[];
  /** Receipt counts per RT of a kelurahan up to a date: all live ones, and those not yet decided. */
  countsOfKelurahan(year: number, kelurahanCode: string, before: string): Map<number, ReceiptCounts>;
  /** The receipt index of a scope, streamed in id order (a city's 600k receipts never sit in memory). */
  indexOf(year: number, kelurahanCode: string | null): Generator<ReceiptIndexRow>;
  /** Every receipt in the database, any RT, year or status. */
  count(): number;
  /**
   * Receipts and their evidence file references in a scope (for an export's progress bar). A file
   * on two receipts counts twice.
   */
  countInScope(year: number, kelurahanCode: string | null): ScopeReceiptCounts;
  /**
   * The evidence file hashes of a scope's receipts, in hash order; a file on several receipts comes
   * once per receipt (consecutive, so the caller drops repeats).
   */
  evidenceHashesOf(year: number, kelurahanCode: string | null): Generator<string>;

  spj(rtId: number, year: number, month: string): SpjRow | undefined;
  spjById(id: number): SpjRow | undefined;
  /** Every SPJ of a kelurahan's RTs in a year (one read for a whole LPJ), by month. */
  allSpjOfKelurahan(kelurahanCode: string, year: number): SpjRow[];
  spjOfRt(rtId: number, year: number): SpjRow[];
  insertSpj(row: NewSpj): number;
  updateSpj(id: number, fields: Partial<Omit<SpjRow, 'id' | 'rtId' | 'year' | 'month'>>): void;
  /** A kelurahan's SPJs in some statuses, oldest submission first, with their RT numbers. */
  spjOfKelurahan(kelurahanCode: string, year: number, statuses: SpjStatus[]): KelurahanSpj[];
  /** Every verified SPJ in the database, streamed in id order (for `npm run verify`). */
  iterateVerifiedSpj(): Generator<SpjRow>;
}
