/**
 * Allocation: one entry per active grantee, RT or RW, of the amount the year sets for its kind (debit its undrawn allocation, credit the city's APBD
 * appropriation), idempotent by key "allocation:<year>:<rtId>": running it twice posts nothing new.
 * All RTs go in one transaction, so the city either has its allocation or does not.
 */
import { fail } from '../domain/errors';
import { todayWib } from '../domain/calendar';
import { allocationFor, programmeConfigured, programmeOf, programmeRules } from '../domain/grants/programme-year';
import { CITY_APPROPRIATION, rtAccounts, rtUndrawnAccount , accountRefOf } from '../domain/ledger/accounts';
import { actorLabel, type Actor } from '../domain/access';
import { granteeLabel } from '../domain/registry/rows';
import { postEntry } from './post-entry';
import type { Services } from './services';
import { clampToYear, refuseIfClosed } from '../domain/grants/year-window';

export interface AllocationResult {
  posted: number;
  alreadyAllocated: number;
  totalRupiah: number;
  /** RTs of kelurahan whose year is already closed: never allocated into. */
  skippedClosed: number;
  /** Grantees of a programme the year does not configure: not allocated. */
  skippedProgramme?: number;
}

export function allocateYear(
  s: Services,
  actor: Actor,
  /** occurredOn: the business date of the allocation (default: today, kept inside the year). */
  cmd: { year: number; kelurahanCode?: string; occurredOn?: string },
  ip: string | null = null,
): AllocationResult {
  const y = s.years.find(cmd.year, todayWib(s.now()));
  if (!y) throw fail('year_unknown', { year: cmd.year });
  refuseIfClosed(y, false);
  const today = s.now().toISOString().slice(0, 10);
  const date = cmd.occurredOn ?? today;
  const occurredOn = clampToYear(date, y);
  return s.db.transaction(() => {
    const result: AllocationResult = { posted: 0, alreadyAllocated: 0, totalRupiah: 0, skippedClosed: 0 };
    const closed = s.tranches.closedKelurahan(y.year);
    for (const rt of s.registry.activeRts(cmd.kelurahanCode)) {
      if (closed.has(rt.kelurahanCode)) {
        result.skippedClosed += 1;
        continue;
      }
      // Each grantee gets its programme's amount for its kind and its programme's categories; a
      // grantee of a programme the year does not configure gets nothing this year.
      if (!programmeConfigured(y, programmeOf(rt))) {
        result.skippedProgramme = (result.skippedProgramme ?? 0) + 1;
        continue;
      }
      const rules = programmeRules(y, programmeOf(rt));
      const ref = accountRefOf(rt);
      const amount = allocationFor(rules, rt.kind);
      s.ledger.ensureAccounts(y.year, rt.id, rtAccounts(ref, rules.categories.map((c) => c.code)));
      const { created } = postEntry(s, {
        year: y.year,
        eventType: 'allocation',
        eventRef: `rt:${rt.id}`,
        description: `Alokasi ${y.year} ${granteeLabel(rt)} ${rt.kelurahanName}`,
        actor: actorLabel(actor),
        occurredOn,
        idempotencyKey: `allocation:${y.year}:${rt.id}`,
        postings: [
          { account: rtUndrawnAccount(ref), amount },
          { account: CITY_APPROPRIATION, amount: -amount },
        ],
      });
      if (created) {
        result.posted += 1;
        result.totalRupiah += amount;
      } else result.alreadyAllocated += 1;
    }
    if (result.posted > 0) {
      s.audit.record(actor, ip, {
        action: 'allocation.post',
        targetType: 'programme_year',
        targetId: y.year,
        kelurahanCode: cmd.kelurahanCode ?? null,
        after: result,
      });
    }
    return result;
  });
}
