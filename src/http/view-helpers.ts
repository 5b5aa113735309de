/** Handlebars helpers: formatting only, no decisions. */
import { formatTanggal, formatWaktu } from '../domain/calendar';
import { formatNumber, formatOfficial, formatRupiah, percentOf, terbilang } from '../domain/money';

const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);

export const helpers = {
  rupiah: (v: unknown) => formatRupiah(num(v)),
  official: (v: unknown) => formatOfficial(num(v)),
  angka: (v: unknown) => formatNumber(num(v)),
  terbilang: (v: unknown) => terbilang(num(v)),
  persen: (part: unknown, whole: unknown) => percentOf(num(part), num(whole)),
  tanggal: (v: unknown) => (typeof v === 'string' ? formatTanggal(v) : ''),
  waktu: (v: unknown) => (typeof v === 'string' ? formatWaktu(v) : ''),
  eq: (a: unknown, b: unknown) => a === b,
  plus1: (v: unknown) => (typeof v === 'number' ? v + 1 : v),
  /** "2.5" -> "2,5" (Indonesian decimal comma). */
  desimal: (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).replace('.', ',') : ''),
  /** A message of several lines (one refusal per gate) as a list. */
  lines: (v: unknown) => (typeof v === 'string' ? v.split('\n').filter(Boolean) : []),
  /** A share in percent, 0..100, for SVG bar widths. */
  pct: (part: unknown, whole: unknown) => {
    const w = num(whole);
    return w === 0 ? 0 : Math.max(0, Math.min(100, Math.round((num(part) * 1000) / w) / 10));
  },
  /** The rest of a 100-wide bar after `pct`. */
  pctRest: (part: unknown, whole: unknown) => {
    const w = num(whole);
    return w === 0 ? 100 : 100 - Math.max(0, Math.min(100, Math.round((num(part) * 1000) / w) / 10));
  },
};
