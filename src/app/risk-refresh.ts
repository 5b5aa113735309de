/**
 * Keeps the risk flags up to date, so the desk's list is one indexed read.
 *
 * Design: a write to a receipt, SPJ or tranche marks its grantee dirty through a database
 * trigger (db/0020_risk_flags.sql: one INSERT OR IGNORE inside the writer's own transaction, so
 * no use case can forget it and none pays more than that). The dirty grantees are refreshed in
 * bounded batches: before the desk is read (at most DESK_REFRESH_LIMIT per request), by the
 * server's timer, and all at once by `npm run risk:refresh`. A refresh recomputes the grantee's
 * flags from its records and its cross-RT keys (vendors, nota series, photo partners); when
 * its keys changed, the other grantees whose flags read what changed are marked dirty in turn
 * (partnersMoved: not every holder of a key, which with a common shop was most of a city per
 * receipt), so cross-RT counts converge without a city-wide pass. Time moves flags too (an SPJ grows later
 * by the day): the timer recomputes, once a day, every grantee last computed before today.
 *
 * Invariants: a grantee's flags, state row and links are written in one transaction with its
 * dirty mark cleared; a followed-up flag keeps its follow-up unless its severity rises above
 * the one it was followed up at; verify (verify-risk.ts) recomputes with the same functions.
 */
import { programmeConfigured, programmeOf } from '../domain/grants/programme-year';
import { todayWib } from '../domain/calendar';
import { reopensOnWorse, riskScore, spanIntervals, withinSpanOf, type RiskFlag } from '../domain/risk/flags';
import type { RiskFlagWrite, RiskLink, RiskStore, StoredRiskFlag } from './ports';
import { complaintsMap, crossFlags, linksOf, linksOfRt, ownFacts } from './risk-facts';
import type { Services } from './services';

/** Grantees refreshed before one desk page is read (bounded work per request). */
export const DESK_REFRESH_LIMIT = 200;

const linkId = (l: RiskLink) => `${l.kind}|${l.key}|${l.receiptId}|${l.num ?? ''}`;

/** Stored follow-up carried over to the fresh flags (or reopened when worse); first-seen kept. */
export function mergeFollowUp(fresh: readonly RiskFlag[], old: readonly StoredRiskFlag[], weights: Parameters<typeof riskScore>[1], on: string, at: string): RiskFlagWrite[] {
  const before = new Map(old.map((f) => [f.kind, f]));
  return fresh.map((f) => {
    const was = before.get(f.kind);
    const keep = was?.state === 'followed_up' && !reopensOnWorse(was.followedSeverity, f.severity);
    return {
      year: was?.year ?? 0,
      rtId: was?.rtId ?? 0,
      kind: f.kind,
      severity: f.severity,
      score: weights[f.kind] * f.severity,
      numbers: f.numbers,
      evidence: f.evidence,
      computedOn: on,
      computedAt: at,
      firstSeenAt: was?.firstSeenAt ?? at,
      state: keep ? 'followed_up' : 'open',
      followNote: was?.followNote ?? null,
      followedBy: was?.followedBy ?? null,
      followedAt: was?.followedAt ?? null,
      followedSeverity: was?.followedSeverity ?? null,
    };
  });
}

/**
 * The other grantees whose cross-RT flags move when this grantee's links change from `before` to
 * `after` (`changed`: the links in one and not the other), each for what its flags read of others:
 * - a shared vendor counts the RTs and kelurahan holding the vendor (`vendorSpread`), so only a
 *   vendor this grantee starts or stops holding moves the other holders (a new receipt from a
 *   vendor it already holds moves nobody: with a common shop, every receipt used to mark every
 *   RT that ever bought there);
 * - a nota series counts the other RTs holding a number within the span of one of the partner's
 *   own, so only a partner for which this grantee enters or leaves that set (notaPartnersMoved),
 *   judged with today's span, and any holder whose flags were computed for another day;
 * - a near-duplicate photo names the receipt on the other side, so every partner of a photo link
 *   added or removed.
 * `verify` recomputes every grantee's flags from the current links, so a partner missed here is
 * named there.
 */
function partnersMoved(s: Services, year: number, rtId: number, before: readonly RiskLink[], after: readonly RiskLink[], changed: readonly RiskLink[], span: number, asOf: string): number[] {
  const partners = new Set<number>();
  const vendors = vendorHoldingsMoved(before, after);
  if (vendors.length) for (const id of s.risk.rtsHolding(year, 'vendor', vendors)) partners.add(id);
  const notaKeys = [...new Set(changed.filter((l) => l.kind === 'nota').map((l) => l.key))];
  if (notaKeys.length) {
    for (const id of notaPartnersMoved(s.risk, year, rtId, before, after, notaKeys, span)) partners.add(id);
    // The span is today's (`asOf`); a holder whose flags were computed for another day reads that
    // day's span, which a new settings version may have changed: marked too (the day's first tick
    // marks it anyway, markStale; this closes the minutes between midnight and that tick).
    const unmarked = s.risk.rtsHolding(year, 'nota', notaKeys).filter((id) => id !== rtId && !partners.has(id));
    if (unmarked.length) for (const id of s.risk.computedOtherThan(year, unmarked, asOf)) partners.add(id);
  }
  for (const l of changed) if (l.kind === 'photo') partners.add(Number(l.key));
  partners.delete(rtId);
  return [...partners];
}

/** The vendor keys a grantee holds in one link set and not the other (with its kelurahan: a spread counts kelurahan too). */
export function vendorHoldingsMoved(before: readonly RiskLink[], after: readonly RiskLink[]): string[] {
  const held = (links: readonly RiskLink[]) => new Map(links.filter((l) => l.kind === 'vendor').map((l) => [`${l.key}\u0000${l.kelurahanCode}`, l.key]));
  const was = held(before);
  const is = held(after);
  const out = new Set<string>();
  for (const [id, key] of was) if (!is.has(id)) out.add(key);
  for (const [id, key] of is) if (!was.has(id)) out.add(key);
  return [...out];
}

/** What notaPartnersMoved asks of the risk store: the other holders' numbers near given ones. */
export type NotaNearStore = Pick<RiskStore, 'notaNumbersWithin' | 'notaHoldersWithin'>;

/**
 * The holders of the same nota series (series `keys`) for which this grantee enters or leaves the
 * set of RTs with a number within `span` of one of theirs, series by series: the set each one's
 * nota-series flag counts. Read from the store near the numbers that changed, not the whole series:
 * - this grantee's numbers of a series before and after split into removed, added and kept ones;
 * - a holder can only enter or leave with a number near a removed or an added one (asked of the
 *   store), and does when it is near only one side of the change;
 * - unless it is also near a number kept, which holds it in the set either way (asked only then).
 */
export function notaPartnersMoved(store: NotaNearStore, year: number, rtId: number, before: readonly RiskLink[], after: readonly RiskLink[], keys: readonly string[], span: number): number[] {
  const numsOf = (links: readonly RiskLink[], key: string) => new Set(links.filter((l) => l.kind === 'nota' && l.key === key && l.num !== null).map((l) => l.num!));
  const out = new Set<number>();
  for (const key of keys) {
    const was = numsOf(before, key);
    const is = numsOf(after, key);
    const removed = [...was].filter((n) => !is.has(n));
    const added = [...is].filter((n) => !was.has(n));
    if (!removed.length && !added.length) continue;
    const nearRemoved = withinSpanOf(removed, span);
    const nearAdded = withinSpanOf(added, span);
    const sides = new Map<number, { removed: boolean; added: boolean }>();
    for (const [id, num] of store.notaNumbersWithin(year, key, spanIntervals([...removed, ...added], span), rtId)) {
      const side = sides.get(id) ?? { removed: false, added: false };
      side.removed ||= nearRemoved(num);
      side.added ||= nearAdded(num);
      sides.set(id, side);
    }
    const oneSided = [...sides].filter(([, side]) => side.removed !== side.added).map(([id]) => id);
    if (!oneSided.length) continue;
    const kept = [...was].filter((n) => is.has(n));
    const nearKept = new Set(kept.length ? store.notaHoldersWithin(year, key, spanIntervals(kept, span), rtId) : []);
    for (const id of oneSided) if (!nearKept.has(id)) out.add(id);
  }
  return [...out];
}

/** Refreshes one grantee (inside the caller's transaction). */
function refreshOne(s: Services, year: number, rtId: number, asOf: string, at: string, complaints: ReturnType<typeof complaintsMap>): void {
  const facts = ownFacts(s, year, rtId, asOf, complaints);
  s.risk.clearDirty(year, rtId);
  if (!facts) return;
  const links = linksOf(facts);
  const oldLinks = s.risk.linksOf(year, rtId);
  const oldIds = new Set(oldLinks.map(linkId));
  const newIds = new Set(links.map(linkId));
  const changed = [...oldLinks.filter((l) => !newIds.has(linkId(l))), ...links.filter((l) => !oldIds.has(linkId(l)))];
  if (changed.length) {
    s.risk.replaceLinks(year, rtId, links);
    const partners = partnersMoved(s, year, rtId, oldLinks, links, changed, facts.thresholds.notaSeriesSpan, asOf);
    if (partners.length) s.risk.markDirty(year, partners);
  }
  const fresh = [...facts.own, ...crossFlags(s, facts, links)];
  const weights = facts.thresholds.weights;
  const writes = mergeFollowUp(fresh, s.risk.flagsOf(year, rtId), weights, asOf, at).map((w) => ({ ...w, year, rtId }));
  s.risk.saveGrantee(year, rtId, writes, {
    computedOn: asOf,
    computedAt: at,
    openScore: riskScore(writes.filter((w) => w.state === 'open'), weights),
    flagCount: writes.length,
  });
}

/**
 * Refreshes up to `limit` dirty grantees in one transaction, stopping early once `budgetMs` of
 * wall time is spent (checked after each grantee, so one slice holds the server's event loop for
 * about the budget plus one grantee, ~13 ms, never for the whole batch); says how many it did and
 * how many wait. `clock` is for tests.
 */
export function refreshDirty(s: Services, limit = DESK_REFRESH_LIMIT, budgetMs = Number.POSITIVE_INFINITY, clock: () => number = performance.now.bind(performance)): { refreshed: number; waiting: number } {
  const started = clock();
  const now = s.now();
  const asOf = todayWib(now);
  const batch = s.risk.dirty(limit);
  let refreshed = 0;
  if (batch.length) {
    const complaints = complaintsMap(s, asOf);
    s.db.transaction(() => {
      for (const d of batch) {
        refreshOne(s, d.year, d.rtId, asOf, now.toISOString(), complaints);
        refreshed += 1;
        if (clock() - started >= budgetMs) break;
      }
    });
  }
  return { refreshed, waiting: s.risk.dirtyCount() };
}

/** Wall time one slice of the background refresh may hold the event loop (server timer, desk page). */
export const DESK_SLICE_MS = 20;

/** The grantees (every active RT and RW of a programme the year configures) of these years, by default the open ones. */
function everyGrantee(s: Services, only?: readonly number[]): Array<{ year: number; rtId: number }> {
  const years = only ?? s.years.years().filter((y) => s.years.find(y)?.status === 'open');
  const rts = s.registry.activeRts();
  return years.flatMap((year) => {
    const y = s.years.find(year);
    return rts.filter((rt) => y && programmeConfigured(y, programmeOf(rt))).map((rt) => ({ year, rtId: rt.id }));
  });
}

/**
 * Recomputes every grantee of every open year (npm run risk:refresh). Marks all dirty; stores
 * every grantee's cross-RT keys first (so no refresh finds its keys changed and marks its partners
 * again: one pass, not one per shared vendor); then drains
 * in batches of `batch`, so a crash half-way leaves the rest marked (and their keys current).
 */
export function refreshAll(s: Services, opts: { batch?: number; years?: readonly number[]; onProgress?: (done: number, waiting: number) => void } = {}): { refreshed: number } {
  const all = everyGrantee(s, opts.years);
  const byYear = new Map<number, number[]>();
  for (const g of all) byYear.set(g.year, [...(byYear.get(g.year) ?? []), g.rtId]);
  s.db.transaction(() => {
    for (const [year, ids] of byYear) s.risk.markDirty(year, ids);
  });
  const size = opts.batch ?? 500;
  for (let i = 0; i < all.length; i += size) {
    s.db.transaction(() => {
      for (const g of all.slice(i, i + size)) {
        const links = linksOfRt(s, g.year, g.rtId);
        if (links) s.risk.replaceLinks(g.year, g.rtId, links);
      }
    });
  }
  let refreshed = 0;
  for (;;) {
    const r = refreshDirty(s, size);
    refreshed += r.refreshed;
    opts.onProgress?.(refreshed, r.waiting);
    if (!r.refreshed || !r.waiting) break;
  }
  return { refreshed };
}

/** Marks dirty the grantees last computed before today (time moves SPJ delays and paces); returns how many. */
export function markStale(s: Services): number {
  const today = todayWib(s.now());
  let marked = 0;
  s.db.transaction(() => {
    for (const year of s.years.years()) {
      if (s.years.find(year)?.status !== 'open') continue;
      const stale = s.risk.states(year).filter((st) => st.computedOn < today).map((st) => st.rtId);
      s.risk.markDirty(year, stale);
      marked += stale.length;
    }
  });
  return marked;
}
