/**
 * What the public pages (issue 20, "open books") may show, as one set of rules used by the
 * pages, their CSV/JSON and the poster.
 *
 * Invariants:
 * - only verified receipts are disclosed; pending, returned, rejected and reversed ones never;
 * - a receipt of a personal-help category (santunan for the sick or bereaved: health and personal
 *   data) is disclosed as category, date and amount only: no description, vendor, nota or photo;
 * - a photo is disclosed only if it is an activity or item photo of a disclosed receipt and the
 *   treasurer has not hidden it (the newest decision holds);
 * - names of people, bank accounts, phone numbers and e-mails are never part of a public shape.
 */
import type { EvidenceKind } from '../grants/evidence-kinds';

/** Kinds of evidence shown publicly: photos of the activity and of the goods (not the nota, attendance lists, minutes). */
export const PUBLIC_PHOTO_KINDS: readonly EvidenceKind[] = ['foto_kegiatan', 'foto_barang'];

/** Words that mark a category as help to persons (its receipts name the sick, the bereaved). */
const PERSONAL_HELP = /santunan|bantuan sosial|duka|sakit/i;

/** A category whose receipts are help to persons: the public sees only category, date and amount. */
export const isPersonalHelpCategory = (c: { name: string; description?: string | null }): boolean => PERSONAL_HELP.test(`${c.name} ${c.description ?? ''}`);

export interface DisclosableReceipt {
  id: number;
  date: string;
  category: string;
  description: string;
  vendor: string;
  amount: number;
  status: string;
}

export interface PublicReceipt {
  id: number;
  date: string;
  category: string;
  amount: number;
  /** Null when the category is help to persons. */
  description: string | null;
  vendor: string | null;
  restricted: boolean;
  photos: Array<{ sha256: string; kind: string }>;
}

/** The receipt as the public sees it, or null when it is not to be shown at all. */
export function discloseReceipt(
  r: DisclosableReceipt,
  personalHelp: boolean,
  files: ReadonlyArray<{ sha256: string; kind: string }>,
  hidden: ReadonlySet<string>,
): PublicReceipt | null {
  if (r.status !== 'verified') return null;
  if (personalHelp) return { id: r.id, date: r.date, category: r.category, amount: r.amount, description: null, vendor: null, restricted: true, photos: [] };
  const photos = files.filter((f) => (PUBLIC_PHOTO_KINDS as readonly string[]).includes(f.kind) && !hidden.has(f.sha256)).map((f) => ({ sha256: f.sha256, kind: f.kind }));
  return { id: r.id, date: r.date, category: r.category, amount: r.amount, description: r.description, vendor: r.vendor, restricted: false, photos };
}

/** Percent (one decimal) of a part of a whole; 0 for an empty whole. */
export const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0);

export interface SpjMonth {
  month: string;
  status: 'verified' | 'submitted' | 'returned' | 'withdrawn' | null;
  daysLate: number;
}

/**
 * SPJ punctuality: of the months owed so far, how many were sent on time (not late at sending),
 * late, or are still missing (not sent, returned or withdrawn).
 */
export function spjPunctuality(months: readonly SpjMonth[]) {
  let onTime = 0;
  let late = 0;
  let missing = 0;
  for (const m of months) {
    if (m.status === null || m.status === 'returned' || m.status === 'withdrawn') missing += 1;
    else if (m.daysLate > 0) late += 1;
    else onTime += 1;
  }
  const owed = months.length;
  return { owed, onTime, late, missing, onTimePercent: owed === 0 ? null : percent(onTime, owed) };
}

export const SPJ_PUBLIC_LABELS: Record<string, string> = {
  verified: 'Terverifikasi',
  submitted: 'Dikirim, menunggu verifikasi',
  returned: 'Dikembalikan untuk diperbaiki',
  withdrawn: 'Ditarik kembali',
};
