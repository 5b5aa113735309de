/**
 * What waits for an official (treasurer, lurah, camat, admin, BPKAD), as lines of a home page and
 * badges of the menu: each a count, the age in days of the oldest waiting item, and where to act.
 *
 * Invariants:
 * - a role sees only the lines of its own work (the treasurer's queue is not the lurah's);
 * - a line's age is whole days from the oldest item's WIB date to today, never negative, and
 *   absent when nothing waits;
 * - the menu's badge of a page is the sum of the lines that page acts on, or, for the page that
 *   lists all of a role's work (the treasurer's queue), of all its lines.
 */
import { todayWib } from '../calendar';
import { daysBetween } from '../grants/spj';

export type WorkKind = 'receipts' | 'spj' | 'plans' | 'tranches' | 'steps' | 'bank' | 'returned';

export interface WorkCount {
  kind: WorkKind;
  count: number;
  oldestAt: string | null;
  /** For 'steps' (and the admin's plans/tranches): whose step, in words. */
  who?: string;
}

export interface WorkLine {
  kind: WorkKind;
  label: string;
  count: number;
  oldestDays: number | null;
  href: string;
}

const LABELS: Record<WorkKind, string> = {
  receipts: 'Kuitansi menunggu verifikasi',
  spj: 'SPJ menunggu verifikasi',
  plans: 'RAP menunggu',
  tranches: 'Pencairan menunggu',
  steps: 'Menunggu persetujuan Anda',
  bank: 'Pencairan disetujui, belum masuk batch bank',
  returned: 'Dikembalikan kepada RT, perlu diperbaiki',
};

/** Where each kind is acted on, per role (null: the role has no page for it). */
const PAGES: Record<string, Partial<Record<WorkKind, string>>> = {
  bendahara: { receipts: '/verifikasi', spj: '/verifikasi', plans: '/antrian', tranches: '/antrian' },
  lurah: { steps: '/persetujuan' },
  camat: { steps: '/persetujuan' },
  bpkad: { bank: '/bank' },
  admin: { receipts: '/laporan', spj: '/laporan', plans: '/laporan', tranches: '/laporan', bank: '/laporan' },
};

export function ageInDays(at: string | null, today: string): number | null {
  if (!at) return null;
  const day = at.length > 10 ? todayWib(new Date(at)) : at;
  return Math.max(0, daysBetween(day, today));
}

/** The home page's lines for a role: its kinds in a fixed order, each with its count and oldest age. */
export function workLines(role: string, counts: readonly WorkCount[], today: string): WorkLine[] {
  const pages = PAGES[role] ?? {};
  return counts
    .filter((c) => pages[c.kind] !== undefined)
    .map((c) => ({
      kind: c.kind,
      label: c.who ? `${LABELS[c.kind]} (${c.who})` : LABELS[c.kind],
      count: c.count,
      oldestDays: c.count > 0 ? ageInDays(c.oldestAt, today) : null,
      href: pages[c.kind]!,
    }));
}

/**
 * The page of a role that lists every kind of its work (the treasurer's queue, /antrian, shows
 * receipts, SPJs, plans and tranches): its badge counts every line, as its "Menampilkan N dari M".
 */
const LISTS_ALL: Partial<Record<string, string>> = { bendahara: '/antrian' };

/** The menu's badge per page: the sum of the counts acted on there, or listed there (0 is no badge). */
export function badgesByPage(lines: readonly WorkLine[], role?: string): Map<string, number> {
  const out = new Map<string, number>();
  const all = role === undefined ? undefined : LISTS_ALL[role];
  for (const l of lines) {
    out.set(l.href, (out.get(l.href) ?? 0) + l.count);
    if (all !== undefined && l.href !== all) out.set(all, (out.get(all) ?? 0) + l.count);
  }
  return out;
}
