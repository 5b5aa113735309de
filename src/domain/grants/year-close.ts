/**
 * What stands in the way of closing a programme year, per RT: the one rule the close page, the
 * close use case and `verify` share.
 *
 * Invariants:
 * - an RT owes a verified SPJ for every month from its first drawn month to the last month of the
 *   year (the SPJ gate's own rule, spj-gate.ts): each month lacking one is a blocker, named by
 *   what it lacks (never submitted, submitted but unverified, returned);
 * - a receipt still pending or returned, a tranche still pending, a tranche approved but not yet
 *   paid by the bank, and a plan still waiting for the bendahara are each a blocker;
 * - each blocker has a stable key (RT and the record or month it is about, not its state), so an
 *   override written for it still names it after the record moves on;
 * - a close goes ahead only when every blocker is cleared by an override with a written reason
 *   and an author.
 */
import { formatBulan } from '../calendar';
import { formatRupiah } from '../money';
import { drawnMonth, monthsLackingVerifiedSpj } from './spj-gate';
import type { SpjStatus } from './spj';
import { nextMonth } from './tranche';

export const CLOSE_BLOCKER_KINDS = ['spj_missing', 'spj_unverified', 'spj_returned', 'receipt_pending', 'receipt_returned', 'tranche_pending', 'tranche_unpaid', 'plan_pending'] as const;
export type CloseBlockerKind = (typeof CLOSE_BLOCKER_KINDS)[number];

export const CLOSE_BLOCKER_LABELS: Record<CloseBlockerKind, string> = {
  spj_missing: 'SPJ belum diajukan',
  spj_unverified: 'SPJ belum diverifikasi',
  spj_returned: 'SPJ dikembalikan',
  receipt_pending: 'Kuitansi menunggu verifikasi',
  receipt_returned: 'Kuitansi dikembalikan',
  tranche_pending: 'Pencairan menunggu keputusan',
  tranche_unpaid: 'Pencairan belum dibayar bank',
  plan_pending: 'RAP menunggu keputusan',
};

/** What is known of one RT when the year is closed (only the open records are needed). */
export interface RtCloseFacts {
  rtId: number;
  /** Tranches drawn (approved or paid): where the SPJ months start. */
  drawn: ReadonlyArray<{ mode: 'monthly' | 'staged'; period: string; decidedAt: string | null }>;
  spj: ReadonlyMap<string, SpjStatus>;
  /** Receipts pending or returned. */
  openReceipts: ReadonlyArray<{ id: number; status: 'pending' | 'returned'; date: string; amount: number; description: string }>;
  /** Tranches pending or approved (not yet paid). */
  openTranches: ReadonlyArray<{ id: number; status: 'pending' | 'approved'; label: string; amount: number }>;
  pendingPlans: ReadonlyArray<{ id: number; version: number }>;
}

export interface CloseBlocker {
  /** Stable: `rt:<id>:spj:<month>`, `rt:<id>:receipt:<id>`, `rt:<id>:tranche:<id>`, `rt:<id>:plan:<id>`. */
  key: string;
  rtId: number;
  kind: CloseBlockerKind;
  /** What it is about, in Indonesian ("SPJ September 2026", "Kuitansi KW-12 …"). */
  subject: string;
}


/** The blockers of one RT for a year whose last month is `lastMonth` (YYYY-MM). */
export function rtCloseBlockers(f: RtCloseFacts, lastMonth: string): CloseBlocker[] {
  const out: CloseBlocker[] = [];
  const drawnMonths = f.drawn.map(drawnMonth).filter((m): m is string => m !== null);
  for (const month of monthsLackingVerifiedSpj(drawnMonths, f.spj, nextMonth(lastMonth))) {
    const status = f.spj.get(month);
    const kind: CloseBlockerKind = status === 'submitted' ? 'spj_unverified' : status === 'returned' ? 'spj_returned' : 'spj_missing';
    out.push({ key: `rt:${f.rtId}:spj:${month}`, rtId: f.rtId, kind, subject: `SPJ ${formatBulan(month)}` });
  }
  for (const r of f.openReceipts) {
    out.push({
      key: `rt:${f.rtId}:receipt:${r.id}`,
      rtId: f.rtId,
      kind: r.status === 'pending' ? 'receipt_pending' : 'receipt_returned',
      subject: `Kuitansi KW-${r.id} (${r.date}, ${formatRupiah(r.amount)}): ${r.description}`,
    });
  }
  for (const t of f.openTranches) {
    out.push({
      key: `rt:${f.rtId}:tranche:${t.id}`,
      rtId: f.rtId,
      kind: t.status === 'pending' ? 'tranche_pending' : 'tranche_unpaid',
      subject: `Pencairan #${t.id} ${t.label} (${formatRupiah(t.amount)})`,
    });
  }
  for (const p of f.pendingPlans) out.push({ key: `rt:${f.rtId}:plan:${p.id}`, rtId: f.rtId, kind: 'plan_pending', subject: `RAP versi ${p.version}` });
  return out;
}

/** An admin's override of one blocker: the reason is what makes it one. */
export interface CloseOverride {
  blockerKey: string;
  reason: string;
  /** Who wrote it (actor label). */
  overriddenBy: string;
}

/** An override counts only with a written reason and an author. */
export const overrideIsComplete = (o: Pick<CloseOverride, 'reason' | 'overriddenBy'>): boolean => o.reason.trim().length > 0 && o.overriddenBy.trim().length > 0;

/** The blockers no complete override clears: the close goes ahead only when this is empty. */
export function uncleared<B extends CloseBlocker>(blockers: readonly B[], overrides: ReadonlyArray<Pick<CloseOverride, 'blockerKey' | 'reason' | 'overriddenBy'>>): B[] {
  const cleared = new Set(overrides.filter(overrideIsComplete).map((o) => o.blockerKey));
  return blockers.filter((b) => !cleared.has(b.key));
}
