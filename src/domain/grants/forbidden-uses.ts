/**
 * Forbidden uses of the grant (DOMAIN.md): honoraria, incentives or fuel for RT officers,
 * personal use, new construction, political activity. Matching is by keyword on a normalised
 * description; the keywords are a setting of the programme year.
 */
import type { ProgrammeYear } from './programme-year';

export interface ForbiddenKeyword {
  keyword: string;
  reason: string;
}

export const DEFAULT_FORBIDDEN_KEYWORDS: ForbiddenKeyword[] = [
  { keyword: 'honor pengurus', reason: 'honor pengurus RT' },
  { keyword: 'honor ketua rt', reason: 'honor pengurus RT' },
  { keyword: 'honor ketua', reason: 'honor pengurus RT' },
  { keyword: 'honor sekretaris', reason: 'honor pengurus RT' },
  { keyword: 'honor bendahara', reason: 'honor pengurus RT' },
  { keyword: 'insentif', reason: 'insentif pengurus RT' },
  { keyword: 'bbm', reason: 'BBM' },
  { keyword: 'bensin', reason: 'BBM' },
  { keyword: 'pertalite', reason: 'BBM' },
  { keyword: 'pertamax', reason: 'BBM' },
  { keyword: 'solar', reason: 'BBM' },
  { keyword: 'keperluan pribadi', reason: 'keperluan pribadi' },
  { keyword: 'pembangunan', reason: 'pembangunan baru' },
  { keyword: 'bangun baru', reason: 'pembangunan baru' },
  { keyword: 'membangun', reason: 'pembangunan baru' },
  { keyword: 'kampanye', reason: 'kegiatan politik' },
  { keyword: 'partai', reason: 'kegiatan politik' },
];

const normalise = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The reason a description is forbidden, or null. */
export function findForbiddenUse(year: Pick<ProgrammeYear, 'forbiddenKeywords'>, description: string): string | null {
  const text = ` ${normalise(description)} `;
  for (const k of year.forbiddenKeywords) {
    if (text.includes(` ${normalise(k.keyword)} `)) return k.reason;
  }
  return null;
}
