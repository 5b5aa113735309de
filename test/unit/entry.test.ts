import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { isValidAccountName, rtAccounts } from '../../src/domain/ledger/accounts';
import fc from 'fast-check';
import { debitTotal, EVENT_TYPES, fingerprint, validateEntry, type EntryDraft } from '../../src/domain/ledger/entry';
import { ChainWalker, entryHash, GENESIS_HASH } from '../../src/domain/ledger/hash-chain';
import { buildReversal } from '../../src/domain/ledger/reversal';
import { anEntry } from '../builders';

const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : `unexpected: ${String(e)}`;
  }
};

describe('validateEntry', () => {
  it.each([
    ['a balanced entry', {}, 'ok'],
    ['debits ≠ credits', { postings: [{ account: 'a:b', amount: 1000 }, { account: 'c:d', amount: -999 }] }, 'entry_not_balanced'],
    ['a single posting', { postings: [{ account: 'a:b', amount: 0 }] }, 'entry_too_few_postings'],
    ['no postings', { postings: [] }, 'entry_too_few_postings'],
    ['a zero amount', { postings: [{ account: 'a:b', amount: 0 }, { account: 'c:d', amount: 0 }] }, 'posting_amount_invalid'],
    ['a fractional amount', { postings: [{ account: 'a:b', amount: 0.5 }, { account: 'c:d', amount: -0.5 }] }, 'posting_amount_invalid'],
    ['an unsafe amount', { postings: [{ account: 'a:b', amount: 2 ** 60 }, { account: 'c:d', amount: -(2 ** 60) }] }, 'posting_amount_invalid'],
    ['no business event', { eventRef: ' ' }, 'entry_event_missing'],
    ['an unknown event type', { eventType: 'gift' as never }, 'entry_event_missing'],
    ['no actor', { actor: '' }, 'entry_actor_missing'],
    ['no idempotency key', { idempotencyKey: '' }, 'entry_idempotency_key_missing'],
    ['a bad date', { occurredOn: '2026-13-45' }, 'entry_date_invalid'],
    ['a reversal without reason', { eventType: 'reversal' as const, reversesEntryId: 1, reason: '' }, 'reversal_reason_missing'],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(codeOf(() => validateEntry(anEntry(overrides)))).toBe(expected);
  });
});

describe('hash chain', () => {
  const posted = (id: number, prevHash: string, amount = 1000) => {
    const e = { ...anEntry({ idempotencyKey: `k${id}`, eventRef: `r${id}`, postings: [{ account: 'a:b', amount }, { account: 'c:d', amount: -amount }] }), id, recordedAt: '2026-01-01T00:00:00.000Z', reversesEntryId: null, reason: null, version: 2 as const, facts: null, prevHash, hash: '' };
    e.hash = entryHash(prevHash, e);
    return e;
  };

  it('accepts an intact chain and reports its head', () => {
    const a = posted(1, GENESIS_HASH);
    const b = posted(2, a.hash);
    const w = new ChainWalker();
    expect(w.step(a)).toBeNull();
    expect(w.step(b)).toBeNull();
    expect(w.head).toBe(b.hash);
  });

  it('names the entry whose content was changed', () => {
    const a = posted(1, GENESIS_HASH);
    const b = posted(2, a.hash);
    const tampered = { ...b, postings: [{ account: 'a:b', amount: 2000 }, { account: 'c:d', amount: -2000 }] };
    const w = new ChainWalker();
    w.step(a);
    expect(w.step(tampered)).toMatchObject({ entryId: 2 });
  });

  it('detects a removed entry', () => {
    const a = posted(1, GENESIS_HASH);
    const b = posted(2, a.hash);
    const c = posted(3, b.hash);
    const w = new ChainWalker();
    w.step(a);
    expect(w.step(c)).toMatchObject({ entryId: 3 });
  });
});

describe('reversal', () => {
  it('mirrors every posting and names the original', () => {
    const original = { ...anEntry(), id: 7, recordedAt: 'x', reversesEntryId: null, reason: null, version: 2 as const, facts: null, prevHash: 'p', hash: 'h' };
    const r = buildReversal(original, 'salah input', 'user:1:admin', '2026-03-02');
    expect(r.reversesEntryId).toBe(7);
    expect(r.postings.map((p) => p.amount)).toEqual(original.postings.map((p) => -p.amount));
    expect(codeOf(() => validateEntry(r))).toBe('ok');
  });

  it('refuses to reverse a reversal, or without a reason', () => {
    const original = { ...anEntry({ eventType: 'reversal', reversesEntryId: 1, reason: 'x' }), id: 8, recordedAt: 'x', reversesEntryId: 1, reason: 'x', version: 2 as const, facts: null, prevHash: 'p', hash: 'h' };
    expect(codeOf(() => buildReversal(original, 'lagi', 'a', '2026-01-01'))).toBe('cannot_reverse_reversal');
    const plain = { ...original, eventType: 'tranche' as const };
    expect(codeOf(() => buildReversal(plain, '  ', 'a', '2026-01-01'))).toBe('reversal_reason_missing');
  });
});

describe('account names', () => {
  it('are valid hledger names', () => {
    const names = rtAccounts({ kelurahanCode: '3374050005', rwNumber: 2, rtNumber: 3 }, ['ADM', 'SOS']).map((a) => a.name);
    expect(names).toContain('aset:rt:3374050005:rw02:rt003:kas');
    expect(names.every(isValidAccountName)).toBe(true);
  });
});

describe('validateEntry, rule by rule', () => {
  const two = (a: number, b: number) => [{ account: 'aset:kas', amount: a }, { account: 'ekuitas:apbd', amount: b }];
  it.each<[string, Partial<EntryDraft>, string]>([
    ...EVENT_TYPES.map((eventType): [string, Partial<EntryDraft>, string] => [`the event type ${eventType}`, { eventType, reversesEntryId: 1, reason: 'koreksi' }, 'ok']),
    ['an event reference missing altogether', { eventRef: undefined as unknown as string }, 'entry_event_missing'],
    ['an actor missing altogether', { actor: undefined as unknown as string }, 'entry_actor_missing'],
    ['a blank actor', { actor: ' ' }, 'entry_actor_missing'],
    ['an idempotency key missing altogether', { idempotencyKey: undefined as unknown as string }, 'entry_idempotency_key_missing'],
    ['a blank idempotency key', { idempotencyKey: '\t' }, 'entry_idempotency_key_missing'],
    ['a date without leading zeros', { occurredOn: '2026-3-1' }, 'entry_date_invalid'],
    ['a date with a time', { occurredOn: '2026-03-01T00:00' }, 'entry_date_invalid'],
    ['a date after other text', { occurredOn: 'x2026-03-01' }, 'entry_date_invalid'],
    ['a date in another order', { occurredOn: '01-03-2026' }, 'entry_date_invalid'],
    ['30 February (JavaScript reads it as 2 March)', { occurredOn: '2026-02-30' }, 'entry_date_invalid'],
    ['31 April', { occurredOn: '2026-04-31' }, 'entry_date_invalid'],
    ['a date with an expanded year', { occurredOn: '+002026-03-01' }, 'entry_date_invalid'],
    ['the last day of a year', { occurredOn: '2026-12-31' }, 'ok'],
    ['postings that are not a list', { postings: null as unknown as [] }, 'entry_too_few_postings'],
    ['three balanced postings', { postings: [...two(1000, -400), { account: 'beban:x', amount: -600 }] }, 'ok'],
    ['a non-number amount', { postings: two(Number.NaN, 0) }, 'posting_amount_invalid'],
    ['an infinite amount', { postings: two(Infinity, -Infinity) }, 'posting_amount_invalid'],
    ['a zero amount after a good one', { postings: [...two(1000, -1000), { account: 'beban:x', amount: 0 }] }, 'posting_amount_invalid'],
    ['a blank account', { postings: [{ account: ' ', amount: 1000 }, { account: 'ekuitas:apbd', amount: -1000 }] }, 'posting_account_missing'],
    ['no account', { postings: [{ account: undefined as unknown as string, amount: 1000 }, { account: 'ekuitas:apbd', amount: -1000 }] }, 'posting_account_missing'],
    ['a reversal of no entry', { eventType: 'reversal', reversesEntryId: null, reason: 'x' }, 'reversal_reason_missing'],
    ['a reversal of entry 0', { eventType: 'reversal', reversesEntryId: 0, reason: 'x' }, 'reversal_reason_missing'],
    ['a reversal without a reason at all', { eventType: 'reversal', reversesEntryId: 3 }, 'reversal_reason_missing'],
    ['a reversal with a blank reason', { eventType: 'reversal', reversesEntryId: 3, reason: '  ' }, 'reversal_reason_missing'],
    ['a tranche without a reason', { eventType: 'tranche', reversesEntryId: null, reason: null }, 'ok'],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(codeOf(() => validateEntry(anEntry(overrides)))).toBe(expected);
  });

  it('names the account whose amount is not whole rupiah', () => {
    expect(() => validateEntry(anEntry({ postings: [{ account: 'aset:kota:kas', amount: 0.5 }, { account: 'ekuitas:apbd', amount: -0.5 }] }))).toThrow(/aset:kota:kas/);
  });

  it('says how far debits and credits are apart', () => {
    const e = anEntry({ postings: [{ account: 'aset:kas', amount: 1000 }, { account: 'beban:x', amount: 250 }, { account: 'ekuitas:apbd', amount: -999 }] });
    expect(() => validateEntry(e)).toThrow(/debit Rp1\.250 .*kredit Rp999\b/);
  });

  it('any balanced list of postings passes, any unbalanced one is refused', () => {
    const amounts = fc.array(fc.integer({ min: -1e12, max: 1e12 }).filter((a) => a !== 0), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(amounts, fc.integer({ min: -1000, max: 1000 }), (xs, off) => {
        const sum = xs.reduce((a, b) => a + b, 0);
        fc.pre(sum !== 0 && sum + off !== 0);
        const postings = [...xs.map((amount, i) => ({ account: `aset:a${i}`, amount })), { account: 'ekuitas:apbd', amount: -sum }];
        expect(codeOf(() => validateEntry(anEntry({ postings })))).toBe('ok');
        postings[postings.length - 1] = { account: 'ekuitas:apbd', amount: -sum - off };
        expect(codeOf(() => validateEntry(anEntry({ postings })))).toBe(off === 0 ? 'ok' : 'entry_not_balanced');
      }),
    );
  });
});

describe('debitTotal', () => {
  it.each([
    [[1000, -1000], 1000],
    [[1000, 250, -1250], 1250],
    [[-500, 200, 300], 500],
    [[], 0],
  ])('%j → %d', (amounts, total) => {
    expect(debitTotal(amounts.map((amount, i) => ({ account: `a:${i}`, amount })))).toBe(total);
  });
});

describe('fingerprint: the economic content behind an idempotency key', () => {
  const base = anEntry({ eventRef: 'tranche:1', idempotencyKey: 'k' });
  it.each<[string, Partial<EntryDraft>, boolean]>([
    ['another description, actor, date and key', { description: 'lain', actor: 'user:1:x', occurredOn: '2026-04-01', idempotencyKey: 'k2' }, true],
    ['another year', { year: 2027 }, false],
    ['another event type', { eventType: 'tranche' }, false],
    ['another event reference', { eventRef: 'tranche:2' }, false],
    ['another amount', { postings: [{ account: 'ekuitas:kota:apbd', amount: -1001 }, { account: 'aset:kota:kasda:pengembalian', amount: 1001 }] }, false],
    ['another account', { postings: [{ account: 'ekuitas:kota:apbd', amount: -1000 }, { account: 'aset:kota:x', amount: 1000 }] }, false],
    ['the postings in another order', { postings: [...base.postings].reverse() }, false],
  ])('%s → same: %s', (_name, change, same) => {
    expect(fingerprint({ ...base, ...change }) === fingerprint(base)).toBe(same);
  });

  it('does not confuse an account name with an amount', () => {
    const a = anEntry({ postings: [{ account: 'a:1', amount: 23 }, { account: 'b', amount: -23 }] });
    const b = anEntry({ postings: [{ account: 'a:12', amount: 3 }, { account: 'b', amount: -3 }] });
    expect(fingerprint(a)).not.toBe(fingerprint({ ...b, eventRef: a.eventRef }));
  });
});
