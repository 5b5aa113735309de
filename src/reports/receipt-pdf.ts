/**
 * A receipt (kuitansi) printed to be signed: the RT's receipt number, received from the RT's
 * bendahara, the amount in figures and in words, what it paid for (its items), the seller's
 * signature over a meterai box when the amount needs a duty stamp, and the ketua and bendahara RT
 * acknowledging it. "Halaman x dari y" in the footer.
 */
import { formatTanggal } from '../domain/calendar';
import { formatNumber, formatOfficial } from '../domain/money';
import type { ReceiptDoc } from './shapes/receipt';
import { pdfBuffer, signatures, stampCheckpoint, table, type Column, type Doc } from './pdf-doc';

const right = (head: string, width: number): Column => ({ head, width, align: 'right' });

/** Label: value lines of the kuitansi. */
function field(doc: Doc, label: string, value: string, bold = false): void {
  const y = doc.y;
  const w = doc.page.width - 72;
  doc.font('Helvetica').fontSize(10).text(label, 36, y, { width: 130 });
  doc.text(':', 166, y, { width: 10 });
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(value, 180, y, { width: w - 144 });
  doc.x = 36;
  doc.moveDown(0.4);
}

/** The seller's signature: the place and date, "Yang menerima", a meterai box when required, the name. */
function sellerSignature(doc: Doc, r: ReceiptDoc): void {
  const w = doc.page.width - 72;
  const colW = w / 2;
  const x = 36 + colW;
  const top = doc.y + 10;
  doc.font('Helvetica').fontSize(10).text(r.place, x, top, { width: colW, align: 'center' });
  doc.text('Yang menerima,', x, top + 14, { width: colW, align: 'center' });
  if (r.meterai) {
    // The box the Rp10.000 meterai is stuck in, the signature across it.
    const bw = 70;
    const bh = 44;
    const bx = x + colW / 2 - bw / 2;
    doc.rect(bx, top + 32, bw, bh).dash(3, { space: 2 }).lineWidth(0.8).strokeColor('#000000').stroke().undash();
    doc.fontSize(8).text('Meterai', bx, top + 44, { width: bw, align: 'center' }).text('Rp10.000', bx, top + 55, { width: bw, align: 'center' }).fontSize(10);
  }
  doc.font('Helvetica-Bold').text(r.vendor, x, top + 86, { width: colW, align: 'center', underline: true });
  doc.font('Helvetica').fontSize(8).text('(nama jelas, tanda tangan, cap bila ada)', x, top + 100, { width: colW, align: 'center' }).fontSize(10);
  doc.x = 36;
  doc.y = top + 118;
}

export function receiptPdf(r: ReceiptDoc): Promise<Buffer> {
  return pdfBuffer({ title: r.fileBase }, (doc) => {
    const w = doc.page.width - 72;
    doc.font('Helvetica-Bold').fontSize(16).text('KUITANSI', 36, doc.y, { width: w, align: 'center', characterSpacing: 2 });
    doc.font('Helvetica').fontSize(10).text(`Nomor: ${r.number}/${r.label.replace(/ /g, '')}/${r.kelurahanName.toUpperCase()}/${r.year}`, 36, doc.y, { width: w, align: 'center' });
    doc.moveDown(1.2);
    field(doc, 'Sudah terima dari', `Bendahara ${r.label}, Kelurahan ${r.kelurahanName}, Kecamatan ${r.kecamatanName} (${r.grantName} ${r.year})`);
    field(doc, 'Uang sejumlah', formatOfficial(r.amount), true);
    field(doc, 'Terbilang', r.words);
    field(doc, 'Untuk pembayaran', `${r.description} (${r.category})`);
    field(doc, 'Tanggal', formatTanggal(r.date));
    if (r.notaNumber) field(doc, 'Nomor nota', r.notaNumber);
    if (r.items.length) {
      doc.moveDown(0.3);
      const rows = r.items.map((i, n) => [String(n + 1), i.name, formatNumber(i.quantity), formatNumber(i.unitPrice), formatNumber(i.quantity * i.unitPrice)]);
      rows.push(['', 'Jumlah', '', '', formatNumber(r.amount)]);
      table(doc, [right('No', 24), { head: 'Rincian', width: 250 }, right('Banyak', 50), right('Harga satuan', 80), right('Jumlah', 90)], rows, new Set([rows.length - 1]));
    }
    doc.moveDown(0.6).font('Helvetica').fontSize(8).fillColor('#444444');
    doc.text(
      r.meterai
        ? `Jumlah ${formatOfficial(r.amount)} tidak kurang dari ${formatOfficial(r.meteraiThreshold)}: kuitansi wajib bermeterai Rp10.000, ditandatangani di atas meterai.`
        : `Di bawah ${formatOfficial(r.meteraiThreshold)}: tanpa meterai.`,
      36,
      doc.y,
      { width: w },
    );
    doc.text(`Status di Dana RT saat dicetak: ${r.status}.`, 36, doc.y, { width: w }).fillColor('#000000');
    sellerSignature(doc, r);
    signatures(doc, '', [
      { over: 'Mengetahui,', role: `Ketua ${r.label}`, name: r.chairName },
      { over: 'Yang membayar,', role: `Bendahara ${r.label}`, name: r.treasurerName },
    ]);
    stampCheckpoint(doc, null, { runningHead: `Kuitansi ${r.number} ${r.label}, Kelurahan ${r.kelurahanName}` });
  });
}
