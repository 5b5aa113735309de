/**
 * Issue 20: the public pages' CSV and JSON, and their charts (SVG made on the server, no script).
 * Each renders a read model of src/app/read-public.ts as it is given: what is public was decided
 * there (src/domain/public/disclosure.ts), nothing is added here.
 */
import { formatBulan } from '../domain/calendar';
import { formatRupiah } from '../domain/money';
import { csvTable, type Cell } from './csv-writer';
import type { PublicAreaModel, PublicBooks, PublicGranteeModel, PublicRwModel } from './shapes/public';

export const photoUrl = (sha256: string, size: 'kecil' | 'besar') => `/publik/foto/${sha256}/${size}`;

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Bars for a phone first: each item's label on its own line, the bar under it across the width, the
 * value at the bar's end. Scales to any width (viewBox 360 wide), no script, no style attribute.
 */
function barChart(o: { title: string; items: Array<{ label: string; value: number; note: string }>; max: number }): string {
  const W = 360;
  const rowH = 50;
  const bars = o.items
    .map((item, i) => {
      const y = 28 + i * rowH;
      const w = Math.max(0, Math.min(W, Math.round((item.value / o.max) * W)));
      return `<text x="0" y="${y + 11}" font-size="12" font-weight="bold" fill="#1d2521">${esc(item.label)}</text>
<rect x="0" y="${y + 16}" width="${W}" height="12" rx="2" fill="#e3e7e4"/>
<rect x="0" y="${y + 16}" width="${w}" height="12" rx="2" fill="#0b6b4f"/>
<text x="0" y="${y + 41}" font-size="11" fill="#5b6660">${esc(item.note)}</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart public-chart" viewBox="0 0 ${W} ${30 + o.items.length * rowH}" role="img" aria-label="${esc(o.title)}">
<title>${esc(o.title)}</title>
<text x="0" y="14" font-size="13" font-weight="bold" fill="#1d2521">${esc(o.title)}</text>
${bars}
</svg>`;
}

const pct = (n: number) => `${String(n).replace('.', ',')} %`;

/** Absorption per row (percent of the allocation spent, verified receipts only). */
export function absorptionChart(model: { rows: Array<{ label: string; absorption: number; spent: number; allocated: number }> }, title: string): string {
  return barChart({ title, max: 100, items: model.rows.map((r) => ({ label: r.label, value: r.absorption, note: pct(r.absorption) })) });
}

/** SPJ sent on time, as a percent of the months owed so far, per row. */
export function punctualityChart(model: { rows: Array<{ label: string; spj: { owed: number; onTimePercent: number | null } }> }, title: string): string {
  return barChart({ title, max: 100, items: model.rows.map((r) => ({ label: r.label, value: r.spj.onTimePercent ?? 0, note: r.spj.owed ? `${pct(r.spj.onTimePercent ?? 0)} dari ${r.spj.owed} bulan` : 'belum ada SPJ jatuh tempo' })) });
}

/** Plan against verified spending per category. */
export function categoryChart(books: PublicBooks): string {
  return barChart({
    title: 'Belanja terhadap rencana (RAP)',
    max: 100,
    items: books.plan.map((c) => ({ label: c.name, value: Math.min(100, c.percent), note: `${formatRupiah(c.spent)} dari ${formatRupiah(c.planned)} (${pct(c.percent)})` })),
  });
}

const areaHeader = ['wilayah', 'alokasi', 'dicairkan', 'belanja_terverifikasi', 'serapan_persen', 'spj_jatuh_tempo', 'spj_tepat_waktu', 'spj_terlambat', 'spj_belum', 'spj_tepat_waktu_persen', 'tautan'];
const areaCells = (r: PublicAreaModel['rows'][number], base: string): Cell[] => [
  r.label, r.allocated, r.drawn, r.spent, r.absorption, r.spj.owed, r.spj.onTime, r.spj.late, r.spj.missing, r.spj.onTimePercent, base + r.href,
];

export function areaCsv(model: PublicAreaModel | PublicRwModel, base: string): string {
  return csvTable(areaHeader, model.rows.map((r) => areaCells(r, base)));
}

/** One grantee's books as one long CSV: a `bagian` column tells the part (rencana, pencairan, belanja, spj). */
export function booksCsv(books: PublicBooks, base: string): string {
  const rows: Cell[][] = [
    ['ringkasan', null, null, 'alokasi', null, books.money.allocated, null, null],
    ['ringkasan', null, null, 'dicairkan', null, books.money.drawn, null, null],
    ['ringkasan', null, null, 'belanja terverifikasi', null, books.money.spent, `${books.money.absorption} %`, null],
    ...books.plan.map((c): Cell[] => ['rencana', null, c.code, c.name, null, c.planned, `terpakai ${c.spent}`, null]),
    ...books.tranches.map((t): Cell[] => ['pencairan', (t.paidAt ?? t.approvedAt ?? '').slice(0, 10), null, t.mode === 'monthly' ? `RBB ${t.period}` : `Tahap ${t.period}`, null, t.amount, t.paid ? 'ditransfer' : 'disetujui, menunggu transfer', null]),
    ...books.receipts.map((r): Cell[] => ['belanja', r.date, r.category, r.restricted ? `${r.categoryName} (bantuan untuk warga: rincian tidak dipublikasikan)` : r.description, r.vendor, r.amount, 'terverifikasi', r.photos.map((p) => base + photoUrl(p.sha256, 'besar')).join(' ')]),
    ...books.spj.map((m): Cell[] => ['spj', m.due, null, `SPJ ${formatBulan(m.month)}`, null, null, m.statusLabel, m.daysLate ? `terlambat ${m.daysLate} hari` : null]),
  ];
  return csvTable(['bagian', 'tanggal', 'kategori', 'uraian', 'toko', 'jumlah', 'status', 'keterangan'], rows);
}

const booksJson = (books: PublicBooks, base: string) => ({
  ...books,
  receipts: books.receipts.map((r) => ({ ...r, photos: r.photos.map((p) => ({ kind: p.kind, url: base + photoUrl(p.sha256, 'besar'), thumbnail: base + photoUrl(p.sha256, 'kecil') })) })),
});

export function granteeJson(model: PublicGranteeModel, base: string, path: string) {
  return {
    nama: model.name,
    wilayah: model.place,
    tahun: model.year.year,
    url: base + path,
    poster: `${base + path}/poster.pdf`,
    ...booksJson(model.books, base),
    titikPeriksa: model.checkpoint,
  };
}

export function areaJson(model: PublicAreaModel | PublicRwModel, base: string, path: string) {
  return {
    nama: model.name,
    tingkat: model.level,
    tahun: model.year.year,
    url: base + path,
    total: model.totals,
    baris: model.rows.map((r) => ({ ...r, href: base + r.href })),
    ...('rwRows' in model && model.rwRows ? { rw: model.rwRows.map((r) => ({ ...r, href: base + r.href })) } : {}),
    ...('books' in model && model.books ? { hibahRw: booksJson(model.books, base) } : {}),
  };
}
