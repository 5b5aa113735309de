/** The year-end close as the web asks for it: the close page (blockers per RT, overrides), the close, and corrections after it. */
import type { Actor } from '../../domain/access';
import { formatTanggal, todayWib } from '../../domain/calendar';
import { errorMessage, fail } from '../../domain/errors';
import { CLOSE_BLOCKER_KINDS, CLOSE_BLOCKER_LABELS, type CloseBlockerKind } from '../../domain/grants/year-close';
import { placeLabel, type CorrectionPlace } from '../../domain/grants/year-correction';
import { yearFigures } from '../../domain/grants/year-figures';
import { granteeLabel } from '../../domain/registry/rows';
import { closeBlockers, closeYear, overrideBlocker, unclearedBlockers } from '../close-year';
import { correctClosedYear } from '../correct-closed-year';
import type { Services } from '../services';
import { bindTo } from './bind';
import { kelurahanOptions } from './registry';

/** The close page lists at most this many blockers (filter by kelurahan or kind for the rest). */
export const CLOSE_PAGE_ROWS = 500;

export interface ClosePageQuery {
  year?: number;
  kelurahanCode?: string;
  /** A blocker kind, or 'open' / 'overridden'. */
  kind?: string;
}

function closePage(s: Services, q: ClosePageQuery) {
  const years = s.years.years().map((y) => s.years.find(y)!);
  const selectedYear = q.year || years.find((y) => y.status === 'open')?.year || years.at(-1)?.year || 0;
  const selectedKel = q.kelurahanCode || null;
  const closed = selectedYear ? s.tranches.closedKelurahan(selectedYear) : new Set<string>();
  const all = selectedYear && s.years.find(selectedYear) ? closeBlockers(s, selectedYear, selectedKel ? [selectedKel] : null) : [];
  const open = unclearedBlockers(all);
  const kind = q.kind && ((CLOSE_BLOCKER_KINDS as readonly string[]).includes(q.kind) || q.kind === 'open' || q.kind === 'overridden') ? q.kind : '';
  const shown = all.filter((b) => !kind || (kind === 'open' ? !b.override : kind === 'overridden' ? !!b.override : b.kind === kind));
  const chosen = s.years.find(selectedYear);
  const notEnded = chosen && chosen.status !== 'closed' && todayWib(s.now()) < chosen.finalReportDue ? chosen : null;
  const kelName = new Map(kelurahanOptions(s).map((k) => [k.code, k.label]));
  // The closed part of the year keeps its overrides on record.
  const record = selectedYear
    ? s.yearClose.overrides(selectedYear, selectedKel).filter((o) => closed.has(o.kelurahanCode)).map((o) => ({ ...o, kelurahanLabel: kelName.get(o.kelurahanCode) ?? o.kelurahanCode, kindLabel: CLOSE_BLOCKER_LABELS[o.kind as CloseBlockerKind] ?? o.kind, at: formatTanggal(o.overriddenAt.slice(0, 10)) }))
    : [];
  return {
    years: years.map((y) => ({ year: y.year, status: y.status, selected: y.year === selectedYear })),
    kelurahan: kelurahanOptions(s).map((k) => ({ ...k, closed: closed.has(k.code), selected: k.code === selectedKel })),
    kinds: [
      { value: 'open', label: 'Belum dikecualikan', selected: kind === 'open' },
      { value: 'overridden', label: 'Sudah dikecualikan', selected: kind === 'overridden' },
      ...CLOSE_BLOCKER_KINDS.map((k) => ({ value: k, label: CLOSE_BLOCKER_LABELS[k], selected: kind === k })),
    ],
    blockers: shown.slice(0, CLOSE_PAGE_ROWS).map((b) => ({ ...b, kindLabel: CLOSE_BLOCKER_LABELS[b.kind] })),
    shownCount: shown.length,
    truncated: shown.length > CLOSE_PAGE_ROWS,
    blockerCount: all.length,
    openCount: open.length,
    openRts: new Set(open.map((b) => b.rtId)).size,
    overriddenCount: all.length - open.length,
    record,
    closedCount: closed.size,
    yearClosed: s.years.find(selectedYear)?.status === 'closed',
    notEnded: notEnded ? errorMessage('year_not_ended', { year: notEnded.year, closableOn: notEnded.finalReportDue }) : null,
  };
}

const PLACES = (categories: string[]): CorrectionPlace[] => [...categories.map((c) => ({ kind: 'spending' as const, category: c })), { kind: 'returned' }, { kind: 'lapsed' }];
const placeValue = (p: CorrectionPlace) => (p.kind === 'spending' ? `spending:${p.category}` : p.kind);

/** The correction page: the years with a closed part, the chosen RT's closed-year figures, the corrections made. */
function correctionPage(s: Services, q: { year?: number; kelurahanCode?: string; rtId?: number }) {
  const years = s.years.years().filter((y) => s.tranches.closedKelurahan(y).size > 0);
  const year = q.year && years.includes(q.year) ? q.year : years.at(-1) ?? null;
  const closed = year ? s.tranches.closedKelurahan(year) : new Set<string>();
  const kelurahan = kelurahanOptions(s, (k) => closed.has(k.code) && k.rtCount > 0).map((k) => ({ ...k, selected: k.code === q.kelurahanCode }));
  const kelCode = q.kelurahanCode && closed.has(q.kelurahanCode) ? q.kelurahanCode : null;
  const rts = kelCode ? s.registry.rtsOfKelurahan(kelCode).map((r) => ({ id: r.id, label: granteeLabel(r), selected: r.id === q.rtId })) : [];
  const rt = q.rtId && kelCode ? s.registry.rtsOfKelurahan(kelCode).find((r) => r.id === q.rtId) ?? null : null;
  const y = year ? s.years.find(year)! : null;
  const categories = y ? y.categories.map((c) => c.code) : [];
  let figures = null;
  if (rt && y) {
    const m = s.balances.ofRt(y.year, rt.id);
    const byCat = s.balances.spentByCategory(y.year, rt.id);
    figures = {
      ...yearFigures(m),
      rtLabel: `${granteeLabel(rt)} ${rt.kelurahanName}`,
      places: PLACES(categories).map((p) => ({
        value: placeValue(p),
        label: placeLabel(p),
        balance: p.kind === 'spending' ? byCat.get(p.category) ?? 0 : p.kind === 'returned' ? m.returned : m.lapsed,
      })),
    };
  }
  const labels = new Map<number, string>();
  const corrections = year
    ? s.yearClose.corrections(year).map((c) => {
        if (!labels.has(c.rtId)) {
          const r = s.registry.findRt(c.rtId);
          labels.set(c.rtId, r ? `${granteeLabel(r)} ${r.kelurahanName}` : `RT #${c.rtId}`);
        }
        return { ...c, rtLabel: labels.get(c.rtId)!, date: formatTanggal(c.occurredOn) };
      })
    : [];
  return { years: years.map((v) => ({ year: v, selected: v === year })), year, kelurahan, rts, rt: rt ? { id: rt.id } : null, figures, corrections };
}

function closeYearOrRefuse(s: Services, actor: Actor, cmd: { year: number; kelurahanCode: string | null }, ip: string | null) {
  if (!s.years.find(cmd.year)) throw fail('year_invalid');
  return closeYear(s, actor, cmd, ip);
}

export function yearCloseArea(s: Services) {
  return bindTo(s, { closePage, closeYear: closeYearOrRefuse, override: overrideBlocker, correctionPage, correct: correctClosedYear });
}
