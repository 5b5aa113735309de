/** src/domain/grants/receipt.ts: the receipt's state machine, its rules at entry and the flags a bendahara sees. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { defaultProgrammeYear } from '../../src/domain/grants/programme-year';
import { failureOf } from '../helpers/errors';
import {
  capApplies,
  checklistFor,
  checkReceipt,
  EVIDENCE_KINDS,
  RECEIPT_STATUS_LABELS,
  RECEIPT_STATUSES,
  receiptTransition,
  type EvidenceKind,
  type ReceiptAction,
  type ReceiptDraft,
  type ReceiptFacts,
  type ReceiptStatus,
} from '../../src/domain/grants/receipt';

const failure = failureOf;
const outcome = (fn: () => unknown) => {
  try {
    return fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `unexpected: ${String(e)}`;
  }
};

describe('receipt states', () => {
  it('has five states, each with its Indonesian label', () => {
    expect(RECEIPT_STATUSES).toEqual(['pending', 'verified', 'returned', 'rejected', 'reversed']);
    expect(RECEIPT_STATUS_LABELS).toEqual({
      pending: 'Menunggu verifikasi',
      verified: 'Terverifikasi',
      returned: 'Dikembalikan untuk dilengkapi',
      rejected: 'Ditolak',
      reversed: 'Dibatalkan (jurnal balik)',
    });
  });

  /** Every state × action, decided by someone else with a note: the next state or the refusal. */
  const MATRIX: Record<ReceiptAction, Record<ReceiptStatus, string>> = {
    verify: { pending: 'verified', verified: 'receipt_not_pending', returned: 'receipt_not_pending', rejected: 'receipt_not_pending', reversed: 'receipt_not_pending' },
    return: { pending: 'returned', verified: 'receipt_not_pending', returned: 'receipt_not_pending', rejected: 'receipt_not_pending', reversed: 'receipt_not_pending' },
    reject: { pending: 'rejected', verified: 'receipt_not_pending', returned: 'receipt_not_pending', rejected: 'receipt_not_pending', reversed: 'receipt_not_pending' },
    resubmit: { pending: 'receipt_not_returned', verified: 'receipt_not_returned', returned: 'pending', rejected: 'receipt_not_returned', reversed: 'receipt_not_returned' },
    reverse: { pending: 'receipt_not_verified', verified: 'reversed', returned: 'receipt_not_verified', rejected: 'receipt_not_verified', reversed: 'receipt_not_verified' },
    withdraw: { pending: 'receipt_not_returned', verified: 'receipt_not_returned', returned: 'rejected', rejected: 'receipt_not_returned', reversed: 'receipt_not_returned' },
  };
  const rows = Object.entries(MATRIX).flatMap(([action, byStatus]) => Object.entries(byStatus).map(([status, expected]) => [status, action, expected] as [ReceiptStatus, ReceiptAction, string]));

  it.each(rows)('%s × %s → %s', (status, action, expected) => {
    expect(outcome(() => receiptTransition(status, action, { isSubmitter: false, note: 'catatan' }))).toBe(expected);
    if (!RECEIPT_STATUSES.includes(expected as ReceiptStatus)) {
      expect(failure(() => receiptTransition(status, action, { isSubmitter: false, note: 'catatan' })).kind).toBe('conflict');
    }
  });

  it.each<[ReceiptStatus, ReceiptAction, string]>([
    ['pending', 'verify', 'approver_is_submitter'],
    ['pending', 'return', 'approver_is_submitter'],
    ['pending', 'reject', 'approver_is_submitter'],
    ['returned', 'resubmit', 'pending'],
    ['verified', 'reverse', 'reversed'],
    ['returned', 'withdraw', 'rejected'],
  ])('the submitter: %s × %s → %s', (status, action, expected) => {
    expect(outcome(() => receiptTransition(status, action, { isSubmitter: true, note: 'catatan' }))).toBe(expected);
  });

  it('refuses the submitter as a forbidden role, before asking for a note', () => {
    const e = failure(() => receiptTransition('pending', 'return', { isSubmitter: true, note: '' }));
    expect([e.code, e.kind]).toEqual(['approver_is_submitter', 'forbidden']);
    expect(e.message).toContain('kuitansi');
  });

  it.each<[ReceiptStatus, ReceiptAction, string | null | undefined, string]>([
    ['pending', 'return', undefined, 'note_required'],
    ['pending', 'reject', null, 'note_required'],
    ['pending', 'reject', ' \n ', 'note_required'],
    ['verified', 'reverse', undefined, 'note_required'],
    ['pending', 'verify', undefined, 'verified'],
    ['returned', 'resubmit', null, 'pending'],
    ['returned', 'withdraw', '', 'rejected'],
  ])('a note: %s × %s with %j → %s', (status, action, note, expected) => {
    expect(outcome(() => receiptTransition(status, action, { isSubmitter: false, note }))).toBe(expected);
  });

  it('asks for the note in the note field', () => {
    const e = failure(() => receiptTransition('pending', 'reject', { isSubmitter: false }));
    expect(e.kind).toBe('validation');
    expect(Object.keys(e.fields)).toEqual(['note']);
    expect(e.fields.note).toMatch(/^\S.*\.$/);
  });
});

describe('which cap applies to an item', () => {
  const honor = { label: 'Honor instruktur olahraga/senam', maxRupiah: 400_000 };
  it.each([
    ...['honor', 'Honorarium', 'upah', 'jasa', 'fee', 'transport', 'instruktur', 'pelatih', 'petugas', 'penceramah', 'ustadz', 'ustad', 'pemuka', 'pendeta', 'kyai'].map((w): [string, boolean] => [`${w} pengajian`, true]),
    ['Uang TRANSPORT narasumber', true],
    ['Nasi kotak', false],
    ['Bola voli', false],
    ['Jasamarga tol', false],
    ['Pelatihan kader', false],
  ])('a fee cap applies to %j: %s', (item, applies) => {
    expect(capApplies(honor, item)).toBe(applies);
  });

  it.each([
    ['Harga per barang', true],
    ['HONOR khusus', false],
    ['Batas honor', true],
  ])('a cap labelled %j applies to a bag of cement: %s', (label, applies) => {
    expect(capApplies({ label, maxRupiah: 1 }, 'Semen 1 sak')).toBe(applies);
  });
});

describe('the evidence each category needs', () => {
  it.each<[string, EvidenceKind[]]>([
    ['ADM', ['nota']],
    ['SOS', ['nota', 'foto_kegiatan', 'daftar_hadir']],
    ['BUD', ['nota', 'foto_kegiatan', 'daftar_hadir']],
    ['PEM', ['nota', 'foto_kegiatan', 'daftar_hadir']],
    ['LIN', ['nota', 'foto_kegiatan']],
    ['PML', ['nota', 'foto_barang']],
    ['PRL', ['nota', 'foto_barang']],
    ['XYZ', ['nota']],
  ])('%s needs %j', (category, kinds) => {
    expect(checklistFor(defaultProgrammeYear(2026), category)).toEqual(kinds);
  });

  it('names each kind as the chair picks it', () => {
    expect(EVIDENCE_KINDS).toEqual({
      nota: 'Nota / struk / kuitansi',
      foto_barang: 'Foto barang atau hasil pekerjaan',
      foto_kegiatan: 'Foto kegiatan',
      daftar_hadir: 'Daftar hadir',
      undangan: 'Undangan',
      notulen: 'Notulen',
    });
  });
});

describe('checkReceipt', () => {
  const year = defaultProgrammeYear(2026);
  const facts: ReceiptFacts = { year, today: '2026-09-15', allocation: 25_000_000, cashAvailable: 2_000_000, adminUsed: 0, sameNota: null };
  const ok: ReceiptDraft = {
    date: '2026-09-10', category: 'SOS', description: 'Konsumsi rapat warga', vendor: 'Warung Bu Sri', notaNumber: 'A-1', amount: 250_000, items: [],
    evidenceKinds: ['nota', 'foto_kegiatan', 'daftar_hadir'],
  };
  const goods: Partial<ReceiptDraft> = { category: 'PRL', evidenceKinds: ['nota', 'foto_barang'] };
  const check = (draft: Partial<ReceiptDraft>, f: Partial<ReceiptFacts> = {}) => checkReceipt({ ...ok, ...draft }, { ...facts, ...f });

  it.each<[string, Partial<ReceiptDraft>, Partial<ReceiptFacts>, string]>([
    ['dated today', { date: '2026-09-15' }, {}, 'ok'],
    ['dated on the first day of the year', { date: '2026-01-01' }, {}, 'ok'],
    ['dated on the last day of the year', { date: '2026-12-31' }, { today: '2026-12-31' }, 'ok'],
    ['dated after the year', { date: '2027-01-01' }, { today: '2027-01-05' }, 'receipt_date_outside_year'],
    ['exactly the cash available', { amount: 2_000_000 }, {}, 'ok'],
    ['a rupiah over the cash available', { amount: 2_000_001 }, {}, 'receipt_exceeds_cash'],
    ['items that add up', { ...goods, amount: 250_000, items: [{ name: 'Sapu', quantity: 2, unitPrice: 100_000 }, { name: 'Ember', quantity: 1, unitPrice: 50_000 }] }, {}, 'ok'],
    ['items that do not add up', { ...goods, amount: 250_000, items: [{ name: 'Sapu', quantity: 2, unitPrice: 100_000 }, { name: 'Ember', quantity: 1, unitPrice: 40_000 }] }, {}, 'items_total_mismatch'],
    ['an item at its cap', { ...goods, amount: 300_000, items: [{ name: 'Tenda', quantity: 1, unitPrice: 300_000 }] }, {}, 'ok'],
    ['an item a rupiah over its cap', { ...goods, amount: 300_001, items: [{ name: 'Tenda', quantity: 1, unitPrice: 300_001 }] }, {}, 'item_cap_exceeded'],
    ['a cheap item after a dear one', { ...goods, amount: 400_000, items: [{ name: 'Sapu', quantity: 1, unitPrice: 50_000 }, { name: 'Tenda', quantity: 1, unitPrice: 350_000 }] }, {}, 'item_cap_exceeded'],
    ['goods above a fee cap', { category: 'PEM', amount: 500_000, items: [{ name: 'Bola voli', quantity: 1, unitPrice: 500_000 }] }, {}, 'ok'],
    ['a fee at its cap', { category: 'PEM', amount: 400_000, items: [{ name: 'Honor instruktur', quantity: 1, unitPrice: 400_000 }] }, {}, 'ok'],
    ['activities without item lines', { category: 'BUD' }, {}, 'ok'],
    ['a forbidden item among good ones', { ...goods, amount: 100_000, items: [{ name: 'Sapu', quantity: 1, unitPrice: 50_000 }, { name: 'Pertalite motor ketua', quantity: 1, unitPrice: 50_000 }] }, {}, 'forbidden_use'],
    ['administration up to its 2,5 %', { category: 'ADM', amount: 25_000, evidenceKinds: ['nota'] }, { adminUsed: 600_000 }, 'ok'],
    ['administration a rupiah past it', { category: 'ADM', amount: 25_001, evidenceKinds: ['nota'] }, { adminUsed: 600_000 }, 'category_limit_exceeded'],
    ['administration, of a smaller allocation', { category: 'ADM', amount: 250_001, evidenceKinds: ['nota'] }, { allocation: 10_000_000 }, 'category_limit_exceeded'],
    ['spending in a category without a limit', { amount: 2_000_000 }, { adminUsed: 10_000_000 }, 'ok'],
    ['cleaning with its two kinds of evidence', { category: 'LIN', evidenceKinds: ['foto_kegiatan', 'nota'] }, {}, 'ok'],
    ['cleaning without a photo', { category: 'LIN', evidenceKinds: ['nota', 'daftar_hadir'] }, {}, 'evidence_incomplete'],
  ])('%s → %s', (_name, draft, f, expected) => {
    expect(outcome(() => (check(draft, f), 'ok'))).toBe(expected);
  });

  it.each<[string, Partial<ReceiptDraft>, Partial<ReceiptFacts>, string, Record<string, string | RegExp>]>([
    ['an unknown category', { category: 'XYZ' }, {}, 'category_unknown', { category: /./ }],
    ['a date outside the year', { date: '2025-12-31' }, {}, 'receipt_date_outside_year', { date: /./ }],
    ['a date in the future', { date: '2026-09-16' }, {}, 'receipt_date_future', { date: /./ }],
    ['goods without item lines', { ...goods, amount: 900_000 }, {}, 'items_required', { items: /./ }],
    ['items that do not add up', { items: [{ name: 'Nasi', quantity: 10, unitPrice: 20_000 }] }, {}, 'items_total_mismatch', { items: /./ }],
    ['a tent above its cap', { ...goods, amount: 350_000, items: [{ name: 'Tenda', quantity: 1, unitPrice: 350_000 }] }, {}, 'item_cap_exceeded', { items: 'Batas Harga per barang: Rp300.000.' }],
    ['a forbidden use', { description: 'Gaji sekretaris RT' }, {}, 'forbidden_use', { description: 'Dilarang: gaji pengurus RT.' }],
    ['more than the cash', { amount: 2_500_000 }, {}, 'receipt_exceeds_cash', { amount: 'Kas tersedia Rp2.000.000.' }],
    ['administration past its limit', { category: 'ADM', amount: 100_000, evidenceKinds: ['nota'] }, { adminUsed: 600_000 }, 'category_limit_exceeded', { amount: 'Sisa batas Rp25.000.' }],
    ['administration already past its limit', { category: 'ADM', amount: 1, evidenceKinds: ['nota'] }, { adminUsed: 700_000 }, 'category_limit_exceeded', { amount: 'Sisa batas Rp0.' }],
    ['an activity with only a nota', { evidenceKinds: ['nota'] }, {}, 'evidence_incomplete', { file_foto_kegiatan: /./, file_daftar_hadir: /./ }],
  ])('%s: %s in the form', (_name, draft, f, code, fields) => {
    const e = failure(() => check(draft, f));
    expect([e.code, e.kind]).toEqual([code, 'validation']);
    expect(Object.keys(e.fields).sort()).toEqual(Object.keys(fields).sort());
    for (const [k, v] of Object.entries(fields)) expect(e.fields[k]).toMatch(v);
    // A single receipt has no line numbers, unlike a plan.
    expect(e.message).not.toMatch(/^Baris/);
  });

  it.each<[string, Partial<ReceiptDraft>, RegExp]>([
    ['an unknown category', { category: 'XYZ' }, /^Kategori tidak dikenal\./],
    ['a date outside the year', { date: '2025-12-31' }, /1 Januari 2026 – 31 Desember 2026/],
    ['a forbidden use', { description: 'Gaji sekretaris RT' }, /gaji pengurus RT/],
    ['an activity with only a nota', { evidenceKinds: ['nota'] }, /Kegiatan sosial kemasyarakatan: Foto kegiatan, Daftar hadir\./],
  ])('words %s with what the chair must change', (_name, draft, words) => {
    expect(failure(() => check(draft)).message).toMatch(words);
  });

  it('asks for item lines under a goods cap, whatever its label says after the start', () => {
    const capped = { ...year, categories: year.categories.map((c) => (c.code === 'SOS' ? { ...c, itemCaps: [{ label: 'Batas honor narasumber', maxRupiah: 500_000 }] } : c)) };
    expect(outcome(() => check({}, { year: capped }))).toBe('items_required');
  });

  it('names the cash available and the amount in the message', () => {
    expect(failure(() => check({ amount: 2_500_000 })).message).toMatch(/Rp2\.500\.000.*Rp2\.000\.000/);
  });

  it.each<[string, Partial<ReceiptDraft>, Partial<ReceiptFacts>, string[]]>([
    ['an ordinary receipt', {}, {}, []],
    ['just under the duty stamp', { amount: 4_999_999 }, { cashAvailable: 6_000_000 }, []],
    ['at the duty stamp', { amount: 5_000_000 }, { cashAvailable: 6_000_000 }, ['meterai']],
    ['the same nota as another receipt', {}, { sameNota: { receiptId: 7 } }, ['possible_duplicate']],
    ['a fee above its cap without item lines', { category: 'PEM', description: 'Honor instruktur senam', amount: 400_001 }, {}, ['item_cap']],
    ['a fee at its cap without item lines', { category: 'PEM', description: 'Honor instruktur senam', amount: 400_000 }, {}, []],
    ['no fee words, above the cap', { category: 'PEM', description: 'Senam bersama', amount: 600_000 }, {}, []],
    ['a fee above its cap with item lines', { category: 'PEM', description: 'Honor instruktur senam', amount: 600_000, items: [{ name: 'Senam', quantity: 2, unitPrice: 300_000 }] }, {}, []],
    ['a fee above a goods cap', { ...goods, description: 'Jasa pasang tenda', amount: 600_000, items: [{ name: 'Tenda', quantity: 2, unitPrice: 300_000 }] }, {}, []],
    ['everything at once', { category: 'BUD', description: 'Honor ustadz dan bensin', amount: 5_000_000 }, { year: { ...year, forbiddenMode: 'flag' }, cashAvailable: 9_000_000, sameNota: { receiptId: 3 } }, ['meterai', 'forbidden_check', 'item_cap', 'possible_duplicate']],
  ])('%s → %j', (_name, draft, f, codes) => {
    expect(check(draft, f).map((flag) => flag.code)).toEqual(codes);
  });

  it('in a year that only flags, a refused use is a flag that says so', () => {
    expect(check({ description: 'Gaji sekretaris RT' }, { year: { ...year, forbiddenMode: 'flag' } })).toEqual([
      { code: 'forbidden_use', message: 'Kemungkinan penggunaan terlarang: gaji pengurus RT.' },
    ]);
  });

  it('words each flag with the amounts and the receipt it concerns', () => {
    const flags = check({ category: 'BUD', description: 'Honor ustadz dan bensin', amount: 5_000_000 }, { year: { ...year, forbiddenMode: 'flag' }, cashAvailable: 9_000_000, sameNota: { receiptId: 3 } });
    expect(flags).toEqual([
      { code: 'meterai', message: 'Jumlah Rp5.000.000 ≥ Rp5.000.000: kuitansi wajib bermeterai Rp10.000.' },
      { code: 'forbidden_check', message: 'Perlu diperiksa: "bensin" tanpa penerima atau mesin yang diizinkan; tidak boleh untuk pengurus RT/RW.' },
      { code: 'item_cap', message: 'Tampak sebagai honor (Rp5.000.000) di atas batas "Honor pemuka agama" Rp1.000.000; periksa rinciannya.' },
      { code: 'possible_duplicate', message: 'Penjual, nomor nota, jumlah dan tanggal sama dengan kuitansi #3.', receiptId: 3 },
    ]);
  });
});
