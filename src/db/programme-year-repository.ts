/** Programme years: the columns the database checks, the rest of the rules as JSON. */
import { asc, eq } from 'drizzle-orm';
import type { ProgrammeYearStore } from '../app/ports';
import { storedForbiddenKeywords } from '../domain/grants/forbidden-keywords';
import { DEFAULT_APPROVAL_STEPS } from '../domain/grants/approval-chain';
import { DEFAULT_GATES, type ProgrammeYear } from '../domain/grants/programme-year';
import type { Db } from './client';
import { ReadCache } from './read-cache';
import { programmeYear } from './schema';

type YearRow = typeof programmeYear.$inferSelect;

type Rules = Pick<
  ProgrammeYear,
  'stagePercents' | 'stageAccountedPercent' | 'categories' | 'forbiddenUses' | 'meteraiThreshold' | 'forbiddenKeywords' | 'gates' | 'forbiddenMode' | 'approvalSteps'
>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function rulesOfYear(y: ProgrammeYear): Rules {
  return {
    stagePercents: y.stagePercents,
    stageAccountedPercent: y.stageAccountedPercent,
    categories: y.categories,
    forbiddenUses: y.forbiddenUses,
    meteraiThreshold: y.meteraiThreshold,
    forbiddenKeywords: y.forbiddenKeywords,
    forbiddenMode: y.forbiddenMode,
    gates: y.gates,
    approvalSteps: y.approvalSteps,
  };
}

export class ProgrammeYearRepository implements ProgrammeYearStore {
  private readonly allRows;
  private readonly kept: ReadCache;
  private readonly parsedRules = new Map<string, Rules>();

  constructor(private readonly db: Db) {
    this.allRows = db.orm.select().from(programmeYear).orderBy(asc(programmeYear.year)).prepare();
    this.kept = new ReadCache(db, { max: 1, otherConnections: 'once per turn' });
  }

  insert(y: ProgrammeYear, now = new Date()): void {
    this.kept.forget();
    const rules = rulesOfYear(y);
    this.db.orm
      .insert(programmeYear)
      .values({
        year: y.year,
        startsOn: y.startsOn,
        endsOn: y.endsOn,
        allocationPerRt: y.allocationPerRt,
        disbursementMode: y.disbursementMode,
        rules: JSON.stringify(rules),
        spjDueDay: y.spjDueDay,
        finalReportDue: y.finalReportDue,
        status: y.status,
        createdAt: now.toISOString(),
      })
      .run();
  }

  find(year: number): ProgrammeYear | undefined {
    const row = this.rows().find((r) => r.year === year);
    if (!row) return undefined;
    return {
      year: row.year,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      allocationPerRt: row.allocationPerRt,
      disbursementMode: row.disbursementMode,
      spjDueDay: row.spjDueDay,
      finalReportDue: row.finalReportDue,
      status: row.status,
      ...this.rulesOf(row.rules),
    };
  }

  /**
   * Every year's row, ascending (a handful). Every page asks for its year (three queries a
   * request, an eighth of the RT home's time), so the rows are kept until the next commit (a
   * CLI script's shows from the next turn of the event loop). Inside a transaction — every use
   * case — they are always read afresh, so no rule is checked against a stale year and nothing
   * read before a rollback is kept.
   */
  private rows(): YearRow[] {
    return this.kept.remember('rows', () => this.allRows.all());
  }

  /**
   * The rules JSON parsed once per distinct text (every page asks for its year). The parsed
   * rules are shared between callers, so they are frozen: a caller that changed them in place
   * would throw instead of changing every later page's year.
   */
  private rulesOf(text: string): Rules {
    let rules = this.parsedRules.get(text);
    if (!rules) {
      const stored = JSON.parse(text) as Partial<Rules>;
      // Rules added after a year was created take their defaults; an earlier default keyword list, today's.
      rules = deepFreeze({ forbiddenMode: 'refuse', approvalSteps: [...DEFAULT_APPROVAL_STEPS], ...stored, forbiddenKeywords: storedForbiddenKeywords(stored.forbiddenKeywords), gates: { ...DEFAULT_GATES, ...stored.gates } } as Rules);
      if (this.parsedRules.size > 50) this.parsedRules.clear();
      this.parsedRules.set(text, rules);
    }
    return rules;
  }

  years(): number[] {
    return this.rows().map((r) => r.year);
  }

  /** The year's rules, SPJ due day and final report date (its dates and allocation stay). */
  updateRules(y: ProgrammeYear): void {
    this.kept.forget();
    this.db.orm
      .update(programmeYear)
      .set({ rules: JSON.stringify(rulesOfYear(y)), spjDueDay: y.spjDueDay, finalReportDue: y.finalReportDue })
      .where(eq(programmeYear.year, y.year))
      .run();
  }

  setStatus(year: number, status: 'open' | 'closed'): void {
    this.kept.forget();
    this.db.orm.update(programmeYear).set({ status }).where(eq(programmeYear.year, year)).run();
  }

  /** The year that contains `today`, else the latest year, else undefined. */
  current(today: string): ProgrammeYear | undefined {
    const rows = this.rows();
    const containing = rows.filter((r) => r.startsOn <= today && r.endsOn >= today);
    const row = containing.at(-1) ?? rows.at(-1);
    return row ? this.find(row.year) : undefined;
  }
}
