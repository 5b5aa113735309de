import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { defaultProgrammeYear } from '../../src/domain/grants/programme-year';
import { checkReceipt, receiptTransition, type ReceiptAction, type ReceiptDraft, type ReceiptFacts, type ReceiptStatus } from '../../src/domain/grants/receipt';
import { checkReconciled, spjDueDate, spjTransition } from '../../src/domain/grants/spj';

const code = (fn: () => unknown) => {
  try {
    return fn();
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('receipt state machine', () => {
  it.each<[ReceiptStatus, ReceiptAction, boolean, string | null, string]>([
    ['pending', 'verify', false, null, 'verified'],
    ['pending', 'verify', true, null, 'approver_is_submitter'],
    ['verified', 'verify', false, null, 'receipt_not_pending'],
    ['pending', 'return', false, 'foto kegiatan kurang', 'returned'],
    ['pending', 'return', false, ' ', 'note_required'],
    ['pending', 'reject', false, 'bukan belanja RT', 'rejected'],
    ['rejected', 'reject', false, 'x', 'receipt_not_pending'],
    ['returned', 'resubmit', false, null, 'pending'],
    ['pending', 'resubmit', false, null, 'receipt_not_returned'],
    ['verified', 'reverse', false, 'salah kategori', 'reversed'],
    ['pending', 'reverse', false, 'x', 'receipt_not_verified'],
    ['returned', 'withdraw', true, null, 'rejected'],
    ['pending', 'withdraw', false, null, 'receipt_not_returned'],
    ['verified', 'reverse', false, '', 'note_required'],
  ])('%s × %s (submitter %s, note %j) → %s', (status, action, isSubmitter, note, expected) => {
    expect(code(() => receiptTransition(status, action, { isSubmitter, note }))).toBe(expected);
  });
});

describe('rules at entry', () => {
  const year = defaultProgrammeYear(2026);
  const facts: ReceiptFacts = { year, today: '2026-09-15', allocation: 25_000_000, cashAvailable: 2_000_000, adminUsed: 0, sameNota: null };
  const ok: ReceiptDraft = {
    date: '2026-09-10', category: 'SOS', description: 'Konsumsi rapat warga', vendor: 'Warung Bu Sri', notaNumber: 'A-1', amount: 250_000, items: [],
    evidenceKinds: ['nota', 'foto_kegiatan', 'daftar_hadir'],
  };
  it.each<[string, Partial<ReceiptDraft>, Partial<ReceiptFacts>, string]>([
    ['a complete receipt', {}, {}, 'ok'],
    ['an unknown category', { category: 'XYZ' }, {}, 'category_unknown'],
    ['a date in the future', { date: '2026-09-16' }, {}, 'receipt_date_future'],
    ['a date outside the year', { date: '2025-12-31' }, {}, 'receipt_date_outside_year'],
    ['more than the cash available', { amount: 2_000_001 }, {}, 'receipt_exceeds_cash'],
    ['administration past 2,5 %', { category: 'ADM', amount: 100_000, evidenceKinds: ['nota'] }, { adminUsed: 600_000 }, 'category_limit_exceeded'],
    ['equipment without item lines', { category: 'PRL', amount: 900_000, evidenceKinds: ['nota', 'foto_barang'] }, {}, 'items_required'],
    ['an instructor above Rp400.000 per item', { category: 'PEM', amount: 500_000, items: [{ name: 'Instruktur senam', quantity: 1, unitPrice: 500_000 }] }, {}, 'item_cap_exceeded'],
    ['equipment above Rp300.000 per item', { category: 'PRL', amount: 700_000, items: [{ name: 'Tenda lipat', quantity: 2, unitPrice: 350_000 }], evidenceKinds: ['nota', 'foto_barang'] }, {}, 'item_cap_exceeded'],
    ['a cleaner fee above Rp150.000', { category: 'LIN', amount: 200_000, items: [{ name: 'Honor petugas kebersihan', quantity: 1, unitPrice: 200_000 }], evidenceKinds: ['nota', 'foto_kegiatan'] }, {}, 'item_cap_exceeded'],
    ['items that do not add up', { items: [{ name: 'Nasi kotak', quantity: 10, unitPrice: 20_000 }] }, {}, 'items_total_mismatch'],
    ['fuel for an officer', { description: 'Bensin untuk ronda pengurus RT' }, {}, 'forbidden_use'],
    ['an activity without an attendance list', { evidenceKinds: ['nota', 'foto_kegiatan'] }, {}, 'evidence_incomplete'],
    ['goods without a photo', { category: 'PRL', items: [{ name: 'Sapu', quantity: 10, unitPrice: 25_000 }], evidenceKinds: ['nota'] }, {}, 'evidence_incomplete'],
  ])('%s → %s', (_n, draft, f, expected) => {
    expect(code(() => (checkReceipt({ ...ok, ...draft }, { ...facts, ...f }), 'ok'))).toBe(expected);
  });

  it('flags a duty stamp at Rp5.000.000 and a possible duplicate nota', () => {
    const flags = checkReceipt({ ...ok, amount: 5_000_000 }, { ...facts, cashAvailable: 6_000_000, sameNota: { receiptId: 7 } });
    expect(flags.map((f) => f.code)).toEqual(['meterai', 'possible_duplicate']);
    expect(checkReceipt({ ...ok, amount: 4_999_999 }, { ...facts, cashAvailable: 6_000_000 })).toEqual([]);
  });

  it('flags a fee above its cap recorded without item lines', () => {
    const flags = checkReceipt({ ...ok, category: 'PEM', description: 'Honor instruktur senam November', amount: 600_000 }, facts);
    expect(flags.map((f) => f.code)).toEqual(['item_cap']);
  });

  it('knows fuel for a machine from fuel for officers, and an officer’s "uang lelah" for an incentive', () => {
    expect(code(() => (checkReceipt({ ...ok, category: 'LIN', description: 'Bensin untuk mesin potong rumput', evidenceKinds: ['nota', 'foto_kegiatan'] }, facts), 'ok'))).toBe('ok');
    expect(code(() => checkReceipt({ ...ok, description: 'Uang lelah Pak RT dan sekretaris' }, facts))).toBe('forbidden_use');
  });

  it('only flags a forbidden use when the year says so', () => {
    const lenient = { ...year, forbiddenMode: 'flag' as const };
    expect(checkReceipt({ ...ok, description: 'Bensin untuk ronda pengurus RT' }, { ...facts, year: lenient }).map((f) => f.code)).toEqual(['forbidden_use']);
  });
});

describe('SPJ', () => {
  const year = defaultProgrammeYear(2026);
  it.each([
    [null, 'submit', 0, null, 'submitted'],
    ['returned', 'submit', 0, null, 'submitted'],
    ['submitted', 'submit', 0, null, 'spj_already_submitted'],
    ['submitted', 'verify', 0, null, 'verified'],
    ['submitted', 'verify', 2, null, 'spj_receipts_pending'],
    ['verified', 'verify', 0, null, 'spj_not_submitted'],
    ['submitted', 'return', 0, 'kuitansi kurang', 'returned'],
    ['submitted', 'return', 0, '', 'note_required'],
  ] as const)('%s × %s (undecided %d) → %s', (status, action, undecided, note, expected) => {
    expect(code(() => spjTransition(status, action, { isSubmitter: false, undecidedReceipts: undecided, note }))).toBe(expected);
  });

  it('is due on the 10th of the next month, and never after 15 December', () => {
    expect(spjDueDate(year, '2026-08')).toBe('2026-09-10');
    expect(spjDueDate(year, '2026-11')).toBe('2026-12-10');
    expect(spjDueDate(year, '2026-12')).toBe('2026-12-15');
  });

  it('must reconcile with the ledger', () => {
    expect(() => checkReconciled({ opening: 0, received: 1_800_000, spent: 1_500_000, closing: 300_000 }, 300_000)).not.toThrow();
    expect(code(() => checkReconciled({ opening: 0, received: 1_800_000, spent: 1_500_000, closing: 300_000 }, 299_999))).toBe('spj_not_reconciled');
  });
});
