/** Issue 20 (open books): the public pages' data version, receipt files in bulk, photo decisions (SQLite). */
import type { Statement } from 'better-sqlite3';
import type { PhotoCandidate, PhotoDecision, PublicStore } from '../app/ports';
import type { Db } from './client';

/** Audit actions that record a read (sign-ins, downloads, file views): they change nothing shown. */
const READ_ACTIONS = `action NOT LIKE 'auth.%' AND action NOT LIKE 'file.%' AND action NOT LIKE 'report.%' AND action NOT LIKE 'export.%' AND action NOT LIKE 'bundle.%'`;

const chunks = <T>(xs: readonly T[], n = 400): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export class PublicRepository implements PublicStore {
  private readonly version: Statement;
  /** The data version for the rest of this event-loop turn, and the commit count it was read at. */
  private kept: { commits: number; value: string } | null = null;
  constructor(private readonly db: Db) {
    // Each part reads one end of a b-tree (the audit part walks back over reads only until it finds a change).
    this.version = db.sqlite.prepare(
      `SELECT (SELECT IFNULL(MAX(id), 0) FROM journal_entries) AS e,
              (SELECT IFNULL((SELECT id FROM audit_log WHERE ${READ_ACTIONS} ORDER BY id DESC LIMIT 1), 0)) AS a,
              (SELECT IFNULL(MAX(id), 0) FROM photo_visibility) AS p,
              (SELECT IFNULL(MAX(seq), 0) FROM checkpoints) AS c`,
    );
  }

  /**
   * Asked by every public request (a page shared city-wide: thousands a second), so the answer is
   * kept for the rest of the event loop's turn unless this connection commits meanwhile (its
   * commit counter) — the same rule as the read cache's 'once per turn': another process's commit
   * shows from the next turn.
   */
  dataVersion(): string {
    const commits = this.db.commits();
    if (this.kept?.commits === commits) return this.kept.value;
    const r = this.version.get() as { e: number; a: number; p: number; c: number };
    const value = `${r.e}.${r.a}.${r.p}.${r.c}`;
    this.kept = { commits, value };
    setImmediate(() => {
      this.kept = null;
    }).unref();
    return value;
  }

  filesOf(receiptIds: readonly number[]): Map<number, Array<{ sha256: string; kind: string }>> {
    const out = new Map<number, Array<{ sha256: string; kind: string }>>();
    for (const part of chunks(receiptIds)) {
      const rows = this.db.sqlite
        .prepare(`SELECT receipt_id AS receiptId, sha256, kind FROM receipt_files WHERE receipt_id IN (${part.map(() => '?').join(',')}) ORDER BY id`)
        .all(...part) as Array<{ receiptId: number; sha256: string; kind: string }>;
      for (const r of rows) out.set(r.receiptId, [...(out.get(r.receiptId) ?? []), { sha256: r.sha256, kind: r.kind }]);
    }
    return out;
  }

  hiddenAmong(receiptIds: readonly number[]): Set<string> {
    const out = new Set<string>();
    for (const part of chunks(receiptIds)) {
      const rows = this.db.sqlite
        .prepare(
          `SELECT v.receipt_id AS receiptId, v.sha256, v.hidden FROM photo_visibility v
            WHERE v.receipt_id IN (${part.map(() => '?').join(',')})
              AND v.id = (SELECT MAX(id) FROM photo_visibility w WHERE w.receipt_id = v.receipt_id AND w.sha256 = v.sha256)`,
        )
        .all(...part) as Array<{ receiptId: number; sha256: string; hidden: number }>;
      for (const r of rows) if (r.hidden) out.add(`${r.receiptId}:${r.sha256}`);
    }
    return out;
  }

  photoCandidates(sha256: string): PhotoCandidate[] {
    return this.db.sqlite
      .prepare(
        `SELECT r.id AS receiptId, r.rt_id AS rtId, f.kind, r.category, r.year, r.status, e.mime
           FROM receipt_files f JOIN receipts r ON r.id = f.receipt_id JOIN evidence_files e ON e.sha256 = f.sha256
          WHERE f.sha256 = ?`,
      )
      .all(sha256) as PhotoCandidate[];
  }

  decisionsOf(receiptId: number): PhotoDecision[] {
    return (
      this.db.sqlite
        .prepare(`SELECT id, receipt_id AS receiptId, sha256, hidden, reason, decided_by AS decidedBy, decided_at AS decidedAt FROM photo_visibility WHERE receipt_id = ? ORDER BY id`)
        .all(receiptId) as Array<Omit<PhotoDecision, 'hidden'> & { hidden: number }>
    ).map((r) => ({ ...r, hidden: r.hidden === 1 }));
  }

  insertDecision(d: Omit<PhotoDecision, 'id'>): number {
    return Number(
      this.db.sqlite
        .prepare(`INSERT INTO photo_visibility (receipt_id, sha256, hidden, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(d.receiptId, d.sha256, d.hidden ? 1 : 0, d.reason, d.decidedBy, d.decidedAt).lastInsertRowid,
    );
  }
}
