/** Programme years: their dates, allocation and the rules that hold for the year. */
import type { ProgrammeYear, YearStatus } from '../../domain/grants/programme-year';

export interface ProgrammeYearStore {
  insert(y: ProgrammeYear, now?: Date): void;
  find(year: number): ProgrammeYear | undefined;
  /** Every year, ascending. */
  years(): number[];
  setStatus(year: number, status: YearStatus): void;
  /** The year's rules, SPJ due day and final report date (its dates and allocation stay). */
  updateRules(y: ProgrammeYear): void;
  /** The year that contains `today`, else the latest year, else undefined. */
  current(today: string): ProgrammeYear | undefined;
}
