/**
 * The business records of an audit bundle beside the ledger, as the bundle writes them:
 * plans.csv + plan-lines.csv + plan-documents.csv (every version; the dossier files under evidence/),
 * pre-dossier-plans.csv (the plans exempt from the dossier, migration 0028's list), tranches.csv + tranche-lines.csv, bank-batches.csv +
 * bank-batch-rows.csv + the stored files under bank-batches/, spj.csv (who verified, when),
 * document-numbers.csv (the offices' nomor surat) and
 * audit-log.jsonl (the audit chain's lines). Columns are the repository's (snake_case); a new column is one more name here.
 */
import type { BundleScope, BundleStoredFile, BundleTable } from '../reports/audit-bundle';
import type { BundleRecordRow } from './ports';
import type { Services } from './services';
import { auditJsonlLine } from '../domain/audit/audit-chain';

export const BUNDLE_TABLES = {
  'plans.csv': ['id', 'rt_id', 'year', 'version', 'status', 'total', 'berita_acara_sha256', 'berita_acara_name', 'submitted_by', 'submitted_at', 'decided_by', 'decided_at', 'note', 'revision_reason', 'created_at', 'updated_at', 'dossier_required'],
  'plan-lines.csv': ['id', 'plan_id', 'category', 'description', 'amount'],
  'plan-documents.csv': ['id', 'plan_id', 'kind', 'sha256', 'original_name', 'uploaded_by', 'uploaded_at', 'withdrawn_by', 'withdrawn_at'],
  'pre-dossier-plans.csv': ['plan_id', 'status', 'submitted_at', 'recorded_at'],
  'tranches.csv': ['id', 'rt_id', 'year', 'mode', 'period', 'amount', 'status', 'requested_by', 'requested_at', 'decided_by', 'decided_at', 'reason', 'entry_id', 'reversal_entry_id', 'batch_id', 'paid_at'],
  'tranche-lines.csv': ['id', 'tranche_id', 'category', 'description', 'amount'],
  'bank-batches.csv': ['id', 'kelurahan_code', 'year', 'row_count', 'total', 'status', 'created_by', 'created_at', 'paid_by', 'paid_at', 'csv_sha256', 'cancelled_by', 'cancelled_at', 'cancel_reason'],
  'bank-batch-rows.csv': ['id', 'batch_id', 'tranche_id', 'rt_id', 'rt_label', 'bank_account', 'account_name', 'amount', 'reference', 'description', 'status', 'bank_reference', 'paid_on', 'failure_reason', 'answered_by', 'answered_at'],
  'document-numbers.csv': ['id', 'kelurahan_code', 'kind', 'year', 'seq', 'doc_key', 'number', 'issued_at', 'issued_by'],
  'spj.csv': ['id', 'rt_id', 'year', 'month', 'status', 'opening_cash', 'received', 'spent', 'closing_cash', 'receipt_count', 'submitted_by', 'submitted_at', 'verified_by', 'verified_at', 'note', 'days_late'],
} as const;

function table(name: keyof typeof BUNDLE_TABLES, rows: () => Iterable<BundleRecordRow>): BundleTable {
  const header = BUNDLE_TABLES[name];
  return {
    name,
    header,
    *rows() {
      for (const r of rows()) yield header.map((k) => r[k] ?? null);
    },
  };
}

export function bundleTables(s: Services, scope: BundleScope): BundleTable[] {
  const { year, kelurahanCode: kel } = scope;
  const r = s.bundleRecords;
  return [
    table('plans.csv', () => r.plans(year, kel)),
    table('plan-lines.csv', () => r.planLines(year, kel)),
    table('plan-documents.csv', () => r.planDocuments(year, kel)),
    table('pre-dossier-plans.csv', () => r.preDossierPlans(year, kel)),
    table('tranches.csv', () => r.tranches(year, kel)),
    table('tranche-lines.csv', () => r.trancheLines(year, kel)),
    table('bank-batches.csv', () => r.bankBatches(year, kel)),
    table('bank-batch-rows.csv', () => r.bankBatchRows(year, kel)),
    table('spj.csv', () => r.spjReports(year, kel)),
    table('document-numbers.csv', () => r.documentNumbers(year, kel)),
  ];
}

/**
 * audit-log.jsonl: every row of the audit log in id order, as its hash chain needs them (README,
 * "audit-log.jsonl in a bundle"): the rows of the scope with their canonical text (the exact text
 * the hash covers, whose JSON holds every column), the others with their links only, so a
 * kelurahan bundle still shows every link and a deleted row is seen (verify-bundle-audit.ts).
 */
export function* bundleAuditLog(s: Services, scope: BundleScope): Generator<string> {
  for (const line of s.audit.chainLines(scope.kelurahanCode)) yield auditJsonlLine(line);
}

/** The bank batch files byte for byte: bank-batches/batch-<id>.csv. */
export function* bundleStoredFiles(s: Services, scope: BundleScope): Generator<BundleStoredFile> {
  for (const f of s.bundleRecords.bankBatchFiles(scope.year, scope.kelurahanCode)) yield { name: `bank-batches/batch-${f.id}.csv`, body: f.csv };
}

export const planEvidenceHashes = (s: Services, scope: BundleScope) => s.bundleRecords.planEvidenceHashes(scope.year, scope.kelurahanCode);
