/**
 * Properties of the ledger over random sequences of posts and reversals, on an in-memory
 * SQLite database with the real migrations (triggers included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProgrammeYear } from '../../src/app/create-programme-year';
import { postEntry, reverseEntry } from '../../src/app/post-entry';
import { createServices } from '../../src/app/services';
import { verifyLedger } from '../../src/app/verify-ledger';
import { isDomainError } from '../../src/domain/errors';
import { CITY_APPROPRIATION, CITY_RETURNED, rtAccounts } from '../../src/domain/ledger/accounts';
import { migrateDatabase, openDatabase } from '../../src/db/client';
import { sqliteStorage } from '../../src/db/storage';
import { aRt, SYSTEM } from '../builders';

function ledgerWithAccounts() {
  const db = openDatabase(':memory:');
  migrateDatabase(db);
  const s = createServices(sqliteStorage(db));
  createProgrammeYear(s, SYSTEM, 2026);
  s.registry.upsertWilayah({ kecamatanCode: '3374050', kecamatanName: 'Semarang Selatan', kelurahanCode: '3374050005', kelurahanName: 'Pleburan' });
  const names = [CITY_APPROPRIATION, CITY_RETURNED];
  for (let n = 1; n <= 3; n++) {
    // Through the builder: the RT's account is audited, as verify expects.
    const rt = aRt(s, { kelurahanCode: '3374050005', rw: 1, rt: n, chairName: 'X', bankAccount: '2000000000' });
    const specs = rtAccounts({ kelurahanCode: '3374050005', rwNumber: 1, rtNumber: n }, ['ADM', 'SOS']);
    s.ledger.ensureAccounts(2026, rt.id, specs);
    names.push(...specs.map((a) => a.name));
  }
  return { s, names };
}

type Op =
  | { kind: 'post'; legs: Array<{ account: number; amount: number }>; key: number }
  | { kind: 'reverse'; target: number };

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('post' as const),
    key: fc.integer({ min: 0, max: 30 }),
    legs: fc.array(fc.record({ account: fc.nat(), amount: fc.integer({ min: 1, max: 50_000_000 }) }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('reverse' as const), target: fc.nat() }),
);

describe('ledger invariants under any sequence of posts and reversals', () => {
  it('keeps all balances summing to zero, each cached balance equal to its postings, and the chain intact', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const { s, names } = ledgerWithAccounts();
        const posted: number[] = [];
        for (const op of ops) {
          s.db.transaction(() => {
            try {
              if (op.kind === 'post') {
                // Debit each leg's account and credit the appropriation with the total: balanced by construction.
                const postings = op.legs.map((l) => ({ account: names[l.account % names.length]!, amount: l.amount }));
                postings.push({ account: CITY_APPROPRIATION, amount: -op.legs.reduce((a, l) => a + l.amount, 0) });
                const r = postEntry(s, {
                  year: 2026, eventType: 'allocation', eventRef: `op:${op.key}`, description: 'uji', actor: 'system:test',
                  occurredOn: '2026-05-01', idempotencyKey: `op:${op.key}`, postings,
                });
                if (r.created) posted.push(r.entry.id);
              } else if (posted.length) {
                reverseEntry(s, { entryId: posted[op.target % posted.length]!, reason: 'koreksi', actor: SYSTEM, occurredOn: '2026-05-02' });
              }
            } catch (e) {
              // Re-using a key with other content, or reversing twice, must be a named refusal.
              if (!isDomainError(e) || !['idempotency_conflict', 'entry_already_reversed'].includes(e.code)) throw e;
            }
          });
        }
        const tb = s.ledger.trialBalance(2026);
        expect(tb.reduce((a, r) => a + r.balance, 0)).toBe(0);
        expect(s.ledger.balanceMismatches()).toEqual([]);
        const report = verifyLedger(s);
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        s.db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('an entry plus its reversal nets to zero on every account', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 5 }), (amounts) => {
        const { s, names } = ledgerWithAccounts();
        const before = new Map(s.ledger.trialBalance(2026).map((r) => [r.name, r.balance]));
        s.db.transaction(() => {
          const postings = amounts.map((a, i) => ({ account: names[(i % (names.length - 1)) + 1]!, amount: a }));
          postings.push({ account: CITY_APPROPRIATION, amount: -amounts.reduce((a, b) => a + b, 0) });
          const { entry } = postEntry(s, {
            year: 2026, eventType: 'tranche', eventRef: 'x', description: 'uji', actor: 'system:test',
            occurredOn: '2026-05-01', idempotencyKey: 'x', postings,
          });
          reverseEntry(s, { entryId: entry.id, reason: 'koreksi', actor: SYSTEM, occurredOn: '2026-05-01' });
        });
        for (const r of s.ledger.trialBalance(2026)) expect(r.balance).toBe(before.get(r.name));
        s.db.close();
      }),
      { numRuns: 30 },
    );
  });
});
