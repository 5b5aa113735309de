/**
 * Creates a programme year with the DOMAIN.md defaults (overridable), its city accounts and its
 * first settings version; and changes its settings as a new version from a date. Each is one
 * transaction with its audit row (the row's digest, the whole settings, the version's digest).
 */
import { fail } from '../domain/errors';
import { cityAccounts } from '../domain/ledger/accounts';
import { defaultProgrammeYear, validateProgrammeYear, type ProgrammeYear } from '../domain/grants/programme-year';
import { checkSettingsChange, latestVersion, settingsOf, type YearVersion } from '../domain/grants/year-settings';
import { actorLabel, authorize, type Actor } from '../domain/access';
import { yearAuditedOf, yearVersionSha256 } from '../domain/audit/audited-state';
import { todayWib } from '../domain/calendar';
import type { Services } from './services';

const versionOf = (y: ProgrammeYear, version: number, effectiveFrom: string, actor: Actor, now: Date): YearVersion => ({
  year: y.year,
  version,
  effectiveFrom,
  settings: JSON.stringify(settingsOf(y)),
  createdBy: actorLabel(actor),
  createdAt: now.toISOString(),
});

const versionAudited = (v: YearVersion) => ({ version: v.version, effectiveFrom: v.effectiveFrom, versionSha256: yearVersionSha256(v) });

/** Overrides keep allocationPerRt and allocationPerGrantee.rt one amount, whichever was given. */
function withAllocations(base: ProgrammeYear, overrides: Partial<ProgrammeYear>): ProgrammeYear {
  const y: ProgrammeYear = { ...base, ...overrides };
  const rt = overrides.allocationPerGrantee?.rt ?? overrides.allocationPerRt ?? base.allocationPerRt;
  return { ...y, allocationPerRt: rt, allocationPerGrantee: { ...base.allocationPerGrantee, ...overrides.allocationPerGrantee, rt } };
}

export function createProgrammeYear(
  s: Services,
  actor: Actor,
  year: number,
  overrides: Partial<Omit<ProgrammeYear, 'year'>> = {},
  ip: string | null = null,
): ProgrammeYear {
  if (actor.role !== 'system') authorize(actor, 'year.rules');
  const y = withAllocations(defaultProgrammeYear(year), overrides);
  validateProgrammeYear(y);
  return s.db.transaction(() => {
    if (s.years.find(year)) throw fail('year_exists', { year });
    const now = s.now();
    s.years.insert(y, now);
    const v = versionOf(y, 1, y.startsOn, actor, now);
    s.years.insertVersion(v);
    s.ledger.ensureAccounts(year, null, cityAccounts());
    s.audit.record(actor, ip, {
      action: 'programme_year.create',
      targetType: 'programme_year',
      targetId: year,
      after: { startsOn: y.startsOn, endsOn: y.endsOn, allocationPerRt: y.allocationPerRt, mode: y.disbursementMode, ...yearAuditedOf(s.audit.yearRulesRow(year)!), ...versionAudited(v) },
    });
    return y;
  });
}

/** What a rule change may set: everything but the year's number, dates and status. */
export type YearRuleChange = Partial<Omit<ProgrammeYear, 'year' | 'startsOn' | 'endsOn' | 'status'>>;

export interface SettingsChangeResult {
  year: ProgrammeYear;
  version: number;
  effectiveFrom: string;
}

/**
 * The admin changes an open year's settings from a date (default: today, or the year's start
 * when it has not begun): a new version, the year's row set to it, audited with the digest and
 * the whole settings before and after and the version's digest, so verify can tell a version or
 * a rule changed in the file. Decisions taken before the date keep the version they were judged by.
 */
export function changeYearSettings(s: Services, actor: Actor, year: number, change: YearRuleChange, effectiveFrom?: string, ip: string | null = null): SettingsChangeResult {
  if (actor.role !== 'system') authorize(actor, 'year.rules');
  return s.db.transaction(() => {
    const current = s.years.find(year);
    if (!current) throw fail('year_not_found', { year });
    if (current.status === 'closed') throw fail('year_closed', { year });
    const now = s.now();
    const today = todayWib(now);
    const from = effectiveFrom ?? (today < current.startsOn ? current.startsOn : today);
    const next = withAllocations(current, { ...change, year } as Partial<ProgrammeYear>);
    validateProgrammeYear(next);
    const versions = s.years.versions(year);
    // A year from before versions: its settings so far become version 1, in force from its start.
    const base = latestVersion(versions) ?? versionOf(current, 1, current.startsOn, actor, now);
    checkSettingsChange({ current, next, effectiveFrom: from, today, latest: base, moneyMoved: s.ledger.countInScope(year, null) > 0 });
    if (!versions.length) s.years.insertVersion(base);
    const v = versionOf(next, base.version + 1, from, actor, now);
    s.years.insertVersion(v);
    const before = yearAuditedOf(s.audit.yearRulesRow(year)!);
    s.years.updateRules(next);
    const after = yearAuditedOf(s.audit.yearRulesRow(year)!);
    s.audit.record(actor, ip, {
      action: 'programme_year.rules',
      targetType: 'programme_year',
      targetId: year,
      before,
      after: { ...after, ...versionAudited(v), ...(versions.length ? {} : { baseVersion: versionAudited(base) }) },
    });
    return { year: next, version: v.version, effectiveFrom: from };
  });
}

/** A rule change in force from today (the form and CLI name a date: changeYearSettings). */
export function changeProgrammeYearRules(s: Services, actor: Actor, year: number, change: YearRuleChange, ip: string | null = null): ProgrammeYear {
  return changeYearSettings(s, actor, year, change, undefined, ip).year;
}
