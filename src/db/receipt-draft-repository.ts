/** Receipt drafts (issue 19a): a draft row and its files' bytes. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { NewReceiptDraftFile, ReceiptDraftFileRow, ReceiptDraftRow, ReceiptDraftStore } from '../app/ports';
import type { Db } from './client';
import { receiptDraftFiles, receiptDrafts } from './schema';

const fileColumns = {
  id: receiptDraftFiles.id,
  draftId: receiptDraftFiles.draftId,
  field: receiptDraftFiles.field,
  name: receiptDraftFiles.name,
  mime: receiptDraftFiles.mime,
  size: receiptDraftFiles.size,
};

export class ReceiptDraftRepository implements ReceiptDraftStore {
  /** Asked by every receipt upload (a draft it finishes): compiled once, not built per call. */
  private readonly byId;
  private readonly byKey;

  constructor(private readonly db: Db) {
    this.byId = db.orm.select().from(receiptDrafts).where(eq(receiptDrafts.id, sql.placeholder('id'))).prepare();
    this.byKey = db.orm.select().from(receiptDrafts).where(eq(receiptDrafts.requestKey, sql.placeholder('key'))).prepare();
  }

  find(id: number): ReceiptDraftRow | undefined {
    return this.byId.get({ id });
  }

  findByRequestKey(requestKey: string): ReceiptDraftRow | undefined {
    return this.byKey.get({ key: requestKey });
  }

  ofRt(rtId: number, year: number): ReceiptDraftRow[] {
    return this.db.orm.select().from(receiptDrafts).where(and(eq(receiptDrafts.rtId, rtId), eq(receiptDrafts.year, year))).orderBy(desc(receiptDrafts.savedAt), desc(receiptDrafts.id)).all();
  }

  usage(rtId: number): { count: number; bytes: number } {
    const r = this.db.orm
      .select({ count: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${receiptDrafts.bytes}), 0)` })
      .from(receiptDrafts)
      .where(eq(receiptDrafts.rtId, rtId))
      .get();
    return { count: r?.count ?? 0, bytes: r?.bytes ?? 0 };
  }

  files(draftId: number): ReceiptDraftFileRow[] {
    return this.db.orm.select(fileColumns).from(receiptDraftFiles).where(eq(receiptDraftFiles.draftId, draftId)).orderBy(asc(receiptDraftFiles.id)).all();
  }

  fileContent(draftId: number, fileId: number) {
    return this.db.orm
      .select({ ...fileColumns, content: receiptDraftFiles.content })
      .from(receiptDraftFiles)
      .where(and(eq(receiptDraftFiles.draftId, draftId), eq(receiptDraftFiles.id, fileId)))
      .get();
  }

  private addFiles(draftId: number, files: readonly NewReceiptDraftFile[]): void {
    for (const f of files) this.db.orm.insert(receiptDraftFiles).values({ draftId, field: f.field, name: f.name, mime: f.mime, size: f.content.length, content: f.content }).run();
  }

  insert(row: Omit<ReceiptDraftRow, 'id'>, files: readonly NewReceiptDraftFile[]): number {
    const id = Number(this.db.orm.insert(receiptDrafts).values(row).returning({ id: receiptDrafts.id }).get().id);
    this.addFiles(id, files);
    return id;
  }

  update(id: number, row: Pick<ReceiptDraftRow, 'fields' | 'bytes' | 'savedBy' | 'savedAt'>, files?: readonly NewReceiptDraftFile[]): void {
    this.db.orm.update(receiptDrafts).set(row).where(eq(receiptDrafts.id, id)).run();
    if (files) {
      this.db.orm.delete(receiptDraftFiles).where(eq(receiptDraftFiles.draftId, id)).run();
      this.addFiles(id, files);
    }
  }

  delete(id: number): void {
    this.db.orm.delete(receiptDraftFiles).where(eq(receiptDraftFiles.draftId, id)).run();
    this.db.orm.delete(receiptDrafts).where(eq(receiptDrafts.id, id)).run();
  }
}
