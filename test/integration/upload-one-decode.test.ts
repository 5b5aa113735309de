/**
 * Helper 27b (issue 15, item 7's budget): an uploaded photo is decoded once, and its check, its
 * pixel hash, its pHash and its review thumbnail all come from that decode. What must not move:
 * - the stored fingerprints: for the same file, the pixel SHA-256 and the pHash are exactly the
 *   values the code before this change computed (existing databases and `verify` recompute them),
 *   compared here against that code, copied below as it was, on JPEG with EXIF orientation, PNG,
 *   WebP, greyscale, transparency, CMYK, tiny and appended-bytes files;
 * - each file's verdict (examineBytes, in this thread and on the worker pool);
 * - the thumbnail's rules: WebP of at most THUMB_MAX_BYTES, at most THUMB_SIDE a side, upright.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { greySquare, perceptualHash } from '../../src/domain/evidence/perceptual-hash';
import { examineBytes, examineKeepingPixels, MAX_IMAGE_PIXELS } from '../../src/app/examine-file';
import { fingerprintImage } from '../../src/app/image-fingerprint';
import { BusyWindow } from '../../src/app/busy-window';
import { ImageWorkers } from '../../src/app/image-workers';
import { makeThumbnail, THUMB_MAX_BYTES, THUMB_SIDE, thumbnailOfRaster } from '../../src/app/thumbnail';
import { ThumbnailStore } from '../../src/app/thumbnail-store';
import { EvidenceStore } from '../../src/app/evidence-store';

/** fingerprintImage as it was before helper 27b (commit 350c099), verbatim but for its name. */
async function fingerprintBefore(buffer: Buffer, maxPixels: number | false = false) {
  const { data, info } = await sharp(buffer, { limitInputPixels: maxPixels, failOn: 'truncated' })
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const header = Buffer.from(`${info.width}x${info.height}x${info.channels}\n`);
  const pixelSha256 = createHash('sha256').update(header).update(data).digest('hex');
  return { pixelSha256, phash: perceptualHash(greySquare(data, info.width, info.height, info.channels)) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-27b-'));
let n = 0;
const onDisk = (bytes: Buffer) => {
  const file = path.join(dir, `f${n++}`);
  fs.writeFileSync(file, bytes);
  return file;
};
const pool = new ImageWorkers(1, 2);
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A scene whose left half is red and right half blue, with grain: which way up it shows can be told. */
const scene = (w: number, h: number) => {
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const g = (Math.random() * 40) | 0;
      px[i] = (x < w / 2 ? 200 : 40) + g;
      px[i + 1] = 60 + g;
      px[i + 2] = (x < w / 2 ? 40 : 200) + g;
    }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } });
};
const withAlpha = (w: number, h: number) => {
  const px = randomBytes(w * h * 4);
  return sharp(px, { raw: { width: w, height: h, channels: 4 } });
};

/** Whether a picture's top is red and its bottom blue (a sideways-stored photo shown upright). */
async function redOnTop(img: Buffer): Promise<boolean> {
  const { data, info } = await sharp(img).resize(8, 8, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (row: number) => {
    let d = 0;
    for (let c = 0; c < 8; c++) d += data[(row * 8 + c) * info.channels]! - data[(row * 8 + c) * info.channels + 2]!;
    return d;
  };
  return at(0) > 0 && at(7) < 0;
}

describe('the same fingerprint and verdict as before, from one decode', async () => {
  const jpeg = await scene(900, 600).jpeg({ quality: 85 }).toBuffer();
  const cases: Array<[string, Buffer]> = [
    ['a JPEG', jpeg],
    ['a JPEG stored sideways with EXIF orientation 6', await scene(900, 600).withMetadata({ orientation: 6 }).jpeg({ quality: 85 }).toBuffer()],
    ['a JPEG with EXIF orientation 3 (upside down)', await scene(640, 480).withMetadata({ orientation: 3 }).jpeg({ quality: 80 }).toBuffer()],
    ['a JPEG with bytes appended', Buffer.concat([jpeg, Buffer.from('tail')])],
    ['a PNG', await scene(300, 200).png().toBuffer()],
    ['a PNG with transparency', await withAlpha(120, 90).png().toBuffer()],
    ['a WebP', await scene(500, 400).webp({ quality: 70 }).toBuffer()],
    ['a WebP with transparency', await withAlpha(64, 48).webp({ quality: 70 }).toBuffer()],
    ['a greyscale JPEG', await scene(400, 300).greyscale().jpeg().toBuffer()],
    ['a greyscale PNG', await scene(200, 150).toColourspace('b-w').png().toBuffer()],
    ['a CMYK JPEG', await scene(200, 150).toColourspace('cmyk').jpeg().toBuffer()],
    ['a 3×2 PNG (smaller than the hash square)', await scene(3, 2).png().toBuffer()],
  ];

  it.each(cases)('%s: the stored values as before, here and on a worker thread', async (_name, bytes) => {
    const before = await fingerprintBefore(bytes, MAX_IMAGE_PIXELS);
    expect(await fingerprintImage(bytes, MAX_IMAGE_PIXELS)).toEqual(before);
    expect(await fingerprintImage(bytes)).toEqual(await fingerprintBefore(bytes));
    const here = await examineBytes(bytes, MAX_IMAGE_PIXELS);
    expect(here).toEqual({ ok: true, mime: expect.stringMatching(/^image\//), fingerprint: before });
    expect(await pool.examine(onDisk(bytes), MAX_IMAGE_PIXELS, createHash('sha256').update(bytes).digest('hex'))).toEqual(here);
    expect(await pool.examine(onDisk(bytes), MAX_IMAGE_PIXELS)).toEqual(here);
  });

  it('refusals are the same whether or not a thumbnail is asked for', async () => {
    for (const [bytes, maxPixels] of [
      [jpeg.subarray(0, jpeg.length >> 1), MAX_IMAGE_PIXELS],
      [Buffer.concat([jpeg.subarray(0, jpeg.length >> 1), Buffer.alloc(jpeg.length - (jpeg.length >> 1))]), MAX_IMAGE_PIXELS],
      [randomBytes(4000), MAX_IMAGE_PIXELS],
      [jpeg, 900 * 600 - 1],
    ] as const) {
      const here = await examineBytes(bytes, maxPixels);
      expect(here.ok).toBe(false);
      expect(await pool.examine(onDisk(bytes), maxPixels, 'a'.repeat(64))).toEqual(here);
      expect((await examineKeepingPixels(bytes, maxPixels)).raster).toBeNull();
    }
  });
});

describe('the thumbnail from the examined pixels keeps the thumbnail rules', async () => {
  const sideways = await scene(1600, 1200).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
  const grainy = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg({ quality: 90 }).toBuffer();

  it.each([
    ['a sideways phone photo', sideways],
    ['a grainy photo that takes several steps', grainy],
    ['a PNG with transparency', await scene(700, 500).ensureAlpha(0.5).png().toBuffer()],
  ])('%s: WebP, at most the byte budget and the side, as from the bytes', async (_name, bytes) => {
    const { raster } = await examineKeepingPixels(bytes);
    for (const thumb of [await thumbnailOfRaster(raster!), await makeThumbnail(bytes)]) {
      const meta = await sharp(thumb).metadata();
      expect(meta.format).toBe('webp');
      expect(thumb.length).toBeLessThanOrEqual(THUMB_MAX_BYTES);
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(THUMB_SIDE);
    }
  });

  it('a sideways photo\'s thumbnail is upright, from the pixels and from the bytes', async () => {
    const { raster } = await examineKeepingPixels(sideways);
    const thumb = await thumbnailOfRaster(raster!);
    const meta = await sharp(thumb).metadata();
    expect([meta.width, meta.height]).toEqual([420, THUMB_SIDE]);
    expect(await redOnTop(thumb)).toBe(true);
    expect(await redOnTop(await makeThumbnail(sideways))).toBe(true);
  });

  it('the first step that fits is the one chosen (a photo that fits at once keeps the best quality)', async () => {
    const plain = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 240, g: 240, b: 230 } } }).jpeg().toBuffer();
    const { raster } = await examineKeepingPixels(plain);
    const thumb = await thumbnailOfRaster(raster!);
    const meta = await sharp(thumb).metadata();
    expect([meta.width, meta.height]).toEqual([THUMB_SIDE, 420]);
    expect(meta.channels).toBe(3);
  });

  // A photo of noise no colour step can fit (at most ~400 px, so never shrunk): its thumbnail was
  // refused, and every view of it failed and decoded it again. The greyscale steps go down to a
  // side that fits anything.
  it.each([
    [320, 240, 'jpeg'],
    [400, 300, 'jpeg'],
    [200, 150, 'png'],
    [100, 4000, 'png'],
    [560, 420, 'png'],
    [96, 96, 'png with transparency'],
  ] as const)('noise of %i×%i (%s) gets a thumbnail within the budget and the side, from the pixels and from the bytes', async (width, height, format) => {
    const channels = format === 'png with transparency' ? 4 : 3;
    const raw = sharp(randomBytes(width * height * channels), { raw: { width, height, channels } });
    const noise = await (format === 'jpeg' ? raw.jpeg({ quality: 80 }) : raw.png()).toBuffer();
    const { raster } = await examineKeepingPixels(noise);
    for (const thumb of [await thumbnailOfRaster(raster!), await makeThumbnail(noise)]) {
      const meta = await sharp(thumb).metadata();
      expect(meta.format).toBe('webp');
      expect(thumb.length).toBeLessThanOrEqual(THUMB_MAX_BYTES);
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(THUMB_SIDE);
    }
  });

  it('the worker makes the thumbnail with the examination: asked for by its hash, it needs neither the file nor another decode', async () => {
    const sha = createHash('sha256').update(sideways).digest('hex');
    const file = onDisk(sideways);
    await pool.examine(file, MAX_IMAGE_PIXELS, sha);
    fs.rmSync(file);
    const thumb = await pool.thumbnail(file, sha);
    expect((await sharp(thumb).metadata()).format).toBe('webp');
    expect(await redOnTop(thumb)).toBe(true);
    // Handed out once: asked again, it is made from the file (gone here).
    await expect(pool.thumbnail(file, sha)).rejects.toThrow(/ENOENT/);
  });

  it('a file examined without a hash leaves no thumbnail behind', async () => {
    const sha = createHash('sha256').update(grainy).digest('hex');
    const file = onDisk(grainy);
    await pool.examine(file, MAX_IMAGE_PIXELS);
    fs.rmSync(file);
    await expect(pool.thumbnail(file, sha)).rejects.toThrow(/ENOENT/);
  });

  it('under a rush (files waiting for the thread) an upload\'s examination makes no thumbnail, the commit decodes nothing, the first view makes it', async () => {
    const busy = new ImageWorkers(1, 1);
    const store = new EvidenceStore(path.join(dir, 'rush-store'));
    store.examineOn(busy);
    const thumbs = new ThumbnailStore(path.join(dir, 'rush-thumbs'), () => busy);
    try {
      expect(busy.keepsUp).toBe(true);
      const photos = await Promise.all([0, 1, 2].map((i) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40 * i, g: 90, b: 200 - 40 * i } } }).jpeg().toBuffer()));
      const files = photos.map((b) => ({ path: onDisk(b), size: b.length, sha: createHash('sha256').update(b).digest('hex') }));
      // Three uploads at once on one thread holding one file: the first starts with the pool idle, the other two find it behind.
      const inspected = files.map((f) => store.inspectFile(f, 'nota', 'Nota', f.sha));
      expect(busy.keepsUp).toBe(false);
      await Promise.all(inspected);
      expect(busy.load).toMatchObject({ inFlight: 0, waiting: 0 });
      // After the commit: the first photo's thumbnail is kept (made with its examination), the others are not, and nothing is decoded for them.
      expect(await thumbs.keepMade(files[0]!.sha)).toBe(true);
      expect(fs.existsSync(thumbs.pathOf(files[0]!.sha))).toBe(true);
      for (const f of files.slice(1)) {
        fs.rmSync(f.path);
        expect(await thumbs.keepMade(f.sha)).toBe(false);
        expect(fs.existsSync(thumbs.pathOf(f.sha))).toBe(false);
      }
      // The first view makes it from the stored photo.
      const again = onDisk(photos[1]!);
      expect(await thumbs.get(files[1]!.sha, again)).toBe(thumbs.pathOf(files[1]!.sha));
      expect((await sharp(fs.readFileSync(thumbs.pathOf(files[1]!.sha))).metadata()).format).toBe('webp');
    } finally {
      await busy.close();
    }
  });

  it('a pool busy most of the last second makes no thumbnail at upload even with a slot free; a second later it does again', async () => {
    let now = 0;
    const window = new BusyWindow(1000, () => now);
    const pool2 = new ImageWorkers(1, 3, window);
    const store = new EvidenceStore(path.join(dir, 'busy-store'));
    store.examineOn(pool2);
    const thumbs = new ThumbnailStore(path.join(dir, 'busy-thumbs'), () => pool2);
    try {
      // Busy from 0 to 800 ms (a rush that just paused): the pool is idle now, with every slot free.
      window.mark(true);
      now = 800;
      window.mark(false);
      expect(pool2.load).toMatchObject({ inFlight: 0, waiting: 0 });
      expect(pool2.keepsUp).toBe(false);
      const photos = await Promise.all([0, 1].map((i) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90 * i, g: 30, b: 120 } } }).jpeg().toBuffer()));
      const [a, b] = photos.map((p) => ({ path: onDisk(p), size: p.length, sha: createHash('sha256').update(p).digest('hex') }));
      await store.inspectFile(a!, 'nota', 'Nota', a!.sha);
      expect(await thumbs.keepMade(a!.sha)).toBe(false);
      // A quiet second later (that examination took no time on this clock): the thumbnail comes with the upload again.
      now = 2000;
      expect(pool2.keepsUp).toBe(true);
      await store.inspectFile(b!, 'nota', 'Nota', b!.sha);
      expect(await thumbs.keepMade(b!.sha)).toBe(true);
    } finally {
      await pool2.close();
    }
  });

  it('the thumbnail store, asked right after the commit, writes the thumbnail the examination made (the stored photo is not read)', async () => {
    const sha = createHash('sha256').update(sideways).digest('hex');
    const store = new ThumbnailStore(path.join(dir, 'thumbs'), () => pool);
    await pool.examine(onDisk(sideways), MAX_IMAGE_PIXELS, sha);
    const written = await store.get(sha, path.join(dir, 'no-such-stored-photo'));
    expect(written).toBe(store.pathOf(sha));
    const thumb = fs.readFileSync(written);
    expect((await sharp(thumb).metadata()).format).toBe('webp');
    expect(thumb.length).toBeLessThanOrEqual(THUMB_MAX_BYTES);
  });
});
