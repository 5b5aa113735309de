/**
 * Aduan warga (residents' complaints): kinds, the tracking code, the steps a complaint goes
 * through and the deadline of each.
 *
 * Invariants:
 * - one function (complaintStage) says where an unanswered complaint stands on a date: the
 *   kelurahan has 3 working days from the day after it was received; unanswered past that it is
 *   the kecamatan desk's, with 3 working days more; past those, the city's. Pages, the inbox, the
 *   server's escalation tick and the desk's overdue count all read it, so a complaint past its
 *   deadline is shown escalated before the tick has run;
 * - deadlines never depend on when anyone looked: they are counted from the date received;
 * - an answered complaint stays at the step it was answered in;
 * - a tracking code is ADU-XXXX-XXXX over 32 symbols without 0/O and 1/I (40 random bits).
 */
import { addWorkingDays, workingDaysBetween } from './working-days';

export const COMPLAINT_KINDS = ['pertanyaan', 'dugaan_penyimpangan', 'apresiasi'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = {
  pertanyaan: 'Pertanyaan',
  dugaan_penyimpangan: 'Dugaan penyimpangan',
  apresiasi: 'Apresiasi',
};

export const COMPLAINT_TARGET_KINDS = ['rt', 'rw'] as const;
export type ComplaintTargetKind = (typeof COMPLAINT_TARGET_KINDS)[number];

/** Who holds a complaint: 0 the kelurahan (lurah, else its treasurer), 1 the kecamatan desk, 2 the city. */
export type ComplaintLevel = 0 | 1 | 2;
export const LEVEL_LABELS: Record<ComplaintLevel, string> = { 0: 'Kelurahan', 1: 'Meja pengawasan kecamatan', 2: 'Kota' };

/** Working days each step has to answer. */
export const DEADLINE_WORKING_DAYS = 3;
export const MESSAGE_MAX = 1000;
export const ANSWER_MAX = 2000;
export const NAME_MAX = 80;

/** The deadline of each step for a complaint received on `receivedOn` (YYYY-MM-DD, WIB). */
export function complaintDeadlines(receivedOn: string, holidays: ReadonlySet<string>): [string, string, string] {
  const kelurahan = addWorkingDays(receivedOn, DEADLINE_WORKING_DAYS, holidays);
  const kecamatan = addWorkingDays(kelurahan, DEADLINE_WORKING_DAYS, holidays);
  const city = addWorkingDays(kecamatan, DEADLINE_WORKING_DAYS, holidays);
  return [kelurahan, kecamatan, city];
}

export interface ComplaintStage {
  level: ComplaintLevel;
  /** The deadline of the step it stands at. */
  deadlineOn: string;
  /** The kelurahan's deadline (the first): past it unanswered, the complaint is overdue. */
  firstDeadlineOn: string;
  answered: boolean;
  /** Unanswered past the kelurahan's deadline. */
  overdue: boolean;
  /** Working days left to the step's deadline (0 on the day itself, negative when past). */
  daysLeft: number;
}

/**
 * Where a complaint stands on `asOf` (YYYY-MM-DD). An answered one is judged on the day it was
 * answered (`answeredOn`), so it stays at the step that answered it.
 */
export function complaintStage(c: { receivedOn: string; answeredOn: string | null }, asOf: string, holidays: ReadonlySet<string>): ComplaintStage {
  const [d0, d1, d2] = complaintDeadlines(c.receivedOn, holidays);
  const on = c.answeredOn ?? asOf;
  const level: ComplaintLevel = on > d1 ? 2 : on > d0 ? 1 : 0;
  const deadlineOn = [d0, d1, d2][level]!;
  return {
    level,
    deadlineOn,
    firstDeadlineOn: d0,
    answered: c.answeredOn !== null,
    overdue: c.answeredOn === null && asOf > d0,
    daysLeft: workingDaysBetween(asOf, deadlineOn, holidays),
  };
}

// ---------------------------------------------------------------- the tracking code

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_CODE = /^ADU-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

/** A tracking code from 5 random bytes (40 bits, 8 symbols of 5 bits). */
export function trackingCodeOf(bytes: Uint8Array): string {
  if (bytes.length < 5) throw new Error('a tracking code needs 5 random bytes');
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(bytes[i]!);
  let out = '';
  for (let i = 7; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `ADU-${out.slice(0, 4)}-${out.slice(4)}`;
}

/** A typed code as stored (upper case, spaces dropped, O/I read as 0/1 are not in the alphabet), or null when it cannot be one. */
export function normalizeTrackingCode(typed: string): string | null {
  const t = typed.trim().toUpperCase().replace(/\s+/g, '');
  return TRACKING_CODE.test(t) ? t : null;
}

// ---------------------------------------------------------------- the sender's input

/** The message as compared for duplicates: case, spacing and punctuation do not make it another message. */
export function normalizeMessage(message: string): string {
  return message
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** An Indonesian mobile number (08…, 628…, +628…; spaces, dots and dashes allowed) as 08…, or null. */
export function normalizeMobile(typed: string): string | null {
  const t = typed.replace(/[\s.\-()]/g, '');
  const m = /^(?:\+62|62|0)(8[1-9]\d{7,10})$/.exec(t);
  return m ? `0${m[1]}` : null;
}
