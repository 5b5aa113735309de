/** Receipt drafts saved on the server (issue 19a): the typed fields and the photos, no ledger effect. */

export interface ReceiptDraftRow {
  id: number;
  rtId: number;
  year: number;
  requestKey: string;
  /** JSON of the form's values. */
  fields: string;
  bytes: number;
  savedBy: number | null;
  savedAt: string;
}

export interface ReceiptDraftFileRow {
  id: number;
  draftId: number;
  field: string;
  name: string;
  mime: string;
  size: number;
}

export interface NewReceiptDraftFile {
  field: string;
  name: string;
  mime: string;
  content: Buffer;
}

export interface ReceiptDraftStore {
  find(id: number): ReceiptDraftRow | undefined;
  findByRequestKey(requestKey: string): ReceiptDraftRow | undefined;
  ofRt(rtId: number, year: number): ReceiptDraftRow[];
  /** How many drafts an RT keeps, and their bytes (all years). */
  usage(rtId: number): { count: number; bytes: number };
  files(draftId: number): ReceiptDraftFileRow[];
  fileContent(draftId: number, fileId: number): (ReceiptDraftFileRow & { content: Buffer }) | undefined;
  insert(row: Omit<ReceiptDraftRow, 'id'>, files: readonly NewReceiptDraftFile[]): number;
  /** New fields; the files replaced when `files` is given, kept otherwise. */
  update(id: number, row: Pick<ReceiptDraftRow, 'fields' | 'bytes' | 'savedBy' | 'savedAt'>, files?: readonly NewReceiptDraftFile[]): void;
  delete(id: number): void;
}
