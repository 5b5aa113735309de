/**
 * Forbidden uses of the grant (DOMAIN.md): honoraria, incentives or fuel for RT officers,
 * personal use, new construction, political activity. Matching is by keyword on a normalised
 * description; the keywords are a setting of the programme year.
 */
export interface ForbiddenKeyword {
  keyword: string;
  reason: string;
  /** Phrases that make a match harmless ("solar cell" is not fuel). */
  unless?: string[];
}

const OFFICERS = 'pengurus RT';
export const DEFAULT_FORBIDDEN_KEYWORDS: ForbiddenKeyword[] = [
  ...['honor pengurus', 'honor ketua', 'honor sekretaris', 'honor bendahara', 'honor rt', 'honorarium pengurus', 'honorarium ketua', 'honorarium sekretaris', 'honorarium bendahara', 'honorarium rt']
    .map((keyword) => ({ keyword, reason: `honor ${OFFICERS}` })),
  { keyword: 'gaji', reason: `gaji ${OFFICERS}` },
  { keyword: 'insentif', reason: `insentif ${OFFICERS}` },
  { keyword: 'uang lelah', reason: `insentif ${OFFICERS}` },
  { keyword: 'cor pos', reason: 'pembangunan baru' },
  { keyword: 'pengecoran pos', reason: 'pembangunan baru' },
  { keyword: 'transport pengurus', reason: `uang transport ${OFFICERS}` },
  { keyword: 'uang transport ketua', reason: `uang transport ${OFFICERS}` },
  // Fuel is forbidden for the officers' use; fuel for a machine the RT uses is not.
  ...['bbm', 'bensin', 'pertalite', 'pertamax'].map((keyword) => ({ keyword, reason: 'BBM', unless: ['mesin', 'genset', 'pemotong', 'potong rumput', 'fogging', 'pompa'] })),
  { keyword: 'solar', reason: 'BBM', unless: ['solar cell', 'solar panel', 'panel solar'] },
  { keyword: 'keperluan pribadi', reason: 'keperluan pribadi' },
  { keyword: 'pribadi', reason: 'keperluan pribadi' },
  { keyword: 'pembangunan', reason: 'pembangunan baru' },
  { keyword: 'pembuatan gapura', reason: 'pembangunan baru' },
  { keyword: 'pembuatan pos', reason: 'pembangunan baru' },
  { keyword: 'gapura baru', reason: 'pembangunan baru' },
  { keyword: 'pos ronda baru', reason: 'pembangunan baru' },
  { keyword: 'bangun', reason: 'pembangunan baru' },
  { keyword: 'membangun', reason: 'pembangunan baru' },
  { keyword: 'kampanye', reason: 'kegiatan politik' },
  { keyword: 'partai', reason: 'kegiatan politik' },
  { keyword: 'caleg', reason: 'kegiatan politik' },
  { keyword: 'capres', reason: 'kegiatan politik' },
  { keyword: 'pilkada', reason: 'kegiatan politik' },
];

// Digits that stand in for letters ("H0nor") are read as the letters.
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };

const normalise = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[a-z]*\d[a-z\d]*/g, (w) => (/[a-z]/.test(w) ? w.replace(/[013457]/g, (d) => LEET[d] ?? d) : w))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The reason a description is forbidden, or null. */
export function findForbiddenUse(year: { forbiddenKeywords: readonly ForbiddenKeyword[] }, description: string): string | null {
  const text = ` ${normalise(description)} `;
  for (const k of year.forbiddenKeywords) {
    if (!text.includes(` ${normalise(k.keyword)} `)) continue;
    if (k.unless?.some((u) => text.includes(` ${normalise(u)} `))) continue;
    return k.reason;
  }
  return null;
}
