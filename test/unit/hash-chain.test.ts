import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostedEntry } from '../../src/domain/ledger/entry';
import { canonical, CHAIN_VERSION, ChainWalker, entryHash, GENESIS_HASH, type HashableEntry } from '../../src/domain/ledger/hash-chain';

const CASH = 'aset:rt:3374050005:rw01:rt001:kas';
const UNDRAWN = 'aset:rt:3374050005:rw01:rt001:alokasi';

const anEntry = (o: Partial<HashableEntry> = {}): HashableEntry => ({
  id: 1,
  year: 2026,
  eventType: 'tranche',
  eventRef: 'tranche:45',
  description: 'Pencairan Maret',
  actor: 'user:7:bendahara.pleburan',
  occurredOn: '2026-03-01',
  recordedAt: '2026-03-01T02:00:00.000Z',
  idempotencyKey: 'tranche:45:approve',
  postings: [
    { account: CASH, amount: 1_000_000 },
    { account: UNDRAWN, amount: -1_000_000 },
  ],
  reversesEntryId: null,
  reason: null,
  version: 1,
  facts: null,
  ...o,
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Posts entries one after another the way the repository does: each prevHash is the hash before it. */
function chain(entries: HashableEntry[]): PostedEntry[] {
  let prev = GENESIS_HASH;
  return entries.map((e) => {
    const hash = entryHash(prev, e);
    const posted = { ...e, prevHash: prev, hash };
    prev = hash;
    return posted;
  });
}

const walk = (entries: PostedEntry[]) => {
  const w = new ChainWalker();
  for (const e of entries) {
    const broken = w.step(e);
    if (broken) return { broken, walker: w };
  }
  return { broken: null, walker: w };
};

describe('the chain format an auditor recomputes without our database', () => {
  it('starts from 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    expect(new ChainWalker().head).toBe(GENESIS_HASH);
  });

  it('is SHA-256 of the previous hash, a newline and the canonical JSON of the entry', () => {
    const text = `[1,1,2026,"tranche","tranche:45","Pencairan Maret","user:7:bendahara.pleburan","2026-03-01","2026-03-01T02:00:00.000Z","tranche:45:approve",null,null,[["${CASH}",1000000],["${UNDRAWN}",-1000000]]]`;
    expect(canonical(anEntry())).toBe(text);
    expect(entryHash(GENESIS_HASH, anEntry())).toBe(sha256(`${GENESIS_HASH}\n${text}`));
  });

  it('version 2 (new entries) is version 1 with 2 first and the facts last; version 1 entries keep their hash', () => {
    expect(CHAIN_VERSION).toBe(2);
    const facts = { kind: 'tranche' as const, tranche: 45, rt: 3, lines: [['ADM', 'ATK', 600_000], ['SOS', 'Santunan', 400_000]] as Array<[string, string, number]> };
    const text = `[2,1,2026,"tranche","tranche:45","Pencairan Maret","user:7:bendahara.pleburan","2026-03-01","2026-03-01T02:00:00.000Z","tranche:45:approve",null,null,[["${CASH}",1000000],["${UNDRAWN}",-1000000]],{"kind":"tranche","tranche":45,"rt":3,"lines":[["ADM","ATK",600000],["SOS","Santunan",400000]]}]`;
    expect(canonical(anEntry({ version: 2, facts }))).toBe(text);
    expect(canonical(anEntry({ version: 2 }))).toMatch(/,null\]$/);
    // A changed fact changes the hash; the same content in version 1 hashes differently (the version is covered).
    expect(entryHash(GENESIS_HASH, anEntry({ version: 2, facts: { ...facts, lines: [['ADM', 'ATK', 600_001], ['SOS', 'Santunan', 399_999]] } }))).not.toBe(entryHash(GENESIS_HASH, anEntry({ version: 2, facts })));
    expect(entryHash(GENESIS_HASH, anEntry({ version: 2 }))).not.toBe(entryHash(GENESIS_HASH, anEntry({ version: 1 })));
    expect(() => canonical(anEntry({ version: 3 as never }))).toThrow();
  });

  it('covers the reversed entry and the reason of a reversal', () => {
    const reversal = anEntry({ id: 9, eventType: 'reversal', eventRef: 'entry:1', reversesEntryId: 1, reason: 'salah RT' });
    expect(canonical(reversal)).toContain(',"tranche:45:approve",1,"salah RT",[[');
  });

  it('reads a missing reversal link and reason as null, as the database stores them', () => {
    const { reversesEntryId: _r, reason: _s, ...draft } = anEntry();
    expect(canonical(draft as HashableEntry)).toBe(canonical(anEntry()));
    expect(canonical(anEntry({ reversesEntryId: 0 }))).toContain(',"tranche:45:approve",0,null,');
  });

  it('changes when any field or posting changes', () => {
    const base = anEntry();
    const changes: Array<Partial<HashableEntry>> = [
      { id: 2 }, { year: 2027 }, { eventType: 'receipt' }, { eventRef: 'tranche:46' }, { description: 'Pencairan April' },
      { actor: 'user:8:x' }, { occurredOn: '2026-03-02' }, { recordedAt: '2026-03-01T02:00:00.001Z' }, { idempotencyKey: 'k' },
      { reversesEntryId: 3 }, { reason: 'x' },
      { postings: [{ account: CASH, amount: 1_000_001 }, { account: UNDRAWN, amount: -1_000_001 }] },
      { postings: [{ account: UNDRAWN, amount: -1_000_000 }, { account: CASH, amount: 1_000_000 }] },
    ];
    const hashes = new Set([entryHash(GENESIS_HASH, base), ...changes.map((c) => entryHash(GENESIS_HASH, { ...base, ...c }))]);
    expect(hashes.size).toBe(changes.length + 1);
    expect(entryHash('1'.repeat(64), base)).not.toBe(entryHash(GENESIS_HASH, base));
  });
});

describe('ChainWalker', () => {
  const three = () => chain([anEntry({ id: 1 }), anEntry({ id: 2, idempotencyKey: 'b' }), anEntry({ id: 5, idempotencyKey: 'c' })]);

  it('accepts an intact chain, counts it and ends at the last hash (ids may skip)', () => {
    const entries = three();
    const { broken, walker } = walk(entries);
    expect(broken).toBeNull();
    expect(walker.count).toBe(3);
    expect(walker.head).toBe(entries[2]!.hash);
  });

  it.each<[string, (es: PostedEntry[]) => PostedEntry[], number, RegExp]>([
    ['a removed entry', (es) => [es[0]!, es[2]!], 5, /prev_hash/],
    ['a removed first entry', (es) => es.slice(1), 2, /prev_hash/],
    ['two entries swapped', (es) => [es[1]!, es[0]!, es[2]!], 2, /prev_hash/],
    ['an entry repeated', (es) => [es[0]!, es[0]!], 1, /urutan/],
    ['a changed amount', (es) => [es[0]!, { ...es[1]!, postings: [{ account: CASH, amount: 2 }, { account: UNDRAWN, amount: -2 }] }], 2, /isi/],
    ['a changed description', (es) => [es[0]!, es[1]!, { ...es[2]!, description: 'lain' }], 5, /isi/],
    ['a hash replaced', (es) => [es[0]!, { ...es[1]!, hash: es[0]!.hash }], 2, /isi/],
  ])('names the entry after %s', (_name, tamper, entryId, reason) => {
    const { broken } = walk(tamper(three()));
    expect(broken).toMatchObject({ entryId });
    expect(broken!.reason).toMatch(reason);
  });

  it('refuses ids that do not rise, even when the hashes chain', () => {
    const entries = chain([anEntry({ id: 4 }), anEntry({ id: 3 })]);
    expect(walk(entries).broken).toMatchObject({ entryId: 3, reason: expect.stringMatching(/urutan/) });
    const same = chain([anEntry({ id: 4 }), anEntry({ id: 4, idempotencyKey: 'b' })]);
    expect(walk(same).broken).toMatchObject({ entryId: 4, reason: expect.stringMatching(/urutan/) });
  });

  it('refuses an id of zero or less before any entry', () => {
    expect(walk(chain([anEntry({ id: 0 })])).broken).toMatchObject({ entryId: 0, reason: expect.stringMatching(/urutan/) });
  });

  it('does not move past a break', () => {
    const entries = three();
    const w = new ChainWalker();
    expect(w.step(entries[0]!)).toBeNull();
    expect(w.step({ ...entries[1]!, description: 'lain' })).not.toBeNull();
    expect(w.head).toBe(entries[0]!.hash);
    expect(w.count).toBe(1);
    expect(w.step(entries[1]!)).toBeNull();
    expect(w.count).toBe(2);
  });

  it('finds any single altered entry in any chain, and names it', () => {
    const entries = fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(entries, fc.nat(), fc.integer({ min: 1, max: 1_000_000 }), (amounts, pick, delta) => {
        const posted = chain(amounts.map((a, i) => anEntry({ id: i + 1, idempotencyKey: `k${i}`, postings: [{ account: CASH, amount: a }, { account: UNDRAWN, amount: -a }] })));
        expect(walk(posted).broken).toBeNull();
        const at = pick % posted.length;
        const a = amounts[at]! + delta;
        posted[at] = { ...posted[at]!, postings: [{ account: CASH, amount: a }, { account: UNDRAWN, amount: -a }] };
        expect(walk(posted).broken?.entryId).toBe(at + 1);
      }),
    );
  });
});
