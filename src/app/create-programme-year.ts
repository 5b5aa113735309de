/** Creates a programme year with the DOMAIN.md defaults (overridable), and its city accounts. */
import { fail } from '../domain/errors';
import { cityAccounts } from '../domain/ledger/accounts';
import { defaultProgrammeYear, validateProgrammeYear, type ProgrammeYear } from '../domain/grants/programme-year';
import type { Actor } from '../domain/access';
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
      after: { startsOn: y.startsOn, endsOn: y.endsOn, allocationPerRt: y.allocationPerRt, mode: y.disbursementMode },
    });
    return y;
  });
}
