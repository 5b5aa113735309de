/**
 * Issue 20: the notice-board poster of an RT or RW grant (A4, one page): a letterhead-like head,
 * the summary, a bar per category (plan against verified spending), the SPJ months, and a large
 * QR code to the public page, where residents read every receipt and can ask a question.
 */
import { formatBulan, formatTanggal } from '../domain/calendar';
import { formatRupiah, terbilang } from '../domain/money';
import { pdfBuffer, qrCode, type Doc } from './pdf-doc';
import type { PublicBooks } from './shapes/public';

export interface PosterModel {
  name: string;
  kelurahanName: string;
  kecamatanName: string;
  year: number;
  url: string;
  books: PublicBooks;
  /** The date the figures are from (WIB). */
  asOf: string;
  checkpointShort: string | null;
}

const GREEN = '#0b6b4f';
const GREY = '#e3e7e4';

function head(doc: Doc, m: PosterModel): void {
  const w = doc.page.width - 72;
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#000000').text('PEMERINTAH KOTA SEMARANG', 36, 36, { width: w, align: 'center' });
  doc.fontSize(11).text(`KECAMATAN ${m.kecamatanName.toUpperCase()} · KELURAHAN ${m.kelurahanName.toUpperCase()}`, { width: w, align: 'center' });
  doc.font('Helvetica').fontSize(9).text('Papan informasi dana operasional RT/RW (Perwal Semarang No. 32 Tahun 2025)', { width: w, align: 'center' });
  const y = doc.y + 4;
  doc.moveTo(36, y).lineTo(36 + w, y).lineWidth(1.5).strokeColor('#000000').stroke();
  doc.moveTo(36, y + 3).lineTo(36 + w, y + 3).lineWidth(0.5).stroke();
  doc.y = y + 16;
  doc.font('Helvetica-Bold').fontSize(22).fillColor(GREEN).text(`Dana ${m.name}`, 36, doc.y, { width: w, align: 'center' });
  doc.font('Helvetica').fontSize(12).fillColor('#000000').text(`Tahun ${m.year} · keadaan ${formatTanggal(m.asOf)}`, { width: w, align: 'center' });
  doc.moveDown(0.8);
}

function summary(doc: Doc, b: PublicBooks): void {
  const items: Array<[string, string]> = [
    ['Alokasi tahun ini', formatRupiah(b.money.allocated)],
    ['Sudah diterima RT', formatRupiah(b.received)],
    ['Dibelanjakan (bukti terverifikasi)', formatRupiah(b.money.spent)],
    ['Serapan', `${String(b.money.absorption).replace('.', ',')} %`],
  ];
  const w = (doc.page.width - 72 - 3 * 8) / 4;
  const y = doc.y;
  items.forEach(([label, value], i) => {
    const x = 36 + i * (w + 8);
    doc.rect(x, y, w, 58).fill('#f1f5f3');
    doc.fillColor('#333333').font('Helvetica').fontSize(8.5).text(label, x + 8, y + 8, { width: w - 16 });
    doc.fillColor('#000000').font('Helvetica-Bold').fontSize(13).text(value, x + 8, y + 30, { width: w - 16 });
  });
  doc.fillColor('#000000');
  doc.y = y + 66;
  doc.font('Helvetica-Oblique').fontSize(8.5).text(`Terbilang alokasi: ${terbilang(b.money.allocated)}.`, 36, doc.y, { width: doc.page.width - 72 });
  doc.moveDown(0.8);
}

/** Two bars per category: the plan (grey, full width) and the verified spending (green, scaled to the largest plan). */
function chart(doc: Doc, b: PublicBooks): void {
  const w = doc.page.width - 72;
  doc.font('Helvetica-Bold').fontSize(12).text('Rencana dan belanja per kategori', 36, doc.y);
  doc.moveDown(0.4);
  const labelW = 170;
  const barW = w - labelW - 150;
  const max = Math.max(1, ...b.plan.map((c) => Math.max(c.planned, c.spent)));
  for (const c of b.plan) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(9).fillColor('#000000').text(c.name, 36, y + 2, { width: labelW - 8 });
    const planned = Math.round((c.planned / max) * barW);
    const spent = Math.round((c.spent / max) * barW);
    doc.rect(36 + labelW, y, Math.max(1, planned), 9).fill(GREY);
    doc.rect(36 + labelW, y + 11, Math.max(spent > 0 ? 1 : 0, spent), 9).fill(GREEN);
    doc.fillColor('#000000').fontSize(8).text(`rencana ${formatRupiah(c.planned)}`, 36 + labelW + barW + 8, y, { width: 142 });
    doc.text(`belanja ${formatRupiah(c.spent)} (${String(c.percent).replace('.', ',')} %)`, 36 + labelW + barW + 8, y + 11, { width: 142 });
    doc.y = y + 28;
  }
  doc.fontSize(8).fillColor('#555555').text('Abu-abu: rencana (RAP) disetujui kelurahan. Hijau: belanja dengan bukti yang sudah diverifikasi bendahara kelurahan.', 36, doc.y, { width: w });
  doc.fillColor('#000000').moveDown(0.8);
}

function spj(doc: Doc, b: PublicBooks): void {
  const w = doc.page.width - 72;
  doc.font('Helvetica-Bold').fontSize(12).text('Laporan pertanggungjawaban (SPJ) bulanan', 36, doc.y);
  const p = b.punctuality;
  const line = p.owed === 0 ? 'Belum ada SPJ yang jatuh tempo.' : `${p.onTime} dari ${p.owed} bulan dikirim tepat waktu, ${p.late} terlambat, ${p.missing} belum.`;
  doc.font('Helvetica').fontSize(9.5).text(line, 36, doc.y, { width: w });
  const months = b.spj.slice(-6).map((m) => `${formatBulan(m.month)}: ${m.statusLabel.toLowerCase()}`).join(' · ');
  if (months) doc.fontSize(8.5).text(months, { width: w });
  doc.moveDown(0.8);
}

function qrBlock(doc: Doc, m: PosterModel): void {
  const side = (5.5 / 2.54) * 72;
  const bottom = doc.page.height - 36 - side - 20;
  const y = Math.max(doc.y, bottom);
  qrCode(doc, m.url, 36, y, side);
  const x = 36 + side + 16;
  const w = doc.page.width - 36 - x;
  doc.font('Helvetica-Bold').fontSize(14).fillColor(GREEN).text('Pindai untuk melihat rinciannya', x, y + 10, { width: w });
  doc.font('Helvetica').fontSize(10).fillColor('#000000').text('Setiap belanja dengan tanggal, toko, jumlah dan fotonya; pencairan dan SPJ per bulan. Ada pertanyaan atau dugaan penyimpangan? Kirim lewat halaman itu, tanpa perlu akun.', x, doc.y + 4, { width: w });
  doc.font('Helvetica-Bold').fontSize(9).text(m.url, x, doc.y + 6, { width: w, link: m.url });
  doc.font('Helvetica').fontSize(7.5).fillColor('#555555').text(m.checkpointShort ? `Titik periksa buku besar: ${m.checkpointShort}` : ' ', x, doc.y + 6, { width: w });
  doc.fillColor('#000000');
}

export function posterPdf(m: PosterModel): Promise<Buffer> {
  return pdfBuffer({ title: `Poster dana ${m.name} ${m.year}` }, (doc) => {
    head(doc, m);
    summary(doc, m.books);
    chart(doc, m.books);
    spj(doc, m.books);
    qrBlock(doc, m);
  });
}
