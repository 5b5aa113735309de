/** The business records an audit bundle carries (see the port bundle-record-store.ts), streamed in id order. */
import type { BundleBatchFile, BundleRecordRow, BundleRecordStore } from '../app/ports';
import type { Db } from './client';

/** RTs of the scope: a kelurahan's, or every RT when @kel is null. */
const IN_SCOPE_RT = `(SELECT id FROM rt WHERE @kel IS NULL OR kelurahan_code = @kel)`;
const who = (col: string, as: string) => `(SELECT username FROM users WHERE id = ${col}) AS ${as}`;

export class BundleRecordRepository implements BundleRecordStore {
  constructor(private readonly db: Db) {}

  private *rows<T = BundleRecordRow>(sql: string, year: number | null, kel: string | null): Generator<T> {
    // Its own statement per call: a generator may be suspended while another runs.
    yield* this.db.sqlite.prepare(sql).iterate({ year, kel }) as IterableIterator<T>;
  }

  plans(year: number, kel: string | null) {
    return this.rows(
      `SELECT p.id, p.rt_id, p.year, p.version, p.status, p.total, p.berita_acara_sha256, p.berita_acara_name,
              ${who('p.submitted_by', 'submitted_by')}, p.submitted_at, ${who('p.decided_by', 'decided_by')}, p.decided_at,
              p.note, p.revision_reason, p.created_at, p.updated_at, p.dossier_required
       FROM plans p WHERE p.year = @year AND p.rt_id IN ${IN_SCOPE_RT} ORDER BY p.id`,
      year,
      kel,
    );
  }

  planLines(year: number, kel: string | null) {
    return this.rows(
      `SELECT l.id, l.plan_id, l.category, l.description, l.amount FROM plan_lines l JOIN plans p ON p.id = l.plan_id
       WHERE p.year = @year AND p.rt_id IN ${IN_SCOPE_RT} ORDER BY l.plan_id, l.id`,
      year,
      kel,
    );
  }

  planDocuments(year: number, kel: string | null) {
    return this.rows(
      `SELECT d.id, d.plan_id, d.kind, d.sha256, d.original_name, ${who('d.uploaded_by', 'uploaded_by')}, d.uploaded_at,
              ${who('d.withdrawn_by', 'withdrawn_by')}, d.withdrawn_at
       FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE p.year = @year AND p.rt_id IN ${IN_SCOPE_RT} ORDER BY d.id`,
      year,
      kel,
    );
  }

  preDossierPlans(year: number, kel: string | null) {
    return this.rows(
      `SELECT x.plan_id, x.status, x.submitted_at, x.recorded_at
       FROM pre_dossier_plans x JOIN plans p ON p.id = x.plan_id WHERE p.year = @year AND p.rt_id IN ${IN_SCOPE_RT} ORDER BY x.plan_id`,
      year,
      kel,
    );
  }

  documentNumbers(year: number, kel: string | null) {
    return this.rows(
      `SELECT n.id, n.kelurahan_code, n.kind, n.year, n.seq, n.doc_key, n.number, n.issued_at, ${who('n.issued_by', 'issued_by')}
       FROM document_numbers n WHERE n.year = @year AND (@kel IS NULL OR n.kelurahan_code = @kel) ORDER BY n.id`,
      year,
      kel,
    );
  }

  *planEvidenceHashes(year: number, kel: string | null): Generator<string> {
    yield* this.db.sqlite
      .prepare(
        `SELECT berita_acara_sha256 AS sha FROM plans WHERE year = @year AND rt_id IN ${IN_SCOPE_RT} AND berita_acara_sha256 IS NOT NULL
         UNION
         SELECT d.sha256 FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE p.year = @year AND p.rt_id IN ${IN_SCOPE_RT}
         ORDER BY 1`,
      )
      .pluck()
      .iterate({ year, kel }) as IterableIterator<string>;
  }

  tranches(year: number, kel: string | null) {
    return this.rows(
      `SELECT t.id, t.rt_id, t.year, t.mode, t.period, t.amount, t.status, ${who('t.requested_by', 'requested_by')}, t.requested_at,
              ${who('t.decided_by', 'decided_by')}, t.decided_at, t.reason, t.entry_id, t.reversal_entry_id, t.batch_id, t.paid_at
       FROM tranches t WHERE t.year = @year AND t.rt_id IN ${IN_SCOPE_RT} ORDER BY t.id`,
      year,
      kel,
    );
  }

  trancheLines(year: number, kel: string | null) {
    return this.rows(
      `SELECT l.id, l.tranche_id, l.category, l.description, l.amount FROM tranche_lines l JOIN tranches t ON t.id = l.tranche_id
       WHERE t.year = @year AND t.rt_id IN ${IN_SCOPE_RT} ORDER BY l.tranche_id, l.id`,
      year,
      kel,
    );
  }

  bankBatches(year: number, kel: string | null) {
    return this.rows(
      `SELECT b.id, b.kelurahan_code, b.year, b.row_count, b.total, b.status, ${who('b.created_by', 'created_by')}, b.created_at,
              ${who('b.paid_by', 'paid_by')}, b.paid_at, b.csv_sha256, ${who('b.cancelled_by', 'cancelled_by')}, b.cancelled_at, b.cancel_reason
       FROM bank_batches b WHERE b.year = @year AND (@kel IS NULL OR b.kelurahan_code = @kel) ORDER BY b.id`,
      year,
      kel,
    );
  }

  bankBatchRows(year: number, kel: string | null) {
    return this.rows(
      `SELECT r.id, r.batch_id, r.tranche_id, r.rt_id, r.rt_label, r.bank_account, r.account_name, r.amount, r.reference, r.description,
              r.status, r.bank_reference, r.paid_on, r.failure_reason, ${who('r.answered_by', 'answered_by')}, r.answered_at
       FROM bank_batch_rows r JOIN bank_batches b ON b.id = r.batch_id
       WHERE b.year = @year AND (@kel IS NULL OR b.kelurahan_code = @kel) ORDER BY r.batch_id, r.id`,
      year,
      kel,
    );
  }

  bankBatchFiles(year: number, kel: string | null) {
    return this.rows<BundleBatchFile>(
      `SELECT id, csv_sha256 AS sha256, csv_file AS csv FROM bank_batches
       WHERE year = @year AND (@kel IS NULL OR kelurahan_code = @kel) AND csv_file IS NOT NULL ORDER BY id`,
      year,
      kel,
    );
  }

  spjReports(year: number, kel: string | null) {
    return this.rows(
      `SELECT s.id, s.rt_id, s.year, s.month, s.status, s.opening_cash, s.received, s.spent, s.closing_cash, s.receipt_count,
              ${who('s.submitted_by', 'submitted_by')}, s.submitted_at, ${who('s.decided_by', 'verified_by')}, s.decided_at AS verified_at,
              s.note, s.days_late
       FROM spj_reports s WHERE s.year = @year AND s.rt_id IN ${IN_SCOPE_RT} ORDER BY s.id`,
      year,
      kel,
    );
  }
}
