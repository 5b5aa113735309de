/**
 * A risk refresh asks the store for the other holders of a nota series with a number near its
 * RT's own (risk-repository.ts notaHoldersWithin, notaNumbersWithin) instead of reading every
 * link of the series. Held here, over random links in a real database, to the plain-list
 * version the refresh's own tests use (test/helpers/nota-store.ts), and to the index that makes
 * the question cheap (db/0035).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RiskLink } from '../../src/app/ports';
import { spanIntervals } from '../../src/domain/risk/flags';
import { freshServices } from '../helpers/db';
import { notaStoreOf } from '../helpers/nota-store';
import { preparedDuring } from '../helpers/prepared';

const SERIES = ['tokomaju#NB', 'tokomaju#A'];

describe('the nota numbers near an RT’s own, from the store', () => {
  const s = freshServices();

  it('the same holders and numbers as the plain list, for any links, numbers and span', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ rtId: fc.integer({ min: 1, max: 9 }), key: fc.constantFrom(...SERIES), num: fc.option(fc.integer({ min: 100, max: 900 }), { freq: 10 }), receiptId: fc.integer({ min: 1, max: 999 }) }),
          { maxLength: 80 },
        ),
        fc.array(fc.integer({ min: 50, max: 950 }), { maxLength: 8 }),
        fc.integer({ min: -3, max: 120 }),
        fc.constantFrom(...SERIES),
        (raw, mine, span, key) => {
          const links: RiskLink[] = raw.map((l) => ({ kind: 'nota', kelurahanCode: 'K1', ...l }));
          s.db.transaction(() => {
            for (let rt = 1; rt <= 9; rt++) s.risk.replaceLinks(2026, rt, links.filter((l) => l.rtId === rt));
          });
          const intervals = spanIntervals(mine, span);
          const plain = notaStoreOf(links);
          const sortPairs = (p: Array<[number, number]>) => [...p].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const holders = s.risk.notaHoldersWithin(2026, key, intervals, 1);
          expect([...holders].sort()).toEqual([...plain.notaHoldersWithin(2026, key, intervals, 1)].sort());
          expect(sortPairs(s.risk.notaNumbersWithin(2026, key, intervals, 1))).toEqual(sortPairs(plain.notaNumbersWithin(2026, key, intervals, 1)));
          // Another year holds none of them.
          expect(s.risk.notaHoldersWithin(2025, key, intervals, 1)).toEqual([]);
          if (holders.length) nonEmpty += 1;
        },
      ),
      { numRuns: 150 },
    );
    expect(nonEmpty).toBeGreaterThan(30);
  });

  it('each question reads a range of the numbers index, never the table (the statements the repository prepares)', () => {
    const other = freshServices();
    const { sources } = preparedDuring(() => {
      other.risk.notaHoldersWithin(2026, 'k', [[1, 2]], 3);
      other.risk.notaNumbersWithin(2026, 'k', [[1, 2]], 3);
    });
    const asked = sources.filter((q) => /FROM risk_links/.test(q) && /num BETWEEN/.test(q));
    expect(asked).toHaveLength(2);
    for (const q of asked) {
      const plan = (other.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all(2026, 'k', 1, 2, 3) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan).toMatch(/^SEARCH risk_links USING COVERING INDEX risk_links_num_idx \(year=\? AND kind=\? AND key=\? AND num>\? AND num<\?\)/);
    }
  });
});
