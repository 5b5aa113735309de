/**
 * Programme years: the columns the database checks, the rest of the rules as JSON; and the
 * append-only versions of the settings (programme_year_versions), the row holding the newest.
 */
import { asc, eq } from 'drizzle-orm';
import type { ProgrammeYearStore } from '../app/ports';
import { storedForbiddenKeywords } from '../domain/grants/forbidden-keywords';
import { DEFAULT_APPROVAL_STEPS } from '../domain/grants/approval-chain';
import { DEFAULT_ALLOCATION_PER_RW, DEFAULT_GATES, type ProgrammeYear } from '../domain/grants/programme-year';
import { riskThresholdsWithDefaults } from '../domain/grants/risk-thresholds';
import { versionInForce, type YearSettings, type YearVersion } from '../domain/grants/year-settings';
import type { Statement } from 'better-sqlite3';
import type { Db } from './client';
import { ReadCache } from './read-cache';
import { programmeYear, programmeYearVersions } from './schema';

type YearRow = typeof programmeYear.$inferSelect;

/** The fields the row keeps in columns; every other setting goes into its rules JSON. */
type ColumnFields = 'year' | 'startsOn' | 'endsOn' | 'allocationPerRt' | 'disbursementMode' | 'spjDueDay' | 'finalReportDue' | 'status';
type Rules = Omit<ProgrammeYear, ColumnFields>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Every setting that has no column (a new setting lands here without a schema change). */
function rulesOfYear(y: ProgrammeYear): Rules {
  const { year: _y, startsOn: _s, endsOn: _e, allocationPerRt: _a, disbursementMode: _d, spjDueDay: _sd, finalReportDue: _f, status: _st, ...rules } = y;
  return rules;
}

/** Stored settings with the defaults of settings added after they were stored. */
function withDefaults<T extends Partial<ProgrammeYear>>(stored: T, allocationPerRt: number): T & Rules {
  return {
    forbiddenMode: 'refuse',
    approvalSteps: [...DEFAULT_APPROVAL_STEPS],
    holidays: [],
    ...stored,
    allocationPerGrantee: { rw: DEFAULT_ALLOCATION_PER_RW, ...stored.allocationPerGrantee, rt: allocationPerRt },
    forbiddenKeywords: storedForbiddenKeywords(stored.forbiddenKeywords),
    gates: { ...DEFAULT_GATES, ...stored.gates },
    riskThresholds: riskThresholdsWithDefaults(stored.riskThresholds),
  } as T & Rules;
}

export class ProgrammeYearRepository implements ProgrammeYearStore {
  private readonly allRows;
  private readonly allVersionRows;
  private readonly kept: ReadCache;
  /** By allocation, then by the rules' text: the text (kept per transaction, one string) is the key itself, never copied into a longer one. */
  private readonly parsedRules = new Map<number, Map<string, Rules>>();
  private readonly parsedSettings = new Map<string, YearSettings>();

  constructor(private readonly db: Db) {
    this.allRows = db.orm.select().from(programmeYear).orderBy(asc(programmeYear.year)).prepare();
    this.allVersionRows = db.orm.select().from(programmeYearVersions).orderBy(asc(programmeYearVersions.year), asc(programmeYearVersions.version)).prepare();
    // Kept while the years' own counter stands still (db/0033: triggers move it on any change of a
    // year or its versions, by any connection, inside that change's transaction).
    let epoch: Statement | null = null;
    this.kept = new ReadCache(db, { max: 2, epoch: () => (epoch ??= db.sqlite.prepare('SELECT n FROM year_settings_epoch WHERE id = 1').pluck()).get() as number | undefined });
  }

  insert(y: ProgrammeYear, now = new Date()): void {
    this.kept.forget();
    this.db.orm
      .insert(programmeYear)
      .values({
        year: y.year,
        startsOn: y.startsOn,
        endsOn: y.endsOn,
        allocationPerRt: y.allocationPerRt,
        disbursementMode: y.disbursementMode,
        rules: JSON.stringify(rulesOfYear(y)),
        spjDueDay: y.spjDueDay,
        finalReportDue: y.finalReportDue,
        status: y.status,
        createdAt: now.toISOString(),
      })
      .run();
  }

  find(year: number, on?: string): ProgrammeYear | undefined {
    const row = this.rows().find((r) => r.year === year);
    if (!row) return undefined;
    const newest: ProgrammeYear = {
      year: row.year,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      allocationPerRt: row.allocationPerRt,
      disbursementMode: row.disbursementMode,
      spjDueDay: row.spjDueDay,
      finalReportDue: row.finalReportDue,
      status: row.status,
      ...this.rulesOf(row.rules, row.allocationPerRt),
    };
    if (on === undefined) return newest;
    const v = versionInForce(this.versions(year), on);
    if (!v) return newest;
    // The year's number, dates and status are the row's; every setting is the version's.
    return { ...this.settingsOf(v.settings), year: row.year, startsOn: row.startsOn, endsOn: row.endsOn, status: row.status };
  }

  /**
   * Every year's row, ascending (a handful). Every page and every use case asks for its year
   * (a receipt's upload asked ~10 times), so the rows and versions are kept until a year or a
   * version changes: the counter of db/0033, read on every question (one row), moves with any
   * change by any connection, inside that change's transaction. Read again after every commit,
   * as before, they cost an upload ~110 KB of garbage on the thread that serves requests. A read
   * inside a transaction after its own change of a year is kept for that transaction only, so
   * nothing outlives a rollback (read-cache.ts).
   */
  private rows(): YearRow[] {
    return this.kept.remember('rows', () => this.allRows.all());
  }

  private versionRows(): YearVersion[] {
    return this.kept.remember('versions', () => this.allVersionRows.all());
  }

  /**
   * The rules JSON parsed once per distinct text (every page asks for its year). The parsed
   * rules are shared between callers, so they are frozen: a caller that changed them in place
   * would throw instead of changing every later page's year.
   */
  private rulesOf(text: string, allocationPerRt: number): Rules {
    let byText = this.parsedRules.get(allocationPerRt);
    if (!byText) {
      if (this.parsedRules.size > 50) this.parsedRules.clear();
      byText = new Map();
      this.parsedRules.set(allocationPerRt, byText);
    }
    let rules = byText.get(text);
    if (!rules) {
      // Rules added after a year was created take their defaults; an earlier default keyword list, today's.
      rules = deepFreeze(withDefaults(JSON.parse(text) as Partial<Rules>, allocationPerRt));
      if (byText.size > 50) byText.clear();
      byText.set(text, rules);
    }
    return rules;
  }

  private settingsOf(text: string): YearSettings {
    let settings = this.parsedSettings.get(text);
    if (!settings) {
      const stored = JSON.parse(text) as YearSettings;
      settings = deepFreeze(withDefaults(stored, stored.allocationPerRt));
      if (this.parsedSettings.size > 50) this.parsedSettings.clear();
      this.parsedSettings.set(text, settings);
    }
    return settings;
  }

  years(): number[] {
    return this.rows().map((r) => r.year);
  }

  updateRules(y: ProgrammeYear): void {
    this.kept.forget();
    this.db.orm
      .update(programmeYear)
      .set({ rules: JSON.stringify(rulesOfYear(y)), allocationPerRt: y.allocationPerRt, disbursementMode: y.disbursementMode, spjDueDay: y.spjDueDay, finalReportDue: y.finalReportDue })
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
    return row ? this.find(row.year, today) : undefined;
  }

  versions(year: number): YearVersion[] {
    return this.versionRows().filter((v) => v.year === year);
  }

  allVersions(): YearVersion[] {
    return [...this.versionRows()];
  }

  insertVersion(v: YearVersion): void {
    this.kept.forget();
    this.db.orm.insert(programmeYearVersions).values(v).run();
  }
}
