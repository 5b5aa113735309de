/** Programme years as the web asks for them: the one a page shows, and whether one exists. */
import { fail } from '../../domain/errors';
import { pickYear } from '../read-dashboards';
import type { Services } from '../services';

export function yearsArea(s: Services) {
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
  };
}
