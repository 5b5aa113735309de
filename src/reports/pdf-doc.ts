/** Shared pdfkit pieces for official documents: a buffered document, a ruled table that repeats its head, a signature block. */
import PDFDocument from 'pdfkit';

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
export function table(doc: Doc, columns: Column[], rows: string[][], boldRows: Set<number> = new Set()): void {
  const pageW = doc.page.width - 72;
  const scale = pageW / columns.reduce((a, c) => a + c.width, 0);
  const widths = columns.map((c) => c.width * scale);
  const row = (cells: string[], bold: boolean) => {
    // A cell without a column has no width: pdfkit would lay it out for ever. A programming error, said at once.
    if (cells.length !== columns.length) throw new Error(`PDF table row has ${cells.length} cells for ${columns.length} columns`);
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    const height = Math.max(14, ...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 4 }) + 6));
    if (doc.y + height > doc.page.height - 50) {
      doc.addPage();
      if (cells !== heads) row(heads, true);
    }
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
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

/** Signature block: the place and date over the right column; one column per signer. */
export function signatures(doc: Doc, place: string, signers: Array<{ over?: string; role: string; name: string | null; note?: string }>): void {
  if (doc.y > doc.page.height - 150) doc.addPage();
  const pageW = doc.page.width - 72;
  const colW = pageW / signers.length;
  const top = doc.y + 16;
  doc.font('Helvetica').fontSize(10);
  doc.text(place, 36 + pageW - colW, top, { width: colW, align: 'center' });
  signers.forEach((s, i) => {
    const x = 36 + i * colW;
    if (s.over) doc.text(s.over, x, top + 14, { width: colW, align: 'center' });
    doc.text(s.role, x, top + 28, { width: colW, align: 'center' });
    doc.text(s.name ?? '(..............................)', x, top + 92, { width: colW, align: 'center' });
    if (s.note) doc.fontSize(8).text(s.note, x, top + 106, { width: colW, align: 'center' }).fontSize(10);
  });
  doc.x = 36;
  doc.y = top + 124;
}

export function title(doc: Doc, heading: string, sub: string): void {
  doc.font('Helvetica-Bold').fontSize(13).text(heading, { align: 'center' });
  doc.font('Helvetica').fontSize(10).text(sub, { align: 'center' }).moveDown(0.8);
}
