/** Aduan warga in the domain: working days, the step and deadline on a date, routing, the abuse checks, the tracking code. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ABUSE_LIMITS, checkForm, checkLimits, stampVerdict } from '../../src/domain/complaints/abuse';
import { complaintDeadlines, complaintStage, normalizeMessage, normalizeMobile, normalizeTrackingCode, TRACKING_CODE, trackingCodeOf } from '../../src/domain/complaints/complaint';
import { assigneeFor, type Official } from '../../src/domain/complaints/routing';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from '../../src/domain/complaints/working-days';
import { defaultProgrammeYear, NATIONAL_HOLIDAYS, validateProgrammeYear } from '../../src/domain/grants/programme-year';
import { codeOf } from '../helpers/errors';

const H2026 = new Set(NATIONAL_HOLIDAYS[2026]);
const NONE = new Set<string>();

describe('working days', () => {
  it.each([
    // received, n, holidays, expected
    ['2026-05-29', 3, H2026, '2026-06-04'], // Friday; Monday 1 June is Hari Lahir Pancasila
    ['2026-05-29', 3, NONE, '2026-06-03'], // the same Friday without holidays: Mon, Tue, Wed
    ['2026-05-30', 1, NONE, '2026-06-01'], // Saturday → Monday
    ['2026-03-18', 3, H2026, '2026-03-24'], // Nyepi (Thu 19) skipped, Idul Fitri on the weekend: Fri 20, Mon 23, Tue 24 (cuti bersama not on the national list)
    ['2026-12-24', 3, H2026, '2026-12-30'], // Natal (Fri 25) and the weekend skipped
  ])('%s + %i working days → %s', (from, n, holidays, expected) => {
    expect(addWorkingDays(from, n, holidays)).toBe(expected);
  });

  it('never lands on a weekend or holiday, and counts back to n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 360 }), fc.integer({ min: 1, max: 10 }), (offset, n) => {
        const from = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const to = addWorkingDays(from, n, H2026);
        expect(isWorkingDay(to, H2026)).toBe(true);
        expect(workingDaysBetween(from, to, H2026)).toBe(n);
        expect(workingDaysBetween(to, from, H2026)).toBe(-n);
      }),
    );
  });
});

describe('the step and deadline of a complaint on a date (fixed clock)', () => {
  // Received Friday 29 May 2026: the weekend and Monday 1 June (a holiday) are skipped.
  const received = { receivedOn: '2026-05-29', answeredOn: null };
  it('counts each step from the date received', () => {
    expect(complaintDeadlines('2026-05-29', H2026)).toEqual(['2026-06-04', '2026-06-09', '2026-06-12']);
  });
  it.each([
    ['2026-05-29', 0, '2026-06-04', 3, false],
    ['2026-06-01', 0, '2026-06-04', 3, false], // the holiday itself
    ['2026-06-04', 0, '2026-06-04', 0, false], // the deadline day: still the kelurahan's
    ['2026-06-05', 1, '2026-06-09', 2, true], // past it: the kecamatan desk's
    ['2026-06-09', 1, '2026-06-09', 0, true],
    ['2026-06-10', 2, '2026-06-12', 2, true], // past the desk's: the city's
    ['2026-07-01', 2, '2026-06-12', -12, true], // 16 June (Tahun Baru Islam) not counted,
  ] as const)('on %s: step %i, deadline %s, %i working days left, overdue %s', (asOf, level, deadlineOn, daysLeft, overdue) => {
    const st = complaintStage(received, asOf, H2026);
    expect(st).toMatchObject({ level, deadlineOn, daysLeft, overdue, answered: false, firstDeadlineOn: '2026-06-04' });
  });
  it('an answered complaint stays at the step that answered it', () => {
    expect(complaintStage({ receivedOn: '2026-05-29', answeredOn: '2026-06-03' }, '2026-08-01', H2026)).toMatchObject({ level: 0, answered: true, overdue: false });
    expect(complaintStage({ receivedOn: '2026-05-29', answeredOn: '2026-06-08' }, '2026-08-01', H2026)).toMatchObject({ level: 1, answered: true, overdue: false });
  });
});

describe('routing', () => {
  const PLB = '3374050005';
  const SEL = '3374050';
  const o = (id: number, username: string, role: Official['role'], extra: Partial<Official> = {}): Official => ({ id, username, role, kelurahanCode: null, kecamatanCodes: null, active: true, ...extra });
  const lurah = o(1, 'lurah.pleburan', 'lurah', { kelurahanCode: PLB });
  const bendahara = o(2, 'bendahara.pleburan', 'bendahara', { kelurahanCode: PLB });
  const desk = o(3, 'pengawas.semarangselatan', 'pengawas', { kecamatanCodes: [SEL] });
  const deskOther = o(4, 'pengawas.mijen', 'pengawas', { kecamatanCodes: ['3374010'] });
  const city = o(5, 'pengawas.kota', 'pengawas');
  const admin = o(6, 'admin', 'admin');
  const where = { kelurahanCode: PLB, kecamatanCode: SEL };
  it.each([
    ['the lurah first', 0, [bendahara, lurah, desk, city, admin], { userId: 1, role: 'lurah' }],
    ['the treasurer where no lurah is set up', 0, [bendahara, desk], { userId: 2, role: 'bendahara' }],
    ['the treasurer where the lurah is inactive', 0, [{ ...lurah, active: false }, bendahara], { userId: 2, role: 'bendahara' }],
    ['nobody named at the kelurahan', 0, [desk], { userId: null, role: 'lurah' }],
    ['the kecamatan desk', 1, [lurah, deskOther, desk, city], { userId: 3, role: 'pengawas' }],
    ['the city desk when the kecamatan has none', 1, [lurah, deskOther, city, admin], { userId: 5, role: 'pengawas' }],
    ['the city desk', 2, [desk, city, admin], { userId: 5, role: 'pengawas' }],
    ['the admin when the city has no desk', 2, [desk, admin], { userId: 6, role: 'admin' }],
  ] as const)('%s', (_name, level, officials, expected) => {
    expect(assigneeFor(level, where, officials)).toEqual(expected);
  });
});

describe('abuse checks (each row a submission and its outcome)', () => {
  const now = Date.parse('2026-11-28T03:00:00Z');
  const at = (secondsAgo: number) => now - secondsAgo * 1000;
  const ok = { addressLastHour: 0, addressLastDay: 0, targetToday: 0 };
  it.each([
    ['a person, 30 s to fill', '', at(30), ok, 'ok'],
    ['the honeypot filled', 'http://spam.example', at(30), ok, 'complaint_refused'],
    ['sent 2 s after the form opened', '', at(2), ok, 'complaint_too_fast'],
    ['sent exactly at the minimum', '', at(ABUSE_LIMITS.minFillSeconds), ok, 'ok'],
    ['a form opened 25 hours ago', '', at(25 * 3600), ok, 'complaint_form_stale'],
    ['a forged or missing stamp', '', null, ok, 'complaint_form_stale'],
    ['a stamp from the future', '', now + 3600_000, ok, 'complaint_form_stale'],
    ['the 4th in an hour from one address', '', at(30), { ...ok, addressLastHour: 3 }, 'complaint_rate_limited'],
    ['the 11th in a day from one address', '', at(30), { ...ok, addressLastHour: 1, addressLastDay: 10 }, 'complaint_rate_limited'],
    ['the 31st to one RT in a day', '', at(30), { ...ok, targetToday: 30 }, 'complaint_target_busy'],
    // A form inside a cached public page: its stamp is the page's time, trusted only while young.
    ['a page stamp 30 s old (the page was just made)', '', at(30), ok, 'ok', 'page'],
    ['a page stamp 2 s old', '', at(2), ok, 'complaint_too_fast', 'page'],
    ['a page stamp exactly 10 minutes old', '', at(ABUSE_LIMITS.pageStampTrustMinutes * 60), ok, 'ok', 'page'],
    ['a page stamp 10 minutes and 1 s old: confirm once', '', at(ABUSE_LIMITS.pageStampTrustMinutes * 60 + 1), ok, 'complaint_confirm', 'page'],
    ['a page stamp 6 hours old (the page kept all morning)', '', at(6 * 3600), ok, 'complaint_confirm', 'page'],
    ['a page stamp 25 hours old', '', at(25 * 3600), ok, 'complaint_form_stale', 'page'],
    ['a form stamp 6 hours old (a person who left the form open)', '', at(6 * 3600), ok, 'ok', 'form'],
  ] as const)('%s → %s', (_name, honeypot, issuedAt, counts, expected, source: 'page' | 'form' = 'form') => {
    const run = () => {
      checkForm({ honeypot, stamp: stampVerdict(issuedAt, now, source) });
      checkLimits(counts);
    };
    if (expected === 'ok') expect(run).not.toThrow();
    else expect(codeOf(run)).toBe(expected);
  });
});

describe('the sender’s input', () => {
  it.each([
    ['0812 3456 7890', '081234567890'],
    ['+62 812-3456-7890', '081234567890'],
    ['6285712345678', '085712345678'],
    ['024 8312345', null], // a landline
    ['0812', null],
    ['08123456789012345', null],
    ['abc', null],
  ])('mobile %s → %s', (typed, expected) => expect(normalizeMobile(typed)).toBe(expected));

  it('compares messages without case, spacing or punctuation', () => {
    expect(normalizeMessage('Dana  kerja BAKTI dipakai untuk apa?')).toBe(normalizeMessage('dana kerja bakti dipakai untuk apa'));
    expect(normalizeMessage('Dana kerja bakti')).not.toBe(normalizeMessage('Dana ronda'));
  });

  it('makes readable tracking codes from 40 random bits, and reads them back typed loosely', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (bytes) => {
        const code = trackingCodeOf(bytes);
        expect(code).toMatch(TRACKING_CODE);
        expect(normalizeTrackingCode(` ${code.toLowerCase()} `)).toBe(code);
      }),
    );
    expect(trackingCodeOf(new Uint8Array([0, 0, 0, 0, 0]))).toBe('ADU-2222-2222');
    expect(normalizeTrackingCode('ADU-0000-IIII')).toBeNull();
    expect(normalizeTrackingCode('ADU-7K3M-Q9PX')).toBe('ADU-7K3M-Q9PX');
  });
});

describe('holidays in the programme year', () => {
  it('2026 starts with Indonesia’s national holidays; a date not on the calendar is refused', () => {
    const y = defaultProgrammeYear(2026);
    expect(y.holidays).toContain('2026-08-17');
    expect(y.holidays).toHaveLength(17);
    expect(() => validateProgrammeYear(y)).not.toThrow();
    expect(() => validateProgrammeYear({ ...y, holidays: [...y.holidays, '2027-01-01'] })).not.toThrow();
    expect(codeOf(() => validateProgrammeYear({ ...y, holidays: ['1 Januari'] }))).toBe('holidays_invalid');
    expect(codeOf(() => validateProgrammeYear({ ...y, holidays: ['2026-02-30'] }))).toBe('holidays_invalid');
    expect(defaultProgrammeYear(2027).holidays).toEqual([]);
  });
});
