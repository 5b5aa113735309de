/** The closed catalogue of error codes: well-formed codes, one kind each, a shown-as-is Indonesian message, a status per kind. */
import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_KINDS, ERRORS, errorMessage, fail, type ErrorCode, type ParamCode, type ParamsOf } from '../../src/domain/errors';
import { STATUS, TITLES } from '../../src/http/middleware/errors';

/** Sample values for every message that carries some; the compiler asks for each new one. */
const SAMPLES: { [C in ParamCode]: ParamsOf<C> } = {
  form_invalid: { problems: ['Pilih kelurahan.', 'Nomor RW harus angka 1–999.'] },
  complaint_too_fast: { seconds: 4 },
  complaint_rate_limited: { limit: 3, window: 'satu jam' },
  complaint_target_busy: { limit: 30 },
  pdf_too_many_pages: { label: 'Berkas "ba.pdf"', pages: 900, max: 200 },
  pdf_too_slow: { label: 'Berkas "ba.pdf"', seconds: 5 },
  evidence_quota_exceeded: { year: 2026, usedBytes: 498 * 1024 * 1024, addBytes: 12_500_000, limitBytes: 500 * 1024 * 1024 },
  upload_too_large: { maxBytes: 40 * 1024 * 1024 },
  upload_file_too_large: { file: 'nota.pdf', maxBytes: 10 * 1024 * 1024 },
  upload_field_too_large: { maxBytes: 10 * 1024 },
  upload_too_many_fields: { max: 100 },
  upload_too_many_files: { max: 10 },
  upload_wrong_field: { max: 1 },
  upload_busy: { max: 2 },
  batch_cancelled: { batchId: 7 },
  batch_partly_answered: { batchId: 7, answered: 2 },
  batch_row_answered: { rowId: 31 },
  bank_paid_date_invalid: { earliest: '2026-11-27', latest: '2026-12-05' },
  tranche_in_unpaid_batch: { trancheId: 12, batchId: 7 },
  login_locked: { until: new Date('2026-11-28T03:15:00Z') },
  login_rate_limited: { minutes: 15 },
  export_queue_full: { max: 10 },
  bundle_evidence_missing: { count: 3, example: '9f86d081884c7d65…' },
  password_too_short: { min: 10 },
  bank_account_invalid: { sharedAccount: '2012345678' },
  import_rejected: { rows: [{ line: 3, problem: 'nomor rekening harus tepat 10 angka' }] },
  year_not_found: { year: 2031 },
  year_unknown: { year: 2031 },
  year_exists: { year: 2026 },
  year_closed: { year: 2026 },
  year_not_ended: { year: 2026, closableOn: '2026-12-15' },
  category_code_invalid: { code: 'ab' },
  grantee_allocation_invalid: { kind: 'RW' },
  programme_code_invalid: { code: 'OPS' },
  programme_invalid: { code: 'PKK' },
  programme_not_configured: { code: 'PKK', year: 2026 },
  programme_kind_not_paid: { code: 'PKK', kind: 'RW' },
  grantee_exists: { label: 'PKK RT 001 / RW 001' },
  rw_grantee_exists: { rw: 1 },
  percent_invalid: { what: 'Batas persen kategori ADM' },
  category_name_missing: { code: 'ADM' },
  item_cap_invalid: { code: 'PRL' },
  evidence_checklist_invalid: { code: 'SOS' },
  final_report_due_invalid: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
  settings_field_fixed: { field: 'Tanggal mulai' },
  settings_effective_backdated: { effectiveFrom: '2027-02-01', today: '2027-03-01' },
  settings_effective_before_latest: { effectiveFrom: '2027-03-01', latest: '2027-04-01', version: 3 },
  settings_effective_outside_year: { startsOn: '2027-01-01', endsOn: '2027-12-31' },
  settings_money_moved: { year: 2027, what: 'Alokasi per RT' },
  kelurahan_already_closed: { year: 2026 },
  close_blocked: { count: 5, rts: 2 },
  year_closed_use_correction: { year: 2025 },
  correction_exceeds_balance: { amount: 200_000, available: 150_000, place: 'belanja SOS' },
  correction_year_not_closed: { year: 2026 },
  posting_amount_invalid: { account: 'aset:kota:kas' },
  account_unknown: { account: 'aset:rt:nope:kas', year: 2026 },
  entry_not_balanced: { debit: 1_000, credit: 999 },
  entry_already_reversed: { entryId: 7, reversalId: 9 },
  plan_too_many_lines: { max: 40 },
  plan_line_amount_invalid: { line: 3 },
  plan_total_mismatch: { total: 24_000_000, allocation: 25_000_000 },
  plan_below_drawn: { category: 'SOS', planned: 1_000_000, drawn: 1_500_000 },
  rt_not_allocated: { year: 2026 },
  category_unknown: { line: 2 },
  forbidden_use: { use: 'bahan bakar untuk pengurus RT', line: 1 },
  category_limit_exceeded: { category: 'Administrasi', percent: '2.5', limit: 625_000, total: 700_000 },
  category_limit_exceeded_on_verify: { category: 'Administrasi', verified: 600_000, limit: 625_000 },
  plan_below_used: { category: 'SOS', planned: 1_000_000, used: 1_500_000 },
  dossier_incomplete: { missing: ['Surat permohonan pencairan', 'Foto musyawarah warga'] },
  dossier_file_type: { label: 'Foto musyawarah warga', types: ['JPEG', 'PNG', 'WEBP'] },
  dossier_item_full: { label: 'Foto musyawarah warga', max: 10 },
  plan_line_exceeded: { category: 'Administrasi', planned: 600_000, used: 0, adding: 610_000, left: 600_000 },
  plan_line_exceeded_on_verify: { category: 'Kegiatan sosial kemasyarakatan', planned: 5_500_000, used: 5_000_000, adding: 1_000_000, left: 500_000 },
  approver_is_submitter: { what: 'kuitansi' },
  tranche_pending_exists: { period: 'Oktober 2026' },
  approval_step_out_of_order: { waitingFor: 'lurah' },
  rbb_month_invalid: { allowed: ['2026-10', '2026-11'] },
  category_not_in_plan: { category: 'PML' },
  rbb_exceeds_plan: { category: 'SOS', drawn: 1_000_000, planned: 1_500_000, requested: 700_000 },
  cash_insufficient: { free: 200_000, amount: 1_500_000 },
  tranche_date_outside_year: { today: '2027-01-02', year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' },
  tranche_exceeds_allocation: { amount: 24_000_001, available: 24_000_000 },
  spj_months_missing: { months: ['2026-08', '2026-09', '2026-10'] },
  spj_earlier_month_missing: { months: ['2026-08'] },
  previous_stage_not_accounted: { stage: 1, accounted: 7_499_999, needed: 7_500_000, percent: '75' },
  receipt_date_outside_year: { startsOn: '2026-01-01', endsOn: '2026-12-31' },
  items_required: { category: 'Pemeliharaan lingkungan', cap: 'Harga satuan barang', maxRupiah: 2_500_000 },
  items_total_mismatch: { itemsTotal: 140_000, amount: 150_000 },
  item_cap_exceeded: { item: 'Cat tembok', unitPrice: 3_000_000, cap: 'Harga satuan barang', maxRupiah: 2_500_000 },
  receipt_exceeds_cash: { amount: 2_000_001, available: 2_000_000 },
  receipt_exceeds_cash_on_verify: { date: '2026-10-05', cash: 100_000, amount: 250_000 },
  evidence_incomplete: { category: 'Kegiatan sosial kemasyarakatan', missing: ['Daftar hadir'] },
  evidence_duplicate: { file: 'nota.jpg' },
  evidence_uploaded_twice: { file: 'nota.jpg' },
  too_many_files: { max: 10 },
  receipt_files_too_large: { maxBytes: 30 * 1024 * 1024 },
  spj_month_closed: { month: '2026-10', lastReported: '2026-11' },
  spj_month_reported_on_verify: { month: '2026-10', lastReported: '2026-11' },
  booking_month_reported: { month: '2026-12' },
  spj_later_month_reported: { month: '2026-10', later: '2026-11' },
  spj_receipts_open: { month: '2026-10', pending: 1, returned: 2 },
  file_empty: { label: 'Berkas "nota.jpg"' },
  file_too_large: { label: 'Berkas "nota.jpg"', maxBytes: 10 * 1024 * 1024 },
  file_type_not_allowed: { label: 'Berkas "nota.exe"' },
  file_corrupt: { label: 'Berkas "nota.jpg"' },
  image_too_large: { label: 'Berkas "foto.png"', width: 10_000, height: 10_000 },
  spj_receipts_pending: { count: 2 },
  spj_not_reconciled: { closing: 300_000, ledgerClosing: 299_999 },
  spj_receipts_not_posted: { verified: 250_000, posted: 200_000 },
  spj_closing_negative: { closing: -50_000 },
  spj_opening_mismatch: { opening: 1_000_000, previousClosing: 1_750_000 },
  decider_issued_password: { issuedOn: '2026-11-02', until: '2026-12-02' },
  photo_reason_invalid: { max: 300 },
  public_rate_limited: { seconds: 42 },
  risk_threshold_invalid: { what: 'spjOverdueDays' },
  comment_too_long: { max: 1000, length: 1001 },
  receipt_draft_limit: { max: 10 },
  receipt_draft_too_large: { maxBytes: 8 * 1024 * 1024 },
  receipt_draft_rt_full: { maxBytes: 40 * 1024 * 1024 },
};

const CODES = Object.keys(ERRORS) as ErrorCode[];
const messageOf = (code: ErrorCode): string => {
  const m = ERRORS[code].message as string | ((p: unknown) => string);
  return typeof m === 'string' ? m : m(SAMPLES[code as ParamCode]);
};
/** Words that put a message in Bahasa Indonesia (every message has at least one). */
const INDONESIAN = /\b(tidak|belum|sudah|harus|wajib|yang|atau|dan|dari|untuk|paling|hanya|masih|dengan|anda|ini|bukan|terlalu|melebihi|lebih|ditemukan|dikenal|diunggah|baris|negatif|sama|salah|tersedia|kosong|dipakai|isi|rusak|berkas|banyak|minimal|baru|kata)\b/i;

describe('the error catalogue', () => {
  it('holds only snake_case codes', () => {
    expect(CODES.length).toBeGreaterThan(100);
    expect(CODES.filter((c) => !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(c))).toEqual([]);
  });

  it.each(CODES)('%s: one known kind and an Indonesian message shown as is', (code) => {
    expect(ERROR_KINDS).toContain(ERRORS[code].kind);
    const message = messageOf(code);
    expect(message.trim().length).toBeGreaterThan(10);
    expect(message).toMatch(INDONESIAN);
    expect(message).not.toMatch(/undefined|NaN|null|\[object|\$\{/);
  });

  it('has a sample for exactly the messages that carry values', () => {
    const withValues = CODES.filter((c) => typeof ERRORS[c].message === 'function').sort();
    expect(Object.keys(SAMPLES).sort()).toEqual(withValues);
  });

  it('maps every kind to an HTTP status with a title, and nothing else', () => {
    expect(Object.keys(STATUS).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) {
      expect(STATUS[kind]).toBeGreaterThanOrEqual(400);
      expect(TITLES[STATUS[kind]], kind).toBeTruthy();
    }
    expect(STATUS).toMatchObject({ validation: 422, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, rate_limited: 429, unavailable: 503 });
  });
});

describe('fail', () => {
  it('takes kind and message from the catalogue, values formatted', () => {
    const e = fail('receipt_exceeds_cash', { amount: 2_000_001, available: 2_000_000 }, { amount: 'Kas tersedia Rp2.000.000.' });
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ code: 'receipt_exceeds_cash', kind: 'validation', fields: { amount: 'Kas tersedia Rp2.000.000.' } });
    expect(e.message).toBe('Jumlah Rp2.000.001 melebihi kas RT yang tersedia (Rp2.000.000, sudah dikurangi kuitansi yang menunggu verifikasi).');
    expect(fail('spj_months_missing', { months: ['2026-10'] }).message).toContain('SPJ Oktober 2026 belum diverifikasi');
    expect(fail('spj_months_missing', { months: ['2026-08', '2026-09', '2026-10'] }).message).toContain('SPJ Agustus 2026, September 2026 dan Oktober 2026 belum diverifikasi');
    expect(fail('spj_earlier_month_missing', { months: ['2026-08', '2026-09'] }).message).toContain('ajukan dulu SPJ Agustus 2026 dan September 2026');
    expect(fail('plan_empty')).toMatchObject({ code: 'plan_empty', kind: 'validation', fields: {}, message: ERRORS.plan_empty.message });
  });

  it('combines several refusals under the first one’s code and kind, every message, every field', () => {
    const e = DomainError.combine([fail('year_closed', { year: 2026 }), fail('plan_not_approved', undefined, { plan: 'x' })], { extra: 'y' });
    expect(e).toMatchObject({ code: 'year_closed', kind: 'conflict', fields: { plan: 'x', extra: 'y' } });
    expect(e.message).toBe(`${errorMessage('year_closed', { year: 2026 })}\n${ERRORS.plan_not_approved.message}`);
  });

  // The codes once thrown with two kinds: one kind each now, split where the meanings differ.
  it.each<[ErrorCode, string]>([
    ['receipt_exceeds_cash', 'validation'],
    ['receipt_exceeds_cash_on_verify', 'conflict'],
    ['category_limit_exceeded', 'validation'],
    ['category_limit_exceeded_on_verify', 'conflict'],
    ['plan_line_exceeded', 'validation'],
    ['plan_line_exceeded_on_verify', 'conflict'],
    ['spj_month_closed', 'validation'],
    ['spj_month_reported_on_verify', 'conflict'],
    ['evidence_duplicate', 'validation'],
    ['evidence_uploaded_twice', 'validation'],
    ['receipt_not_found', 'not_found'],
    ['rt_not_found', 'not_found'],
    ['rt_unknown', 'validation'],
  ])('%s is %s', (code, kind) => {
    expect(ERRORS[code].kind).toBe(kind);
  });
});
