import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BULAN, formatBulan, formatTanggal, formatWaktu, isoWeekKey, isoWeekOf, startOfDayWib, todayWib } from '../../src/domain/calendar';

describe('todayWib: the business date in Jakarta (UTC+7) of an instant', () => {
  it.each([
    ['2026-03-01T00:00:00.000Z', '2026-03-01'],
    ['2026-03-01T16:59:59.999Z', '2026-03-01'],
    ['2026-03-01T17:00:00.000Z', '2026-03-02'],
    ['2025-12-31T17:00:00.000Z', '2026-01-01'],
    ['2026-02-28T23:30:00.000Z', '2026-03-01'],
  ])('%s → %s', (instant, date) => {
    expect(todayWib(new Date(instant))).toBe(date);
  });
});

describe('formatTanggal', () => {
  it.each([
    ['2025-12-15', '15 Desember 2025'],
    ['2026-01-01', '1 Januari 2026'],
    ['2026-11-30', '30 November 2026'],
    ['2026-10-05', '5 Oktober 2026'],
    ['2026-08-17T10:00:00Z', '17 Agustus 2026'],
    ['kemarin', 'kemarin'],
    ['15-12-2025', '15-12-2025'],
    ['hari 2025-12-15', 'hari 2025-12-15'],
    ['2025-1-15', '2025-1-15'],
  ])('%s → %s', (date, text) => {
    expect(formatTanggal(date)).toBe(text);
  });

  it('names every month by its Indonesian name', () => {
    const months = Array.from({ length: 12 }, (_, i) => formatTanggal(`2026-${String(i + 1).padStart(2, '0')}-01`).split(' ')[1]);
    expect(months).toEqual(['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']);
    expect(BULAN).toEqual(months);
  });
});

describe('formatBulan', () => {
  it.each([
    ['2026-10', 'Oktober 2026'],
    ['2026-01', 'Januari 2026'],
    ['2025-12', 'Desember 2025'],
    ['2026-13', '2026-13'],
    ['2026-00', '2026-00'],
    ['2026-10-01', '2026-10-01'],
    ['x2026-10', 'x2026-10'],
    ['2026-1', '2026-1'],
    ['Oktober', 'Oktober'],
  ])('%s → %s', (month, text) => {
    expect(formatBulan(month)).toBe(text);
  });
});

describe('formatWaktu: an instant as a WIB clock time', () => {
  it.each([
    ['2026-11-27T23:03:00.000Z', '28 November 2026 06.03 WIB'],
    ['2026-11-28T09:45:30.000Z', '28 November 2026 16.45 WIB'],
    ['2026-01-01T00:00:00Z', '1 Januari 2026 07.00 WIB'],
    ['bukan waktu', 'bukan waktu'],
    ['', ''],
  ])('%j → %j', (iso, text) => {
    expect(formatWaktu(iso)).toBe(text);
  });
});

describe('startOfDayWib: a WIB date as the UTC instant it starts', () => {
  it.each([
    ['2026-03-01', '2026-02-28T17:00:00.000Z'],
    ['2026-01-01', '2025-12-31T17:00:00.000Z'],
  ])('%s → %s', (date, instant) => {
    expect(startOfDayWib(date)).toBe(instant);
  });

  it('is the first instant whose WIB date is that date', () => {
    const day = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (date) => {
        const start = Date.parse(startOfDayWib(date));
        expect(todayWib(new Date(start))).toBe(date);
        expect(todayWib(new Date(start - 1))).not.toBe(date);
      }),
    );
  });
});

describe('dates that are not dates', () => {
  it('a month 13 is shown as written, never as "undefined"', async () => {
    const { formatTanggal } = await import('../../src/domain/calendar');
    expect(formatTanggal('2026-13-01')).toBe('2026-13-01');
    expect(formatTanggal('2026-12-01')).toBe('1 Desember 2026');
  });
});

describe('isoWeekKey: the ISO 8601 week (Monday first, week 1 holds the first Thursday)', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2025-12-29', '2026-W01'], // the Monday before belongs to 2026
    ['2025-12-28', '2025-W52'], // the Sunday before does not
    ['2026-12-07', '2026-W50'], // Monday
    ['2026-12-13', '2026-W50'], // Sunday of the same week
    ['2026-12-14', '2026-W51'], // the next Monday
    ['2026-12-31', '2026-W53'], // 2026 has 53 weeks (it starts on a Thursday)
    ['2027-01-03', '2026-W53'], // a Sunday of January in the old year's last week
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-02-29', '2024-W09'],
  ])('%s → %s', (date, key) => {
    expect(isoWeekKey(date)).toBe(key);
  });

  it('seven consecutive days from a Monday share one week; the eighth starts the next', () => {
    const monday = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => {
      const back = (d.getUTCDay() + 6) % 7;
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back));
    });
    const day = (d: Date, plus: number) => new Date(d.getTime() + plus * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(monday, (m) => {
        const key = isoWeekKey(day(m, 0));
        for (let i = 1; i < 7; i++) expect(isoWeekKey(day(m, i))).toBe(key);
        const next = isoWeekOf(day(m, 7));
        const now = isoWeekOf(day(m, 0));
        expect(next.isoYear === now.isoYear ? next.week === now.week + 1 : next.week === 1 && next.isoYear === now.isoYear + 1).toBe(true);
      }),
    );
  });
});
