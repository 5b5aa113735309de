/** Demo documents for the seed: a berita acara PDF as an RT would upload it. */
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

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

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A photo-like JPEG of a shop receipt, a goods photo, an activity photo or an attendance list. */
export async function evidenceImage(kind: 'nota' | 'foto_barang' | 'foto_kegiatan' | 'daftar_hadir', lines: string[], seed: number): Promise<Buffer> {
  const hue = (seed * 47) % 360;
  const w = 640;
  const h = 820;
  const body =
    kind === 'nota'
      ? `<rect width="100%" height="100%" fill="#d9d4c7"/><rect x="120" y="40" width="400" height="740" fill="#fffef8" transform="rotate(${(seed % 5) - 2} 320 410)"/>`
      : kind === 'daftar_hadir'
        ? `<rect width="100%" height="100%" fill="#f4f4f0"/>${Array.from({ length: 14 }, (_, i) => `<line x1="40" y1="${190 + i * 40}" x2="600" y2="${190 + i * 40}" stroke="#999"/>`).join('')}`
        : `<rect width="100%" height="100%" fill="hsl(${hue},45%,70%)"/><circle cx="${200 + (seed % 200)}" cy="420" r="150" fill="hsl(${(hue + 120) % 360},50%,55%)"/><rect x="60" y="560" width="520" height="180" fill="hsl(${(hue + 200) % 360},35%,45%)"/>`;
  const text = lines
    .map((l, i) => `<text x="${kind === 'nota' ? 150 : 50}" y="${100 + i * 34}" font-size="${i === 0 ? 28 : 22}" font-family="DejaVu Sans, sans-serif" fill="#222">${esc(l)}</text>`)
    .join('');
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}${text}</svg>`);
  return sharp(svg).jpeg({ quality: 72 }).toBuffer();
}
