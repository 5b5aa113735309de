/**
 * Cross-checks between the business records and the ledger, for `npm run verify`: each query
 * returns the records that disagree (a tranche marked approved without its entry, a batch
 * whose total is not its rows, money left on an RT after its kelurahan's year was closed).
 */
import type { Db } from './client';

export interface Disagreement {
  what: string;
  count: number;
  example: string | null;
}

const CHECKS: Array<[string, string]> = [
  [
    'pencairan berstatus disetujui/dibayar tanpa jurnal, atau berstatus lain dengan jurnal',
    `SELECT id AS ex FROM tranches WHERE (status IN ('approved', 'paid', 'reversed') AND entry_id IS NULL)
       OR (status IN ('pending', 'rejected') AND entry_id IS NOT NULL) OR (status = 'reversed' AND reversal_entry_id IS NULL)`,
  ],
  [
    'kuitansi berstatus terverifikasi tanpa jurnal, atau berstatus lain dengan jurnal',
    `SELECT id AS ex FROM receipts WHERE (status IN ('verified', 'reversed') AND entry_id IS NULL)
       OR (status IN ('pending', 'returned', 'rejected') AND entry_id IS NOT NULL) OR (status = 'reversed' AND reversal_entry_id IS NULL)`,
  ],
  [
    'jurnal pencairan atau kuitansi yang jumlahnya berbeda dari catatannya',
    `SELECT t.id AS ex FROM tranches t JOIN journal_entries e ON e.id = t.entry_id WHERE e.debit_total <> t.amount
     UNION ALL SELECT r.id FROM receipts r JOIN journal_entries e ON e.id = r.entry_id WHERE e.debit_total <> r.amount`,
  ],
  [
    'batch bank yang jumlah atau banyak barisnya tidak sama dengan pencairan di dalamnya',
    `SELECT b.id AS ex FROM bank_batches b LEFT JOIN (SELECT batch_id, COUNT(*) AS n, SUM(amount) AS total FROM tranches WHERE batch_id IS NOT NULL GROUP BY batch_id) t
       ON t.batch_id = b.id WHERE b.row_count <> COALESCE(t.n, 0) OR b.total <> COALESCE(t.total, 0)`,
  ],
  [
    'RT di kelurahan yang tahunnya sudah ditutup masih punya alokasi atau kas',
    `SELECT a.name AS ex FROM accounts a JOIN rt ON rt.id = a.rt_id JOIN year_closures c ON c.year = a.year AND c.kelurahan_code = rt.kelurahan_code
       WHERE a.kind IN ('undrawn', 'cash') AND a.balance <> 0`,
  ],
  ['saldo kas RT negatif', `SELECT name AS ex FROM accounts WHERE kind IN ('cash', 'undrawn') AND balance < 0`],
];

export class ConsistencyRepository {
  constructor(private readonly db: Db) {}

  disagreements(): Disagreement[] {
    return CHECKS.map(([what, sql]) => {
      const rows = this.db.sqlite.prepare(`SELECT ex FROM (${sql}) LIMIT 1000`).all() as Array<{ ex: unknown }>;
      return { what, count: rows.length, example: rows[0] ? String(rows[0].ex) : null };
    }).filter((d) => d.count > 0);
  }
}
