/**
 * The kelurahan accountability report (LPJ) for a programme year, to a chosen month: per RT
 * the allocation, what was released, spending per category against the plan, what remains,
 * receipts, unverified items and overdue SPJs; totals, realisation, and the signature block.
 * Every number comes from the ledger's postings (dated up to the end of the chosen month).
 */
import { roleLabelOf, type Actor } from '../domain/access';
import { BULAN, formatTanggal, todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { percentOf, terbilang } from '../domain/money';
import { granteeLabel } from '../domain/registry/rows';
import { nextMonth, yearMonths } from '../domain/grants/tranche';
import { yearFigures } from '../domain/grants/year-figures';
import { grantGroupKeys, groupsTotalLabel } from './grant-groups';
import { kelurahanInScope, yearOrThrow } from './scope';
import { grantsTitleOf } from '../domain/grants/grant-titles';
import { programmeOf } from '../domain/grants/programme-year';
import type { Services } from './services';
import type { Lpj, LpjRow } from '../reports/shapes/lpj';

export type { Lpj, LpjRow };
import { spjSchedulesOfKelurahan } from './spj';
import { documentOffice } from './document-office';



export function readLpj(s: Services, actor: Actor, kelurahanCode: string, year: number, month?: string): Lpj {
  const kel = kelurahanInScope(s, actor, 'report.download', kelurahanCode);
  const y = yearOrThrow(s, year);
  const months = yearMonths(y);
  if (month !== undefined && !months.includes(month)) throw fail('month_invalid', undefined, { bulan: 'Bulan tidak valid.' });
  const toMonth = month ?? months.at(-1)!;
  const before = `${nextMonth(toMonth)}-01`;
  // Every programme's categories (the RT/RW grant's first, then e.g. PKK's own), one column per code.
  const categories = [...new Map([...y.categories, ...(y.programmes ?? []).flatMap((p) => p.categories)].reverse().map((c) => [c.code, { code: c.code, name: c.name }])).values()].reverse();
  // The whole year reads the balance cache (kept with every posting, checked by verify); a month reads the postings up to it.
  const sums = before > y.endsOn ? s.balances.kelurahanNow(y.year, kel.code) : s.balances.kelurahanAsOf(y.year, kel.code, before);
  const counts = s.receipts.countsOfKelurahan(y.year, kel.code, before);
  const schedules = spjSchedulesOfKelurahan(s, kel.code, y.year);
  const plans = s.plans.approvedOfKelurahan(kel.code, y.year);
  const grantees = s.registry.rtsOfKelurahan(kel.code);
  // The chairs' column: their one title ("Ketua RT"), or "Ketua" when RTs, RWs and PKK groups share the table (the label says which).
  const titles = new Set(grantees.map((rt) => roleLabelOf('ketua_rt', rt)));
  const rows: LpjRow[] = grantees.map((rt, i) => {
    const mine = sums.filter((r) => r.rtId === rt.id);
    const sum = (kind: string) => mine.filter((r) => r.kind === kind).reduce((a, r) => a + r.amount, 0);
    const spentByCategory = categories.map((c) => mine.filter((r) => r.kind === 'spending' && r.category === c.code).reduce((a, r) => a + r.amount, 0));
    const spent = spentByCategory.reduce((a, b) => a + b, 0);
    // allocation = undrawn + transit + cash + spent + returned + lapsed (year-figures.ts): the full allocation, after the close too.
    const figures = yearFigures({ undrawn: sum('undrawn'), transit: sum('transit'), cash: sum('cash'), spent, returned: sum('returned'), lapsed: sum('lapsed') });
    const allocation = figures.allocation;
    // The plan in force at the end of the period (a plan approved later does not count yet).
    const plan = plans.get(rt.id);
    const planned = plan && (plan.decidedAt ?? '') < before ? plan.total : 0;
    const c = counts.get(rt.id) ?? { count: 0, undecided: 0 };
    return {
      no: i + 1,
      rtId: rt.id,
      group: `${rt.programme}:${rt.kind}`,
      label: granteeLabel(rt),
      chairName: rt.chairName,
      allocation,
      // Released counts what is still in transit to the RT's account (approved, the bank has not paid yet).
      released: sum('transit') + sum('cash') + spent + sum('returned'),
      spentByCategory,
      spent,
      planned,
      remaining: figures.undrawn + figures.transit + figures.cash,
      returned: figures.returned,
      lapsed: figures.lapsed,
      receipts: c.count,
      unverified: c.undecided,
      overdueSpj: (schedules.get(rt.id) ?? []).filter((m) => m.daysLate > 0 && m.month <= toMonth).length,
      realisation: percentOf(spent, allocation),
    };
  });
  const add = (f: (r: LpjRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const totals = {
    allocation: add((r) => r.allocation),
    released: add((r) => r.released),
    spentByCategory: categories.map((_, i) => add((r) => r.spentByCategory[i]!)),
    spent: add((r) => r.spent),
    planned: add((r) => r.planned),
    remaining: add((r) => r.remaining),
    returned: add((r) => r.returned),
    lapsed: add((r) => r.lapsed),
    receipts: add((r) => r.receipts),
    unverified: add((r) => r.unverified),
    overdueSpj: add((r) => r.overdueSpj),
  };
  // Grants apart (RT, RW, PKK RT, …): the same sums per programme and kind, shown when more than one.
  const groupOf = new Map(s.registry.rtsOfKelurahan(kel.code).map((rt) => [rt.id, rt]));
  const keys = grantGroupKeys(rows.map((r) => ({ programme: groupOf.get(r.rtId)!.programme, kind: groupOf.get(r.rtId)!.kind })), y);
  const groups = keys.map((g) => {
    const of = rows.filter((r) => r.group === g.key);
    const sum = (f: (r: LpjRow) => number) => of.reduce((a, r) => a + f(r), 0);
    return { label: g.label, count: of.length, allocation: sum((r) => r.allocation), released: sum((r) => r.released), spent: sum((r) => r.spent), remaining: sum((r) => r.remaining), returned: sum((r) => r.returned), lapsed: sum((r) => r.lapsed) };
  });
  const office = documentOffice(s, kel.code);
  const plannedByCategory = s.documents.plannedByCategory(kel.code, y.year, before);
  const byCategory = categories.map((c, i) => {
    const planned = plannedByCategory.get(c.code) ?? 0;
    const spent = totals.spentByCategory[i]!;
    return { ...c, planned, spent, remaining: planned - spent, realisation: percentOf(spent, planned) };
  });
  const [ty, tm] = toMonth.split('-');
  return {
    kelurahan: kel,
    year: y,
    // The RT/RW grant's title alone, or every programme among the grantees ("… DAN BANTUAN OPERASIONAL PKK RT/RW").
    grantTitle: grantsTitleOf(y, grantees.map((g) => programmeOf(g))),
    month: toMonth,
    periodLabel: month ? `s.d. ${BULAN[Number(tm) - 1]} ${ty}` : `tahun program ${y.year}`,
    months: months.map((m) => ({ value: m, label: `${BULAN[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`, selected: m === month })),
    categories,
    chairHeading: titles.size === 1 ? [...titles][0]! : 'Ketua',
    rows,
    totals: { ...totals, realisation: percentOf(totals.spent, totals.allocation), spentWords: terbilang(totals.spent), allocationWords: terbilang(totals.allocation) },
    byCategory,
    groups,
    groupsTotalLabel: groupsTotalLabel(keys),
    planLeft: totals.planned - totals.spent,
    place: `Semarang, ${formatTanggal(todayWib(s.now()))}`,
    office: office.header,
    number: null,
    signatures: { bendahara: office.bendahara.name, bendaharaNip: office.bendahara.nip, lurah: office.lurah },
    fileBase: `LPJ-${y.year}${month ? `-${toMonth}` : ''}-${kel.name.replace(/[^A-Za-z0-9]+/g, '-')}`,
  };
}

