/**
 * The words a programme year forbids or questions (its `forbiddenKeywords` setting) and the
 * Semarang defaults.
 *
 * Invariants:
 * - an entry with only `keyword` and `reason` (the shape every year stored before pay words and
 *   officers existed) is refused wherever it appears, as before;
 * - a stored list that is exactly one of the earlier default lists (no screen ever edited the
 *   list) is read as today's defaults, so an existing year gets the rules that close the
 *   spelling holes; any other stored list is kept as it is;
 * - every read hands out a fresh copy: no caller can change the defaults in place.
 */
import { createHash } from 'node:crypto';

export interface ForbiddenKeyword {
  /** A word or phrase, matched as whole words after spelling tricks are undone. */
  keyword: string;
  /** What is forbidden, as the chair reads it ("honor pengurus RT"). */
  reason: string;
  /**
   * Phrases that make a match harmless. For `refuse`: what the word means here instead
   * ("solar cell"). For `pay`: the recipients and machines the money may be for
   * ("penceramah", "genset").
   */
  unless?: string[];
  /**
   * refuse (the default): forbidden wherever it appears. pay: a payment that is refused when
   * an RT/RW officer receives it, allowed for a recipient in `unless`, otherwise flagged for
   * the treasurer to check. officer: names an RT/RW officer (reason unused).
   */
  kind?: 'refuse' | 'pay' | 'officer';
  /** The keyword's last word also matches the longer words it starts ("kampanye" → "kampanyenya"). */
  stem?: boolean;
  /** officer only: counts only as the word right after a pay word ("honor RT"), not anywhere ("pengajian RT"). */
  rightAfterPay?: boolean;
}

const OFFICERS = 'pengurus RT';
const HONOR = `honor ${OFFICERS}`;
const INCENTIVE = `insentif ${OFFICERS}`;
const TRANSPORT = `uang transport ${OFFICERS}`;
const BUILDING = 'pembangunan baru';
const POLITICS = 'kegiatan politik';

/** The fees the categories name and cap: religious leaders (BUD), instructors and trainers (PEM), cleaners (LIN). */
const FEE_RECIPIENTS = [
  'pemuka agama', 'penceramah', 'ustadz', 'ustad', 'ustaz', 'ustadzah', 'ustazah', 'kyai', 'kiai', 'pendeta', 'pastor', 'romo',
  'pandita', 'pinandita', 'biksu', 'bhikkhu', 'khatib', 'mubaligh', 'imam', 'qori', 'qoriah', 'modin',
  'instruktur', 'pelatih', 'pemandu senam', 'narasumber', 'pemateri', 'fasilitator',
  'petugas kebersihan', 'petugas sampah', 'pengangkut sampah', 'tukang sapu',
];
/** Machines the RT runs: their fuel is an operating cost, not a perk. */
const MACHINES = ['mesin', 'genset', 'generator', 'pemotong', 'potong rumput', 'fogging', 'pompa', 'alkon'];

const pay = (keyword: string, reason: string, unless: string[], stem = false): ForbiddenKeyword => ({ keyword, reason, kind: 'pay', unless: [...unless], ...(stem ? { stem } : {}) });
const refuse = (keyword: string, reason: string, more: Partial<ForbiddenKeyword> = {}): ForbiddenKeyword => ({ keyword, reason, ...more });
const officer = (keyword: string, rightAfterPay = false): ForbiddenKeyword => ({ keyword, reason: OFFICERS, kind: 'officer', ...(rightAfterPay ? { rightAfterPay } : {}) });

export const DEFAULT_FORBIDDEN_KEYWORDS: ForbiddenKeyword[] = [
  // Pay: refused for the RT's officers (they are paid separately), allowed for the capped fees.
  // "Honorer" (a contract worker) is a person, not a fee.
  pay('honor', HONOR, [...FEE_RECIPIENTS, 'honorer'], true),
  pay('honorarium', HONOR, FEE_RECIPIENTS, true),
  pay('uang duduk', HONOR, FEE_RECIPIENTS),
  pay('uang rapat', HONOR, FEE_RECIPIENTS),
  pay('uang kehormatan', HONOR, FEE_RECIPIENTS),
  pay('gaji', `gaji ${OFFICERS}`, FEE_RECIPIENTS, true),
  pay('insentif', INCENTIVE, FEE_RECIPIENTS, true),
  pay('uang lelah', INCENTIVE, FEE_RECIPIENTS),
  pay('tunjangan', `tunjangan ${OFFICERS}`, FEE_RECIPIENTS, true),
  pay('thr', `tunjangan ${OFFICERS}`, FEE_RECIPIENTS),
  pay('uang saku', `uang saku ${OFFICERS}`, FEE_RECIPIENTS),
  pay('transport', TRANSPORT, FEE_RECIPIENTS, true),
  pay('transpor', TRANSPORT, FEE_RECIPIENTS, true),
  // Phone credit: prepaid electricity ("pulsa listrik") is the pos kamling's lamp, not a person's phone.
  pay('pulsa', `pulsa ${OFFICERS}`, ['pulsa listrik', 'token listrik'], true),
  pay('paket data', `pulsa ${OFFICERS}`, []),
  pay('kuota internet', `pulsa ${OFFICERS}`, []),
  // Fuel: allowed for a machine the RT runs.
  ...['bbm', 'bensin', 'pertalite', 'pertamax', 'dexlite', 'biosolar'].map((k) => pay(k, 'BBM', MACHINES, true)),
  pay('solar', 'BBM', ['solar cell', 'solar panel', 'panel solar', ...MACHINES]),
  // Personal use.
  refuse('keperluan pribadi', 'keperluan pribadi'),
  refuse('pribadi', 'keperluan pribadi'),
  // New construction (light maintenance is allowed: paint, potholes, repairs).
  refuse('pembangunan', BUILDING, { stem: true, unless: ['perencanaan pembangunan'] }),
  refuse('pengecoran', BUILDING, { stem: true }),
  refuse('ngecor', BUILDING),
  refuse('cor pos', BUILDING),
  refuse('bangun baru', BUILDING),
  refuse('bangunan baru', BUILDING),
  refuse('bangun', BUILDING, { unless: ['bangun sahur', 'bangun pagi', 'bangun tidur'] }),
  refuse('membangun', BUILDING),
  refuse('dibangun', BUILDING),
  refuse('pembuatan gapura', BUILDING),
  refuse('pembuatan pos', BUILDING),
  refuse('gapura baru', BUILDING),
  refuse('pos ronda baru', BUILDING),
  refuse('pos kamling baru', BUILDING),
  // Political activity.
  refuse('kampanye', POLITICS, { stem: true, unless: ['kampanye kesehatan', 'kampanye kebersihan', 'kampanye phbs'] }),
  refuse('berkampanye', POLITICS),
  refuse('partai', POLITICS, { stem: true }),
  refuse('parpol', POLITICS, { stem: true }),
  ...['caleg', 'capres', 'cawapres', 'cagub', 'cawagub', 'cawalkot', 'pilkada', 'pilpres', 'pileg', 'pilwakot', 'paslon', 'timses'].map((k) => refuse(k, POLITICS, { stem: true })),
  ...['calon legislatif', 'calon anggota legislatif', 'calon anggota dewan', 'calon anggota dprd', 'calon presiden', 'calon wakil presiden', 'calon kepala daerah', 'calon walikota', 'calon wali kota', 'calon bupati', 'calon gubernur', 'tim sukses'].map((k) => refuse(k, POLITICS)),
  ...['sumbangan untuk calon', 'sumbangan calon'].map((k) => refuse(k, POLITICS, { unless: ['calon pengantin', 'calon jemaah', 'calon jamaah'] })),
  // Who counts as an RT/RW officer when a pay word is near.
  ...['ketua', 'sekretaris', 'bendahara', 'pengurus', 'pak rt', 'bu rt', 'bapak rt', 'ibu rt', 'pak rw', 'bu rw', 'bapak rw', 'ibu rw'].map((k) => officer(k)),
  officer('rt', true),
  officer('rw', true),
];

/** SHA-256 of the JSON of each earlier default list, as a year stored it. */
const EARLIER_DEFAULTS = new Set([
  '3b1b905d079b59cadb2be7562fcfaacc2016566cb684309451d7816bf872e430',
  '804f7a9d454863f36eb534143a072053aca24df171eb3052b395ed04d4ec99ac',
  '42635ebadf154a795608ca83cbb7d9fa49adcffa7dd9bb2d16e69a34b35e50c9',
]);

/** The list a stored year uses: its own, or today's defaults when it has none or an earlier default list. */
export function storedForbiddenKeywords(stored: readonly ForbiddenKeyword[] | undefined): ForbiddenKeyword[] {
  if (!stored || EARLIER_DEFAULTS.has(createHash('sha256').update(JSON.stringify(stored)).digest('hex'))) {
    return structuredClone(DEFAULT_FORBIDDEN_KEYWORDS);
  }
  return structuredClone(stored) as ForbiddenKeyword[];
}
