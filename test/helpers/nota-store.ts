/**
 * The risk store's nota-number lookups over a plain list of links, as SQL answers them (a link
 * without a number is near nothing): for testing the refresh's searches without a database.
 * test/integration/risk-link-numbers.test.ts holds the real repository to this.
 */
import type { RiskLink } from '../../src/app/ports';
import type { NotaNearStore } from '../../src/app/risk-refresh';

export function notaStoreOf(links: readonly RiskLink[]): NotaNearStore {
  const within = (key: string, intervals: ReadonlyArray<readonly [number, number]>, exceptRtId: number) =>
    links.filter((l) => l.kind === 'nota' && l.key === key && l.rtId !== exceptRtId && l.num !== null && intervals.some(([lo, hi]) => lo <= l.num! && l.num! <= hi));
  return {
    notaNumbersWithin: (_year, key, intervals, exceptRtId) => within(key, intervals, exceptRtId).map((l) => [l.rtId, l.num!]),
    notaHoldersWithin: (_year, key, intervals, exceptRtId) => [...new Set(within(key, intervals, exceptRtId).map((l) => l.rtId))],
  };
}
