import { describe, expect, it } from 'vitest';
import { entryFromCanonical } from '../../src/domain/ledger/canonical-parse';
import { canonical, type HashableEntry } from '../../src/domain/ledger/hash-chain';

const entry = (o: Partial<HashableEntry> = {}): HashableEntry => ({
  id: 7, year: 2026, eventType: 'receipt', eventRef: 'receipt:3', description: 'ATK "rapat"', actor: 'user:2:bendahara', occurredOn: '2026-08-04',
  recordedAt: '2026-08-05T01:02:03.000Z', idempotencyKey: 'receipt:3:verify', reversesEntryId: null, reason: null,
  postings: [{ account: 'beban:rt:x:adm', amount: 150_000 }, { account: 'aset:rt:x:kas', amount: -150_000 }],
  version: 2, facts: { kind: 'receipt', receipt: 3, rt: 1, date: '2026-08-04', category: 'ADM', description: 'ATK', vendor: 'Toko', nota: null, amount: 150_000, evidence: ['aa'] }, ...o,
});

describe('an entry read back from the text its hash covers (journal.jsonl)', () => {
  it.each([
    ['version 2 with facts', entry()],
    ['version 2 without facts', entry({ facts: null })],
    ['version 1', entry({ version: 1, facts: null })],
    ['a reversal', entry({ eventType: 'reversal', reversesEntryId: 3, reason: 'salah RT' })],
  ])('%s: canonical(read(text)) is the text, and the fields come back', (_n, e) => {
    const text = canonical(e);
    const read = entryFromCanonical(text);
    if (!('entry' in read)) throw new Error(read.problem);
    expect(canonical(read.entry)).toBe(text);
    expect(read.entry).toEqual(e);
  });

  const v2 = JSON.parse(canonical(entry())) as unknown[];
  const withAt = (i: number, v: unknown) => JSON.stringify(v2.map((x, j) => (j === i ? v : x)));
  it.each([
    ['not JSON', '[2,', 'bukan JSON'],
    ['an object', '{"a":1}', 'bukan larik JSON'],
    ['version 3', withAt(0, 3), 'versi 3 tidak dikenal'],
    ['version as text', withAt(0, '2'), 'versi "2" tidak dikenal'],
    ['an element missing', JSON.stringify(v2.slice(0, 13)), 'jumlah unsur 13, seharusnya 14'],
    ['version 1 with facts', JSON.stringify([1, ...v2.slice(1)]), 'jumlah unsur 14, seharusnya 13'],
    ['id as text', withAt(1, '7'), 'id atau tahun bukan bilangan bulat'],
    ['a fractional year', withAt(2, 2026.5), 'id atau tahun bukan bilangan bulat'],
    ['a number as description', withAt(5, 5), 'kolom teks tidak berupa teks'],
    ['recorded time missing', withAt(8, null), 'kolom teks tidak berupa teks'],
    ['idempotency key as number', withAt(9, 1), 'kolom teks tidak berupa teks'],
    ['a reversal link as text', withAt(10, '3'), 'reverses_entry_id tidak sah'],
    ['a reason as number', withAt(11, 1), 'alasan tidak sah'],
    ['postings not a list', withAt(12, 'x'), 'baris posting tidak sah'],
    ['a posting of three', withAt(12, [['a', 1, 2], ['b', -1]]), 'baris posting tidak sah'],
    ['a fractional amount', withAt(12, [['a', 1.5], ['b', -1.5]]), 'baris posting tidak sah'],
    ['an account as number', withAt(12, [[1, 1], ['b', -1]]), 'baris posting tidak sah'],
    ['facts as a list', withAt(13, [1]), 'facts bukan objek'],
    ['facts as text', withAt(13, 'x'), 'facts bukan objek'],
  ])('refuses %s', (_n, text, problem) => {
    expect(entryFromCanonical(text)).toEqual({ problem });
  });

  it('a text canonical() did not write (spaces) reads, but gives another text, so its hash cannot match', () => {
    const spaced = JSON.stringify(v2, null, 1);
    const read = entryFromCanonical(spaced);
    if (!('entry' in read)) throw new Error(read.problem);
    expect(canonical(read.entry)).not.toBe(spaced);
  });
});
