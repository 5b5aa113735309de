/** Demo documents for the seed: a berita acara PDF as an RT would upload it. */
import PDFDocument from 'pdfkit';

export function beritaAcaraPdf(o: { rtLabel: string; kelurahan: string; year: number; chair: string; date: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Berita Acara ${o.rtLabel}`, Producer: 'Dana RT (data demo)' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(14).text('BERITA ACARA MUSYAWARAH WARGA', { align: 'center' });
    doc.font('Helvetica').fontSize(11).text(`${o.rtLabel} Kelurahan ${o.kelurahan}, Kota Semarang`, { align: 'center' }).moveDown(1.5);
    doc.text(
      `Pada tanggal ${o.date} telah dilaksanakan musyawarah warga untuk membahas dan menyepakati Rencana Anggaran Penggunaan (RAP) dana operasional RT tahun ${o.year} sebesar Rp 25.000.000,00 (dua puluh lima juta rupiah).`,
      { align: 'justify' },
    );
    doc.moveDown().text('Musyawarah dihadiri oleh pengurus RT dan warga dari sedikitnya lima kepala keluarga, dan menyepakati rencana sebagaimana terlampir.', { align: 'justify' });
    doc.moveDown(2).text(`Ketua ${o.rtLabel}`, { continued: false });
    doc.moveDown(3).text(o.chair);
    doc.moveDown(2).fontSize(9).fillColor('#666').text('Dokumen contoh yang dibuat oleh data demo Dana RT.');
    doc.end();
  });
}
