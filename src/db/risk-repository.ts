/** The early-warning desk's tables: risk_flags, risk_state, risk_dirty, risk_links (schema.ts). */
import type { RankQuery, RankedGrantee, RiskFlagWrite, RiskGranteeState, RiskLink, RiskStore, StoredRiskFlag } from '../app/ports';
import type { Db } from './client';
import { ReadCache } from './read-cache';

interface FlagRow {
  id: number;
  year: number;
  rt_id: number;
  kind: string;
  severity: number;
  score: number;
  numbers: string;
  evidence: string;
  computed_on: string;
  computed_at: string;
  first_seen_at: string;
  state: 'open' | 'followed_up';
  follow_note: string | null;
  followed_by: string | null;
  followed_at: string | null;
  followed_severity: number | null;
}

const toFlag = (r: FlagRow): StoredRiskFlag => ({
  id: r.id,
  year: r.year,
  rtId: r.rt_id,
  kind: r.kind as StoredRiskFlag['kind'],
  severity: r.severity,
  score: r.score,
  numbers: JSON.parse(r.numbers) as StoredRiskFlag['numbers'],
  evidence: JSON.parse(r.evidence) as StoredRiskFlag['evidence'],
  computedOn: r.computed_on,
  computedAt: r.computed_at,
  firstSeenAt: r.first_seen_at,
  state: r.state,
  followNote: r.follow_note,
  followedBy: r.followed_by,
  followedAt: r.followed_at,
  followedSeverity: r.followed_severity,
});

const STATE_COLUMNS = 'year, rt_id AS rtId, computed_on AS computedOn, computed_at AS computedAt, open_score AS openScore, flag_count AS flagCount';
const LINK_COLUMNS = 'kind, key, rt_id AS rtId, kelurahan_code AS kelurahanCode, receipt_id AS receiptId, num';
/** SQLite's limit on bound values is far above this; chunks keep each statement small. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** One interval of a nota series' numbers held by other grantees (year, key, low, high, the asker): read from risk_links_num_idx (db/0035). */
const NOTA_NUMBERS_WITHIN = `FROM risk_links WHERE year = ? AND kind = 'nota' AND key = ? AND num BETWEEN ? AND ? AND rt_id <> ?`;

export class RiskRepository implements RiskStore {
  /**
   * Vendor spreads kept until the next commit, and inside a write transaction for the rest of it
   * (ReadCache): a refresh pass and verify's recomputation ask the same few city-wide vendors for
   * every grantee (a chain store sits in thousands of RTs, and counting its RTs reads all its
   * links). Links change only through replaceLinks, which drops them.
   */
  private readonly spreads: ReadCache;

  constructor(private readonly db: Db) {
    this.spreads = new ReadCache(db, { max: 4096, insideTransactions: 'per transaction' });
  }

  private get sql() {
    return this.db.sqlite;
  }

  dirty(limit: number): Array<{ year: number; rtId: number }> {
    return this.sql.prepare('SELECT year, rt_id AS rtId FROM risk_dirty ORDER BY rowid LIMIT ?').all(limit) as Array<{ year: number; rtId: number }>;
  }

  dirtyCount(year?: number): number {
    const r = (year === undefined ? this.sql.prepare('SELECT COUNT(*) AS n FROM risk_dirty').get() : this.sql.prepare('SELECT COUNT(*) AS n FROM risk_dirty WHERE year = ?').get(year)) as { n: number };
    return r.n;
  }

  isDirty(year: number, rtId: number): boolean {
    return this.sql.prepare('SELECT 1 FROM risk_dirty WHERE year = ? AND rt_id = ?').get(year, rtId) !== undefined;
  }

  markDirty(year: number, rtIds: readonly number[]): void {
    const st = this.sql.prepare('INSERT OR IGNORE INTO risk_dirty (year, rt_id) VALUES (?, ?)');
    for (const id of rtIds) st.run(year, id);
  }

  clearDirty(year: number, rtId: number): void {
    this.sql.prepare('DELETE FROM risk_dirty WHERE year = ? AND rt_id = ?').run(year, rtId);
  }

  flagsOf(year: number, rtId: number): StoredRiskFlag[] {
    return (this.sql.prepare('SELECT * FROM risk_flags WHERE year = ? AND rt_id = ? ORDER BY score DESC, kind').all(year, rtId) as FlagRow[]).map(toFlag);
  }

  flagsOfMany(year: number, rtIds: readonly number[]): StoredRiskFlag[] {
    return chunks(rtIds).flatMap((ids) =>
      (this.sql.prepare(`SELECT * FROM risk_flags WHERE year = ? AND rt_id IN (${marks(ids.length)}) ORDER BY score DESC, kind`).all(year, ...ids) as FlagRow[]).map(toFlag),
    );
  }

  findFlag(id: number): StoredRiskFlag | undefined {
    const r = this.sql.prepare('SELECT * FROM risk_flags WHERE id = ?').get(id) as FlagRow | undefined;
    return r && toFlag(r);
  }

  saveGrantee(year: number, rtId: number, flags: readonly RiskFlagWrite[], state: Omit<RiskGranteeState, 'year' | 'rtId'>): void {
    const kinds = flags.map((f) => f.kind);
    this.sql.prepare(`DELETE FROM risk_flags WHERE year = ? AND rt_id = ?${kinds.length ? ` AND kind NOT IN (${marks(kinds.length)})` : ''}`).run(year, rtId, ...kinds);
    const upsert = this.sql.prepare(
      `INSERT INTO risk_flags (year, rt_id, kind, severity, score, numbers, evidence, computed_on, computed_at, first_seen_at, state, follow_note, followed_by, followed_at, followed_severity)
       VALUES (@year, @rtId, @kind, @severity, @score, @numbers, @evidence, @computedOn, @computedAt, @firstSeenAt, @state, @followNote, @followedBy, @followedAt, @followedSeverity)
       ON CONFLICT (year, rt_id, kind) DO UPDATE SET severity = excluded.severity, score = excluded.score, numbers = excluded.numbers, evidence = excluded.evidence,
         computed_on = excluded.computed_on, computed_at = excluded.computed_at, state = excluded.state, follow_note = excluded.follow_note,
         followed_by = excluded.followed_by, followed_at = excluded.followed_at, followed_severity = excluded.followed_severity`,
    );
    for (const f of flags) upsert.run({ ...f, numbers: JSON.stringify(f.numbers), evidence: JSON.stringify(f.evidence) });
    this.sql
      .prepare(
        `INSERT INTO risk_state (year, rt_id, computed_on, computed_at, open_score, flag_count) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (year, rt_id) DO UPDATE SET computed_on = excluded.computed_on, computed_at = excluded.computed_at, open_score = excluded.open_score, flag_count = excluded.flag_count`,
      )
      .run(year, rtId, state.computedOn, state.computedAt, state.openScore, state.flagCount);
  }

  computedOtherThan(year: number, rtIds: readonly number[], day: string): number[] {
    const out: number[] = [];
    for (const ids of chunks([...new Set(rtIds)])) {
      const same = new Set(this.sql.prepare(`SELECT rt_id FROM risk_state WHERE year = ? AND computed_on = ? AND rt_id IN (${marks(ids.length)})`).pluck().all(year, day, ...ids) as number[]);
      for (const id of ids) if (!same.has(id)) out.push(id);
    }
    return out;
  }

  stateOf(year: number, rtId: number): RiskGranteeState | undefined {
    return this.sql.prepare(`SELECT ${STATE_COLUMNS} FROM risk_state WHERE year = ? AND rt_id = ?`).get(year, rtId) as RiskGranteeState | undefined;
  }

  states(year: number): RiskGranteeState[] {
    return this.sql.prepare(`SELECT ${STATE_COLUMNS} FROM risk_state WHERE year = ? ORDER BY rt_id`).all(year) as RiskGranteeState[];
  }

  linksOf(year: number, rtId: number): RiskLink[] {
    return this.sql.prepare(`SELECT ${LINK_COLUMNS} FROM risk_links WHERE year = ? AND rt_id = ? ORDER BY kind, key, receipt_id, num`).all(year, rtId) as RiskLink[];
  }

  replaceLinks(year: number, rtId: number, links: readonly RiskLink[]): void {
    this.spreads.forget();
    this.sql.prepare('DELETE FROM risk_links WHERE year = ? AND rt_id = ?').run(year, rtId);
    const ins = this.sql.prepare('INSERT INTO risk_links (year, kind, key, rt_id, kelurahan_code, receipt_id, num) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const l of links) ins.run(year, l.kind, l.key, rtId, l.kelurahanCode, l.receiptId, l.num);
  }

  linksWithKeys(year: number, kind: RiskLink['kind'], keys: readonly string[]): RiskLink[] {
    return chunks([...new Set(keys)]).flatMap(
      (ks) => this.sql.prepare(`SELECT ${LINK_COLUMNS} FROM risk_links WHERE year = ? AND kind = ? AND key IN (${marks(ks.length)})`).all(year, kind, ...ks) as RiskLink[],
    );
  }

  notaHoldersWithin(year: number, key: string, intervals: ReadonlyArray<readonly [number, number]>, exceptRtId: number): number[] {
    // One range of risk_links_num_idx (0035) per interval: SQLite reads the numbers in range, never the table.
    const q = this.sql.prepare(`SELECT DISTINCT rt_id ${NOTA_NUMBERS_WITHIN}`).pluck();
    const out = new Set<number>();
    for (const [lo, hi] of intervals) for (const id of q.all(year, key, lo, hi, exceptRtId) as number[]) out.add(id);
    return [...out];
  }

  notaNumbersWithin(year: number, key: string, intervals: ReadonlyArray<readonly [number, number]>, exceptRtId: number): Array<[number, number]> {
    const q = this.sql.prepare(`SELECT rt_id, num ${NOTA_NUMBERS_WITHIN}`).raw();
    return intervals.flatMap(([lo, hi]) => q.all(year, key, lo, hi, exceptRtId) as Array<[number, number]>);
  }

  vendorSpread(year: number, keys: readonly string[]): Array<{ key: string; rts: number; kelurahan: number }> {
    // Only keys with links, as the query answers (a key without links is no row).
    return [...new Set(keys)].flatMap((key) => {
      const v = this.spreads.remember(`${year}|${key}`, () => this.countSpreads(year, [key])[0] ?? { key, rts: 0, kelurahan: 0 });
      return v.rts > 0 ? [{ key, rts: v.rts, kelurahan: v.kelurahan }] : [];
    });
  }

  private countSpreads(year: number, keys: readonly string[]): Array<{ key: string; rts: number; kelurahan: number }> {
    return chunks(keys).flatMap(
      (ks) =>
        this.sql
          .prepare(`SELECT key, COUNT(DISTINCT rt_id) AS rts, COUNT(DISTINCT kelurahan_code) AS kelurahan FROM risk_links WHERE year = ? AND kind = 'vendor' AND key IN (${marks(ks.length)}) GROUP BY key`)
          .all(year, ...ks) as Array<{ key: string; rts: number; kelurahan: number }>,
    );
  }

  rtsHolding(year: number, kind: RiskLink['kind'], keys: readonly string[]): number[] {
    const out = new Set<number>();
    for (const ks of chunks([...new Set(keys)])) {
      for (const r of this.sql.prepare(`SELECT DISTINCT rt_id AS rtId FROM risk_links WHERE year = ? AND kind = ? AND key IN (${marks(ks.length)})`).all(year, kind, ...ks) as Array<{ rtId: number }>) out.add(r.rtId);
    }
    return [...out];
  }

  ranked(q: RankQuery): { rows: RankedGrantee[]; total: number } {
    const where = ['s.year = ?', 's.flag_count > 0'];
    const args: unknown[] = [q.year];
    if (q.kecamatanCodes) {
      where.push(`k.kecamatan_code IN (${marks(q.kecamatanCodes.length || 1)})`);
      args.push(...(q.kecamatanCodes.length ? q.kecamatanCodes : ['-']));
    }
    if (q.kelurahanCode) {
      where.push('r.kelurahan_code = ?');
      args.push(q.kelurahanCode);
    }
    if (q.kind) {
      where.push('EXISTS (SELECT 1 FROM risk_flags f WHERE f.year = s.year AND f.rt_id = s.rt_id AND f.kind = ?)');
      args.push(q.kind);
    }
    const from = `FROM risk_state s JOIN rt r ON r.id = s.rt_id JOIN rw w ON w.id = r.rw_id JOIN kelurahan k ON k.code = r.kelurahan_code WHERE ${where.join(' AND ')}`;
    const total = (this.sql.prepare(`SELECT COUNT(*) AS n ${from}`).get(...args) as { n: number }).n;
    const rows = this.sql
      .prepare(
        `SELECT s.year, s.rt_id AS rtId, s.computed_on AS computedOn, s.computed_at AS computedAt, s.open_score AS openScore, s.flag_count AS flagCount,
                r.kind, r.number, w.number AS rwNumber, r.kelurahan_code AS kelurahanCode, k.name AS kelurahanName, k.kecamatan_code AS kecamatanCode
         ${from} ORDER BY s.open_score DESC, s.flag_count DESC, s.rt_id LIMIT ? OFFSET ?`,
      )
      .all(...args, q.limit, q.offset) as RankedGrantee[];
    return { rows, total };
  }

  followUp(id: number, f: { note: string; by: string; at: string; severity: number }): void {
    this.sql.prepare(`UPDATE risk_flags SET state = 'followed_up', follow_note = ?, followed_by = ?, followed_at = ?, followed_severity = ? WHERE id = ?`).run(f.note, f.by, f.at, f.severity, id);
  }

  changedSince(year: number, since: string, kecamatanCodes: string[] | null): { fresh: StoredRiskFlag[]; followed: StoredRiskFlag[] } {
    const scope = kecamatanCodes ? ` AND f.rt_id IN (SELECT r.id FROM rt r JOIN kelurahan k ON k.code = r.kelurahan_code WHERE k.kecamatan_code IN (${marks(kecamatanCodes.length || 1)}))` : '';
    const scopeArgs = kecamatanCodes ? (kecamatanCodes.length ? kecamatanCodes : ['-']) : [];
    const q = (col: string) => (this.sql.prepare(`SELECT f.* FROM risk_flags f WHERE f.year = ? AND f.${col} >= ?${scope} ORDER BY f.score DESC, f.id`).all(year, since, ...scopeArgs) as FlagRow[]).map(toFlag);
    return { fresh: q('first_seen_at'), followed: q('followed_at') };
  }
}
