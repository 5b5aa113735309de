/** The year-end close's own records: open records per RT of a kelurahan, overrides, corrections. */
import type { CloseOverrideRow, CorrectionRow, NewCloseOverride, YearCloseStore } from '../app/ports';
import type { RtCloseFacts } from '../domain/grants/year-close';
import type { SpjStatus } from '../domain/grants/spj';
import { periodLabel } from '../domain/grants/tranche';
import type { Db } from './client';

const OVERRIDE_COLUMNS = `id, year, kelurahan_code AS kelurahanCode, rt_id AS rtId, blocker_key AS blockerKey, kind, subject, reason,
  overridden_by AS overriddenBy, overridden_by_user AS overriddenByUser, overridden_at AS overriddenAt`;

export class YearCloseRepository implements YearCloseStore {
  constructor(private readonly db: Db) {}

  factsOfKelurahan(year: number, kelurahanCode: string): RtCloseFacts[] {
    const byRt = new Map<number, { -readonly [K in keyof RtCloseFacts]: RtCloseFacts[K] extends ReadonlyArray<infer T> ? T[] : RtCloseFacts[K] }>();
    const of = (rtId: number) => {
      let f = byRt.get(rtId);
      if (!f) byRt.set(rtId, (f = { rtId, drawn: [], spj: new Map(), openReceipts: [], openTranches: [], pendingPlans: [] }));
      return f;
    };
    const tranches = this.db
      .prepare(
        `SELECT t.id, t.rt_id AS rtId, t.status, t.mode, t.period, t.amount, t.decided_at AS decidedAt FROM rt CROSS JOIN tranches t ON t.rt_id = rt.id
         WHERE rt.kelurahan_code = ? AND t.year = ? AND t.status IN ('pending', 'approved', 'paid') ORDER BY t.id`,
      )
      .all(kelurahanCode, year) as Array<{ id: number; rtId: number; status: 'pending' | 'approved' | 'paid'; mode: 'monthly' | 'staged'; period: string; amount: number; decidedAt: string | null }>;
    for (const t of tranches) {
      if (t.status !== 'pending') of(t.rtId).drawn.push({ mode: t.mode, period: t.period, decidedAt: t.decidedAt });
      if (t.status !== 'paid') of(t.rtId).openTranches.push({ id: t.id, status: t.status, label: periodLabel(t.mode, t.period), amount: t.amount });
    }
    const spj = this.db
      .prepare(`SELECT s.rt_id AS rtId, s.month, s.status FROM rt CROSS JOIN spj_reports s ON s.rt_id = rt.id WHERE rt.kelurahan_code = ? AND s.year = ?`)
      .all(kelurahanCode, year) as Array<{ rtId: number; month: string; status: SpjStatus }>;
    for (const r of spj) (of(r.rtId).spj as Map<string, SpjStatus>).set(r.month, r.status);
    const receipts = this.db
      .prepare(
        `SELECT r.id, r.rt_id AS rtId, r.status, r.date, r.amount, r.description FROM rt CROSS JOIN receipts r ON r.rt_id = rt.id
         WHERE rt.kelurahan_code = ? AND r.year = ? AND r.status IN ('pending', 'returned') ORDER BY r.date, r.id`,
      )
      .all(kelurahanCode, year) as Array<{ id: number; rtId: number; status: 'pending' | 'returned'; date: string; amount: number; description: string }>;
    for (const r of receipts) of(r.rtId).openReceipts.push(r);
    const plans = this.db
      .prepare(`SELECT p.id, p.rt_id AS rtId, p.version FROM rt CROSS JOIN plans p ON p.rt_id = rt.id WHERE rt.kelurahan_code = ? AND p.year = ? AND p.status = 'submitted'`)
      .all(kelurahanCode, year) as Array<{ id: number; rtId: number; version: number }>;
    for (const p of plans) of(p.rtId).pendingPlans.push({ id: p.id, version: p.version });
    return [...byRt.values()];
  }

  overrides(year: number, kelurahanCode: string | null): CloseOverrideRow[] {
    return kelurahanCode
      ? (this.db.prepare(`SELECT ${OVERRIDE_COLUMNS} FROM close_overrides WHERE year = ? AND kelurahan_code = ? ORDER BY id`).all(year, kelurahanCode) as CloseOverrideRow[])
      : (this.db.prepare(`SELECT ${OVERRIDE_COLUMNS} FROM close_overrides WHERE year = ? ORDER BY id`).all(year) as CloseOverrideRow[]);
  }

  insertOverride(row: NewCloseOverride): number {
    const r = this.db
      .prepare(
        `INSERT INTO close_overrides (year, kelurahan_code, rt_id, blocker_key, kind, subject, reason, overridden_by, overridden_by_user, overridden_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.year, row.kelurahanCode, row.rtId, row.blockerKey, row.kind, row.subject, row.reason, row.overriddenBy, row.overriddenByUser, row.overriddenAt);
    return Number(r.lastInsertRowid);
  }

  closures() {
    return this.db.prepare(`SELECT year, kelurahan_code AS kelurahanCode, closed_at AS closedAt FROM year_closures ORDER BY year, kelurahan_code`).all() as Array<{
      year: number;
      kelurahanCode: string;
      closedAt: string;
    }>;
  }

  corrections(year: number): CorrectionRow[] {
    return this.db
      .prepare(
        `SELECT e.id AS entryId, e.year, CAST(substr(e.event_ref, 4) AS INTEGER) AS rtId, e.occurred_on AS occurredOn, e.recorded_at AS recordedAt,
           e.description, e.reason, e.actor, e.debit_total AS amount
         FROM journal_entries e WHERE e.event_type = 'year_correction' AND e.year = ? ORDER BY e.id DESC`,
      )
      .all(year) as CorrectionRow[];
  }

  badCorrections(): string[] {
    const rows = this.db
      .prepare(
        `SELECT 'jurnal #' || e.id AS ex FROM journal_entries e WHERE e.event_type = 'year_correction' AND (
           e.reason IS NULL OR length(trim(e.reason)) = 0
           OR NOT EXISTS (SELECT 1 FROM rt JOIN year_closures c ON c.kelurahan_code = rt.kelurahan_code AND c.year = e.year
                          WHERE e.event_ref = 'rt:' || rt.id AND c.closed_at <= e.recorded_at)
           OR EXISTS (SELECT 1 FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = e.id
                      AND (a.kind NOT IN ('spending', 'returned', 'lapsed') OR a.rt_id IS NULL OR e.event_ref <> 'rt:' || a.rt_id)))
         LIMIT 1000`,
      )
      .all() as Array<{ ex: string }>;
    return rows.map((r) => r.ex);
  }
}
