/** The LPJ as CSV, XLSX and PDF (the HTML page is views/pages/lpj.hbs). Same numbers, every format. */
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { stringify } from 'csv-stringify/sync';
import { formatOfficial, formatNumber } from '../domain/money';
import type { Lpj } from '../app/read-lpj';

const header = (l: Lpj) => [
  'No', 'RT/RW', 'Ketua RT', 'Alokasi', 'Dicairkan',
  ...l.categories.map((c) => `Belanja ${c.code}`),
  'Total belanja', 'Rencana (RAP)', 'Sisa', 'Realisasi (%)', 'Kuitansi', 'Belum diverifikasi', 'SPJ terlambat',
];

const numbers = (r: Lpj['rows'][number] | (Lpj['totals'] & { label?: string })) => [
  r.allocation, r.released, ...r.spentByCategory, r.spent, r.planned, r.remaining,
];

export function lpjCsv(l: Lpj): string {
  const rows = l.rows.map((r) => [r.no, r.label, r.chairName, ...numbers(r), r.realisation, r.receipts, r.unverified, r.overdueSpj]);
  rows.push(['', 'JUMLAH', '', ...numbers(l.totals), l.totals.realisation, l.totals.receipts, l.totals.unverified, l.totals.overdueSpj]);
  return stringify(rows, { header: true, columns: header(l) });
}

export async function lpjXlsx(l: Lpj): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dana RT';
  const ws = wb.addWorksheet(`LPJ ${l.year.year}`, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, paperSize: 9 } });
  ws.addRow([`LAPORAN PERTANGGUNGJAWABAN DANA OPERASIONAL RT — KELURAHAN ${l.kelurahan.name.toUpperCase()}`]).font = { bold: true, size: 13 };
  ws.addRow([`Kecamatan ${l.kelurahan.kecamatanName}, Kota Semarang · ${l.periodLabel}`]);
  ws.addRow([]);
  const head = ws.addRow(header(l));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of l.rows) ws.addRow([r.no, r.label, r.chairName, ...numbers(r), Number(r.realisation.replace(',', '.')), r.receipts, r.unverified, r.overdueSpj]);
  const total = ws.addRow(['', 'JUMLAH', '', ...numbers(l.totals), Number(l.totals.realisation.replace(',', '.')), l.totals.receipts, l.totals.unverified, l.totals.overdueSpj]);
  total.font = { bold: true };
  const moneyCols = numbers(l.totals).length;
  for (let c = 4; c < 4 + moneyCols; c++) ws.getColumn(c).numFmt = '#,##0';
  ws.getColumn(2).width = 18;
  ws.getColumn(3).width = 24;
  for (let c = 4; c < 4 + moneyCols; c++) ws.getColumn(c).width = 15;
  ws.addRow([]);
  ws.addRow([`Jumlah belanja terbilang: ${l.totals.spentWords}`]);
  ws.addRow([]);
  ws.addRow(['', l.place]);
  ws.addRow(['', 'Bendahara Kelurahan', '', '', '', '', 'Lurah ' + l.kelurahan.name]);
  ws.addRow([]);
  ws.addRow([]);
  ws.addRow(['', l.signatures.bendahara ?? '(..............................)', '', '', '', '', '(..............................)']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A landscape A4 document an office would sign: title, table, totals in words, signatures. */
export function lpjPdf(l: Lpj): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: l.fileBase, Author: 'Dana RT' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const pageW = doc.page.width - 72;
    doc.font('Helvetica-Bold').fontSize(13).text('LAPORAN PERTANGGUNGJAWABAN (LPJ) DANA OPERASIONAL RT', { align: 'center' });
    doc.font('Helvetica').fontSize(10).text(`Kelurahan ${l.kelurahan.name}, Kecamatan ${l.kelurahan.kecamatanName}, Kota Semarang — ${l.periodLabel}`, { align: 'center' }).moveDown(0.8);
    const cols = ['No', 'RT/RW', 'Alokasi', 'Dicairkan', ...l.categories.map((c) => c.code), 'Belanja', 'Sisa', '%', 'Kw.', 'Blm', 'Tlt'];
    const widths = [22, 78, 66, 66, ...l.categories.map(() => 50), 66, 66, 34, 28, 26, 26];
    const scale = pageW / widths.reduce((a, b) => a + b, 0);
    const w = widths.map((x) => x * scale);
    const drawRow = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - 60) {
        doc.addPage();
        // The column heads again on every page.
        if (!bold) drawRow(cols, true);
      }
      const y = doc.y;
      let x = 36;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y + 3, { width: w[i]! - 4, align: i < 2 ? 'left' : 'right', lineBreak: false });
        x += w[i]!;
      });
      doc.moveTo(36, y + 14).lineTo(36 + pageW, y + 14).strokeColor('#bbbbbb').lineWidth(0.5).stroke();
      doc.y = y + 15;
      doc.x = 36;
    };
    drawRow(cols, true);
    for (const r of l.rows) {
      drawRow([String(r.no), r.label, formatNumber(r.allocation), formatNumber(r.released), ...r.spentByCategory.map(formatNumber), formatNumber(r.spent), formatNumber(r.remaining), r.realisation, String(r.receipts), String(r.unverified), String(r.overdueSpj)]);
    }
    const t = l.totals;
    drawRow(['', 'JUMLAH', formatNumber(t.allocation), formatNumber(t.released), ...t.spentByCategory.map(formatNumber), formatNumber(t.spent), formatNumber(t.remaining), t.realisation, String(t.receipts), String(t.unverified), String(t.overdueSpj)], true);
    doc.moveDown(0.6).font('Helvetica').fontSize(8).text(`Kategori: ${l.categories.map((c) => `${c.code} = ${c.name}`).join('; ')}. Kw. = kuitansi, Blm = belum diverifikasi, Tlt = SPJ terlambat.`, 36, doc.y, { width: pageW });
    doc.moveDown(0.6).fontSize(10).text(`Jumlah alokasi: ${formatOfficial(t.allocation)} (${t.allocationWords})`);
    doc.text(`Jumlah belanja terverifikasi: ${formatOfficial(t.spent)} (${t.spentWords}); realisasi ${t.realisation} %.`);
    if (doc.y > doc.page.height - 130) doc.addPage();
    const sigY = doc.y + 20;
    doc.text(l.place, 36 + pageW - 220, sigY, { width: 220, align: 'center' });
    doc.text('Mengetahui,', 36, sigY + 14, { width: 220, align: 'center' });
    doc.text(`Lurah ${l.kelurahan.name}`, 36, sigY + 28, { width: 220, align: 'center' });
    doc.text('Bendahara Kelurahan', 36 + pageW - 220, sigY + 28, { width: 220, align: 'center' });
    doc.text('(..............................)', 36, sigY + 90, { width: 220, align: 'center' });
    doc.text(l.signatures.bendahara ?? '(..............................)', 36 + pageW - 220, sigY + 90, { width: 220, align: 'center' });
    doc.fontSize(8).text('NIP. ..............................', 36, sigY + 104, { width: 220, align: 'center' });
    doc.end();
  });
}
