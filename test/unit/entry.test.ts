import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { isValidAccountName, rtAccounts } from '../../src/domain/ledger/accounts';
import { validateEntry } from '../../src/domain/ledger/entry';
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
    const e = { ...anEntry({ idempotencyKey: `k${id}`, eventRef: `r${id}`, postings: [{ account: 'a:b', amount }, { account: 'c:d', amount: -amount }] }), id, recordedAt: '2026-01-01T00:00:00.000Z', reversesEntryId: null, reason: null, prevHash, hash: '' };
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
    const original = { ...anEntry(), id: 7, recordedAt: 'x', reversesEntryId: null, reason: null, prevHash: 'p', hash: 'h' };
    const r = buildReversal(original, 'salah input', 'user:1:admin', '2026-03-02');
    expect(r.reversesEntryId).toBe(7);
    expect(r.postings.map((p) => p.amount)).toEqual(original.postings.map((p) => -p.amount));
    expect(codeOf(() => validateEntry(r))).toBe('ok');
  });

  it('refuses to reverse a reversal, or without a reason', () => {
    const original = { ...anEntry({ eventType: 'reversal', reversesEntryId: 1, reason: 'x' }), id: 8, recordedAt: 'x', reversesEntryId: 1, reason: 'x', prevHash: 'p', hash: 'h' };
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
