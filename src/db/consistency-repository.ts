/**
 * Cross-checks between the business records and the ledger, for `npm run verify`: each query
 * returns the records that disagree (a tranche marked approved without its entry, a batch
 * whose total is not its rows, money left on an RT after its kelurahan's year was closed), and
 * the provenance of each entry (the record it names points back to it).
 */
import type { ConsistencyStore, Disagreement, EntryFactRow, PlanLineUse } from '../app/ports';
import type { Db } from './client';

export type { Disagreement } from '../app/ports';

const CHECKS: Array<[string, string]> = [
  [
    'pencairan berstatus disetujui/dibayar tanpa jurnal, atau berstatus lain dengan jurnal',
    `SELECT id AS ex FROM tranches WHERE (status IN ('approved', 'paid', 'reversed') AND entry_id IS NULL)
       OR (status IN ('pending', 'returned', 'rejected') AND entry_id IS NOT NULL) OR (status = 'reversed' AND reversal_entry_id IS NULL)`,
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
    'batch bank yang jumlah atau banyak barisnya tidak sama dengan baris yang disimpannya',
    `SELECT b.id AS ex FROM bank_batches b LEFT JOIN (SELECT batch_id, COUNT(*) AS n, SUM(amount) AS total FROM bank_batch_rows GROUP BY batch_id) r
       ON r.batch_id = b.id WHERE b.row_count <> COALESCE(r.n, 0) OR b.total <> COALESCE(r.total, 0)`,
  ],
  [
    'baris batch bank yang tidak sesuai dengan pencairannya (jumlah, batch, status) atau batch yang statusnya tidak sesuai dengan jawaban bank',
    `SELECT 'baris #' || r.id AS ex FROM bank_batch_rows r JOIN tranches t ON t.id = r.tranche_id
       WHERE r.amount <> t.amount OR (r.status IN ('sent', 'paid') AND t.batch_id IS NOT r.batch_id)
       OR (r.status = 'paid' AND t.status <> 'paid') OR (r.status = 'sent' AND t.status <> 'approved')
     UNION ALL SELECT 'pencairan #' || t.id FROM tranches t WHERE (t.batch_id IS NOT NULL AND NOT EXISTS
       (SELECT 1 FROM bank_batch_rows r WHERE r.tranche_id = t.id AND r.batch_id = t.batch_id AND r.status IN ('sent', 'paid')))
       OR (t.status = 'paid' AND NOT EXISTS (SELECT 1 FROM bank_batch_rows r WHERE r.tranche_id = t.id AND r.status = 'paid'))
     UNION ALL SELECT 'batch #' || b.id FROM bank_batches b WHERE (b.status = 'open' AND NOT EXISTS (SELECT 1 FROM bank_batch_rows r WHERE r.batch_id = b.id AND r.status = 'sent'))
       OR (b.status <> 'open' AND EXISTS (SELECT 1 FROM bank_batch_rows r WHERE r.batch_id = b.id AND r.status = 'sent'))
       OR (b.status = 'cancelled' AND EXISTS (SELECT 1 FROM bank_batch_rows r WHERE r.batch_id = b.id AND r.status <> 'cancelled'))`,
  ],
  [
    'jurnal transfer bank yang tidak dirujuk oleh baris batch yang dibayar, atau yang jumlahnya berbeda dari barisnya',
    `SELECT 'jurnal #' || e.id AS ex FROM journal_entries e WHERE e.event_type = 'bank_transfer' AND NOT EXISTS
       (SELECT 1 FROM bank_batch_rows r WHERE r.id = CAST(substr(e.event_ref, 10) AS INTEGER) AND e.event_ref = 'bank_row:' || r.id
          AND r.entry_id = e.id AND r.status = 'paid' AND r.amount = e.debit_total)
     UNION ALL SELECT 'baris #' || r.id FROM bank_batch_rows r WHERE r.entry_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = r.entry_id)`,
  ],
  [
    'RT di kelurahan yang tahunnya sudah ditutup masih punya alokasi atau kas',
    `SELECT a.name AS ex FROM accounts a JOIN rt ON rt.id = a.rt_id JOIN year_closures c ON c.year = a.year AND c.kelurahan_code = rt.kelurahan_code
       WHERE a.kind IN ('undrawn', 'transit', 'cash') AND a.balance <> 0`,
  ],
  ['saldo kas RT negatif', `SELECT name AS ex FROM accounts WHERE kind IN ('cash', 'transit', 'undrawn') AND balance < 0`],
  // Provenance: an entry whose hash chain is intact may still have been appended by hand (hash
  // recomputed, balances patched). Each entry must be the one its business record points to.
  [
    'jurnal pencairan atau kuitansi yang tidak dirujuk oleh catatan yang disebutnya (jurnal sisipan)',
    `SELECT 'jurnal #' || e.id AS ex FROM journal_entries e WHERE e.event_type = 'tranche' AND NOT EXISTS
       (SELECT 1 FROM tranches t WHERE t.id = CAST(substr(e.event_ref, 9) AS INTEGER) AND e.event_ref = 'tranche:' || t.id AND t.entry_id = e.id)
     UNION ALL SELECT 'jurnal #' || e.id FROM journal_entries e WHERE e.event_type = 'receipt' AND NOT EXISTS
       (SELECT 1 FROM receipts r WHERE r.id = CAST(substr(e.event_ref, 9) AS INTEGER) AND e.event_ref = 'receipt:' || r.id AND r.entry_id = e.id)`,
  ],
  [
    'jurnal pembalik tanpa jurnal asal yang lebih dulu di tahun yang sama, atau yang tidak persis membalik jurnal asalnya',
    `SELECT 'jurnal #' || r.id AS ex FROM journal_entries r WHERE r.event_type = 'reversal' AND NOT EXISTS
       (SELECT 1 FROM journal_entries o WHERE o.id = r.reverses_entry_id AND o.id < r.id AND o.year = r.year AND o.event_type <> 'reversal')
     UNION ALL SELECT DISTINCT 'jurnal #' || r.id FROM journal_entries r JOIN postings p ON p.entry_id IN (r.id, r.reverses_entry_id)
       WHERE r.event_type = 'reversal' GROUP BY r.id, p.account_id HAVING SUM(p.amount) <> 0`,
  ],
  [
    'pembalikan jurnal pencairan atau kuitansi yang tidak tercatat pada pencairan atau kuitansinya',
    `SELECT 'jurnal #' || r.id AS ex FROM journal_entries r JOIN journal_entries o ON o.id = r.reverses_entry_id
       WHERE r.event_type = 'reversal' AND (
         (o.event_type = 'tranche' AND NOT EXISTS (SELECT 1 FROM tranches t WHERE t.entry_id = o.id AND t.reversal_entry_id = r.id))
         OR (o.event_type = 'receipt' AND NOT EXISTS (SELECT 1 FROM receipts c WHERE c.entry_id = o.id AND c.reversal_entry_id = r.id)))
     UNION ALL SELECT 'pencairan #' || t.id FROM tranches t JOIN journal_entries r ON r.id = t.reversal_entry_id WHERE r.reverses_entry_id IS NOT t.entry_id
     UNION ALL SELECT 'kuitansi #' || c.id FROM receipts c JOIN journal_entries r ON r.id = c.reversal_entry_id WHERE r.reverses_entry_id IS NOT c.entry_id`,
  ],
  [
    'jurnal tutup tahun untuk RT yang kelurahannya belum ditutup tahun itu',
    `SELECT 'jurnal #' || e.id AS ex FROM journal_entries e WHERE e.event_type IN ('year_end_return', 'year_end_lapse') AND NOT EXISTS
       (SELECT 1 FROM rt JOIN year_closures c ON c.kelurahan_code = rt.kelurahan_code AND c.year = e.year
        WHERE rt.id = CAST(substr(e.event_ref, 4) AS INTEGER) AND e.event_ref = 'rt:' || rt.id)`,
  ],
  [
    'alokasi untuk RT yang tidak ada, atau lebih dari satu alokasi yang berlaku untuk satu RT dalam satu tahun',
    `SELECT 'jurnal #' || e.id AS ex FROM journal_entries e WHERE e.event_type = 'allocation' AND e.event_ref LIKE 'rt:%'
       AND NOT EXISTS (SELECT 1 FROM rt WHERE rt.id = CAST(substr(e.event_ref, 4) AS INTEGER) AND e.event_ref = 'rt:' || rt.id)
     UNION ALL SELECT 'jurnal #' || MAX(e.id) FROM journal_entries e WHERE e.event_type = 'allocation' AND e.event_ref LIKE 'rt:%'
       AND NOT EXISTS (SELECT 1 FROM journal_entries v WHERE v.reverses_entry_id = e.id) GROUP BY e.year, e.event_ref HAVING COUNT(*) > 1`,
  ],
  [
    'pencairan atau kuitansi yang menunjuk ke jurnal yang tidak ada (jurnal dihapus)',
    `SELECT 'pencairan #' || t.id || ' → jurnal #' || t.entry_id AS ex FROM tranches t WHERE t.entry_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = t.entry_id)
     UNION ALL SELECT 'pencairan #' || t.id || ' → jurnal #' || t.reversal_entry_id FROM tranches t WHERE t.reversal_entry_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = t.reversal_entry_id)
     UNION ALL SELECT 'kuitansi #' || r.id || ' → jurnal #' || r.entry_id FROM receipts r WHERE r.entry_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = r.entry_id)
     UNION ALL SELECT 'kuitansi #' || r.id || ' → jurnal #' || r.reversal_entry_id FROM receipts r WHERE r.reversal_entry_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = r.reversal_entry_id)`,
  ],
];

export class ConsistencyRepository implements ConsistencyStore {
  constructor(private readonly db: Db) {}

  disagreements(): Disagreement[] {
    return CHECKS.map(([what, sql]) => {
      const rows = this.db.prepare(`SELECT ex FROM (${sql}) LIMIT 1000`).all() as Array<{ ex: unknown }>;
      return { what, count: rows.length, example: rows[0] ? String(rows[0].ex) : null };
    }).filter((d) => d.count > 0);
  }

  *planLineUse(): Generator<PlanLineUse> {
    // Its own statement: a generator may be suspended while another runs the same query.
    yield* this.db
      .prepare(
        `WITH spent AS (SELECT rt_id, year, category, SUM(amount) AS verified FROM receipts WHERE status = 'verified' GROUP BY rt_id, year, category)
         SELECT s.rt_id AS rtId, s.year, s.category, s.verified,
                COALESCE((SELECT SUM(l.amount) FROM plan_lines l WHERE l.plan_id = p.id AND l.category = s.category), 0) AS planned
         FROM spent s JOIN plans p ON p.rt_id = s.rt_id AND p.year = s.year AND p.status = 'approved'`,
      )
      .iterate() as IterableIterator<PlanLineUse>;
  }

  *entryFactRows(): Generator<EntryFactRow> {
    const rows = this.db
      .prepare(
        `SELECT e.id AS entryId, e.event_type AS eventType, e.facts,
                r.id AS rId, r.rt_id AS rRt, r.date AS rDate, r.category AS rCategory, r.description AS rDescription, r.vendor AS rVendor,
                r.nota_number AS rNota, r.amount AS rAmount,
                (SELECT json_group_array(sha256) FROM (SELECT sha256 FROM receipt_files WHERE receipt_id = r.id ORDER BY sha256)) AS rEvidence,
                t.id AS tId, t.rt_id AS tRt,
                (SELECT json_group_array(json_array(category, description, amount)) FROM (SELECT category, description, amount FROM tranche_lines WHERE tranche_id = t.id ORDER BY id)) AS tLines,
                b.tranche_id AS bTranche, b.rt_id AS bRt, b.batch_id AS bBatch, b.bank_account AS bAccount
         FROM journal_entries e
         LEFT JOIN receipts r ON e.event_type = 'receipt' AND r.entry_id = e.id
         LEFT JOIN tranches t ON e.event_type = 'tranche' AND t.entry_id = e.id
         LEFT JOIN bank_batch_rows b ON e.event_type = 'bank_transfer' AND b.entry_id = e.id
         WHERE e.version = 2 AND e.event_type IN ('receipt', 'tranche', 'bank_transfer')
         ORDER BY e.id`,
      )
      .iterate() as IterableIterator<Record<string, unknown>>;
    for (const x of rows) {
      yield {
        entryId: x.entryId as number,
        eventType: x.eventType as EntryFactRow['eventType'],
        facts: x.facts as string | null,
        receipt:
          x.rId === null
            ? null
            : {
                id: x.rId as number,
                rtId: x.rRt as number,
                date: x.rDate as string,
                category: x.rCategory as string,
                description: x.rDescription as string,
                vendor: x.rVendor as string,
                notaNumber: x.rNota as string | null,
                amount: x.rAmount as number,
                evidence: JSON.parse(x.rEvidence as string) as string[],
              },
        tranche:
          x.tId === null
            ? null
            : {
                id: x.tId as number,
                rtId: x.tRt as number,
                lines: (JSON.parse(x.tLines as string) as Array<[string, string, number]>).map(([category, description, amount]) => ({ category, description, amount })),
              },
        bankRow: x.bTranche === null ? null : { trancheId: x.bTranche as number, rtId: x.bRt as number, batchId: x.bBatch as number, bankAccount: x.bAccount as string },
      };
    }
  }
}
