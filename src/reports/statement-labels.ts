/**
 * Words for the statement PDF: an RT as people name it ("RT 001 / RW 001 Kel. Pleburan"), an
 * account as a reader understands it ("Kas RT — RT 001 / RW 001 Kel. Pleburan"), a ledger event
 * and a receipt status in Indonesian. The raw account name stays beside it in the document, for
 * cross-checks with balances.csv and the hledger journal.
 *
 * Invariants: an account is read by its name alone, through the chart's own reading
 * (year-figures.ts rtFigureOf); every event type has a label (a new one fails to compile here).
 */
import { rtFigureOf, type FigureKind } from '../domain/grants/year-figures';
import { DEFAULT_CATEGORIES } from '../domain/grants/programme-year';
import { RECEIPT_STATUS_LABELS, type ReceiptStatus } from '../domain/grants/receipt';
import { CITY_APPROPRIATION, CITY_LAPSED, CITY_RETURNED } from '../domain/ledger/accounts';
import type { EventType } from '../domain/ledger/entry';
import { rtLabel } from '../domain/registry/rows';

export const EVENT_LABELS: Record<EventType, string> = {
  allocation: 'Alokasi',
  tranche: 'Pencairan tahap',
  bank_transfer: 'Transfer bank',
  receipt: 'Kuitansi belanja',
  reversal: 'Jurnal balik',
  year_end_return: 'Pengembalian ke Kas Daerah',
  year_end_lapse: 'Alokasi gugur',
  year_correction: 'Koreksi tahun yang ditutup',
};

export const eventLabel = (type: string): string => EVENT_LABELS[type as EventType] ?? type;
export const receiptStatusLabel = (status: string): string => RECEIPT_STATUS_LABELS[status as ReceiptStatus] ?? status;

/** Names the labels need: kelurahan by code, spending categories by code (upper case). Missing ones fall back to codes and the default categories. */
export interface LabelNames {
  kelurahan: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
}

export const NO_NAMES: LabelNames = { kelurahan: new Map(), categories: new Map() };

const FIGURE_LABELS: Record<Exclude<FigureKind, 'spent'>, string> = {
  undrawn: 'Alokasi belum dicairkan',
  transit: 'Dalam transfer (disetujui, menunggu bank)',
  cash: 'Kas RT',
  returned: 'Dikembalikan ke Kas Daerah',
  lapsed: 'Alokasi gugur (tidak dicairkan)',
};

const CITY_LABELS: Record<string, string> = {
  [CITY_APPROPRIATION]: 'APBD Kota Semarang: dana operasional RT',
  [CITY_RETURNED]: 'Kas Daerah: pengembalian sisa dana',
  [CITY_LAPSED]: 'Alokasi gugur (kota)',
};

/** A spending category as people name it ("ADM" → "Administrasi", as the SPJ PDF does); the code only when no name is known. */
export function categoryLabel(code: string, names: LabelNames): string {
  const upper = code.toUpperCase();
  return names.categories.get(upper) ?? DEFAULT_CATEGORIES.find((c) => c.code === upper)?.name ?? upper;
}

/**
 * "3374050005:rw01:rt001" (an RT's account key) → "RT 001 / RW 001 Kel. Pleburan"; an RW's own
 * grant, "rw:3374050005:rw01" → "RW 001 Kel. Pleburan".
 */
export function rtKeyLabel(key: string, names: LabelNames): string {
  // Another programme's grantee: "pkk:3374050005:rw01:rt001" → "PKK RT 001 / RW 001 Kel. Pleburan".
  const programme = /^(?!rw:)([a-z]{2,6}):(?=\d{10}:|rw:\d{10}:)(.*)$/.exec(key);
  if (programme) return `${programme[1]!.toUpperCase()} ${rtKeyLabel(programme[2]!, names)}`;
  const m = /^(\d{10}):rw(\d+):rt(\d+)$/.exec(key);
  if (m) return `${rtLabel(Number(m[3]), Number(m[2]))} Kel. ${names.kelurahan.get(m[1]!) ?? m[1]}`;
  const rw = /^rw:(\d{10}):rw(\d+)$/.exec(key);
  if (rw) return `RW ${rw[2]!.padStart(3, '0')} Kel. ${names.kelurahan.get(rw[1]!) ?? rw[1]}`;
  return key;
}

/** What an account holds, without the RT: "Kas RT", "Belanja Administrasi". Null for a city account. */
function rtKindLabel(name: string, names: LabelNames): { what: string; rtKey: string } | null {
  const f = rtFigureOf(name);
  if (!f) return null;
  return { what: f.kind === 'spent' ? `Belanja ${categoryLabel(name.slice(name.lastIndexOf(':') + 1), names)}` : FIGURE_LABELS[f.kind], rtKey: f.rtKey };
}

/** "aset:rt:3374050005:rw01:rt001:kas" → "Kas RT — RT 001 / RW 001 Kel. Pleburan". */
export function accountLabel(name: string, names: LabelNames): string {
  const rt = rtKindLabel(name, names);
  if (rt) return `${rt.what} — ${rtKeyLabel(rt.rtKey, names)}`;
  return CITY_LABELS[name] ?? name;
}

/**
 * The trial balance as the PDF shows it, rows of [label, raw account, balance]: every account
 * for a small scope; for a big one (a city has ~90k accounts) the RT accounts summed by kind
 * (raw account with * for the RT), the city's own accounts in full. balances.csv has every account.
 */
export function trialBalanceRows(balances: ReadonlyArray<{ name: string; balance: number }>, names: LabelNames, limit = 400): { rows: Array<[string, string, number]>; summarised: boolean } {
  if (balances.length <= limit) return { rows: balances.map((b) => [accountLabel(b.name, names), b.name, b.balance]), summarised: false };
  const sums = new Map<string, [string, string, number]>();
  for (const b of balances) {
    const rt = rtKindLabel(b.name, names);
    const raw = rt ? b.name.replace(rt.rtKey.replace(/^(?!rw:)[a-z]{2,6}:(?=\d{10}:|rw:\d{10}:)/, ''), '*') : b.name;
    const row = sums.get(raw) ?? [rt ? `${rt.what} — jumlah semua RT` : (CITY_LABELS[b.name] ?? b.name), raw, 0];
    row[2] += b.balance;
    sums.set(raw, row);
  }
  return { rows: [...sums.values()].sort((a, b) => a[1].localeCompare(b[1])), summarised: true };
}
