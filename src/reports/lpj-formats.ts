/** The LPJ as CSV, XLSX and PDF (the HTML page is views/pages/lpj.hbs). Same numbers, every format. */
import ExcelJS from 'exceljs';
import { formatOfficial, formatNumber } from '../domain/money';
import type { Lpj } from './shapes/lpj';
import { shortCheckpoint, type SignedCheckpoint } from '../domain/ledger/checkpoint';
import { keepWithSignatures, letterhead, numberLine, pdfBuffer, signatures, stampCheckpoint, table, title, type Column } from './pdf-doc';
import { csvTable, xlsxRow } from './csv-writer';

const header = (l: Lpj) => [
  'No', 'RT/RW', l.chairHeading, 'Alokasi', 'Dicairkan',
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

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let out = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

/** =SUM(X{from}:X{to}) with the value it gives, so a reader without recalculation sees the total too. */
const sumOf = (col: number, from: number, to: number, result: number): ExcelJS.CellFormulaValue => ({ formula: `SUM(${columnLetter(col)}${from}:${columnLetter(col)}${to})`, result });

const OFFICIAL_DOTS = '(..............................)';
const nipLine = (nip: string | null) => `NIP. ${nip ?? '..............................'}`;

export async function lpjXlsx(l: Lpj, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dana RT';
  const ws = wb.addWorksheet(`LPJ ${l.year.year}`, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, paperSize: 9 } });
  for (const [i, line] of l.office.letterhead.entries()) ws.addRow(xlsxRow([line])).font = { bold: true, size: i === 0 ? 12 : 11 };
  if (l.office.address) ws.addRow(xlsxRow([l.office.address]));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow([`LAPORAN PERTANGGUNGJAWABAN ${l.grantTitle} — KELURAHAN ${l.kelurahan.name.toUpperCase()}`])).font = { bold: true, size: 13 };
  ws.addRow(xlsxRow([`Kecamatan ${l.kelurahan.kecamatanName}, Kota Semarang · ${l.periodLabel}`]));
  if (l.number) ws.addRow(xlsxRow([`Nomor: ${l.number}`]));
  ws.addRow(xlsxRow([]));
  const head = ws.addRow(xlsxRow(header(l)));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  const first = head.number + 1;
  for (const r of l.rows) ws.addRow(xlsxRow([r.no, r.label, r.chairName, ...numbers(r), Number(r.realisation.replace(',', '.')), r.receipts, r.unverified, r.overdueSpj]));
  const last = first + l.rows.length - 1;
  // The totals are formulas over the rows above (the value beside each, for readers that do not recalculate).
  const moneyCols = numbers(l.totals).length;
  const t = l.totals;
  const total = ws.addRow(xlsxRow(['', 'JUMLAH', '']));
  const totalValues = [...numbers(t)];
  totalValues.forEach((v, i) => (total.getCell(4 + i).value = l.rows.length ? sumOf(4 + i, first, last, v) : v));
  const allocCol = columnLetter(4);
  const spentCol = columnLetter(4 + 2 + l.categories.length);
  total.getCell(4 + moneyCols).value = { formula: `IF(${allocCol}${total.number}=0,0,ROUND(${spentCol}${total.number}/${allocCol}${total.number}*100,1))`, result: Number(t.realisation.replace(',', '.')) };
  [t.receipts, t.unverified, t.overdueSpj].forEach((v, i) => (total.getCell(5 + moneyCols + i).value = l.rows.length ? sumOf(5 + moneyCols + i, first, last, v) : v));
  total.font = { bold: true };
  for (let c = 4; c < 4 + moneyCols; c++) ws.getColumn(c).numFmt = '#,##0';
  ws.getColumn(2).width = 18;
  ws.getColumn(3).width = 24;
  for (let c = 4; c < 4 + moneyCols; c++) ws.getColumn(c).width = 15;

  // Per category: plan, realised, the plan left (formulas), then the money returned and remaining.
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow(['', 'RENCANA DAN REALISASI PER KATEGORI'])).font = { bold: true };
  ws.addRow(xlsxRow(['', 'Kode', 'Kategori', 'Rencana (RAP)', 'Realisasi', 'Sisa rencana'])).font = { bold: true };
  const catFirst = ws.rowCount + 1;
  for (const c of l.byCategory) {
    const row = ws.addRow(xlsxRow(['', c.code, c.name, c.planned, c.spent]));
    row.getCell(6).value = { formula: `D${row.number}-E${row.number}`, result: c.remaining };
    row.getCell(6).numFmt = '#,##0';
  }
  const catLast = ws.rowCount;
  const catTotal = ws.addRow(xlsxRow(['', '', 'Jumlah']));
  catTotal.getCell(4).value = sumOf(4, catFirst, catLast, t.planned);
  catTotal.getCell(5).value = sumOf(5, catFirst, catLast, t.spent);
  catTotal.getCell(6).value = sumOf(6, catFirst, catLast, l.planLeft);
  catTotal.getCell(6).numFmt = '#,##0';
  catTotal.font = { bold: true };
  ws.addRow(xlsxRow(['', '', 'Dikembalikan ke Kas Daerah', t.returned]));
  ws.addRow(xlsxRow(['', '', 'Alokasi gugur', t.lapsed]));
  ws.addRow(xlsxRow(['', '', 'Sisa dana (belum dicairkan, dalam transfer, kas RT)', t.remaining]));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow([`Jumlah belanja terbilang: ${t.spentWords}`]));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow(['', '', '', '', '', '', l.place]));
  ws.addRow(xlsxRow(['', 'Mengetahui,']));
  ws.addRow(xlsxRow(['', `Lurah ${l.kelurahan.name}`, '', '', '', '', 'Bendahara Kelurahan']));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow([]));
  ws.addRow(xlsxRow(['', l.signatures.lurah.name ?? OFFICIAL_DOTS, '', '', '', '', l.signatures.bendahara ?? OFFICIAL_DOTS])).font = { bold: true };
  ws.addRow(xlsxRow(['', nipLine(l.signatures.lurah.nip), '', '', '', '', nipLine(l.signatures.bendaharaNip)]));
  if (checkpoint) {
    ws.addRow(xlsxRow([]));
    ws.addRow(xlsxRow([`Titik periksa buku besar: ${shortCheckpoint(checkpoint)} (#${checkpoint.seq}, kepala rantai ${checkpoint.head}; periksa di /publik/checkpoint)`])).font = { size: 8 };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A landscape A4 document an office would sign: letterhead, number, tables, totals in words, signatures. */
export function lpjPdf(l: Lpj, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  return pdfBuffer({ title: l.fileBase, landscape: true }, (doc) => {
    letterhead(doc, l.office);
    title(doc, `LAPORAN PERTANGGUNGJAWABAN (LPJ) ${l.grantTitle}`, `Kelurahan ${l.kelurahan.name}, Kecamatan ${l.kelurahan.kecamatanName}, Kota Semarang — ${l.periodLabel}`);
    numberLine(doc, l.number);
    const n = (head: string, width: number): Column => ({ head, width, align: 'right' });
    // Sized so that 25.000.000 and "RT 001 / RW 001" fit their cells at 7 pt with seven categories.
    const columns: Column[] = [n('No', 16), { head: 'RT/RW', width: 66 }, n('Alokasi', 58), n('Dicairkan', 52), ...l.categories.map((c) => n(c.code, 44)), n('Belanja', 52), n('Rencana', 56), n('Sisa', 58), n('Ke Kasda', 48), n('Gugur', 48), n('%', 26), n('Kw.', 22), n('Blm', 22), n('Tlt', 22)];
    const t = l.totals;
    const rows = l.rows.map((r) => [String(r.no), r.label, formatNumber(r.allocation), formatNumber(r.released), ...r.spentByCategory.map(formatNumber), formatNumber(r.spent), formatNumber(r.planned), formatNumber(r.remaining), formatNumber(r.returned), formatNumber(r.lapsed), r.realisation, String(r.receipts), String(r.unverified), String(r.overdueSpj)]);
    rows.push(['', 'JUMLAH', formatNumber(t.allocation), formatNumber(t.released), ...t.spentByCategory.map(formatNumber), formatNumber(t.spent), formatNumber(t.planned), formatNumber(t.remaining), formatNumber(t.returned), formatNumber(t.lapsed), t.realisation, String(t.receipts), String(t.unverified), String(t.overdueSpj)]);
    // More categories than the RT/RW grant's seven (another programme's): a smaller type so figures stay on one line.
    table(doc, columns, rows, new Set([rows.length - 1]), l.categories.length > 7 ? 6 : 7);
    const pageW = doc.page.width - 72;
    if (l.groups.length) {
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text('Per program dan jenis penerima', 36);
      doc.moveDown(0.2);
      const g = l.groups.map((x) => [x.label, String(x.count), formatNumber(x.allocation), formatNumber(x.released), formatNumber(x.spent), formatNumber(x.remaining), formatNumber(x.returned), formatNumber(x.lapsed)]);
      g.push([l.groupsTotalLabel, String(l.rows.length), formatNumber(t.allocation), formatNumber(t.released), formatNumber(t.spent), formatNumber(t.remaining), formatNumber(t.returned), formatNumber(t.lapsed)]);
      table(doc, [{ head: 'Penerima', width: 150 }, n('Jumlah', 50), n('Alokasi', 90), n('Dicairkan', 90), n('Belanja', 90), n('Sisa', 90), n('Ke Kasda', 80), n('Gugur', 80)], g, new Set([g.length - 1]));
    }
    doc.moveDown(0.6).font('Helvetica').fontSize(8).text(`Kategori: ${l.categories.map((c) => `${c.code} = ${c.name}`).join('; ')}. Sisa = belum dicairkan + dalam transfer + kas RT. Ke Kasda = dikembalikan ke Kas Daerah. Kw. = kuitansi, Blm = belum diverifikasi, Tlt = SPJ terlambat.`, 36, doc.y, { width: pageW });

    if (doc.y > doc.page.height - 220) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(10).text('Rencana dan realisasi per kategori', 36);
    doc.moveDown(0.2);
    const cats = l.byCategory.map((c) => [c.code, c.name, formatNumber(c.planned), formatNumber(c.spent), formatNumber(c.remaining), c.realisation]);
    cats.push(['', 'Jumlah', formatNumber(t.planned), formatNumber(t.spent), formatNumber(l.planLeft), '']);
    cats.push(['', 'Dikembalikan ke Kas Daerah', '', '', formatNumber(t.returned), '']);
    cats.push(['', 'Alokasi gugur (tidak dicairkan)', '', '', formatNumber(t.lapsed), '']);
    cats.push(['', 'Sisa dana (belum dicairkan, dalam transfer, kas RT)', '', '', formatNumber(t.remaining), '']);
    table(doc, [{ head: 'Kode', width: 40 }, { head: 'Kategori', width: 300 }, n('Rencana (RAP)', 100), n('Realisasi', 100), n('Sisa rencana / jumlah', 110), n('% realisasi', 60)], cats, new Set([cats.length - 4]));
    keepWithSignatures(doc, 50);
    doc.moveDown(0.6).font('Helvetica').fontSize(10).text(`Jumlah alokasi: ${formatOfficial(t.allocation)} (${t.allocationWords})`, 36);
    doc.text(`Jumlah belanja terverifikasi: ${formatOfficial(t.spent)} (${t.spentWords}); realisasi ${t.realisation} %.`);
    signatures(doc, l.place, [
      { over: 'Mengetahui,', role: `Lurah ${l.kelurahan.name}`, name: l.signatures.lurah.name, nip: l.signatures.lurah.nip },
      { role: 'Bendahara Kelurahan', name: l.signatures.bendahara, nip: l.signatures.bendaharaNip },
    ]);
    stampCheckpoint(doc, checkpoint, { runningHead: `LPJ Kelurahan ${l.kelurahan.name}, ${l.periodLabel}${l.number ? ` · Nomor ${l.number}` : ''}` });
  });
}
