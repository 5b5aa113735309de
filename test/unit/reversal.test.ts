import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { EVENT_TYPES, validateEntry, type PostedEntry } from '../../src/domain/ledger/entry';
import { buildReversal } from '../../src/domain/ledger/reversal';

const CASH = 'aset:rt:3374050005:rw01:rt001:kas';
const UNDRAWN = 'aset:rt:3374050005:rw01:rt001:alokasi';
const SPENDING = 'beban:rt:3374050005:rw01:rt001:sos';

const posted = (o: Partial<PostedEntry> = {}): PostedEntry => ({
  id: 42,
  year: 2026,
  eventType: 'receipt',
  eventRef: 'receipt:9',
  description: 'Konsumsi rapat warga',
  actor: 'user:7:bendahara.pleburan',
  occurredOn: '2026-03-01',
  idempotencyKey: 'receipt:9:verify',
  postings: [
    { account: SPENDING, amount: 250_000 },
    { account: CASH, amount: -250_000 },
  ],
  recordedAt: '2026-03-01T02:00:00.000Z',
  version: 2,
  facts: null,
  prevHash: 'p',
  hash: 'h',
  reversesEntryId: null,
  reason: null,
  ...o,
});

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : `unexpected: ${String(e)}`;
  }
};

describe('buildReversal', () => {
  it('is a new entry that names the original, mirrors its postings and keeps the reason', () => {
    expect(buildReversal(posted(), '  salah kategori ', 'user:1:admin', '2026-03-05')).toEqual({
      year: 2026,
      eventType: 'reversal',
      eventRef: 'entry:42',
      description: 'Pembalikan jurnal #42: Konsumsi rapat warga',
      actor: 'user:1:admin',
      occurredOn: '2026-03-05',
      idempotencyKey: 'reversal:42',
      postings: [
        { account: SPENDING, amount: -250_000 },
        { account: CASH, amount: 250_000 },
      ],
      reversesEntryId: 42,
      reason: 'salah kategori',
    });
  });

  it('takes the idempotency key it is given', () => {
    expect(buildReversal(posted(), 'x', 'a', '2026-03-05', 'tranche:3:reverse').idempotencyKey).toBe('tranche:3:reverse');
  });

  it.each<[string, Partial<PostedEntry>, string, string]>([
    ['a receipt, with a reason', {}, 'salah input', 'ok'],
    ['a reversal', { eventType: 'reversal', reversesEntryId: 1, reason: 'x' }, 'lagi', 'cannot_reverse_reversal'],
    ['a reversal, without a reason', { eventType: 'reversal', reversesEntryId: 1, reason: 'x' }, '', 'cannot_reverse_reversal'],
    ['a receipt, without a reason', {}, '', 'reversal_reason_missing'],
    ['a receipt, with a blank reason', {}, ' \t ', 'reversal_reason_missing'],
  ])('%s → %s', (_name, original, reason, expected) => {
    expect(code(() => buildReversal(posted(original), reason, 'a', '2026-03-05'))).toBe(expected);
  });

  it('any entry plus its reversal nets to zero on every account, and the reversal is a valid entry', () => {
    const account = fc.constantFrom(CASH, UNDRAWN, SPENDING, 'ekuitas:kota:apbd');
    const legs = fc.array(fc.record({ account, amount: fc.integer({ min: 1, max: 1e12 }) }), { minLength: 1, maxLength: 5 });
    const eventType = fc.constantFrom(...EVENT_TYPES.filter((t) => t !== 'reversal'));
    fc.assert(
      fc.property(legs, eventType, fc.integer({ min: 1, max: 1e9 }), (debits, type, id) => {
        const total = debits.reduce((a, l) => a + l.amount, 0);
        // A correction after close carries its reason (year-correction.ts).
        const original = posted({ id, eventType: type, postings: [...debits, { account: 'ekuitas:kota:apbd', amount: -total }], reason: type === 'year_correction' ? 'temuan audit' : null });
        expect(code(() => validateEntry(original))).toBe('ok');
        const reversal = buildReversal(original, 'koreksi', 'system:test', '2026-03-05');
        expect(code(() => validateEntry(reversal))).toBe('ok');
        const net = new Map<string, number>();
        for (const p of [...original.postings, ...reversal.postings]) net.set(p.account, (net.get(p.account) ?? 0) + p.amount);
        expect([...net.values()].every((v) => v === 0)).toBe(true);
      }),
    );
  });
});
