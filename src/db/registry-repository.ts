/** The registry: kecamatan → kelurahan → RW → RT. */
import { and, asc, eq } from 'drizzle-orm';
import type { RegistryStore, RtDetail, RtEditable } from '../app/ports';
import { RW_GRANTEE_NUMBER, type RtRow, type WilayahRow } from '../domain/registry/rows';
import type { Db } from './client';
import { ReadCache } from './read-cache';
import { kecamatan, kelurahan, rt, rw } from './schema';

export type { RtDetail, RtEditable } from '../app/ports';

const RT_DETAIL_SQL = `SELECT t.id, t.number, t.rw_id AS rwId, w.number AS rwNumber, t.kelurahan_code AS kelurahanCode,
    l.name AS kelurahanName, l.kecamatan_code AS kecamatanCode, k.name AS kecamatanName, t.chair_name AS chairName,
    t.secretary_name AS secretaryName, t.treasurer_name AS treasurerName, t.bank_account AS bankAccount, t.active, t.kind, t.programme
  FROM rt t JOIN rw w ON w.id = t.rw_id JOIN kelurahan l ON l.code = t.kelurahan_code JOIN kecamatan k ON k.code = l.kecamatan_code`;

const toDetail = (r: Omit<RtDetail, 'active'> & { active: number }): RtDetail => ({ ...r, active: r.active === 1 });

export class RegistryRepository implements RegistryStore {
  private readonly kept: ReadCache;

  constructor(private readonly db: Db) {
    this.kept = new ReadCache(db);
  }

  /** Every kecamatan with its counts; counting a city's RTs per kecamatan takes ~3 ms, so it is kept until the next commit. */
  kecamatanList() {
    return [...this.kept.remember('kecamatanList', () => this.countKecamatan())];
  }

  private countKecamatan() {
    return this.db.prepare(
        `SELECT k.code, k.name,
           (SELECT COUNT(*) FROM kelurahan l WHERE l.kecamatan_code = k.code) AS kelurahanCount,
           (SELECT COUNT(*) FROM rt t JOIN kelurahan l ON l.code = t.kelurahan_code WHERE l.kecamatan_code = k.code AND t.kind = 'rt' AND t.programme = 'OPS') AS rtCount,
           (SELECT COUNT(*) FROM rt t JOIN kelurahan l ON l.code = t.kelurahan_code WHERE l.kecamatan_code = k.code AND t.active = 1 AND t.kind = 'rt' AND t.programme = 'OPS') AS activeRtCount
         FROM kecamatan k ORDER BY k.code`,
      )
      .all() as Array<{ code: string; name: string; kelurahanCount: number; rtCount: number; activeRtCount: number }>;
  }

  findKecamatan(code: string) {
    return this.db.orm.select().from(kecamatan).where(eq(kecamatan.code, code)).get();
  }

  /** A kecamatan's kelurahan with their counts, kept until the next commit (the reports page lists the whole city's). */
  kelurahanList(kecamatanCode: string) {
    return [...this.kept.remember(`kelurahanList:${kecamatanCode}`, () => this.countKelurahan(kecamatanCode))];
  }

  private countKelurahan(kecamatanCode: string) {
    return this.db.prepare(
        `SELECT l.code, l.name,
           (SELECT COUNT(*) FROM rw WHERE rw.kelurahan_code = l.code) AS rwCount,
           (SELECT COUNT(*) FROM rt WHERE rt.kelurahan_code = l.code AND rt.kind = 'rt' AND rt.programme = 'OPS') AS rtCount,
           (SELECT COUNT(*) FROM rt WHERE rt.kelurahan_code = l.code AND rt.active = 1 AND rt.kind = 'rt' AND rt.programme = 'OPS') AS activeRtCount
         FROM kelurahan l WHERE l.kecamatan_code = ? ORDER BY l.code`,
      )
      .all(kecamatanCode) as Array<{ code: string; name: string; rwCount: number; rtCount: number; activeRtCount: number }>;
  }

  findKelurahan(code: string) {
    return this.db.prepare(
        `SELECT l.code, l.name, l.kecamatan_code AS kecamatanCode, k.name AS kecamatanName
         FROM kelurahan l JOIN kecamatan k ON k.code = l.kecamatan_code WHERE l.code = ?`,
      )
      .get(code) as { code: string; name: string; kecamatanCode: string; kecamatanName: string } | undefined;
  }

  kelurahanByName(name: string) {
    // kelurahan_name_nocase_idx (db/ migration of issue 19) serves this comparison.
    return this.db
      .prepare(
        `SELECT l.code, l.name, l.kecamatan_code AS kecamatanCode, k.name AS kecamatanName
         FROM kelurahan l JOIN kecamatan k ON k.code = l.kecamatan_code WHERE l.name = ? COLLATE NOCASE ORDER BY l.code`,
      )
      .all(name) as Array<{ code: string; name: string; kecamatanCode: string; kecamatanName: string }>;
  }

  kelurahanExists(code: string): boolean {
    return !!this.db.orm.select({ code: kelurahan.code }).from(kelurahan).where(eq(kelurahan.code, code)).get();
  }

  rtsOfKelurahan(kelurahanCode: string): RtDetail[] {
    return (
      this.db.prepare(`${RT_DETAIL_SQL} WHERE t.kelurahan_code = ? ORDER BY w.number, t.number`)
        .all(kelurahanCode) as Array<Omit<RtDetail, 'active'> & { active: number }>
    ).map(toDetail);
  }

  findRt(id: number): RtDetail | undefined {
    const r = this.db.prepare(`${RT_DETAIL_SQL} WHERE t.id = ?`).get(id) as
      | (Omit<RtDetail, 'active'> & { active: number })
      | undefined;
    return r && toDetail(r);
  }

  findRtByNumbers(kelurahanCode: string, rwNumber: number, rtNumber: number, programme = 'OPS'): RtDetail | undefined {
    const r = this.db.prepare(`${RT_DETAIL_SQL} WHERE t.kelurahan_code = ? AND w.number = ? AND t.number = ? AND t.programme = ?`)
      .get(kelurahanCode, rwNumber, rtNumber, programme) as (Omit<RtDetail, 'active'> & { active: number }) | undefined;
    return r && toDetail(r);
  }

  /** Active RTs (optionally of one kelurahan), for allocation. */
  activeRts(kelurahanCode?: string): RtDetail[] {
    const where = kelurahanCode ? 'WHERE t.active = 1 AND t.kelurahan_code = ?' : 'WHERE t.active = 1';
    const stmt = this.db.prepare(`${RT_DETAIL_SQL} ${where} ORDER BY t.id`);
    const rows = (kelurahanCode ? stmt.all(kelurahanCode) : stmt.all()) as Array<Omit<RtDetail, 'active'> & { active: number }>;
    return rows.map(toDetail);
  }

  /** Inserts or renames; returns what changed (for the audit log). */
  upsertWilayah(r: WilayahRow): { kecamatan: 'inserted' | 'renamed' | 'same'; kelurahan: 'inserted' | 'renamed' | 'same' } {
    const kec = this.db.orm.select().from(kecamatan).where(eq(kecamatan.code, r.kecamatanCode)).get();
    let kecamatanChange: 'inserted' | 'renamed' | 'same' = 'same';
    if (!kec) {
      this.db.orm.insert(kecamatan).values({ code: r.kecamatanCode, name: r.kecamatanName }).run();
      kecamatanChange = 'inserted';
    } else if (kec.name !== r.kecamatanName) {
      this.db.orm.update(kecamatan).set({ name: r.kecamatanName }).where(eq(kecamatan.code, r.kecamatanCode)).run();
      kecamatanChange = 'renamed';
    }
    const kel = this.db.orm.select().from(kelurahan).where(eq(kelurahan.code, r.kelurahanCode)).get();
    let kelurahanChange: 'inserted' | 'renamed' | 'same' = 'same';
    if (!kel) {
      this.db.orm
        .insert(kelurahan)
        .values({ code: r.kelurahanCode, kecamatanCode: r.kecamatanCode, name: r.kelurahanName })
        .run();
      kelurahanChange = 'inserted';
    } else if (kel.name !== r.kelurahanName || kel.kecamatanCode !== r.kecamatanCode) {
      this.db.orm
        .update(kelurahan)
        .set({ name: r.kelurahanName, kecamatanCode: r.kecamatanCode })
        .where(eq(kelurahan.code, r.kelurahanCode))
        .run();
      kelurahanChange = 'renamed';
    }
    return { kecamatan: kecamatanChange, kelurahan: kelurahanChange };
  }

  ensureRw(kelurahanCode: string, number: number): number {
    const found = this.db.orm
      .select({ id: rw.id })
      .from(rw)
      .where(and(eq(rw.kelurahanCode, kelurahanCode), eq(rw.number, number)))
      .get();
    if (found) return found.id;
    return Number(this.db.orm.insert(rw).values({ kelurahanCode, number }).run().lastInsertRowid);
  }

  /** Inserts an RT, or updates its chair and bank account; returns the before state if it changed. */
  upsertRt(r: Omit<RtRow, 'line'>): { id: number; change: 'inserted' | 'updated' | 'same'; before?: RtEditable } {
    const rwId = this.ensureRw(r.kelurahanCode, r.rwNumber);
    const existing = this.db.orm
      .select()
      .from(rt)
      .where(and(eq(rt.rwId, rwId), eq(rt.number, r.rtNumber), eq(rt.programme, 'OPS')))
      .get();
    if (!existing) {
      const id = Number(
        this.db.orm
          .insert(rt)
          .values({
            rwId,
            kelurahanCode: r.kelurahanCode,
            number: r.rtNumber,
            chairName: r.chairName,
            bankAccount: r.bankAccount,
          })
          .run().lastInsertRowid,
      );
      return { id, change: 'inserted' };
    }
    if (existing.chairName === r.chairName && existing.bankAccount === r.bankAccount) {
      return { id: existing.id, change: 'same' };
    }
    const before = {
      chairName: existing.chairName,
      secretaryName: existing.secretaryName,
      treasurerName: existing.treasurerName,
      bankAccount: existing.bankAccount,
    };
    this.db.orm.update(rt).set({ chairName: r.chairName, bankAccount: r.bankAccount }).where(eq(rt.id, existing.id)).run();
    return { id: existing.id, change: 'updated', before };
  }

  insertGrantee(g: { kelurahanCode: string; rwNumber: number; number: number; kind: 'rt' | 'rw'; programme: string }, fields: { chairName: string; bankAccount: string }): number {
    const rwId = this.ensureRw(g.kelurahanCode, g.rwNumber);
    const number = g.kind === 'rw' ? RW_GRANTEE_NUMBER : g.number;
    return Number(this.db.orm.insert(rt).values({ rwId, kelurahanCode: g.kelurahanCode, number, kind: g.kind, programme: g.programme, ...fields }).run().lastInsertRowid);
  }

  updateRt(id: number, fields: RtEditable): void {
    this.db.orm.update(rt).set(fields).where(eq(rt.id, id)).run();
  }

  setRtActive(id: number, active: boolean): void {
    this.db.orm.update(rt).set({ active }).where(eq(rt.id, id)).run();
  }

  /** bank account -> "kelurahan/rw/rt" of the RT holding it. */
  bankAccountHolders(): Map<string, string> {
    const rows = this.db.prepare(`SELECT t.bank_account AS a, t.kelurahan_code || '/' || w.number || '/' || t.number || CASE t.programme WHEN 'OPS' THEN '' ELSE '/' || t.programme END AS k FROM rt t JOIN rw w ON w.id = t.rw_id`)
      .all() as Array<{ a: string; k: string }>;
    return new Map(rows.map((r) => [r.a, r.k]));
  }

  counts() {
    return this.db.prepare(
        `SELECT (SELECT COUNT(*) FROM kecamatan) AS kecamatan, (SELECT COUNT(*) FROM kelurahan) AS kelurahan,
                (SELECT COUNT(*) FROM rw) AS rw, (SELECT COUNT(*) FROM rt WHERE kind = 'rt' AND programme = 'OPS') AS rt,
                (SELECT COUNT(*) FROM rt WHERE active = 1 AND kind = 'rt' AND programme = 'OPS') AS activeRt`,
      )
      .get() as { kecamatan: number; kelurahan: number; rw: number; rt: number; activeRt: number };
  }

  kecamatanCodes(): string[] {
    return this.db.orm.select({ code: kecamatan.code }).from(kecamatan).orderBy(asc(kecamatan.code)).all().map((r) => r.code);
  }
}
