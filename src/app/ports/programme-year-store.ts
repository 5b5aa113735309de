/** Programme years: their dates, allocation and the rules that hold for the year, in versions. */
import type { ProgrammeYear, YearStatus } from '../../domain/grants/programme-year';
import type { YearVersion } from '../../domain/grants/year-settings';

export interface ProgrammeYearStore {
  insert(y: ProgrammeYear, now?: Date): void;
  /**
   * The year with the settings in force on `on` (YYYY-MM-DD): the version of that date when the
   * year has versions. Without `on`, the newest settings (the programme_year row).
   */
  find(year: number, on?: string): ProgrammeYear | undefined;
  /** Every year, ascending. */
  years(): number[];
  setStatus(year: number, status: YearStatus): void;
  /** The year's newest settings into its row (its number, dates and status stay). */
  updateRules(y: ProgrammeYear): void;
  /** The year that contains `today`, else the latest year, else undefined (with the settings in force today). */
  current(today: string): ProgrammeYear | undefined;
  /** The year's setting versions, ascending by version. */
  versions(year: number): YearVersion[];
  /** Appends a version (append-only table). */
  insertVersion(v: YearVersion): void;
  /** Every version of every year (verify holds them against the audit log). */
  allVersions(): YearVersion[];
}
