/** Metadata of the content-addressed evidence files. */
import { eq, sql } from 'drizzle-orm';
import type { EvidenceFileStore } from '../app/ports';
import type { Db } from './client';
import { evidenceFiles } from './schema';

export class EvidenceRepository implements EvidenceFileStore {
  /** Asked once per file of an audit bundle and per orphan of a sweep: compiled once. */
  private readonly byHash;

  constructor(private readonly db: Db) {
    this.byHash = db.orm.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, sql.placeholder('sha256'))).prepare();
  }

  ensure(f: { sha256: string; size: number; mime: string }, now: string): void {
    this.db.prepare(`INSERT INTO evidence_files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(f.sha256, f.size, f.mime, now);
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

  /** The records that use a file, for a message that names them ("kuitansi #3", "RAP #2"). */
  usedBy(sha256: string): string[] {
    const rows = this.db.prepare(
        `SELECT 'kuitansi #' || receipt_id AS what FROM receipt_files WHERE sha256 = ?
         UNION SELECT 'RAP #' || id FROM plans WHERE berita_acara_sha256 = ?`,
      )
      .all(sha256, sha256) as Array<{ what: string }>;
    return rows.map((r) => r.what);
  }

  all(): string[] {
    return this.db.orm.select({ sha256: evidenceFiles.sha256 }).from(evidenceFiles).all().map((r) => r.sha256);
  }
}
