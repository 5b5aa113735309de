/**
 * `verify`'s checks of the year-end close: every kelurahan closed for a year had no blocker left
 * at its close but those an admin cleared with a written reason (the same domain rule the close
 * page and the close use case use, read from the records the closed year froze), every override
 * names its reason and author, and every correction posted into a closed year keeps to its rule.
 */
import { overrideIsComplete, uncleared } from '../domain/grants/year-close';
import { kelurahanBlockers } from './close-year';
import type { Services } from './services';

export function verifyClose(s: Services): string[] {
  const problems: string[] = [];
  for (const c of s.yearClose.closures()) {
    const open = uncleared(kelurahanBlockers(s, c.year, c.kelurahanCode), s.yearClose.overrides(c.year, c.kelurahanCode));
    if (open.length) {
      problems.push(`tutup tahun ${c.year} kelurahan ${c.kelurahanCode}: ${open.length} hambatan tanpa pengecualian beralasan (misalnya ${open[0]!.rtLabel}: ${open[0]!.subject})`);
    }
    const incomplete = s.yearClose.overrides(c.year, c.kelurahanCode).filter((o) => !overrideIsComplete(o));
    if (incomplete.length) problems.push(`tutup tahun ${c.year} kelurahan ${c.kelurahanCode}: ${incomplete.length} pengecualian tanpa alasan atau tanpa pembuat`);
  }
  const bad = s.yearClose.badCorrections();
  if (bad.length) problems.push(`${bad.length} × koreksi setelah tutup tahun yang melanggar aturannya: tanpa alasan, untuk RT yang kelurahannya belum ditutup, atau di luar akun belanja/pengembalian/gugur RT itu (misalnya ${bad[0]})`);
  return problems;
}
