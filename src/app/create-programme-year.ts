/** Creates a programme year with the DOMAIN.md defaults (overridable), and its city accounts. */
import { fail } from '../domain/errors';
import { cityAccounts } from '../domain/ledger/accounts';
import { defaultProgrammeYear, validateProgrammeYear, type ProgrammeYear } from '../domain/grants/programme-year';
import { authorize, type Actor } from '../domain/access';
import { yearAuditedOf } from '../domain/audit/audited-state';
import type { Services } from './services';

export function createProgrammeYear(
  s: Services,
  actor: Actor,
  year: number,
  overrides: Partial<Omit<ProgrammeYear, 'year'>> = {},
  ip: string | null = null,
): ProgrammeYear {
  const y: ProgrammeYear = { ...defaultProgrammeYear(year), ...overrides };
  validateProgrammeYear(y);
  return s.db.transaction(() => {
    if (s.years.find(year)) throw fail('year_exists', { year });
    s.years.insert(y, s.now());
    s.ledger.ensureAccounts(year, null, cityAccounts());
    s.audit.record(actor, ip, {
      action: 'programme_year.create',
      targetType: 'programme_year',
      targetId: year,
      after: { startsOn: y.startsOn, endsOn: y.endsOn, allocationPerRt: y.allocationPerRt, mode: y.disbursementMode, ...yearAuditedOf(s.audit.yearRulesRow(year)!) },
    });
    return y;
  });
}

/** What a rule change may set: the rules, not the dates or the allocation (money already moved on them). */
export type YearRuleChange = Partial<Omit<ProgrammeYear, 'year' | 'startsOn' | 'endsOn' | 'allocationPerRt' | 'disbursementMode' | 'status'>>;

/**
 * The admin changes an open year's rules (a limit, a gate, the SPJ due day). Audited with the
 * digest and the whole rule set before and after, so verify can tell a rule changed in the file.
 */
export function changeProgrammeYearRules(s: Services, actor: Actor, year: number, change: YearRuleChange, ip: string | null = null): ProgrammeYear {
  if (actor.role !== 'system') authorize(actor, 'year.rules');
  return s.db.transaction(() => {
    const current = s.years.find(year);
    if (!current) throw fail('year_not_found', { year });
    if (current.status === 'closed') throw fail('year_closed', { year });
    const y: ProgrammeYear = { ...current, ...change, year };
    validateProgrammeYear(y);
    const before = yearAuditedOf(s.audit.yearRulesRow(year)!);
    s.years.updateRules(y);
    const after = yearAuditedOf(s.audit.yearRulesRow(year)!);
    if (after.rulesSha256 === before.rulesSha256) return y;
    s.audit.record(actor, ip, { action: 'programme_year.rules', targetType: 'programme_year', targetId: year, before, after });
    return y;
  });
}
