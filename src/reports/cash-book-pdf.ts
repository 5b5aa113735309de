/** The RT cash book (BKU) and the monthly SPJ as PDF documents with their signature blocks. */
import { formatTanggal } from '../domain/calendar';
import { formatNumber, formatOfficial } from '../domain/money';
import type { CashBookDoc as CashBook, SpjDoc as SpjDocument } from './shapes/cash-book';
import type { SignedCheckpoint } from '../domain/ledger/checkpoint';
import { pdfBuffer, signatures, stampCheckpoint, table, title, type Column } from './pdf-doc';

const right = (head: string, width: number): Column => ({ head, width, align: 'right' });
const BKU_COLUMNS: Column[] = [{ head: 'Tanggal', width: 70 }, { head: 'Nomor bukti', width: 60 }, { head: 'Uraian', width: 200 }, right('Penerimaan', 70), right('Pengeluaran', 70), right('Saldo', 70)];

function bkuRows(b: CashBook): string[][] {
  return [
    ['', '', 'Saldo awal', '', '', formatNumber(b.opening)],
    ...b.lines.map((l) => [formatTanggal(l.date), l.voucher, l.description, l.received ? formatNumber(l.received) : '', l.paid ? formatNumber(l.paid) : '', formatNumber(l.balance)]),
    ['', '', 'Jumlah / saldo akhir', formatNumber(b.received), formatNumber(b.paid), formatNumber(b.closing)],
  ];
}

const rtSigners = (b: CashBook) => [
  { over: 'Mengetahui,', role: `Ketua ${b.label}`, name: b.rt.chairName },
  { role: `Bendahara ${b.label}`, name: b.rt.treasurerName },
];

/** `checkpoint`: the signed ledger checkpoint the printed copy carries (footer and QR). */
export function cashBookPdf(b: CashBook, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  return pdfBuffer({ title: b.fileBase }, (doc) => {
    title(doc, 'BUKU KAS UMUM (BKU) DANA OPERASIONAL RT', `${b.label}, Kelurahan ${b.rt.kelurahanName}, Kecamatan ${b.rt.kecamatanName} — ${b.periodLabel}`);
    const rows = bkuRows(b);
    table(doc, BKU_COLUMNS, rows, new Set([0, rows.length - 1]));
    doc.moveDown(0.6).font('Helvetica').fontSize(10).text(`Saldo akhir: ${formatOfficial(b.closing)}`);
    signatures(doc, b.place, rtSigners(b));
    stampCheckpoint(doc, checkpoint);
  });
}

export function spjPdf(d: SpjDocument, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  return pdfBuffer({ title: d.fileBase }, (doc) => {
    title(doc, 'SURAT PERTANGGUNGJAWABAN (SPJ) DANA OPERASIONAL RT', `${d.label}, Kelurahan ${d.rt.kelurahanName}, Kecamatan ${d.rt.kecamatanName} — ${d.monthLabel}`);
    doc.font('Helvetica-Bold').fontSize(10).text('A. Daftar kuitansi');
    table(
      doc,
      [{ head: 'Tanggal', width: 70 }, { head: 'No.', width: 40 }, { head: 'Kategori', width: 50 }, { head: 'Uraian dan penjual', width: 220 }, right('Jumlah', 80), { head: 'Status', width: 70 }],
      d.receipts.map((r) => [formatTanggal(r.date), `KW-${r.id}`, r.category, `${r.description} — ${r.vendor}${r.notaNumber ? `, nota ${r.notaNumber}` : ''}`, formatNumber(r.amount), r.verified ? 'terverifikasi' : 'belum diputuskan']),
    );
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('B. Jumlah per kategori (terverifikasi)', 36);
    const cats = d.byCategory.map((c) => [c.code, c.name, formatNumber(c.amount)]);
    cats.push(['', 'Jumlah', formatNumber(d.verifiedTotal)]);
    table(doc, [{ head: 'Kode', width: 50 }, { head: 'Kategori', width: 300 }, right('Jumlah', 100)], cats, new Set([cats.length - 1]));
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('C. Buku kas bulan ini', 36);
    const rows = bkuRows(d);
    table(doc, BKU_COLUMNS, rows, new Set([0, rows.length - 1]));
    doc.moveDown(0.6).font('Helvetica').fontSize(10).text(`Jumlah belanja terverifikasi ${formatOfficial(d.verifiedTotal)} (${d.verifiedWords}). Kas awal ${formatOfficial(d.opening)}, kas akhir ${formatOfficial(d.closing)}.`, 36);
    signatures(doc, d.place, rtSigners(d));
    stampCheckpoint(doc, checkpoint);
  });
}
