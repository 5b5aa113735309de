/** Issue 20: what the public pages may disclose of a receipt, and SPJ punctuality (src/domain/public/disclosure.ts). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../src/domain/grants/programme-year';
import { discloseReceipt, isPersonalHelpCategory, spjPunctuality } from '../../src/domain/public/disclosure';

const receipt = (status: string, category = 'PRL') => ({ id: 7, date: '2026-08-17', category, description: 'Kursi lipat 10 buah', vendor: 'Toko Sinar', amount: 300_000, status });
const files = [
  { sha256: 'a'.repeat(64), kind: 'nota' },
  { sha256: 'b'.repeat(64), kind: 'foto_barang' },
  { sha256: 'c'.repeat(64), kind: 'foto_kegiatan' },
  { sha256: 'd'.repeat(64), kind: 'daftar_hadir' },
];

describe('a receipt on the public pages', () => {
  it.each([
    ['pending', null],
    ['returned', null],
    ['rejected', null],
    ['reversed', null],
    ['verified', 'full'],
  ])('%s → %s', (status, expected) => {
    const d = discloseReceipt(receipt(status), false, files, new Set());
    expect(d === null ? null : 'full').toBe(expected);
  });

  it('shows only activity and item photos, never the nota or the attendance list, and not a hidden one', () => {
    const d = discloseReceipt(receipt('verified'), false, files, new Set(['c'.repeat(64)]))!;
    expect(d.photos.map((p) => p.kind)).toEqual(['foto_barang']);
    expect(d).toMatchObject({ description: 'Kursi lipat 10 buah', vendor: 'Toko Sinar', restricted: false });
  });

  it('help to persons: category, date and amount only', () => {
    const d = discloseReceipt(receipt('verified', 'SOS'), true, files, new Set())!;
    expect(d).toEqual({ id: 7, date: '2026-08-17', category: 'SOS', amount: 300_000, description: null, vendor: null, restricted: true, photos: [] });
  });

  it.each(DEFAULT_CATEGORIES.map((c) => [c.code, c.code === 'SOS'] as const))('default category %s is help to persons: %s', (code, expected) => {
    expect(isPersonalHelpCategory(DEFAULT_CATEGORIES.find((c) => c.code === code)!)).toBe(expected);
  });
});

describe('SPJ punctuality', () => {
  it.each([
    [[], { owed: 0, onTime: 0, late: 0, missing: 0, onTimePercent: null }],
    [[{ status: 'verified', daysLate: 0 }, { status: 'submitted', daysLate: 3 }, { status: null, daysLate: 20 }, { status: 'returned', daysLate: 1 }], { owed: 4, onTime: 1, late: 1, missing: 2, onTimePercent: 25 }],
    [[{ status: 'verified', daysLate: 0 }, { status: 'verified', daysLate: 0 }, { status: 'withdrawn', daysLate: 0 }], { owed: 3, onTime: 2, late: 0, missing: 1, onTimePercent: 66.7 }],
  ] as const)('%j → %j', (months, expected) => {
    expect(spjPunctuality(months.map((m, i) => ({ month: `2026-0${i + 1}`, status: m.status, daysLate: m.daysLate })))).toEqual(expected);
  });
});
