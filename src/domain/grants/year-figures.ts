/**
 * An RT's figures for a programme year as statements and summaries show them: the allocation it
 * was given, and where that allocation is now (not yet drawn, cash in hand, spent, returned to Kas
 * Daerah at year end, lapsed undrawn at year end), and in between, money in transit (approved,
 * not yet paid by the bank).
 *
 * Invariants:
 * - allocation = undrawn + transit + cash + spent + returned + lapsed, always (every movement after the
 *   allocation is a balanced entry between these accounts), so after the close, when undrawn and
 *   cash are zero, spent + returned + lapsed = allocation (Rp25.000.000, never allocation minus
 *   what lapsed);
 * - an account is read as an RT's (or an RW grantee's) by its name alone (accounts.ts), including
 *   the year-end accounts that live under the city's Kas Daerah and lapsed-allocation accounts.
 */
import { CITY_LAPSED, CITY_RETURNED } from '../ledger/accounts';

export type FigureKind = 'undrawn' | 'transit' | 'cash' | 'spent' | 'returned' | 'lapsed';

export interface YearFigures {
  allocation: number;
  undrawn: number;
  /** Approved, not yet paid by the bank. */
  transit: number;
  cash: number;
  spent: number;
  returned: number;
  lapsed: number;
}

/** The figures from the balances by kind (the allocation is what they sum to). */
export function yearFigures(b: Omit<YearFigures, 'allocation' | 'transit'> & { transit?: number }): YearFigures {
  const transit = b.transit ?? 0;
  return { allocation: b.undrawn + transit + b.cash + b.spent + b.returned + b.lapsed, undrawn: b.undrawn, transit, cash: b.cash, spent: b.spent, returned: b.returned, lapsed: b.lapsed };
}

/** Whether the parts add up to the allocation (what every statement shows and `verify` may check). */
export const figuresAddUp = (f: YearFigures): boolean => f.undrawn + f.transit + f.cash + f.spent + f.returned + f.lapsed === f.allocation;

/**
 * An RT's key "kelurahan:rwNN:rtNNN", or an RW grantee's "rw:kelurahan:rwNN" (accounts.ts rtPrefix);
 * another programme's grantee's starts with its code ("pkk:kelurahan:rwNN:rtNNN").
 */
const PLACE = String.raw`(?:\d{10}:rw\d+:rt\d+|rw:\d{10}:rw\d+)`;
const RT_KEY = String.raw`((?:(?!rw:)[a-z]{2,6}:(?=\d{10}:|rw:\d{10}:))?${PLACE})`;
/** aset:/beban:, then the programme's code (absent for OPS), then rt: (an RT) or the RW's key. */
const RT_OWN = new RegExp(String.raw`^(aset|beban):(?:([a-z]{2,6}):(?=rt:\d|rw:\d))?(?:rt:(?=\d)|(?=rw:))(${PLACE}):([a-z0-9-]+)$`);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RT_RETURNED = new RegExp(`^${escape(CITY_RETURNED)}:${RT_KEY}$`);
const RT_LAPSED = new RegExp(`^${escape(CITY_LAPSED)}:${RT_KEY}$`);

/** Which RT (its account key "kelurahan:rwNN:rtNNN") and figure an account name belongs to, or null for a city account. */
export function rtFigureOf(name: string): { rtKey: string; kind: FigureKind } | null {
  const own = RT_OWN.exec(name);
  if (own) {
    const kind: FigureKind = own[1] === 'beban' ? 'spent' : own[4] === 'alokasi' ? 'undrawn' : own[4] === 'kas' ? 'cash' : own[4] === 'dalam-transfer' ? 'transit' : 'spent';
    if (own[1] === 'aset' && kind === 'spent') return null;
    return { rtKey: own[2] ? `${own[2]}:${own[3]!}` : own[3]!, kind };
  }
  const returned = RT_RETURNED.exec(name);
  if (returned) return { rtKey: returned[1]!, kind: 'returned' };
  const lapsed = RT_LAPSED.exec(name);
  if (lapsed) return { rtKey: lapsed[1]!, kind: 'lapsed' };
  return null;
}

/** Per RT (in the order first seen), the figures of a trial balance. */
export function figuresPerRt(balances: Iterable<{ name: string; balance: number }>): Map<string, YearFigures> {
  const sums = new Map<string, Omit<YearFigures, 'allocation'>>();
  for (const b of balances) {
    const f = rtFigureOf(b.name);
    if (!f) continue;
    const r = sums.get(f.rtKey) ?? { undrawn: 0, transit: 0, cash: 0, spent: 0, returned: 0, lapsed: 0 };
    r[f.kind] += b.balance;
    sums.set(f.rtKey, r);
  }
  return new Map([...sums].map(([k, v]) => [k, yearFigures(v)]));
}

/**
 * The programme and kind of an RT key (rtFigureOf's): "OPS"/"rt" for "kelurahan:rwNN:rtNNN",
 * "OPS"/"rw" for "rw:…", "PKK"/"rt" for "pkk:kelurahan:…" (the statement's subtotals per group).
 */
export function groupOfRtKey(key: string): { programme: string; kind: 'rt' | 'rw' } {
  const m = /^(?!rw:)([a-z]{2,6}):(?=\d{10}:|rw:\d{10}:)(.*)$/.exec(key);
  const place = m ? m[2]! : key;
  return { programme: m ? m[1]!.toUpperCase() : 'OPS', kind: place.startsWith('rw:') ? 'rw' : 'rt' };
}

/** "Hibah RT", "Hibah RW", "Hibah PKK RT": the label of a group when no settings are at hand (documents from a bundle). */
export const groupLabelOf = (g: { programme: string; kind: 'rt' | 'rw' }) => `Hibah ${g.programme === 'OPS' ? '' : `${g.programme} `}${g.kind === 'rw' ? 'RW' : 'RT'}`;
