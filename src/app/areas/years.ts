/** Programme years as the web asks for them: the one a page shows, whether one exists, and their settings. */
import { authorize, parseActorLabel, type Actor } from '../../domain/access';
import { todayWib } from '../../domain/calendar';
import { fail } from '../../domain/errors';
import { defaultProgrammeYear, type ProgrammeYear } from '../../domain/grants/programme-year';
import { versionInForce } from '../../domain/grants/year-settings';
import { changeYearSettings, createProgrammeYear, type YearRuleChange } from '../create-programme-year';
import { pickYear } from '../read-dashboards';
import type { Services } from '../services';

export function yearsArea(s: Services) {
  const today = () => todayWib(s.now());
  /** "Admin Kota (DP3A) (admin)" for user:1:admin; a system job as "sistem (seed)". */
  const whoIs = (label: string) => {
    const p = parseActorLabel(label);
    if ('system' in p) return `sistem (${p.system.replace(/^system:?/, '') || 'aplikasi'})`;
    const u = s.users.findById(p.userId);
    return u ? `${u.displayName} (${u.username})` : p.username;
  };
  const versionsOf = (year: number) => {
    const versions = s.years.versions(year);
    const inForce = versionInForce(versions, today());
    return versions.map((v) => ({ ...v, createdByName: whoIs(v.createdBy), inForce: v === inForce && v.effectiveFrom <= today(), future: v.effectiveFrom > today() })).reverse();
  };
  return {
    /** The programme year a page asks for (?tahun=), else the current one, with the list to choose from. */
    pick: (requested: number | undefined) => pickYear(s, requested),
    /** The year a page asks for, or 404 when there is no programme year at all. */
    shown(requested: number | undefined): number {
      const { year } = pickYear(s, requested);
      if (!year) throw fail('no_programme_year');
      return year.year;
    },
    exists: (year: number) => !!s.years.find(year),
    /** The admin's list of years: each with its versions and whether money has moved. */
    list(actor: Actor) {
      authorize(actor, 'year.rules');
      return s.years.years().map((year) => {
        const y = s.years.find(year, today())!;
        const versions = versionsOf(year);
        return { year, status: y.status, startsOn: y.startsOn, endsOn: y.endsOn, allocationPerRt: y.allocationPerRt, allocationPerRw: y.allocationPerGrantee.rw, mode: y.disbursementMode, versions: versions.length || 1, inForce: versions.find((v) => v.inForce)?.version ?? 1 };
      });
    },
    /** The defaults a new year starts from (the year after the newest). */
    proposal(): ProgrammeYear {
      const years = s.years.years();
      return defaultProgrammeYear(Math.max(Number(today().slice(0, 4)), (years.at(-1) ?? 2025) + 1));
    },
    /** A year's settings page: the newest settings (what the form edits), the one in force today, the versions. */
    settings(actor: Actor, year: number) {
      authorize(actor, 'year.rules');
      const newest = s.years.find(year);
      if (!newest) throw fail('year_not_found', { year });
      return { newest, inForce: s.years.find(year, today())!, versions: versionsOf(year), moneyMoved: s.ledger.countInScope(year, null) > 0, today: today() };
    },
    create: (actor: Actor, year: number, overrides: Partial<ProgrammeYear>, ip: string | null) => createProgrammeYear(s, actor, year, overrides, ip),
    change: (actor: Actor, year: number, change: YearRuleChange, effectiveFrom: string, ip: string | null) => changeYearSettings(s, actor, year, change, effectiveFrom, ip),
  };
}
