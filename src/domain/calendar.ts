/**
 * Dates in WIB (Asia/Jakarta, UTC+7, no daylight saving) and Indonesian month names.
 * Business dates are plain YYYY-MM-DD strings; instants are ISO-8601 UTC strings.
 */
export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

const WIB_OFFSET_MS = 7 * 3600_000;

/** The business date in WIB of an instant. */
export const todayWib = (now: Date) => new Date(now.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);

/** "2025-12-15" -> "15 Desember 2025" */
export function formatTanggal(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  const name = m ? BULAN[Number(m[2]) - 1] : undefined;
  return m && name ? `${Number(m[3])} ${name} ${m[1]}` : date;
}

/** "2026-10" -> "Oktober 2026" */
export function formatBulan(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? BULAN[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : month;
}

/** An instant as "28 November 2026 06.03 WIB". */
export function formatWaktu(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const wib = new Date(t.getTime() + WIB_OFFSET_MS).toISOString();
  return `${formatTanggal(wib.slice(0, 10))} ${wib.slice(11, 13)}.${wib.slice(14, 16)} WIB`;
}

/** A WIB date (YYYY-MM-DD) as the UTC instant of its start, for range filters. */
export const startOfDayWib = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - WIB_OFFSET_MS).toISOString();

/**
 * The ISO 8601 week of a date (YYYY-MM-DD): weeks start on Monday and week 1 holds the year's
 * first Thursday, so 29 Dec 2025 is 2026-W01 and 3 Jan 2027 is 2026-W53.
 */
export function isoWeekOf(date: string): { isoYear: number; week: number } {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000) + 1;
  return { isoYear, week: Math.ceil(dayOfYear / 7) };
}

/** The ISO week as text: "2026-W05". */
export function isoWeekKey(date: string): string {
  const { isoYear, week } = isoWeekOf(date);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}
