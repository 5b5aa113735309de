/**
 * The kelurahan treasurer's queue (/antrian): everything that waits for her own step, of every
 * kind (receipts and SPJ to verify, plans and tranches at her step of the chain), oldest first,
 * narrowed by kind, RW, RT and a text search. The same list gives her home its oldest items
 * (read-work.ts), so the home and the queue cannot disagree.
 */
import type { Actor } from '../domain/access';
import { QUEUE_KIND_CODES, QUEUE_KINDS, type QueueKind } from '../domain/home/queue-kinds';
import { periodLabel } from '../domain/grants/tranche';

import { planBadge, trancheBadge } from '../reports/status-badges';
import { waitingStep } from './approval-steps';
import { planApproval } from './decide-plan';
import { trancheApproval } from './decide-tranche';
import { receiptBadge } from './read-receipts';
import { decidable, decisionBarsFor, granteeLabels, kelurahanInScope } from './scope';
import { categoriesOfEveryProgramme } from '../domain/grants/programmes';
import type { WaitingCount } from './ports';
import type { Services } from './services';

export interface QueueFilter {
  kind?: QueueKind;
  rw?: number;
  rt?: number;
  /** Text searched in the RT's label and the item's own words (description, seller, period). */
  q?: string;
}

/** One waiting item, whatever its kind: what a list of "oldest first" needs. */
export interface WaitingItem {
  kind: QueueKind;
  kindLabel: string;
  id: number;
  rtId: number;
  rtNumber: number;
  rwNumber: number;
  label: string;
  /** What it is, in a few words ("SPJ Oktober 2026", "Rapat warga — Toko Jaya"). */
  summary: string;
  /** ISO time it started waiting. */
  since: string;
  ageDays: number;
  href: string;
}

const DAY_MS = 86_400_000;
const norm = (t: string) => t.normalize('NFKC').toLocaleLowerCase('id-ID');

/** Every item waiting for the treasurer, by kind, each with its page row and its WaitingItem. */
function waitingOf(s: Services, actor: Actor) {
  const kel = kelurahanInScope(s, actor, 'queue.view', actor.kelurahanCode ?? '');
  const labelOf = granteeLabels(s);
  const now = s.now().getTime();
  const age = (iso: string) => Math.max(0, Math.floor((now - Date.parse(iso)) / DAY_MS));
  const item = (kind: QueueKind, o: Omit<WaitingItem, 'kind' | 'kindLabel' | 'label' | 'ageDays'>): WaitingItem => ({
    kind,
    kindLabel: QUEUE_KINDS[kind],
    label: labelOf(o.rtId),
    ageDays: age(o.since),
    ...o,
  });
  const categoryNames = new Map(s.years.years().map((y) => [y, new Map(categoriesOfEveryProgramme(s.years.find(y)).map((c) => [c.code, c.name]))]));
  const receipts = s.receipts.pendingOfKelurahan(kel.code).map(({ receipt: r, rtNumber, rwNumber }) => ({
    ...r,
    badge: receiptBadge(r.status),
    categoryName: categoryNames.get(r.year)?.get(r.category) ?? r.category,
    waiting: item('kuitansi', { id: r.id, rtId: r.rtId, rtNumber, rwNumber, since: r.submittedAt, summary: `${r.description} — ${r.vendor}`, href: `/verifikasi#kuitansi-${r.id}` }),
  }));
  const spjs = s.years.years().flatMap((year) =>
    s.receipts.spjOfKelurahan(kel.code, year, ['submitted']).map(({ spj, rtNumber, rwNumber }) => ({
      ...spj,
      monthLabel: periodLabel('monthly', spj.month),
      waiting: item('spj', { id: spj.id, rtId: spj.rtId, rtNumber, rwNumber, since: spj.submittedAt, summary: `SPJ ${periodLabel('monthly', spj.month)}`, href: `/verifikasi#spj-${spj.id}` }),
    })),
  );
  // Only what waits for the treasurer's own step: what she verified waits for the lurah (his queue).
  const plans = s.plans
    .submittedOfKelurahan(kel.code)
    .filter(({ plan }) => waitingStep(s, planApproval(plan, kel.code)) === 'verify')
    .map(({ plan, rtNumber, rwNumber }) => ({
      ...plan,
      badge: planBadge(plan.status),
      waiting: item('rap', { id: plan.id, rtId: plan.rtId, rtNumber, rwNumber, since: plan.submittedAt ?? plan.updatedAt, summary: `RAP ${plan.year} versi ${plan.version}`, href: `/rt/${plan.rtId}/rencana?tahun=${plan.year}` }),
    }));
  const tranches = s.tranches
    .ofKelurahan(kel.code, ['pending'])
    .filter(({ tranche: t }) => waitingStep(s, trancheApproval(t, kel.code)) === 'verify')
    .map(({ tranche: t, rtNumber, rwNumber }) => ({
      ...t,
      periodLabel: periodLabel(t.mode, t.period),
      badge: trancheBadge(t.status),
      waiting: item('pencairan', { id: t.id, rtId: t.rtId, rtNumber, rwNumber, since: t.requestedAt, summary: `Pencairan ${periodLabel(t.mode, t.period)}`, href: `/rt/${t.rtId}/pencairan?tahun=${t.year}` }),
    }));
  return { kel, receipts, spjs, plans, tranches, categoryNames };
}

/**
 * How many items of each kind wait for the treasurer, and since when: the queue's own list,
 * counted. Her queue's total, her home's lines and her menu's badges all come from here.
 */
export function waitingCounts(s: Services, actor: Actor): Record<QueueKind, WaitingCount> {
  const w = waitingOf(s, actor);
  const count = (rows: Array<{ waiting: WaitingItem }>): WaitingCount => ({ count: rows.length, oldestAt: rows.map((r) => r.waiting.since).sort()[0] ?? null });
  return { kuitansi: count(w.receipts), spj: count(w.spjs), rap: count(w.plans), pencairan: count(w.tranches) };
}

const oldestFirst = <T extends { waiting: WaitingItem }>(rows: T[]) => rows.sort((a, b) => a.waiting.since.localeCompare(b.waiting.since) || a.waiting.id - b.waiting.id);

/** Every item waiting for the treasurer, oldest first across kinds (the home's "oldest items"). */
export function waitingItems(s: Services, actor: Actor): WaitingItem[] {
  const w = waitingOf(s, actor);
  return oldestFirst([...w.receipts, ...w.spjs, ...w.plans, ...w.tranches]).map((r) => r.waiting);
}

/** Whether an item passes the filter (kind, RW, RT, and every word of the search). */
function matches(filter: QueueFilter, w: WaitingItem): boolean {
  if (filter.kind && w.kind !== filter.kind) return false;
  if (filter.rw !== undefined && w.rwNumber !== filter.rw) return false;
  if (filter.rt !== undefined && w.rtNumber !== filter.rt) return false;
  if (!filter.q) return true;
  const hay = norm(`${w.label} ${w.kindLabel} ${w.summary} #${w.id}`);
  return norm(filter.q).split(/\s+/).filter(Boolean).every((word) => hay.includes(word));
}

export function readQueue(s: Services, actor: Actor, filter: QueueFilter = {}) {
  const w = waitingOf(s, actor);
  const keep = <T extends { waiting: WaitingItem }>(rows: T[]) => oldestFirst(rows.filter((r) => matches(filter, r.waiting)));
  const receipts = keep(w.receipts);
  const spjs = keep(w.spjs);
  // What only the page needs (the decide buttons, a tranche's lines), for the rows it shows.
  const barOf = decisionBarsFor(s, actor);
  const plans = keep(w.plans).map((plan) => ({ ...plan, ...decidable(plan.submittedBy !== actor.userId, barOf(plan.rtId)) }));
  const tranches = keep(w.tranches).map((t) => ({
    ...t,
    lines: s.tranches.lines(t.id).map((l) => ({ ...l, categoryName: w.categoryNames.get(t.year)?.get(l.category) ?? l.category })),
    ...decidable(t.requestedBy !== actor.userId, barOf(t.rtId)),
  }));
  const total = w.receipts.length + w.spjs.length + w.plans.length + w.tranches.length;
  const shown = receipts.length + spjs.length + plans.length + tranches.length;
  const filtered = filter.kind !== undefined || filter.rw !== undefined || filter.rt !== undefined || !!filter.q;
  return {
    kelurahan: w.kel,
    receipts,
    spjs,
    plans,
    tranches,
    filter: {
      ...filter,
      filtered,
      kindChoices: QUEUE_KIND_CODES.map((code) => ({
        code,
        label: QUEUE_KINDS[code],
        count: { kuitansi: w.receipts, spj: w.spjs, rap: w.plans, pencairan: w.tranches }[code].length,
        selected: code === filter.kind,
      })),
    },
    counts: { total, shown },
    empty: total === 0,
    noneShown: total > 0 && shown === 0,
    hasApprovals: plans.length + tranches.length > 0,
    anyDecidable: [...plans, ...tranches].some((i) => i.canDecide),
  };
}
