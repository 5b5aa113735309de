/**
 * Issue 20 (open books): the public pages' read models, for anyone without sign-in. City →
 * kecamatan → kelurahan → RW → RT. What is disclosed is decided by src/domain/public/disclosure.ts;
 * nothing here carries a bank account, a phone, an e-mail, a chair's or official's name, or a
 * receipt that is not verified.
 */
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { discloseReceipt, isPersonalHelpCategory, percent, spjPunctuality, SPJ_PUBLIC_LABELS, type SpjMonth } from '../domain/public/disclosure';
import { granteeLabel } from '../domain/registry/rows';
import type { RtDetail, RtMoney } from './ports';
import type { PublicAreaModel, PublicAreaRow, PublicBooks, PublicGranteeModel, PublicRwModel, PublicTotals } from '../reports/shapes/public';
import { isMainProgramme, MAIN_PROGRAMME, type ProgrammeYear } from '../domain/grants/programme-year';
import { planStandingOf } from './plan-line-facts';
import { pickYear } from './read-dashboards';
import { spjSchedule, spjSchedulesOfKelurahan } from './spj';
import type { Services } from './services';

const ZERO: RtMoney = { undrawn: 0, transit: 0, cash: 0, spent: 0, returned: 0, lapsed: 0, allocated: 0 };
const drawnOf = (m: RtMoney) => m.transit + m.cash + m.spent;

/** Public URLs (the RT's RW number and RT number unpadded in the path). */
export const publicPath = {
  city: () => '/publik',
  kecamatan: (code: string) => `/publik/kecamatan/${code}`,
  kelurahan: (code: string) => `/publik/kelurahan/${code}`,
  rw: (kel: string, rw: number) => `/publik/rw/${kel}/${rw}`,
  rt: (kel: string, rw: number, rt: number) => `/publik/rt/${kel}/${rw}/${rt}`,
  of: (g: Pick<RtDetail, 'kind' | 'kelurahanCode' | 'rwNumber' | 'number'>) => (g.kind === 'rw' ? publicPath.rw(g.kelurahanCode, g.rwNumber) : publicPath.rt(g.kelurahanCode, g.rwNumber, g.number)),
};

/** The year shown: ?tahun= when it exists, else the current one; 404 when there is none. */
function shownYear(s: Services, requested: number | undefined) {
  const { year } = pickYear(s, requested);
  if (!year) throw fail('year_not_found', { year: requested ?? Number(todayWib(s.now()).slice(0, 4)) });
  return year;
}

/** One row of an area table: money, absorption and SPJ punctuality. */
function areaRow(label: string, href: string, m: RtMoney, months: SpjMonth[][], extra: Partial<PublicAreaRow> = {}): PublicAreaRow {
  const p = spjPunctuality(months.flat());
  return { label, href, allocated: m.allocated, drawn: drawnOf(m), spent: m.spent, absorption: percent(m.spent, m.allocated), spj: p, ...extra };
}

const monthsOf = (schedule: ReturnType<typeof spjSchedule>): SpjMonth[] => schedule.map((m) => ({ month: m.month, status: m.report?.status ?? null, daysLate: m.daysLate }));

/**
 * The public pages are the RT/RW grant's (OPS) at every level: another programme's groups have no
 * public page of their own yet, so neither their money nor their SPJs count in a public total (the
 * city's figures equal the sum of its kelurahan pages).
 */
const PUBLIC_PROGRAMME = MAIN_PROGRAMME;

/** SPJ months per public grantee of a kelurahan (kept until the next commit). */
function kelurahanMonths(s: Services, code: string, year: number): Map<number, SpjMonth[]> {
  return s.kept.remember(`public-spj:${year}:${code}`, () => {
    const shown = new Set(s.registry.rtsOfKelurahan(code).filter((g) => isMainProgramme(g.programme)).map((g) => g.id));
    return new Map([...spjSchedulesOfKelurahan(s, code, year)].filter(([id]) => shown.has(id)).map(([id, sch]) => [id, monthsOf(sch)]));
  });
}

function totalsOf(rows: PublicAreaRow[]): PublicTotals {
  const allocated = rows.reduce((a, r) => a + r.allocated, 0);
  const spent = rows.reduce((a, r) => a + r.spent, 0);
  const drawn = rows.reduce((a, r) => a + r.drawn, 0);
  const spj = rows.reduce((a, r) => ({ owed: a.owed + r.spj.owed, onTime: a.onTime + r.spj.onTime, late: a.late + r.spj.late, missing: a.missing + r.spj.missing }), { owed: 0, onTime: 0, late: 0, missing: 0 });
  return { allocated, spent, drawn, absorption: percent(spent, allocated), spj: { ...spj, onTimePercent: spj.owed ? percent(spj.onTime, spj.owed) : null } };
}

export function readPublicCity(s: Services, requested?: number): PublicAreaModel {
  const year = shownYear(s, requested);
  // The whole city (every kelurahan's SPJ schedule): computed once for its HTML, CSV and JSON, until the next commit.
  return s.kept.remember(`public-city:${year.year}`, () => cityModel(s, year));
}

function cityModel(s: Services, year: ProgrammeYear): PublicAreaModel {
  const money = s.kept.remember(`public-perKecamatan:${year.year}`, () => s.balances.perKecamatan(year.year, PUBLIC_PROGRAMME));
  const rows = s.registry.kecamatanList().map((k) => {
    const months = s.registry.kelurahanList(k.code).flatMap((l) => [...kelurahanMonths(s, l.code, year.year).values()]);
    return areaRow(`Kecamatan ${k.name}`, publicPath.kecamatan(k.code), money.get(k.code) ?? ZERO, months, { code: k.code, grantees: k.rtCount });
  });
  return { level: 'kota' as const, name: 'Kota Semarang', year, rows, totals: totalsOf(rows), crumbs: [] };
}

export function readPublicKecamatan(s: Services, code: string, requested?: number): PublicAreaModel {
  const kec = s.registry.findKecamatan(code);
  if (!kec) throw fail('kecamatan_not_found');
  const year = shownYear(s, requested);
  const money = s.balances.perKelurahanOfKecamatan(year.year, code, PUBLIC_PROGRAMME);
  const rows = s.registry.kelurahanList(code).map((l) =>
    areaRow(`Kelurahan ${l.name}`, publicPath.kelurahan(l.code), money.get(l.code) ?? ZERO, [...kelurahanMonths(s, l.code, year.year).values()], { code: l.code, grantees: l.rtCount }),
  );
  return { level: 'kecamatan' as const, name: `Kecamatan ${kec.name}`, year, rows, totals: totalsOf(rows), crumbs: [{ label: 'Kota Semarang', href: publicPath.city() }] };
}

/** A kelurahan's grantees grouped by RW: one row per RW (its RTs and its own grant together) and one per grantee. */
export function readPublicKelurahan(s: Services, code: string, requested?: number): PublicAreaModel & { rwRows: NonNullable<PublicAreaModel['rwRows']> } {
  const kel = s.registry.findKelurahan(code);
  if (!kel) throw fail('kelurahan_not_found');
  const year = shownYear(s, requested);
  const money = s.balances.perRtOfKelurahan(year.year, code);
  const months = kelurahanMonths(s, code, year.year);
  // Another programme's group would point at the RT's page of the same numbers (PUBLIC_PROGRAMME).
  const grantees = s.registry.rtsOfKelurahan(code).filter((g) => isMainProgramme(g.programme) && (g.active || money.has(g.id)));
  const granteeRows = grantees.map((g) =>
    areaRow(g.kind === 'rw' ? `RW ${pad(g.rwNumber)} (hibah RW)` : granteeLabel(g), publicPath.of(g), money.get(g.id) ?? ZERO, [months.get(g.id) ?? []], { rwNumber: g.rwNumber, kind: g.kind }),
  );
  const rwNumbers = [...new Set(grantees.map((g) => g.rwNumber))].sort((a, b) => a - b);
  const rwRows = rwNumbers.map((n) => {
    const of = granteeRows.filter((r) => r.rwNumber === n);
    const t = totalsOf(of);
    return { label: `RW ${pad(n)}`, href: publicPath.rw(code, n), ...t, grantees: of.length };
  });
  return {
    level: 'kelurahan',
    name: `Kelurahan ${kel.name}`,
    year,
    rows: granteeRows,
    rwRows,
    totals: totalsOf(granteeRows),
    crumbs: [
      { label: 'Kota Semarang', href: publicPath.city() },
      { label: `Kecamatan ${kel.kecamatanName}`, href: publicPath.kecamatan(kel.kecamatanCode) },
    ],
  };
}

const pad = (n: number) => String(n).padStart(3, '0');

function granteeOf(s: Services, kelurahanCode: string, rwNumber: number, rtNumber: number): RtDetail {
  const g = s.registry.findRtByNumbers(kelurahanCode, rwNumber, rtNumber);
  if (!g || (rtNumber === 0) !== (g.kind === 'rw')) throw fail('rt_not_found');
  return g;
}

/** The books of one grantee (an RT, or an RW's own grant): what an RT page and the poster show. */
export function publicBooks(s: Services, g: RtDetail, year: ProgrammeYear): PublicBooks {
  const money = s.balances.ofRt(year.year, g.id);
  const categories = new Map(year.categories.map((c) => [c.code, c]));
  const plan = planStandingOf(s, g.id, year.year).map((r) => ({ code: r.code, name: r.name, planned: r.planned, spent: r.spent, percent: percent(r.spent, r.planned) }));
  const receipts = s.receipts.ofRt(g.id, year.year).filter((r) => r.status === 'verified');
  const ids = receipts.map((r) => r.id);
  const files = s.publicPages.filesOf(ids);
  const hidden = s.publicPages.hiddenAmong(ids);
  const shown = receipts
    .map((r) => {
      const c = categories.get(r.category);
      const hiddenHere = new Set([...(files.get(r.id) ?? [])].filter((f) => hidden.has(`${r.id}:${f.sha256}`)).map((f) => f.sha256));
      const d = discloseReceipt(r, c ? isPersonalHelpCategory(c) : false, files.get(r.id) ?? [], hiddenHere);
      return d && { ...d, categoryName: c?.name ?? r.category };
    })
    .filter((r) => r !== null)
    .sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));
  const tranches = s.tranches
    .ofRt(g.id, year.year)
    .filter((t) => t.status === 'approved' || t.status === 'paid')
    .map((t) => ({ period: t.period, mode: t.mode, amount: t.amount, paid: t.status === 'paid', paidAt: t.paidAt, approvedAt: t.decidedAt }));
  const spj = spjSchedule(s, g.id, year.year).map((m) => ({ month: m.month, due: m.due, status: m.report?.status ?? null, statusLabel: m.report ? (SPJ_PUBLIC_LABELS[m.report.status] ?? m.report.status) : 'Belum dikirim', daysLate: m.daysLate }));
  return {
    money: { allocated: money.allocated, drawn: drawnOf(money), spent: money.spent, cash: money.cash, returned: money.returned, lapsed: money.lapsed, absorption: percent(money.spent, money.allocated) },
    plan,
    planTotal: plan.reduce((a, r) => a + r.planned, 0),
    receipts: shown,
    tranches,
    received: tranches.filter((t) => t.paid).reduce((a, t) => a + t.amount, 0),
    spj,
    punctuality: spjPunctuality(spj),
  };
}

function checkpointOf(s: Services) {
  const c = s.checkpoints.latest();
  return c ? { seq: c.seq, signedAt: c.signedAt, entryCount: c.entryCount, head: c.head } : null;
}

export function readPublicRt(s: Services, kelurahanCode: string, rwNumber: number, rtNumber: number, requested?: number): PublicGranteeModel {
  const g = granteeOf(s, kelurahanCode, rwNumber, rtNumber);
  const year = shownYear(s, requested);
  return {
    level: 'rt',
    name: g.kind === 'rw' ? `RW ${pad(g.rwNumber)}` : granteeLabel(g),
    place: { kelurahanCode: g.kelurahanCode, kelurahanName: g.kelurahanName, kecamatanCode: g.kecamatanCode, kecamatanName: g.kecamatanName, rwNumber: g.rwNumber, rtNumber: g.number, kind: g.kind },
    // The complaint target (complaints.ts): an RT by its row, an RW by its rw row.
    target: { kind: g.kind, id: g.kind === 'rw' ? g.rwId : g.id },
    year,
    books: publicBooks(s, g, year),
    checkpoint: checkpointOf(s),
    crumbs: [
      { label: 'Kota Semarang', href: publicPath.city() },
      { label: `Kecamatan ${g.kecamatanName}`, href: publicPath.kecamatan(g.kecamatanCode) },
      { label: `Kelurahan ${g.kelurahanName}`, href: publicPath.kelurahan(g.kelurahanCode) },
      ...(g.kind === 'rt' ? [{ label: `RW ${pad(g.rwNumber)}`, href: publicPath.rw(g.kelurahanCode, g.rwNumber) }] : []),
    ],
  };
}

/** An RW: its own grant's books when it has one, and its RTs. */
export function readPublicRw(s: Services, kelurahanCode: string, rwNumber: number, requested?: number): PublicRwModel {
  const kel = readPublicKelurahan(s, kelurahanCode, requested);
  const rows = kel.rows.filter((r) => r.rwNumber === rwNumber && r.kind === 'rt');
  const own = s.registry.findRtByNumbers(kelurahanCode, rwNumber, 0);
  if (!rows.length && !own) throw fail('rt_not_found');
  const grantee = own && own.kind === 'rw' ? own : null;
  return {
    level: 'rw',
    name: `RW ${pad(rwNumber)}`,
    place: { kelurahanCode, kelurahanName: kel.name.replace(/^Kelurahan /, ''), kecamatanName: kel.crumbs[1]!.label.replace(/^Kecamatan /, ''), rwNumber },
    target: grantee ? { kind: 'rw' as const, id: grantee.rwId } : null,
    year: kel.year,
    rows,
    totals: totalsOf(rows),
    books: grantee ? publicBooks(s, grantee, kel.year) : null,
    checkpoint: checkpointOf(s),
    crumbs: [...kel.crumbs, { label: kel.name, href: publicPath.kelurahan(kelurahanCode) }],
  };
}

/** The version the public pages are cached under: the data's, and today's date (SPJ lateness counts days). */
export const publicDataVersion = (s: Services): string => `${s.publicPages.dataVersion()}.${todayWib(s.now())}`;
