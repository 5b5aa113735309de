/** Tranches, their RBB lines, bank batches and year closures. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BankBatchRow, BankWork, BatchRowRecord, NewBankBatch, NewBatchRow, NewTranche, TrancheRow, TrancheStore, TrancheTransfer } from '../app/ports';
import type { PlanLine } from '../domain/grants/plan';
import type { TrancheStatus } from '../domain/grants/tranche';
import type { Db } from './client';
import { bankBatchRows, bankBatches, rt, rw, trancheLines, tranches, yearClosures } from './schema';

export type { BankBatchRow, TrancheRow } from '../app/ports';

/** A batch without its stored file (lists never load the bytes). */
const BATCH_COLUMNS = {
  id: bankBatches.id,
  kelurahanCode: bankBatches.kelurahanCode,
  year: bankBatches.year,
  rowCount: bankBatches.rowCount,
  total: bankBatches.total,
  createdBy: bankBatches.createdBy,
  createdAt: bankBatches.createdAt,
  paidBy: bankBatches.paidBy,
  paidAt: bankBatches.paidAt,
  status: bankBatches.status,
  csvSha256: bankBatches.csvSha256,
  cancelledBy: bankBatches.cancelledBy,
  cancelledAt: bankBatches.cancelledAt,
  cancelReason: bankBatches.cancelReason,
};

export class TrancheRepository implements TrancheStore {
  private readonly ofKelurahanQueries = new Map<string, ReturnType<TrancheRepository['buildOfKelurahan']>>();

  constructor(private readonly db: Db) {}

  private buildOfKelurahan(statuses: TrancheStatus[], withYear: boolean) {
    return this.db.orm
      .select({ tranche: tranches, rtNumber: rt.number, rwNumber: rw.number, chairName: rt.chairName, bankAccount: rt.bankAccount, rtActive: rt.active })
      .from(tranches)
      .innerJoin(rt, eq(rt.id, tranches.rtId))
      .innerJoin(rw, eq(rw.id, rt.rwId))
      .where(and(eq(rt.kelurahanCode, sql.placeholder('kel')), inArray(tranches.status, statuses), withYear ? eq(tranches.year, sql.placeholder('year')) : undefined))
      .orderBy(asc(tranches.requestedAt), asc(tranches.id))
      .prepare();
  }

  find(id: number): TrancheRow | undefined {
    return this.db.orm.select().from(tranches).where(eq(tranches.id, id)).get();
  }

  findByRequestKey(key: string): TrancheRow | undefined {
    return this.db.orm.select().from(tranches).where(eq(tranches.requestKey, key)).get();
  }

  ofRt(rtId: number, year: number): TrancheRow[] {
    return this.db.orm.select().from(tranches).where(and(eq(tranches.rtId, rtId), eq(tranches.year, year))).orderBy(asc(tranches.period), asc(tranches.id)).all();
  }

  lines(trancheId: number): PlanLine[] {
    return this.db.orm
      .select({ category: trancheLines.category, description: trancheLines.description, amount: trancheLines.amount })
      .from(trancheLines)
      .where(eq(trancheLines.trancheId, trancheId))
      .orderBy(asc(trancheLines.id))
      .all();
  }

  insert(row: NewTranche, lines: readonly PlanLine[]): number {
    const id = Number(this.db.orm.insert(tranches).values(row).run().lastInsertRowid);
    if (lines.length) this.db.orm.insert(trancheLines).values(lines.map((l) => ({ ...l, trancheId: id }))).run();
    return id;
  }

  update(id: number, fields: Partial<Omit<TrancheRow, 'id' | 'rtId' | 'year'>>): void {
    this.db.orm.update(tranches).set(fields).where(eq(tranches.id, id)).run();
  }

  /** RBB amounts per category of the RT's live tranches. */
  drawnByCategory(rtId: number, year: number): Map<string, number> {
    const rows = this.db.prepare(
        `SELECT l.category, SUM(l.amount) AS amount FROM tranche_lines l JOIN tranches t ON t.id = l.tranche_id
         WHERE t.rt_id = ? AND t.year = ? AND t.status IN ('pending', 'approved', 'paid') GROUP BY l.category`,
      )
      .all(rtId, year) as Array<{ category: string; amount: number }>;
    return new Map(rows.map((r) => [r.category, r.amount]));
  }

  rbbLine(rtId: number, year: number, month: string, category: string): number | null {
    const row = this.db
      .prepare(
        `SELECT COUNT(DISTINCT t.id) AS tranches, COALESCE(SUM(CASE WHEN l.category = ? THEN l.amount END), 0) AS amount
         FROM tranches t LEFT JOIN tranche_lines l ON l.tranche_id = t.id
         WHERE t.rt_id = ? AND t.year = ? AND t.mode = 'monthly' AND t.period = ? AND t.status IN ('pending', 'approved', 'paid')`,
      )
      .get(category, rtId, year, month) as { tranches: number; amount: number };
    return row.tranches === 0 ? null : row.amount;
  }

  /** Undrawn allocation reserved by pending tranches of an RT. */
  reserved(rtId: number, year: number): number {
    return (
      this.db.orm
        .select({ n: sql<number>`coalesce(sum(${tranches.amount}), 0)` })
        .from(tranches)
        .where(and(eq(tranches.rtId, rtId), eq(tranches.year, year), eq(tranches.status, 'pending')))
        .get()?.n ?? 0
    );
  }

  /** The drawn (approved or paid) tranches of a kelurahan's RTs in a year, walked from the RTs (for SPJ schedules). */
  drawnOfKelurahan(kelurahanCode: string, year: number): Array<Pick<TrancheRow, 'rtId' | 'status' | 'mode' | 'period' | 'decidedAt'>> {
    return this.db
      .prepare(
        `SELECT t.rt_id AS rtId, t.status, t.mode, t.period, t.decided_at AS decidedAt FROM rt CROSS JOIN tranches t ON t.rt_id = rt.id
         WHERE rt.kelurahan_code = ? AND t.year = ? AND t.status IN ('approved', 'paid')`,
      )
      .all(kelurahanCode, year) as Array<Pick<TrancheRow, 'rtId' | 'status' | 'mode' | 'period' | 'decidedAt'>>;
  }

  /** Tranches of a kelurahan in some statuses, oldest request first, with their RT numbers. */
  ofKelurahan(kelurahanCode: string, statuses: TrancheStatus[], year?: number) {
    // The treasurer's queue asks this on every load: compiled once per list of statuses (building it cost more than running it).
    const key = `${statuses.join(',')}|${year === undefined ? '' : 'year'}`;
    let query = this.ofKelurahanQueries.get(key);
    if (!query) {
      query = this.buildOfKelurahan(statuses, year !== undefined);
      this.ofKelurahanQueries.set(key, query);
    }
    return query.all({ kel: kelurahanCode, year });
  }

  /** Approved tranches not yet in a batch. */
  unbatched(kelurahanCode: string) {
    return this.ofKelurahan(kelurahanCode, ['approved']).filter((r) => r.tranche.batchId === null);
  }

  countInStatus(year: number, statuses: TrancheStatus[], kelurahanCodes: string[] | null): number {
    return (
      this.db.orm
        .select({ n: sql<number>`count(*)` })
        .from(tranches)
        .innerJoin(rt, eq(rt.id, tranches.rtId))
        .where(and(eq(tranches.year, year), inArray(tranches.status, statuses), kelurahanCodes ? inArray(rt.kelurahanCode, kelurahanCodes) : undefined))
        .get()?.n ?? 0
    );
  }

  /** Every bank account number that more than one RT uses (for a whole bank batch). */
  sharedAccounts(): Set<string> {
    const rows = this.db.prepare(`SELECT bank_account AS a FROM rt GROUP BY bank_account HAVING COUNT(*) > 1`).all() as Array<{ a: string }>;
    return new Set(rows.map((r) => r.a));
  }

  /** Whether another RT has the same bank account number (a shared number is suspicious). One index lookup. */
  accountShared(bankAccount: string): boolean {
    return (this.db.prepare(`SELECT count(*) AS n FROM rt WHERE bank_account = ?`).get(bankAccount) as { n: number }).n > 1;
  }

  insertBatch(row: NewBankBatch, rows: readonly NewBatchRow[]): number {
    const id = Number(this.db.orm.insert(bankBatches).values(row).run().lastInsertRowid);
    if (rows.length) {
      this.db.orm.insert(bankBatchRows).values(rows.map((r) => ({ ...r, batchId: id }))).run();
      this.db.orm.update(tranches).set({ batchId: id }).where(and(inArray(tranches.id, rows.map((r) => r.trancheId)), isNull(tranches.batchId))).run();
    }
    return id;
  }

  findBatch(id: number): BankBatchRow | undefined {
    return this.db.orm.select(BATCH_COLUMNS).from(bankBatches).where(eq(bankBatches.id, id)).get();
  }

  batches(kelurahanCode: string): BankBatchRow[] {
    return this.db.orm.select(BATCH_COLUMNS).from(bankBatches).where(eq(bankBatches.kelurahanCode, kelurahanCode)).orderBy(desc(bankBatches.id)).all();
  }

  batchFile(batchId: number): Buffer | null {
    return this.db.orm.select({ csv: bankBatches.csvFile }).from(bankBatches).where(eq(bankBatches.id, batchId)).get()?.csv ?? null;
  }

  storeBatchFile(batchId: number, csv: Buffer, sha256: string): void {
    this.db.orm.update(bankBatches).set({ csvFile: csv, csvSha256: sha256 }).where(and(eq(bankBatches.id, batchId), isNull(bankBatches.csvFile))).run();
  }

  batchRows(batchId: number): BatchRowRecord[] {
    return this.db.orm.select().from(bankBatchRows).where(eq(bankBatchRows.batchId, batchId)).orderBy(asc(bankBatchRows.id)).all();
  }

  findBatchRow(id: number): BatchRowRecord | undefined {
    return this.db.orm.select().from(bankBatchRows).where(eq(bankBatchRows.id, id)).get();
  }

  updateBatchRow(id: number, fields: Partial<Pick<BatchRowRecord, 'status' | 'bankReference' | 'paidOn' | 'failureReason' | 'answeredBy' | 'answeredAt' | 'entryId'>>): void {
    this.db.orm.update(bankBatchRows).set(fields).where(eq(bankBatchRows.id, id)).run();
  }

  updateBatch(id: number, fields: Partial<Pick<BankBatchRow, 'status' | 'paidBy' | 'paidAt' | 'cancelledBy' | 'cancelledAt' | 'cancelReason'>>): void {
    this.db.orm.update(bankBatches).set(fields).where(eq(bankBatches.id, id)).run();
  }

  transfersOf(trancheIds: readonly number[]): TrancheTransfer[] {
    if (!trancheIds.length) return [];
    return this.db.orm
      .select({ row: bankBatchRows, batchCreatedAt: bankBatches.createdAt })
      .from(bankBatchRows)
      .innerJoin(bankBatches, eq(bankBatches.id, bankBatchRows.batchId))
      .where(inArray(bankBatchRows.trancheId, [...trancheIds]))
      .orderBy(asc(bankBatchRows.id))
      .all()
      .map(({ row, batchCreatedAt }) => ({ ...row, batchCreatedAt }));
  }

  bankWork(): BankWork[] {
    return this.db
      .prepare(
        `SELECT k.code AS kelurahanCode, k.name AS kelurahanName,
           (SELECT COUNT(*) FROM tranches t JOIN rt ON rt.id = t.rt_id WHERE rt.kelurahan_code = k.code AND t.status = 'approved' AND t.batch_id IS NULL) AS unbatched,
           (SELECT COALESCE(SUM(t.amount), 0) FROM tranches t JOIN rt ON rt.id = t.rt_id WHERE rt.kelurahan_code = k.code AND t.status = 'approved' AND t.batch_id IS NULL) AS unbatchedTotal,
           (SELECT COUNT(*) FROM bank_batches b WHERE b.kelurahan_code = k.code AND b.status = 'open') AS openBatches
         FROM kelurahan k WHERE k.code IN (
           SELECT rt.kelurahan_code FROM tranches t JOIN rt ON rt.id = t.rt_id WHERE t.status = 'approved'
           UNION SELECT kelurahan_code FROM bank_batches WHERE status = 'open')
         ORDER BY k.name`,
      )
      .all() as BankWork[];
  }

  isClosed(year: number, kelurahanCode: string): boolean {
    return !!this.db.prepare(`SELECT 1 FROM year_closures WHERE year = ? AND kelurahan_code = ?`).get(year, kelurahanCode);
  }

  close(year: number, kelurahanCode: string, closedBy: string, now: string): void {
    this.db.orm.insert(yearClosures).values({ year, kelurahanCode, closedBy, closedAt: now }).onConflictDoNothing().run();
  }

  closedKelurahan(year: number): Set<string> {
    return new Set(this.db.orm.select({ code: yearClosures.kelurahanCode }).from(yearClosures).where(eq(yearClosures.year, year)).all().map((r) => r.code));
  }
}
