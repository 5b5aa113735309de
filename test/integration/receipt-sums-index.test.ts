/**
 * An RT's sums of a year over its receipts (held back, used per category, used per category and
 * month: ~7 of them per upload, before its files and again in its transaction) are read from the
 * receipts_rt_year_idx index alone (db/0034). Before, each one fetched every receipt of the RT's
 * year from the table: an RT's December uploads cost twice its July ones. The statements checked
 * are the ones the repositories really prepare, caught as they prepare them.
 */
import { describe, expect, it } from 'vitest';
import { freshServices } from '../helpers/db';
import { preparedDuring } from '../helpers/prepared';

function preparedWhileStarting(): { sources: string[]; s: ReturnType<typeof freshServices> } {
  const { sources, result } = preparedDuring(() => freshServices());
  return { sources, s: result };
}

describe('an RT’s sums of a year read an index alone', () => {
  const { sources, s } = preparedWhileStarting();
  // The sums over one RT's receipts of a year, without a join (a join reads other tables anyway).
  const sums = [...new Set(sources)].filter((q) => /\bsum\(/i.test(q) && /from "receipts"/i.test(q) && /"receipts"\."rt_id" = \?/.test(q) && !/\bjoin\b/i.test(q));

  it('the repository prepares the sums this test is about (held back, per category, per category and month)', () => {
    expect(sums.length).toBeGreaterThanOrEqual(3);
    expect(sums.some((q) => /'returned'|"status" in/i.test(q) && !/"category"/.test(q))).toBe(true);
    expect(sums.some((q) => /"category" = \?/.test(q) && !/substr/.test(q))).toBe(true);
    expect(sums.some((q) => /substr\("receipts"\."date"/.test(q))).toBe(true);
  });

  it('each is answered from the covering index, no receipt row fetched', () => {
    for (const q of sums) {
      const args = Array.from({ length: (q.match(/\?/g) ?? []).length }, () => null);
      const plan = (s.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${q}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan, q).toMatch(/^SEARCH receipts USING COVERING INDEX receipts_rt_year_idx \(rt_id=\? AND year=\?/);
    }
  });
});
