/** A correction into a closed year (year-correction.ts): what it may move, and what it must carry. */
import { describe, expect, it } from 'vitest';
import { buildYearCorrection, closedYearAccepts, parsePlace, type CorrectionCommand } from '../../src/domain/grants/year-correction';
import { EVENT_TYPES, validateEntry } from '../../src/domain/ledger/entry';
import { codeOf } from '../helpers/errors';

const ref = { kelurahanCode: '3374050005', rwNumber: 1, rtNumber: 1 };
const cmd = (o: Partial<CorrectionCommand> = {}): CorrectionCommand => ({
  year: 2025, rtId: 267, rt: ref, rtLabel: 'RT 001 / RW 001 Pleburan', from: { kind: 'spending', category: 'SOS' }, to: { kind: 'returned' },
  amount: 250_000, reason: 'Temuan Inspektorat', fromBalance: 250_000, actor: 'user:1:admin', today: '2026-02-10', idempotencyKey: 'year_correction:k', ...o,
});

const REFUSED: Array<[string, Partial<CorrectionCommand>, string]> = [
  ['no reason', { reason: '  ' }, 'correction_reason_missing'],
  ['a zero amount', { amount: 0 }, 'correction_amount_invalid'],
  ['a negative amount', { amount: -5 }, 'correction_amount_invalid'],
  ['a fraction of a rupiah', { amount: 10.5 }, 'correction_amount_invalid'],
  ['more than the source holds', { amount: 250_001 }, 'correction_exceeds_balance'],
  ['the same place on both sides', { to: { kind: 'spending', category: 'SOS' } }, 'correction_same_place'],
];

describe('buildYearCorrection', () => {
  it.each(REFUSED)('refuses %s', (_name, o, code) => {
    expect(codeOf(() => buildYearCorrection(cmd(o)))).toBe(code);
  });

  it('moves the amount from the source to the target, tagged with the closed year, dated today, with its reason', () => {
    const d = buildYearCorrection(cmd());
    expect(d).toMatchObject({ year: 2025, eventType: 'year_correction', eventRef: 'rt:267', occurredOn: '2026-02-10', reason: 'Temuan Inspektorat' });
    expect(d.postings).toEqual([
      { account: 'aset:kota:kasda:pengembalian:3374050005:rw01:rt001', amount: 250_000 },
      { account: 'beban:rt:3374050005:rw01:rt001:sos', amount: -250_000 },
    ]);
    expect(() => validateEntry(d)).not.toThrow();
  });

  it('a correction entry without a reason does not validate', () => {
    expect(codeOf(() => validateEntry({ ...buildYearCorrection(cmd()), reason: null }))).toBe('correction_reason_missing');
  });
});

describe('closed years and places', () => {
  it('a closed year accepts corrections only, reversals included in the refusal', () => {
    expect(EVENT_TYPES.filter(closedYearAccepts)).toEqual(['year_correction']);
  });
  const PLACES: Array<[string, unknown]> = [
    ['spending:SOS', { kind: 'spending', category: 'SOS' }],
    ['returned', { kind: 'returned' }],
    ['lapsed', { kind: 'lapsed' }],
    ['spending:XYZ', null],
    ['cash', null],
    ['undrawn', null],
    ['spending:sos', null],
  ];
  it.each(PLACES)('parsePlace(%s)', (value, place) => {
    expect(parsePlace(value, ['SOS', 'ADM'])).toEqual(place);
  });
});
