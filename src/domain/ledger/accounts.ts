/**
 * The chart of accounts of a programme year.
 *
 * Invariants:
 * - every name is a valid hledger account name: colon-separated, no spaces, no two spaces,
 *   no semicolons; the same RT and year always give the same names;
 * - per RT: undrawn allocation (asset), money in transit (approved, not yet paid by the bank;
 *   asset), cash drawn (asset), one spending account per category;
 * - per city: the APBD appropriation, returns to Kas Daerah, lapsed allocation.
 */
export type AccountKind = 'undrawn' | 'transit' | 'cash' | 'spending' | 'appropriation' | 'returned' | 'lapsed';

export interface RtAccountRef {
  kelurahanCode: string;
  rwNumber: number;
  rtNumber: number;
  /** An RW grantee's accounts sit under `rw:` (absent: an RT's, whose names never change). */
  kind?: 'rt' | 'rw';
  /**
   * The grantee's programme: absent or 'OPS' (the RT/RW grant), whose names never change; another
   * programme's code goes, lower-case, after the first segment ("aset:pkk:rt:…", "beban:pkk:rw:…").
   */
  programme?: string;
}

/** The account reference of a grantee row (an RT, or an RW grantee, of its programme). */
export const accountRefOf = (g: { kelurahanCode: string; rwNumber: number; number: number; kind?: 'rt' | 'rw'; programme?: string }): RtAccountRef => ({
  kelurahanCode: g.kelurahanCode,
  rwNumber: g.rwNumber,
  rtNumber: g.number,
  kind: g.kind ?? 'rt',
  ...(g.programme && g.programme !== 'OPS' ? { programme: g.programme } : {}),
});

export interface AccountSpec {
  name: string;
  kind: AccountKind;
  category: string | null;
}

const pad3 = (n: number) => String(n).padStart(3, '0');
const pad2 = (n: number) => String(n).padStart(2, '0');

/** "pkk:" for a grantee of another programme than OPS; nothing for OPS. */
const programmeSegment = (rt: RtAccountRef) => (rt.programme && rt.programme !== 'OPS' ? `${rt.programme.toLowerCase()}:` : '');
/** The grantee's place: "3374050005:rw01:rt001" for an RT, "rw:3374050005:rw01" for an RW. */
const placeOf = (rt: RtAccountRef) =>
  rt.kind === 'rw' ? `rw:${rt.kelurahanCode}:rw${pad2(rt.rwNumber)}` : `${rt.kelurahanCode}:rw${pad2(rt.rwNumber)}:rt${pad3(rt.rtNumber)}`;
/**
 * The grantee's part of its account names: "3374050005:rw01:rt001" for an RT, "rw:3374050005:rw01"
 * for an RW; another programme's grantee's starts with its code ("pkk:3374050005:rw01:rt001").
 */
export function rtPrefix(rt: RtAccountRef): string {
  return `${programmeSegment(rt)}${placeOf(rt)}`;
}
/** "rt:…" or "rw:…" after aset:/beban: ("pkk:rt:…" for another programme). */
const granteeBase = (rt: RtAccountRef) => `${programmeSegment(rt)}${rt.kind === 'rw' ? placeOf(rt) : `rt:${placeOf(rt)}`}`;

export const rtUndrawnAccount = (rt: RtAccountRef) => `aset:${granteeBase(rt)}:alokasi`;
export const rtCashAccount = (rt: RtAccountRef) => `aset:${granteeBase(rt)}:kas`;
/** An approved tranche waits here ("menunggu transfer") until the bank's answer moves it to the RT's cash. */
export const rtTransitAccount = (rt: RtAccountRef) => `aset:${granteeBase(rt)}:dalam-transfer`;

/** Created when an RT's first tranche is approved (years allocated before it existed get it then too). */
export const rtTransitAccounts = (rt: RtAccountRef): AccountSpec[] => [{ name: rtTransitAccount(rt), kind: 'transit', category: null }];
export const rtSpendingAccount = (rt: RtAccountRef, category: string) =>
  `beban:${granteeBase(rt)}:${category.toLowerCase()}`;

export const CITY_APPROPRIATION = 'ekuitas:kota:apbd';
export const CITY_RETURNED = 'aset:kota:kasda:pengembalian';
export const CITY_LAPSED = 'ekuitas:kota:alokasi-gugur';

/** Year-end: the RT's cash returned to Kas Daerah, and its undrawn allocation that lapsed (per RT, under the city accounts). */
export const rtReturnedAccount = (rt: RtAccountRef) => `${CITY_RETURNED}:${rtPrefix(rt)}`;
export const rtLapsedAccount = (rt: RtAccountRef) => `${CITY_LAPSED}:${rtPrefix(rt)}`;

export function rtYearEndAccounts(rt: RtAccountRef): AccountSpec[] {
  return [
    { name: rtReturnedAccount(rt), kind: 'returned', category: null },
    { name: rtLapsedAccount(rt), kind: 'lapsed', category: null },
  ];
}

export function cityAccounts(): AccountSpec[] {
  return [
    { name: CITY_APPROPRIATION, kind: 'appropriation', category: null },
    { name: CITY_RETURNED, kind: 'returned', category: null },
    { name: CITY_LAPSED, kind: 'lapsed', category: null },
  ];
}

export function rtAccounts(rt: RtAccountRef, categoryCodes: readonly string[]): AccountSpec[] {
  return [
    { name: rtUndrawnAccount(rt), kind: 'undrawn', category: null },
    { name: rtCashAccount(rt), kind: 'cash', category: null },
    ...categoryCodes.map((c) => ({ name: rtSpendingAccount(rt, c), kind: 'spending' as const, category: c })),
  ];
}

const HLEDGER_NAME = /^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)+$/;
export const isValidAccountName = (name: string) => HLEDGER_NAME.test(name);
