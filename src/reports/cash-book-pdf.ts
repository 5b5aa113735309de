/**
 * The RT cash book (BKU) and the monthly SPJ as PDF documents an office signs: the kelurahan's
 * letterhead, the document number, the book with corrections as "koreksi" lines (never income),
 * the closing balance in words, signature blocks, the SPJ's status (a "DRAF" watermark on every
 * page until it is verified), and "Halaman x dari y" on every page.
 */
import { formatTanggal, formatWaktu } from '../domain/calendar';
import { formatNumber, formatOfficial } from '../domain/money';
import type { CashBookDoc as CashBook, SpjDoc as SpjDocument } from './shapes/cash-book';
import type { SignedCheckpoint } from '../domain/ledger/checkpoint';
import { keepWithSignatures, letterhead, numberLine, pdfBuffer, signatureRows, signatures, stampCheckpoint, table, title, type Column, type Doc, type Signer } from './pdf-doc';

const right = (head: string, width: number): Column => ({ head, width, align: 'right' });
const BKU_COLUMNS: Column[] = [{ head: 'Tanggal', width: 80 }, { head: 'Nomor bukti', width: 62 }, { head: 'Uraian', width: 188 }, right('Penerimaan', 70), right('Pengeluaran', 70), right('Saldo', 70)];

/** A money cell: empty for nothing, negative for a correction ("-250.000"). */
const cell = (n: number) => (n ? formatNumber(n) : '');

function bkuRows(b: CashBook): string[][] {
  return [
    ['', '', 'Saldo awal', '', '', formatNumber(b.opening)],
    ...b.lines.map((l) => [formatTanggal(l.date), l.voucher, l.correction ? `${l.description} (koreksi)` : l.description, cell(l.received), cell(l.paid), formatNumber(l.balance)]),
    ['', '', 'Jumlah / saldo akhir', formatNumber(b.received), formatNumber(b.paid), formatNumber(b.closing)],
  ];
}

function bookNotes(doc: Doc, b: CashBook): void {
  const w = doc.page.width - 72;
  keepWithSignatures(doc, 60);
  if (b.lines.some((l) => l.correction)) {
    doc.moveDown(0.3).font('Helvetica').fontSize(8).text('Koreksi: jurnal balik atas transaksi sebelumnya, dicatat sebagai pengurang pada kolom transaksi yang dikoreksi (pengeluaran atau penerimaan), bukan sebagai penerimaan.', 36, doc.y, { width: w });
  }
  doc.moveDown(0.5).font('Helvetica').fontSize(10).text(`Saldo akhir: ${formatOfficial(b.closing)}`, 36, doc.y, { width: w });
  doc.font('Helvetica-Oblique').text(`Terbilang: ${b.closingWords}`, 36, doc.y, { width: w });
}

const rtSigners = (b: CashBook): Signer[] => [
  { over: 'Mengetahui,', role: `Ketua ${b.label}`, name: b.rt.chairName },
  { role: `Bendahara ${b.label}`, name: b.rt.treasurerName },
];

const runningHead = (name: string, b: CashBook) => `${name} ${b.label}, Kelurahan ${b.rt.kelurahanName}${b.number ? ` · Nomor ${b.number}` : ''}`;

function heading(doc: Doc, b: CashBook, name: string, sub: string): void {
  letterhead(doc, b.office);
  title(doc, name, sub);
  numberLine(doc, b.number);
}

/** `checkpoint`: the signed ledger checkpoint the printed copy carries (footer and QR). */
export function cashBookPdf(b: CashBook, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  return pdfBuffer({ title: b.fileBase }, (doc) => {
    heading(doc, b, `BUKU KAS UMUM (BKU) ${b.grantTitle}`, `${b.label}, Kelurahan ${b.rt.kelurahanName}, Kecamatan ${b.rt.kecamatanName} — ${b.periodLabel}`);
    const rows = bkuRows(b);
    table(doc, BKU_COLUMNS, rows, new Set([0, rows.length - 1]));
    bookNotes(doc, b);
    signatures(doc, b.place, rtSigners(b));
    stampCheckpoint(doc, checkpoint, { runningHead: runningHead('BKU', b) });
  });
}

/** The SPJ's status box: verified by whom and when, or why it is still a draft. */
function statusBox(doc: Doc, d: SpjDocument): void {
  const w = doc.page.width - 72;
  const s = d.status;
  const text = s.verified
    ? `Status: ${s.label} oleh ${s.verifierName ?? 'bendahara kelurahan'} pada ${s.decidedAt ? formatWaktu(s.decidedAt) : '-'}.`
    : `Status: ${s.label} (diajukan ${formatWaktu(s.submittedAt)}${s.decidedAt && s.verifierName ? `; diputuskan oleh ${s.verifierName} pada ${formatWaktu(s.decidedAt)}` : ''}). DRAF: belum sah sebagai pertanggungjawaban sampai diverifikasi bendahara kelurahan.`;
  const top = doc.y;
  doc.font('Helvetica-Bold').fontSize(9);
  const h = doc.heightOfString(text, { width: w - 12 }) + 10;
  doc.rect(36, top, w, h).lineWidth(1).strokeColor(s.verified ? '#000000' : '#c00000').stroke();
  doc.fillColor(s.verified ? '#000000' : '#c00000').text(text, 42, top + 5, { width: w - 12 }).fillColor('#000000');
  doc.x = 36;
  doc.y = top + h + 8;
}

export function spjPdf(d: SpjDocument, checkpoint?: SignedCheckpoint | null): Promise<Buffer> {
  return pdfBuffer({ title: d.fileBase }, (doc) => {
    heading(doc, d, `SURAT PERTANGGUNGJAWABAN (SPJ) ${d.grantTitle}`, `${d.label}, Kelurahan ${d.rt.kelurahanName}, Kecamatan ${d.rt.kecamatanName} — ${d.monthLabel}`);
    statusBox(doc, d);
    doc.font('Helvetica-Bold').fontSize(10).text('A. Daftar kuitansi', 36);
    table(
      doc,
      [{ head: 'Tanggal', width: 70 }, { head: 'No.', width: 42 }, { head: 'Kategori', width: 92 }, { head: 'Uraian dan penjual', width: 156 }, right('Jumlah', 60), { head: 'Meterai', width: 40 }, { head: 'Status', width: 62 }],
      d.receipts.map((r) => [
        formatTanggal(r.date),
        r.voucher,
        r.categoryName,
        `${r.description} — ${r.vendor}${r.notaNumber ? `, nota ${r.notaNumber}` : ''}`,
        formatNumber(r.amount),
        r.meterai ? 'wajib' : '-',
        r.verified ? 'terverifikasi' : 'belum diputuskan',
      ]),
    );
    doc.moveDown(0.2).font('Helvetica').fontSize(8).text(`Kuitansi ${formatOfficial(d.meteraiThreshold)} atau lebih wajib bermeterai Rp10.000. Nomor kuitansi: nomor urut RT dalam tahun program.`, 36);
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('B. Jumlah per kategori (terverifikasi)', 36);
    const cats = d.byCategory.map((c) => [c.name, formatNumber(c.amount)]);
    cats.push(['Jumlah', formatNumber(d.verifiedTotal)]);
    table(doc, [{ head: 'Kategori', width: 350 }, right('Jumlah', 100)], cats, new Set([cats.length - 1]));
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text('C. Buku kas bulan ini', 36);
    const rows = bkuRows(d);
    table(doc, BKU_COLUMNS, rows, new Set([0, rows.length - 1]));
    keepWithSignatures(doc, 50, 2);
    doc.moveDown(0.6).font('Helvetica').fontSize(10).text(`Jumlah belanja terverifikasi ${formatOfficial(d.verifiedTotal)} (${d.verifiedWords}). Kas awal ${formatOfficial(d.opening)}, kas akhir ${formatOfficial(d.closing)} (${d.closingWords}).`, 36);
    signatureRows(doc, d.place, [
      rtSigners(d),
      [
        { over: 'Mengetahui,', role: `Lurah ${d.rt.kelurahanName}`, name: d.lurah.name, nip: d.lurah.nip },
        { over: d.status.verified ? 'Diverifikasi,' : 'Verifikasi,', role: 'Bendahara Kelurahan', name: d.bendaharaKelurahan.name, nip: d.bendaharaKelurahan.nip },
      ],
    ]);
    stampCheckpoint(doc, checkpoint, { watermark: d.status.verified ? null : 'DRAF', runningHead: runningHead(`SPJ ${d.monthLabel}`, d) });
  });
}
