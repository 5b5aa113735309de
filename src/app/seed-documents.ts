/**
 * Demo documents for the seed, the tests, the crash test and the bench: a berita acara PDF as an
 * RT would upload it, photo-like JPEGs, and cheap photos and one-page PDFs that differ by their
 * content (pixels, text), never only by a comment or appended bytes, which the duplicate rule
 * sees through.
 */
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { prng } from './prng';
import { formatOfficial, terbilang } from '../domain/money';

/** `grant`: another programme's grantee (its name and yearly allocation); absent, the RT grant's Rp25.000.000. */
export function beritaAcaraPdf(o: { rtLabel: string; kelurahan: string; year: number; chair: string; date: string; grant?: { name: string; allocationRupiah: number } }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Berita Acara ${o.rtLabel}`, Producer: 'Dana RT (data demo)' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(14).text('BERITA ACARA MUSYAWARAH WARGA', { align: 'center' });
    doc.font('Helvetica').fontSize(11).text(`${o.rtLabel} Kelurahan ${o.kelurahan}, Kota Semarang`, { align: 'center' }).moveDown(1.5);
    doc.text(
      `Pada tanggal ${o.date} telah dilaksanakan musyawarah warga untuk membahas dan menyepakati Rencana Anggaran Penggunaan (RAP) ${o.grant ? `${o.grant.name} tahun ${o.year} sebesar ${formatOfficial(o.grant.allocationRupiah)} (${terbilang(o.grant.allocationRupiah)})` : `dana operasional RT tahun ${o.year} sebesar Rp 25.000.000,00 (dua puluh lima juta rupiah)`}.`,
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

/**
 * Light and shadow drawn from the seed: a few large soft patches, as a photo taken on another
 * table under another lamp. They make two demo photos differ in their coarse shapes (their
 * perceptual hashes lie far apart), not only in the text, which a 32×32 reduction averages away.
 */
function seededShading(seed: number, w: number, h: number): string {
  const r = prng(seed * 7919 + 17);
  return Array.from({ length: 7 }, () => {
    const fill = r() < 0.5 ? '#000' : '#fff';
    return `<ellipse cx="${Math.round(r() * w)}" cy="${Math.round(r() * h)}" rx="${Math.round(60 + r() * 200)}" ry="${Math.round(60 + r() * 240)}" fill="${fill}" fill-opacity="${(0.12 + r() * 0.25).toFixed(2)}"/>`;
  }).join('');
}

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
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}${seededShading(seed, w, h)}${text}</svg>`);
  return sharp(svg).jpeg({ quality: 72 }).toBuffer();
}

/** FNV-1a of a text: a seed for rand32. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Pixels of noise drawn from the text (8-bit RGB, row by row). */
function seededPixels(text: string, width: number, height: number): Buffer {
  const r = prng(seedOf(text));
  const pixels = Buffer.allocUnsafe(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(r() * 256);
  return pixels;
}

/**
 * A small JPEG of noise drawn from the text: other text, other pixels, and a perceptual hash
 * that lies as far from any other as chance puts it (~32 of 64 bits). About 0,2 ms.
 */
export function seededPhoto(text: string, width = 32, height = 24): Promise<Buffer> {
  return sharp(seededPixels(text, width, height), { raw: { width, height, channels: 3 } }).jpeg({ quality: 75 }).toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let c = 0xffffffff;
  for (const b of body) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((c ^ 0xffffffff) >>> 0, body.length + 4);
  return out;
}

/**
 * A small PNG of noise drawn from the text, written here (no libvips) with the pixels it holds:
 * PNG is lossless, so these are exactly its decoded pixels, and a generator can fingerprint
 * them (fingerprintPixels) without decoding the file again. About 0,05 ms.
 */
/** `pixels` (width × height × 3 bytes) may come from elsewhere: the bench city draws them from SHA-256, 32-bit seeds collide past ~70,000 photos. */
export function seededPng(text: string, width = 16, height = 12, pixels = seededPixels(text, width, height)): { png: Buffer; pixels: Buffer; width: number; height: number; channels: 3 } {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (1 + width * 3) + 1, y * width * 3, (y + 1) * width * 3);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
  return { png, pixels, width, height, channels: 3 };
}

/** A real one-page PDF (pdfkit, the standard Helvetica, no compression needed) with a title and lines of text. */
export function onePagePdf(title: string, lines: readonly string[] = []): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, compress: false, info: { Title: title, Producer: 'Dana RT (data uji)' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(14).text(title, { align: 'center' });
    doc.font('Helvetica').fontSize(11);
    for (const l of lines) doc.text(l);
    doc.end();
  });
}
