/** Metadata of the content-addressed evidence files. */
import { eq, sql } from 'drizzle-orm';
import type { EvidenceFileStore, UsageRow } from '../app/ports';
import { hashBands } from '../domain/evidence/perceptual-hash';
import type { Db } from './client';
import { evidenceFiles } from './schema';

/** The text of phashesInBand's statements by band and list length. */
const bandSql = new Map<number, string>();

export class EvidenceRepository implements EvidenceFileStore {
  /** Asked once per file of an audit bundle and per orphan of a sweep: compiled once. */
  private readonly byHash;

  constructor(private readonly db: Db) {
    this.byHash = db.orm.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, sql.placeholder('sha256'))).prepare();
  }

  ensure(f: { sha256: string; size: number; mime: string; pixelSha256?: string | null; phash?: string | null }, now: string): void {
    const bands = f.phash ? hashBands(f.phash) : [null, null, null, null];
    this.db
      .prepare(
        `INSERT INTO evidence_files (sha256, size, mime, created_at, pixel_sha256, phash, phash_band0, phash_band1, phash_band2, phash_band3)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(f.sha256, f.size, f.mime, now, f.pixelSha256 ?? null, f.phash ?? null, ...bands);
  }

  livePixelOwner(pixelSha256: string) {
    return this.db
      .prepare(
        `SELECT r.id AS receiptId, r.rt_id AS rtId, rt.kelurahan_code AS kelurahanCode, ef.sha256 AS sha256
         FROM evidence_files ef JOIN receipt_files rf ON rf.sha256 = ef.sha256 JOIN receipts r ON r.id = rf.receipt_id JOIN rt ON rt.id = r.rt_id
         WHERE ef.pixel_sha256 = ? AND r.status NOT IN ('rejected', 'reversed') ORDER BY r.id LIMIT 1`,
      )
      .get(pixelSha256) as { receiptId: number; rtId: number; kelurahanCode: string; sha256: string } | undefined;
  }

  phashesInBand(band: number, values: readonly number[]): string[] {
    if (![0, 1, 2, 3].includes(band) || values.length === 0) return [];
    // One statement per band and list length (the probe lists have a fixed length): its text made
    // once here (making it per call cost more than the lookups), compiled once by the cache. The
    // index on (band, phash) covers it: SQLite never reads the table's rows (0029).
    const key = band * 1024 + values.length;
    let sql = bandSql.get(key);
    if (sql === undefined) {
      sql = `SELECT phash FROM evidence_files WHERE phash_band${band} IN (${values.map(() => '?').join(', ')})`;
      bandSql.set(key, sql);
    }
    return this.db.prepare(sql).pluck().all(...values) as string[];
  }

  filesWithPhash(phashes: readonly string[]): Array<{ sha256: string; phash: string }> {
    const out: Array<{ sha256: string; phash: string }> = [];
    // Through the first band's index, which holds the hash beside its band.
    const q = this.db.prepare(`SELECT sha256, phash FROM evidence_files WHERE phash_band0 = ? AND phash = ?`);
    for (const h of new Set(phashes)) out.push(...(q.all(hashBands(h)[0], h) as Array<{ sha256: string; phash: string }>));
    return out;
  }

  liveOwnersOf(sha256s: readonly string[]) {
    if (sha256s.length === 0) return [];
    return this.db
      .prepare(
        `SELECT r.id AS receiptId, r.rt_id AS rtId, rt.kelurahan_code AS kelurahanCode, rf.sha256 AS sha256
         FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id JOIN rt ON rt.id = r.rt_id
         WHERE rf.sha256 IN (${sha256s.map(() => '?').join(', ')}) AND r.status NOT IN ('rejected', 'reversed')`,
      )
      .all(...sha256s) as Array<{ receiptId: number; rtId: number; kelurahanCode: string; sha256: string }>;
  }

  *iterateFingerprinted(): Generator<{ sha256: string; mime: string; pixelSha256: string; phash: string }> {
    yield* this.db.sqlite
      .prepare(`SELECT sha256, mime, pixel_sha256 AS pixelSha256, phash FROM evidence_files WHERE pixel_sha256 IS NOT NULL ORDER BY sha256`)
      .iterate() as IterableIterator<{ sha256: string; mime: string; pixelSha256: string; phash: string }>;
  }

  find(sha256: string) {
    return this.byHash.get({ sha256 });
  }

  /** The hashes that start with a two-character prefix (one range of the primary key). */
  hashesUnder(prefix: string): Set<string> {
    const next = (parseInt(prefix, 16) + 1).toString(16).padStart(2, '0');
    const rows = this.db.prepare(`SELECT sha256 FROM evidence_files WHERE sha256 >= ? AND sha256 < ?`).pluck().all(prefix, next === '100' ? 'g' : next) as string[];
    return new Set(rows);
  }

  /** Every stored file's hash and size, in hash order (streamed: a city's files never sit in memory). */
  *iterate(): Generator<{ sha256: string; size: number }> {
    yield* this.db.sqlite.prepare(`SELECT sha256, size FROM evidence_files ORDER BY sha256`).iterate() as IterableIterator<{ sha256: string; size: number }>;
  }

  /** Bytes of the distinct files an RT's records of a year hold: one range of evidence_usage (kept by triggers, db/0032). */
  bytesUsedBy(rtId: number, year: number): number {
    return (this.db.prepare(`SELECT COALESCE(SUM(size), 0) AS bytes FROM evidence_usage WHERE rt_id = ? AND year = ?`).get(rtId, year) as { bytes: number }).bytes;
  }

  /**
   * The rows of evidence_usage that differ from the records (receipts of any status, plans'
   * berita acara, plan documents) recounted by a join: `missing` a file a record holds that the
   * table lacks (or with another size), `extra` a row no record holds (at most `limit` each).
   */
  usageDrift(limit: number): { missing: UsageRow[]; extra: UsageRow[] } {
    const held = `SELECT u.rt_id AS rtId, u.year AS year, u.sha256 AS sha256, ef.size AS size FROM (
        SELECT r.rt_id, r.year, rf.sha256 FROM receipt_files rf JOIN receipts r ON r.id = rf.receipt_id
        UNION SELECT p.rt_id, p.year, p.berita_acara_sha256 FROM plans p WHERE p.berita_acara_sha256 IS NOT NULL
        UNION SELECT p.rt_id, p.year, d.sha256 FROM plan_documents d JOIN plans p ON p.id = d.plan_id
      ) u JOIN evidence_files ef ON ef.sha256 = u.sha256`;
    const kept = `SELECT rt_id AS rtId, year, sha256, size FROM evidence_usage`;
    return {
      missing: this.db.prepare(`${held} EXCEPT ${kept} LIMIT ?`).all(limit) as UsageRow[],
      extra: this.db.prepare(`${kept} EXCEPT ${held} LIMIT ?`).all(limit) as UsageRow[],
    };
  }

  /** The records that use a file, for a message that names them ("kuitansi #3", "RAP #2"). */
  usedBy(sha256: string): string[] {
    const rows = this.db.prepare(
        `SELECT 'kuitansi #' || receipt_id AS what FROM receipt_files WHERE sha256 = ?
         UNION SELECT 'RAP #' || id FROM plans WHERE berita_acara_sha256 = ?
         UNION SELECT 'berkas RAP #' || plan_id FROM plan_documents WHERE sha256 = ?`,
      )
      .all(sha256, sha256, sha256) as Array<{ what: string }>;
    return rows.map((r) => r.what);
  }

  all(): string[] {
    return this.db.orm.select({ sha256: evidenceFiles.sha256 }).from(evidenceFiles).all().map((r) => r.sha256);
  }
}
