/**
 * Shared pdfkit pieces for official documents: a buffered document, the office's letterhead and
 * the document number, a ruled table that repeats its head, signature blocks with NIP, and the
 * finish every printed document carries: "Halaman x dari y" on each page (beside the ledger
 * checkpoint's short form when there is one), a QR code of the whole signed checkpoint on the
 * last page, and a watermark on every page of a draft.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatWaktu } from '../domain/calendar';
import { checkpointQr, shortCheckpoint, type SignedCheckpoint } from '../domain/ledger/checkpoint';

export type Doc = PDFKit.PDFDocument;

export function pdfBuffer(opts: { title: string; landscape?: boolean }, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Pages are kept until the end, so the checkpoint footer can be written on each (stampCheckpoint).
    const doc = new PDFDocument({ size: 'A4', layout: opts.landscape ? 'landscape' : 'portrait', margin: 36, bufferPages: true, info: { Title: opts.title, Author: 'Dana RT' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

export interface Column {
  head: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** A table: widths are relative and scaled to the page; the head is repeated on each new page. */
export function table(doc: Doc, columns: Column[], rows: string[][], boldRows: Set<number> = new Set(), fontSize = 8): void {
  const pageW = doc.page.width - 72;
  const scale = pageW / columns.reduce((a, c) => a + c.width, 0);
  const widths = columns.map((c) => c.width * scale);
  const row = (cells: string[], bold: boolean) => {
    // A cell without a column has no width: pdfkit would lay it out for ever. A programming error, said at once.
    if (cells.length !== columns.length) throw new Error(`PDF table row has ${cells.length} cells for ${columns.length} columns`);
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    const height = Math.max(14, ...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 4 }) + 6));
    if (doc.y + height > doc.page.height - 50) {
      doc.addPage();
      if (cells !== heads) row(heads, true);
    }
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    const y = doc.y;
    let x = 36;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 3, { width: widths[i]! - 4, align: columns[i]!.align ?? 'left' });
      x += widths[i]!;
    });
    doc.moveTo(36, y + height).lineTo(36 + pageW, y + height).strokeColor('#bbbbbb').lineWidth(0.5).stroke();
    doc.x = 36;
    doc.y = y + height + 1;
  };
  const heads = columns.map((c) => c.head);
  row(heads, true);
  rows.forEach((cells, i) => row(cells, boldRows.has(i)));
}

const DOTS = '..............................';

export interface Signer {
  /** "Mengetahui," over the role, for the superior. */
  over?: string;
  role: string;
  /** Null: a dotted line to write the name in. */
  name: string | null;
  /** A civil servant's NIP: a string prints it, null a dotted line; absent: no NIP line (RT officers). */
  nip?: string | null;
  note?: string;
}

/** The height one row of signatures takes (signatures() moves down by it). */
const SIGNATURE_ROW_H = 146;

/**
 * Before the closing lines of a document (its totals in words): a new page when those lines
 * (about `height` points) and `rows` rows of signatures would not fit on this one, so the
 * signatures never stand on a page of their own.
 */
export function keepWithSignatures(doc: Doc, height: number, rows = 1): void {
  if (doc.y + height + rows * SIGNATURE_ROW_H > doc.page.height - 40) doc.addPage();
}

/** Rows of signature blocks kept together on one page (a new page when they do not fit); the place and date over the first. */
export function signatureRows(doc: Doc, place: string, rows: Signer[][]): void {
  if (doc.y + rows.length * SIGNATURE_ROW_H > doc.page.height - 40) doc.addPage();
  rows.forEach((r, i) => signatures(doc, i === 0 ? place : '', r));
}

/** Signature block: the place and date over the right column (none when empty); one column per signer. */
export function signatures(doc: Doc, place: string, signers: Signer[]): void {
  if (doc.y + SIGNATURE_ROW_H > doc.page.height - 40) doc.addPage();
  const pageW = doc.page.width - 72;
  const colW = pageW / signers.length;
  const top = doc.y + 16;
  doc.font('Helvetica').fontSize(10);
  if (place) doc.text(place, 36 + pageW - colW, top, { width: colW, align: 'center' });
  signers.forEach((s, i) => {
    const x = 36 + i * colW;
    doc.font('Helvetica').fontSize(10);
    if (s.over) doc.text(s.over, x, top + 14, { width: colW, align: 'center' });
    doc.text(s.role, x, top + 28, { width: colW - 8, align: 'center' });
    doc.font(s.name ? 'Helvetica-Bold' : 'Helvetica').text(s.name ?? `(${DOTS})`, x, top + 92, { width: colW, align: 'center', underline: !!s.name });
    doc.font('Helvetica').fontSize(9);
    let y = top + 106;
    if (s.nip !== undefined) {
      doc.text(`NIP. ${s.nip ?? DOTS}`, x, y, { width: colW, align: 'center' });
      y += 12;
    }
    if (s.note) doc.fontSize(8).text(s.note, x, y, { width: colW, align: 'center' });
    doc.fontSize(10);
  });
  doc.x = 36;
  doc.y = top + 130;
}

/** The issuing office's letterhead: its lines centred in bold, the address under them, a double rule. */
export function letterhead(doc: Doc, head: { letterhead: string[]; address?: string | null }): void {
  const pageW = doc.page.width - 72;
  head.letterhead.forEach((l, i) => doc.font('Helvetica-Bold').fontSize(i === 0 ? 12 : 11).text(l, 36, doc.y, { width: pageW, align: 'center' }));
  if (head.address) doc.font('Helvetica').fontSize(9).text(head.address, 36, doc.y, { width: pageW, align: 'center' });
  const y = doc.y + 4;
  doc.moveTo(36, y).lineTo(36 + pageW, y).lineWidth(1.5).strokeColor('#000000').stroke();
  doc.moveTo(36, y + 3).lineTo(36 + pageW, y + 3).lineWidth(0.5).stroke();
  doc.x = 36;
  doc.y = y + 12;
}

/** "Nomor: 007/SPJ/RT001-RW001/PLB/XI/2026" under the title. */
export function numberLine(doc: Doc, number: string | null | undefined): void {
  if (!number) return;
  doc.font('Helvetica').fontSize(10).text(`Nomor: ${number}`, 36, doc.y, { width: doc.page.width - 72, align: 'center' }).moveDown(0.6);
}

export function title(doc: Doc, heading: string, sub: string): void {
  doc.font('Helvetica-Bold').fontSize(13).text(heading, { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(sub, { align: 'center' }).moveDown(0.8);
}

/** The QR code's side, quiet zone included: 3.5 cm (≥ 2 cm, so a phone reads its ~0.5 mm modules off paper). */
const QR_SIDE = (3.5 / 2.54) * 72;
/** Height of the checkpoint block stampCheckpoint draws at the end (QR and its text, with the gap above). */
export const CHECKPOINT_BLOCK_HEIGHT = QR_SIDE + 18;
/** Modules of white around the code (the QR standard's quiet zone). */
const QR_QUIET = 4;

/** A QR code drawn as vector squares (runs of dark modules merged), from qrcode's matrix: no image. */
export function qrCode(doc: Doc, text: string, x: number, y: number, side: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const n = qr.modules.size;
  const m = side / (n + 2 * QR_QUIET);
  doc.save();
  doc.rect(x, y, side, side).fill('#ffffff');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; ) {
      if (!qr.modules.get(r, c)) {
        c += 1;
        continue;
      }
      let run = 1;
      while (c + run < n && qr.modules.get(r, c + run)) run += 1;
      doc.rect(x + (QR_QUIET + c) * m, y + (QR_QUIET + r) * m, run * m, m);
      c += run;
    }
  }
  doc.fill('#000000');
  doc.restore();
}

/** A large diagonal word across the middle of the current page (the draft mark). */
function watermark(doc: Doc, word: string): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.save();
  const cx = doc.page.width / 2;
  const cy = doc.page.height / 2;
  doc.rotate(-35, { origin: [cx, cy] });
  doc.font('Helvetica-Bold').fontSize(140).fillColor('#c00000').fillOpacity(0.13);
  const w = doc.widthOfString(word);
  doc.text(word, cx - w / 2, cy - 70, { lineBreak: false });
  doc.restore();
  doc.fillOpacity(1).fillColor('#000000');
  doc.page.margins.bottom = bottom;
}

/**
 * The finish of a printed document (call it last, inside pdfBuffer's draw): on the last page a QR
 * code of the whole signed checkpoint with how to check it (when there is a checkpoint); on every
 * page the footer "Halaman x dari y" (after the checkpoint's short form: 16 hex of the chain head
 * and the entry count), the watermark of a draft, and from the second page the running head.
 */
export function stampCheckpoint(doc: Doc, c: SignedCheckpoint | null | undefined, opts: { watermark?: string | null; runningHead?: string | null } = {}): void {
  const pageW = doc.page.width - 72;
  const short = c ? shortCheckpoint(c) : null;
  if (c) {
    // The QR block on the last page, below what is there (a new page when it does not fit).
    const blockH = QR_SIDE + 8;
    if (doc.y + blockH > doc.page.height - 50) doc.addPage();
    const top = Math.max(doc.y + 10, doc.page.height - 50 - blockH);
    qrCode(doc, checkpointQr(c), 36, top, QR_SIDE);
    const tx = 36 + QR_SIDE + 10;
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#000000').text(`Titik periksa buku besar: ${short}`, tx, top + 10, { width: pageW - QR_SIDE - 10 });
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(
        `Titik periksa #${c.seq}, ditandatangani server (Ed25519) ${formatWaktu(c.signedAt)}: kepala rantai hash jurnal #${c.entryCount} = ${c.head}. ` +
          `Kunci ${c.keyId.slice(0, 16)}…. QR memuat titik periksa lengkap dengan tanda tangannya. ` +
          `Periksa: bandingkan dengan /publik/checkpoint dan /publik/kunci-publik.pem, atau npm run verify -- --anchor ${short}.`,
        { width: pageW - QR_SIDE - 10 },
      );
  }
  // The footer of every page (the bottom margin lifted so pdfkit adds no page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (opts.watermark) watermark(doc, opts.watermark);
    // From the second page on, what the document is (its name and number) at the top.
    if (opts.runningHead && i > range.start) doc.font('Helvetica').fontSize(7).fillColor('#444444').text(opts.runningHead, 36, 18, { width: pageW, lineBreak: false });
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const pages = `Halaman ${i - range.start + 1} dari ${range.count}`;
    doc.font('Helvetica').fontSize(7).fillColor('#444444').text(short ? `Titik periksa buku besar ${short} · ${pages}` : pages, 36, doc.page.height - 24, { width: pageW, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000000');
}
