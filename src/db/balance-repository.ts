/**
 * Balances per RT, kelurahan and kecamatan, read from the per-account balance cache (kept in
 * the posting transaction and checked against the postings by `npm run verify`).
 */
import type { Db } from './client';

export interface RtMoney {
  undrawn: number;
  cash: number;
  spent: number;
  /** undrawn + cash + spent: what the RT was given this year (before year-end close). */
  allocated: number;
}

const SUMS = `COALESCE(SUM(CASE WHEN a.kind = 'undrawn' THEN a.balance END), 0) AS undrawn,
  COALESCE(SUM(CASE WHEN a.kind = 'cash' THEN a.balance END), 0) AS cash,
  COALESCE(SUM(CASE WHEN a.kind = 'spending' THEN a.balance END), 0) AS spent`;

const withAllocated = <T extends { undrawn: number; cash: number; spent: number }>(r: T) => ({
  ...r,
  allocated: r.undrawn + r.cash + r.spent,
});

export class BalanceRepository {
  constructor(private readonly db: Db) {}

  ofRt(year: number, rtId: number): RtMoney {
    const r = this.db.sqlite
      .prepare(`SELECT ${SUMS} FROM accounts a WHERE a.year = ? AND a.rt_id = ?`)
      .get(year, rtId) as { undrawn: number; cash: number; spent: number };
    return withAllocated(r);
  }

  perRtOfKelurahan(year: number, kelurahanCode: string): Map<number, RtMoney> {
    const rows = this.db.sqlite
      .prepare(
        `SELECT a.rt_id AS rtId, ${SUMS} FROM accounts a JOIN rt t ON t.id = a.rt_id
         WHERE a.year = ? AND t.kelurahan_code = ? GROUP BY a.rt_id`,
      )
      .all(year, kelurahanCode) as Array<{ rtId: number; undrawn: number; cash: number; spent: number }>;
    return new Map(rows.map((r) => [r.rtId, withAllocated(r)]));
  }

  perKelurahanOfKecamatan(year: number, kecamatanCode: string): Map<string, RtMoney & { rtCount: number }> {
    const rows = this.db.sqlite
      .prepare(
        `SELECT t.kelurahan_code AS code, COUNT(DISTINCT a.rt_id) AS rtCount, ${SUMS}
         FROM accounts a JOIN rt t ON t.id = a.rt_id JOIN kelurahan l ON l.code = t.kelurahan_code
         WHERE a.year = ? AND l.kecamatan_code = ? GROUP BY t.kelurahan_code`,
      )
      .all(year, kecamatanCode) as Array<{ code: string; rtCount: number; undrawn: number; cash: number; spent: number }>;
    return new Map(rows.map((r) => [r.code, withAllocated(r)]));
  }

  perKecamatan(year: number): Map<string, RtMoney & { rtCount: number }> {
    const rows = this.db.sqlite
      .prepare(
        `SELECT l.kecamatan_code AS code, COUNT(DISTINCT a.rt_id) AS rtCount, ${SUMS}
         FROM accounts a JOIN rt t ON t.id = a.rt_id JOIN kelurahan l ON l.code = t.kelurahan_code
         WHERE a.year = ? GROUP BY l.kecamatan_code`,
      )
      .all(year) as Array<{ code: string; rtCount: number; undrawn: number; cash: number; spent: number }>;
    return new Map(rows.map((r) => [r.code, withAllocated(r)]));
  }

  city(year: number): RtMoney & { rtCount: number } {
    const r = this.db.sqlite
      .prepare(`SELECT COUNT(DISTINCT a.rt_id) AS rtCount, ${SUMS} FROM accounts a WHERE a.year = ? AND a.rt_id IS NOT NULL`)
      .get(year) as { rtCount: number; undrawn: number; cash: number; spent: number };
    return withAllocated(r);
  }
}
