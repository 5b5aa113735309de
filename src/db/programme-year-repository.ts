/** Programme years: the columns the database checks, the rest of the rules as JSON. */
import { asc, eq, sql } from 'drizzle-orm';
import { DEFAULT_FORBIDDEN_KEYWORDS } from '../domain/grants/forbidden-uses';
import { DEFAULT_GATES, type ProgrammeYear } from '../domain/grants/programme-year';
import type { Db } from './client';
import { programmeYear } from './schema';

type Rules = Pick<
  ProgrammeYear,
  'stagePercents' | 'stageAccountedPercent' | 'categories' | 'forbiddenUses' | 'meteraiThreshold' | 'forbiddenKeywords' | 'gates' | 'forbiddenMode'
>;

export class ProgrammeYearRepository {
  private readonly byYear;

  constructor(private readonly db: Db) {
    this.byYear = db.orm.select().from(programmeYear).where(eq(programmeYear.year, sql.placeholder('year'))).prepare();
  }

  insert(y: ProgrammeYear, now = new Date()): void {
    const rules: Rules = {
      stagePercents: y.stagePercents,
      stageAccountedPercent: y.stageAccountedPercent,
      categories: y.categories,
      forbiddenUses: y.forbiddenUses,
      meteraiThreshold: y.meteraiThreshold,
      forbiddenKeywords: y.forbiddenKeywords,
      forbiddenMode: y.forbiddenMode,
      gates: y.gates,
    };
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
    const row = this.byYear.get({ year });
    if (!row) return undefined;
    const stored = JSON.parse(row.rules) as Partial<Rules>;
    // Rules added after a year was created take their defaults.
    const rules = { forbiddenKeywords: DEFAULT_FORBIDDEN_KEYWORDS, forbiddenMode: 'refuse', ...stored, gates: { ...DEFAULT_GATES, ...stored.gates } } as Rules;
    return {
      year: row.year,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      allocationPerRt: row.allocationPerRt,
      disbursementMode: row.disbursementMode,
      spjDueDay: row.spjDueDay,
      finalReportDue: row.finalReportDue,
      status: row.status,
      ...rules,
    };
  }

  years(): number[] {
    return this.db.orm
      .select({ year: programmeYear.year })
      .from(programmeYear)
      .orderBy(asc(programmeYear.year))
      .all()
      .map((r) => r.year);
  }

  /** The year that contains `today`, else the latest year, else undefined. */
  setStatus(year: number, status: 'open' | 'closed'): void {
    this.db.orm.update(programmeYear).set({ status }).where(eq(programmeYear.year, year)).run();
  }

  current(today: string): ProgrammeYear | undefined {
    // One row read and parsed (every page asks this).
    const row = this.db
      .prepare(`SELECT year FROM programme_year ORDER BY (starts_on <= ? AND ends_on >= ?) DESC, year DESC LIMIT 1`)
      .get(today, today) as { year: number } | undefined;
    return row ? this.find(row.year) : undefined;
  }
}
