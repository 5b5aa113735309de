/**
 * What one uploaded photo costs, step by step, in this process (helper 27b, issue 15 item 7):
 * the median CPU time of N runs of each step on the bench's photos (a 1600×1200 phone photo at quality 80
 * and a 320×240 item photo), the whole of an upload's image work before (check decode, then
 * the thumbnail decoded again after the commit with the encoder as it was) and now (one decode
 * for the check, the fingerprint and the thumbnail).
 *
 *   nice -n 19 npx tsx scripts/upload-steps.ts [--runs 30]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { checkJpeg } from '../src/domain/evidence/jpeg';
import { greySquare, perceptualHash } from '../src/domain/evidence/perceptual-hash';
import { examineBytes, examineKeepingPixels, MAX_IMAGE_PIXELS } from '../src/app/examine-file';
import { decodeUpright } from '../src/app/image-fingerprint';
import { makeThumbnail, STEPS, THUMB_MAX_BYTES, THUMB_SIDE, thumbnailOfRaster } from '../src/app/thumbnail';
import { phonePhoto } from './lib/phone-photos';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const RUNS = Number(values.runs ?? 30);
sharp.cache(false);

const median = async (f: () => Promise<unknown> | unknown): Promise<number> => {
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = process.cpuUsage();
    await f();
    const d = process.cpuUsage(a);
    t.push((d.user + d.system) / 1000);
  }
  return t.sort((a, b) => a - b)[RUNS >> 1]!;
};

/** The thumbnail as it was made before (decode, JPEG intermediate, effort 4 with smart subsampling, a decode per step). */
async function thumbnailBefore(bytes: Buffer): Promise<Buffer | null> {
  const base = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate().resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true }).toBuffer();
  // The same steps as today's thumbnail (src/app/thumbnail.ts), tried one by one at the old settings.
  for (const { side, quality } of STEPS) {
    const img = sharp(base);
    if (side < THUMB_SIDE) img.resize(side, side, { fit: 'inside', withoutEnlargement: true });
    const out = await img.webp({ quality, effort: 4, smartSubsample: true }).toBuffer();
    if (out.length <= THUMB_MAX_BYTES) return out;
  }
  const last = await sharp(base).resize(320, 320, { fit: 'inside', withoutEnlargement: true }).greyscale().webp({ quality: 20 }).toBuffer();
  return last.length <= THUMB_MAX_BYTES ? last : null;
}

const noise = (w: number, h: number) => sharp(Buffer.from(Array.from({ length: w * h * 3 }, () => (Math.random() * 256) | 0)), { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
const photos = { 'nota 1600×1200': await phonePhoto(7, { width: 1600, height: 1200, quality: 80, grain: 9 }), 'item photo 320×240 (noise)': await noise(320, 240) };
const f = (ms: number) => ms.toFixed(1).padStart(6);
console.log(`median of ${RUNS} runs, ms of CPU (every thread of this process: libvips' pool included; wall time depends on the machine's load)`);
for (const [name, b] of Object.entries(photos)) {
  const raster = await decodeUpright(b, MAX_IMAGE_PIXELS);
  const before = await thumbnailBefore(b);
  const after = await thumbnailOfRaster(raster).catch(() => null);
  console.log(`\n${name}, ${(b.length / 1024).toFixed(0)} KB`);
  console.log(`  type by bytes             ${f(await median(() => fileTypeFromBuffer(b)))}`);
  console.log(`  JPEG marker walk          ${f(await median(() => checkJpeg(b)))}`);
  console.log(`  header (pixel budget)     ${f(await median(() => sharp(b).metadata()))}`);
  console.log(`  decode upright (libvips)  ${f(await median(() => decodeUpright(b, MAX_IMAGE_PIXELS)))}`);
  console.log(`  pixel SHA-256             ${f(await median(() => createHash('sha256').update(raster.data).digest('hex')))}`);
  console.log(`  grey square + pHash       ${f(await median(() => perceptualHash(greySquare(raster.data, raster.info.width, raster.info.height, raster.info.channels))))}`);
  console.log(`  thumbnail before (decode again, effort 4, smart subsample)  ${f(await median(() => thumbnailBefore(b)))}  → ${before ? `${before.length} B` : 'over budget, none'}`);
  console.log(`  thumbnail from the bytes now (makeThumbnail)                ${f(await median(() => makeThumbnail(b).catch(() => null)))}`);
  console.log(`  thumbnail from the decoded pixels now (thumbnailOfRaster)   ${f(await median(() => thumbnailOfRaster(raster).catch(() => null)))}  → ${after ? `${after.length} B` : 'over budget, none'}`);
  console.log(`  upload before: examineBytes + thumbnail from the bytes      ${f(await median(async () => { await examineBytes(b); await thumbnailBefore(b); }))}`);
  console.log(`  upload now: one decode, check + fingerprint + thumbnail     ${f(await median(async () => { const { raster: r } = await examineKeepingPixels(b); if (r) await thumbnailOfRaster(r).catch(() => null); }))}`);
}
