/** The LPJ as CSV, XLSX and PDF (the HTML page is views/pages/lpj.hbs). Same numbers, every format. */
import ExcelJS from 'exceljs';
import { formatOfficial, formatNumber } from '../domain/money';
import type { Lpj } from './shapes/lpj';
import { shortCheckpoint, type SignedCheckpoint } from '../domain/ledger/checkpoint';
import { pdfBuffer, signatures, stampCheckpoint, table, title, type Column } from './pdf-doc';
import { csvTable, xlsxRow } from './csv-writer';

const header = (l: Lpj) => [
  'No', 'RT/RW', 'Ketua RT', 'Alokasi', 'Dicairkan',
  ...l.categories.map((c) => `Belanja ${c.code}`),
  'Total belanja', 'Rencana (RAP)', 'Sisa', 'Dikembalikan ke Kas Daerah', 'Gugur', 'Realisasi (%)', 'Kuitansi', 'Belum diverifikasi', 'SPJ terlambat',
];

const numbers = (r: Lpj['rows'][number] | (Lpj['totals'] & { label?: string })) => [
  r.allocation, r.released, ...r.spentByCategory, r.spent, r.planned, r.remaining, r.returned, r.lapsed,
];

export function lpjCsv(l: Lpj): string {
  const rows = l.rows.map((r) => [r.no, r.label, r.chairName, ...numbers(r), r.realisation, r.receipts, r.unverified, r.overdueSpj]);
  rows.push(['', 'JUMLAH', '', ...numbers(l.totals), l.totals.realisation, l.totals.receipts, l.totals.unverified, l.totals.overdueSpj]);
  // csv-writer: a chair's name typed as =HYPERLINK(...) opens in a spreadsheet as text, never as a formula.
  return csvTable(header(l), rows);
}

export async function lpjXlsx(l: Lpj, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dana RT';
  const ws = wb.addWorksheet(`LPJ ${l.year.year}`, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, paperSize: 9 } });
  ws.addRow(xlsxRow([`LAPORAN PERTANGGUNGJAWABAN DANA OPERASIONAL RT — KELURAHAN ${l.kelurahan.name.toUpperCase()}`])).font = { bold: true, size: 13 };
  ws.addRow(xlsxRow([`Kecamatan ${l.kelurahan.kecamatanName}, Kota Semarang · ${l.periodLabel}`]));
  ws.addRow(xlsxRow([]));
  const head = ws.addRow(xlsxRow(header(l)));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of l.rows) ws.addRow(xlsxRow([r.no, r.label, r.chairName, ...numbers(r), Number(r.realisation.replace(',', '.')), r.receipts, r.unverified, r.overdueSpj]));
  const total = ws.addRow(xlsxRow(['', 'JUMLAH', '', ...numbers(l.totals), Number(l.totals.realisation.replace(',', '.')), l.totals.receipts, l.totals.unverified, l.totals.overdueSpj]));
  total.font = { bold: true };
  const moneyCols = numbers(l.totals).length;
  for (let c = 4; c < 4 + moneyCols; c++) ws.getColumn(c).numFmt = '#,##0';
  ws.getColumn(2).width = 18;
  ws.getColumn(3).width = 24;
  for (let c = 4; c < 4 + moneyCols; c++) ws.getColumn(c).width = 15;
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow([`Jumlah belanja terbilang: ${l.totals.spentWords}`]));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow(['', '', '', '', '', '', l.place]));
  ws.addRow(xlsxRow(['', 'Mengetahui,']));
  ws.addRow(xlsxRow(['', `Lurah ${l.kelurahan.name}`, '', '', '', '', 'Bendahara Kelurahan']));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow(['', '(..............................)', '', '', '', '', l.signatures.bendahara ?? '(..............................)']));
  ws.addRow(xlsxRow(['', 'NIP. ..............................']));
  if (checkpoint) {
    ws.addRow(xlsxRow([]));
    ws.addRow(xlsxRow([`Titik periksa buku besar: ${shortCheckpoint(checkpoint)} (#${checkpoint.seq}, kepala rantai ${checkpoint.head}; periksa di /publik/checkpoint)`])).font = { size: 8 };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A landscape A4 document an office would sign: title, table, totals in words, signatures. */
export function lpjPdf(l: Lpj, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  return pdfBuffer({ title: l.fileBase, landscape: true }, (doc) => {
    title(doc, 'LAPORAN PERTANGGUNGJAWABAN (LPJ) DANA OPERASIONAL RT', `Kelurahan ${l.kelurahan.name}, Kecamatan ${l.kelurahan.kecamatanName}, Kota Semarang — ${l.periodLabel}`);
    const n = (head: string, width: number): Column => ({ head, width, align: 'right' });
    const columns: Column[] = [n('No', 22), { head: 'RT/RW', width: 78 }, n('Alokasi', 66), n('Dicairkan', 66), ...l.categories.map((c) => n(c.code, 50)), n('Belanja', 66), n('Rencana', 66), n('Sisa', 66), n('Ke Kasda', 60), n('Gugur', 60), n('%', 34), n('Kw.', 28), n('Blm', 26), n('Tlt', 26)];
    const t = l.totals;
    const rows = l.rows.map((r) => [String(r.no), r.label, formatNumber(r.allocation), formatNumber(r.released), ...r.spentByCategory.map(formatNumber), formatNumber(r.spent), formatNumber(r.planned), formatNumber(r.remaining), formatNumber(r.returned), formatNumber(r.lapsed), r.realisation, String(r.receipts), String(r.unverified), String(r.overdueSpj)]);
    rows.push(['', 'JUMLAH', formatNumber(t.allocation), formatNumber(t.released), ...t.spentByCategory.map(formatNumber), formatNumber(t.spent), formatNumber(t.planned), formatNumber(t.remaining), formatNumber(t.returned), formatNumber(t.lapsed), t.realisation, String(t.receipts), String(t.unverified), String(t.overdueSpj)]);
    table(doc, columns, rows, new Set([rows.length - 1]));
    const pageW = doc.page.width - 72;
    doc.moveDown(0.6).font('Helvetica').fontSize(8).text(`Kategori: ${l.categories.map((c) => `${c.code} = ${c.name}`).join('; ')}. Kw. = kuitansi, Blm = belum diverifikasi, Tlt = SPJ terlambat.`, 36, doc.y, { width: pageW });
    doc.moveDown(0.6).fontSize(10).text(`Jumlah alokasi: ${formatOfficial(t.allocation)} (${t.allocationWords})`);
    doc.text(`Jumlah belanja terverifikasi: ${formatOfficial(t.spent)} (${t.spentWords}); realisasi ${t.realisation} %.`);
    signatures(doc, l.place, [
      { over: 'Mengetahui,', role: `Lurah ${l.kelurahan.name}`, name: null, note: 'NIP. ..............................' },
      { role: 'Bendahara Kelurahan', name: l.signatures.bendahara },
    ]);
    stampCheckpoint(doc, checkpoint);
  });
}
