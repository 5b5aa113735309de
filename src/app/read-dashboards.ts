/**
 * Read models of the home and registry pages. Each loads data inside the actor's scope
 * (authorize throws not_found outside it) and hands templates precomputed flags.
 */
import { authorize, can, officerLabelsOf, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { granteeLabel } from '../domain/registry/rows';
import { addMoney, grantGroups, groupsTotalLabel, type GrantGroup } from './grant-groups';
import type { RtMoney } from './ports';
import { planVersusActual } from './read-plans';
import { kelurahanInScope, rtInScope } from './scope';
import { planBadge } from '../reports/status-badges';
import type { Services } from './services';

const ZERO: RtMoney = { undrawn: 0, transit: 0, cash: 0, spent: 0, returned: 0, lapsed: 0, allocated: 0 };

export function pickYear(s: Services, requested: number | undefined) {
  const years = s.years.years();
  const current = s.years.current(todayWib(s.now()));
  const year = requested !== undefined && years.includes(requested) ? s.years.find(requested, todayWib(s.now())) : current;
  return { year, years: years.map((y) => ({ year: y, selected: y === year?.year })) };
}

export function readRt(s: Services, actor: Actor, rtId: number, year: number | undefined) {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const money = year === undefined ? ZERO : s.balances.ofRt(year, rt.id);
  return {
    vsActual: year === undefined ? null : planVersusActual(s, rt.id, year),
    rt,
    label: granteeLabel(rt),
    officerLabels: officerLabelsOf(rt),
    money: { ...money, drawn: money.transit + money.cash + money.spent },
    canEdit: can(actor, 'registry.edit', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id }),
    canSeeKelurahan: can(actor, 'kelurahan.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode }),
  };
}

export function readKelurahan(s: Services, actor: Actor, code: string, year: number | undefined) {
  const kel = kelurahanInScope(s, actor, 'kelurahan.view', code);
  const money = year === undefined ? new Map<number, RtMoney>() : s.balances.perRtOfKelurahan(year, code);
  const planStatus = year === undefined ? new Map() : s.plans.latestStatusOfKelurahan(code, year);
  const canEdit = can(actor, 'registry.edit', { kecamatanCode: kel.kecamatanCode, kelurahanCode: kel.code });
  let totals = ZERO;
  const rts = s.registry.rtsOfKelurahan(code).map((rt) => {
    const m = money.get(rt.id) ?? ZERO;
    totals = addMoney(totals, m);
    const status = planStatus.get(rt.id);
    return { ...rt, label: granteeLabel(rt), money: { ...m, drawn: m.transit + m.cash + m.spent }, canEdit, planBadge: status ? planBadge(status) : null };
  });
  return {
    kelurahan: kel,
    rts,
    rwCount: new Set(rts.map((r) => r.rwNumber)).size,
    rtCount: rts.filter((r) => r.kind === 'rt').length,
    rwGranteeCount: rts.filter((r) => r.kind === 'rw').length,
    totals: { ...totals, drawn: totals.transit + totals.cash + totals.spent },
    // Grants apart (RT, RW, PKK RT, …), and together (totals).
    ...withTotalLabel(grantGroups(rts.map((r) => ({ programme: r.programme, kind: r.kind, money: money.get(r.id) ?? ZERO })), yearSettings(s, year))),
    canSeeKecamatan: can(actor, 'city.view', { kecamatanCode: kel.kecamatanCode }),
    canEditOffice: canEdit,
    canAddRw: canEdit,
  };
}

const yearSettings = (s: Services, year: number | undefined) => (year === undefined ? undefined : s.years.find(year));
const withTotalLabel = (kinds: GrantGroup[]) => ({ kinds, kindsTotalLabel: groupsTotalLabel(kinds) });

/** Grants apart (shown when more than one programme and kind has money in the area), from the per-group sums of the kecamatan given. */
function grantKinds(s: Services, year: number | undefined, inArea: (kecamatanCode: string) => boolean) {
  if (year === undefined) return withTotalLabel([]);
  const rows = s.kept.remember(`perKind:${year}`, () => s.balances.perKindAndKecamatan(year)).filter((r) => inArea(r.kecamatanCode));
  return withTotalLabel(grantGroups(rows, yearSettings(s, year)));
}

export function readKecamatan(s: Services, actor: Actor, code: string, year: number | undefined) {
  const kec = s.registry.findKecamatan(code);
  if (!kec) throw fail('kecamatan_not_found');
  authorize(actor, 'city.view', { kecamatanCode: kec.code });
  const money = year === undefined ? new Map<string, RtMoney & { rtCount: number }>() : s.balances.perKelurahanOfKecamatan(year, code);
  let totals = ZERO;
  const kelurahan = s.registry.kelurahanList(code).map((k) => {
    const m = money.get(k.code) ?? { ...ZERO, rtCount: 0 };
    totals = addMoney(totals, m);
    return { ...k, money: { ...m, drawn: m.transit + m.cash + m.spent } };
  });
  return { kecamatan: kec, kelurahan, totals: { ...totals, drawn: totals.transit + totals.cash + totals.spent }, ...grantKinds(s, year, (c) => c === kec.code) };
}

export function readCity(s: Services, actor: Actor, year: number | undefined) {
  authorize(actor, 'city.view');
  // Sums over every account of the city (~40 ms): kept until the next commit.
  const money = year === undefined ? new Map<string, RtMoney & { rtCount: number }>() : s.kept.remember(`perKecamatan:${year}`, () => s.balances.perKecamatan(year));
  let totals = ZERO;
  const kecamatan = s.registry
    .kecamatanList()
    .filter((k) => can(actor, 'city.view', { kecamatanCode: k.code }))
    .map((k) => {
      const m = money.get(k.code) ?? { ...ZERO, rtCount: 0 };
      totals = addMoney(totals, m);
      return { ...k, money: { ...m, drawn: m.transit + m.cash + m.spent } };
    });
  return {
    kecamatan,
    totals: { ...totals, drawn: totals.transit + totals.cash + totals.spent },
    rtCount: kecamatan.reduce((a, k) => a + k.rtCount, 0),
    kelurahanCount: kecamatan.reduce((a, k) => a + k.kelurahanCount, 0),
    scopeLabel: actor.kecamatanCodes?.length ? `Kecamatan ${kecamatan.map((k) => k.name).join(', ')}` : 'Kota Semarang',
    ...grantKinds(s, year, (c) => can(actor, 'city.view', { kecamatanCode: c })),
  };
}

/** The public front page: counts and totals from the database. */
export function readPublicSummary(s: Services) {
  const { year } = pickYear(s, undefined);
  const counts = s.registry.counts();
  // The front page anyone can open sums the whole city (~40 ms): kept until the next commit.
  const money = year ? s.kept.remember(`city:${year.year}`, () => s.balances.city(year.year)) : { ...ZERO, rtCount: 0 };
  return { year, counts, money };
}
