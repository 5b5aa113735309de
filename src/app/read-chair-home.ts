/**
 * The RT officers' home, "Perlu tindakan": returned items with their reasons and links, SPJs owed
 * with days left, each tranche of the year on its timeline, the money that will lapse, and a bar
 * per category. Reads what the other read models read; the judgement is chairNeeds (domain).
 */
import type { Actor } from '../domain/access';
import { todayWib, formatBulan } from '../domain/calendar';
import { spjDueDate } from '../domain/grants/spj';
import { receiptNumber } from '../domain/documents/document-number';
import { closesMonth } from '../domain/grants/reported-months';
import { periodLabel } from '../domain/grants/tranche';
import { chairNeeds, type OwedSpj, type ReturnedFact } from '../domain/home/perlu-tindakan';
import { trancheBadge } from '../reports/status-badges';
import { planStandingOf } from './plan-line-facts';
import { trancheChains, trancheTimeline } from './read-tranches';
import { programmeConfigured, programmeOf, programmeRules } from '../domain/grants/programme-year';
import { sentBackByOf } from './read-approvals';
import { rtInScope } from './scope';
import type { Services } from './services';
import { spjSchedule } from './spj';

/** Returned receipts, the returned plan version and returned SPJs of an RT's year, as facts. */
export function returnedItemsOf(s: Services, rtId: number, year: number): ReturnedFact[] {
  const receipts = s.receipts
    .ofRt(rtId, year)
    .filter((r) => r.status === 'returned')
    .map((r) => ({
      kind: 'receipt' as const,
      id: r.id,
      what: `Kuitansi ${r.number ? receiptNumber(r.number) : `#${r.id}`} ${r.vendor}`,
      reason: r.note,
      returnedAt: r.decidedAt,
      href: `/kuitansi/${r.id}`,
    }));
  // Versions come newest first.
  const latest = s.plans.versions(rtId, year)[0];
  const plan = latest?.status === 'returned' ? [{ kind: 'plan' as const, id: latest.id, what: `RAP ${year} versi ${latest.version}`, reason: latest.note, returnedAt: latest.decidedAt, href: `/rt/${rtId}/rencana?tahun=${year}` }] : [];
  const spj = s.receipts
    .spjOfRt(rtId, year)
    .filter((r) => r.status === 'returned')
    .map((r) => ({ kind: 'spj' as const, id: r.id, what: `SPJ ${formatBulan(r.month)}`, reason: r.note, returnedAt: r.decidedAt, href: `/rt/${rtId}/spj/${r.month}` }));
  return [...receipts, ...plan, ...spj];
}

/** The SPJs an RT owes: every month due so far (spjSchedule), and the running month once money was drawn. */
function owedSpj(s: Services, rtId: number, y: { year: number; endsOn: string; startsOn: string; spjDueDay: number; finalReportDue: string }, today: string, drawn: boolean): OwedSpj[] {
  const schedule = spjSchedule(s, rtId, y.year);
  const rows: OwedSpj[] = schedule.map((m) => ({ month: m.month, due: m.due, sent: closesMonth(m.report?.status), returned: m.report?.status === 'returned' }));
  const month = today.slice(0, 7);
  if (drawn && today >= y.startsOn && today <= y.endsOn && !rows.some((r) => r.month === month)) rows.push({ month, due: spjDueDate(y, month), sent: false });
  return rows;
}

export function readChairHome(s: Services, actor: Actor, rtId: number, year: number) {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const found = s.years.find(year);
  if (!found || !programmeConfigured(found, programmeOf(rt))) return null;
  const y = programmeRules(found, programmeOf(rt));
  const today = todayWib(s.now());
  const tranches = s.tranches.ofRt(rt.id, y.year);
  const drawn = tranches.some((t) => t.status === 'approved' || t.status === 'paid');
  const money = s.balances.ofRt(y.year, rt.id);
  const needs = chairNeeds({
    today,
    year: { year: y.year, endsOn: y.endsOn, closed: s.tranches.isClosed(y.year, rt.kelurahanCode) },
    returned: returnedItemsOf(s, rt.id, y.year),
    spj: owedSpj(s, rt.id, y, today, drawn),
    money,
    categories: planStandingOf(s, rt.id, y.year).map((c) => ({ code: c.code, name: c.name, planned: c.planned, spent: c.spent, held: c.held })),
  });
  const chains = trancheChains(s, y.approvalSteps, tranches, rt.kelurahanCode);
  const transfers = s.tranches.transfersOf(tranches.map((t) => t.id));
  // The tranches still moving first (newest first), then at most two settled ones.
  const moving = tranches.filter((t) => t.status === 'pending' || t.status === 'approved');
  const settled = tranches.filter((t) => t.status !== 'pending' && t.status !== 'approved').slice(-2);
  const timelines = [...moving, ...settled].reverse().map((t) => ({
    id: t.id,
    periodLabel: periodLabel(t.mode, t.period),
    amount: t.amount,
    badge: trancheBadge(t.status),
    steps: trancheTimeline(t, transfers.filter((r) => r.trancheId === t.id), chains.get(t.id), sentBackByOf(s, t)).steps,
  }));
  return { ...needs, timelines, year: y.year, nothingToDo: needs.returned.length === 0 && needs.spjDue.length === 0, today };
}
