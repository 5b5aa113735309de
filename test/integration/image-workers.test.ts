/**
 * Uploaded photos are examined on worker threads (src/app/image-workers.ts): the answer must be
 * the one this thread gives (examine-file.ts `examineBytes`, the same function), for good files
 * and for every kind of refusal, with many files in flight at once, and the pool must survive a
 * file it cannot read. (Every upload test through HTTP runs on the pool too: IMAGE_WORKERS is 1
 * by default.)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { examineBytes, MAX_IMAGE_PIXELS } from '../../src/app/examine-file';
import { fingerprintImage } from '../../src/app/image-fingerprint';
import { ImageWorkers } from '../../src/app/image-workers';
import { onePagePdf } from '../../src/app/seed-documents';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-imgw-'));
const noise = (w: number, h: number) => sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } });
let n = 0;
const onDisk = (bytes: Buffer) => {
  const file = path.join(dir, `f${n++}`);
  fs.writeFileSync(file, bytes);
  return file;
};
const pools: ImageWorkers[] = [];
const aPool = (size: number, filesPerThread?: number) => {
  const p = new ImageWorkers(size, filesPerThread);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a photo examined on a worker thread gets the answer this thread gives', async () => {
  const jpeg = await noise(96, 64).jpeg({ quality: 85 }).toBuffer();
  const cases: Array<[string, Buffer, number, string]> = [
    ['a JPEG', jpeg, MAX_IMAGE_PIXELS, 'ok'],
    ['its pixels as PNG', await sharp(jpeg).png().toBuffer(), MAX_IMAGE_PIXELS, 'ok'],
    ['a WebP', await noise(40, 30).webp().toBuffer(), MAX_IMAGE_PIXELS, 'ok'],
    ['a JPEG with bytes appended after its end', Buffer.concat([jpeg, Buffer.from('tail')]), MAX_IMAGE_PIXELS, 'ok'],
    ['a PDF (recognised; parsed by the caller)', await onePagePdf('BERITA ACARA', ['uji']), MAX_IMAGE_PIXELS, 'ok'],
    ['a JPEG cut short', jpeg.subarray(0, jpeg.length >> 1), MAX_IMAGE_PIXELS, 'corrupt'],
    ['a JPEG whose second half is zeros', Buffer.concat([jpeg.subarray(0, jpeg.length >> 1), Buffer.alloc(jpeg.length - (jpeg.length >> 1))]), MAX_IMAGE_PIXELS, 'corrupt'],
    ['random bytes', randomBytes(5000), MAX_IMAGE_PIXELS, 'type'],
    ['a photo over the pixel limit (a bomb)', jpeg, 96 * 64 - 1, 'pixels'],
  ];
  const pool = aPool(2);
  it.each(cases)('%s', async (_label, bytes, maxPixels, expected) => {
    const here = await examineBytes(bytes, maxPixels);
    const there = await pool.examine(onDisk(bytes), maxPixels);
    expect(there).toEqual(here);
    expect(there.ok ? 'ok' : there.problem).toBe(expected);
    if (expected === 'pixels') expect(there).toMatchObject({ width: 96, height: 64 });
    if (there.ok && there.mime.startsWith('image/')) expect(there.fingerprint).toEqual(await fingerprintImage(bytes, maxPixels));
  });
});

describe('the pool', () => {
  it('answers each of many files in flight at once with its own fingerprint (more files than threads)', async () => {
    const photos = await Promise.all(Array.from({ length: 12 }, (_, i) => noise(64 + i, 48).jpeg().toBuffer()));
    const pool = aPool(2);
    const answers = await Promise.all(photos.map((p) => pool.examine(onDisk(p), MAX_IMAGE_PIXELS)));
    const expected = await Promise.all(photos.map(async (p) => ({ ok: true, mime: 'image/jpeg', fingerprint: await fingerprintImage(p, MAX_IMAGE_PIXELS) })));
    expect(answers).toEqual(expected);
    expect(new Set(answers.map((a) => (a.ok ? a.fingerprint?.pixelSha256 : null))).size).toBe(12);
  });

  it.each([
    [1, 2, 2],
    [2, 1, 2],
    [1, 1, 1],
    [2, 2, 4],
  ])('with %i thread(s) of %i file(s) each, at most %i photos are examined at once; the others wait in order', async (threads, perThread, bound) => {
    const pool = aPool(threads, perThread);
    const photos = await Promise.all(Array.from({ length: 7 }, (_, i) => noise(40 + i, 40).jpeg().toBuffer()));
    const answers = photos.map((p) => pool.examine(onDisk(p), MAX_IMAGE_PIXELS));
    expect(pool.load).toEqual({ inFlight: bound, waiting: 7 - bound, threads });
    const done = await Promise.all(answers);
    expect(done.map((a) => (a.ok ? a.fingerprint?.pixelSha256 : null))).toEqual(await Promise.all(photos.map(async (p) => (await fingerprintImage(p, MAX_IMAGE_PIXELS)).pixelSha256)));
    expect(pool.load).toEqual({ inFlight: 0, waiting: 0, threads });
  });

  it('fails the examination of a file it cannot read, and goes on with the next', async () => {
    const pool = aPool(1);
    await expect(pool.examine(path.join(dir, 'not-there'), MAX_IMAGE_PIXELS)).rejects.toThrow(/ENOENT/);
    const jpeg = await noise(32, 32).jpeg().toBuffer();
    expect(await pool.examine(onDisk(jpeg), MAX_IMAGE_PIXELS)).toEqual(await examineBytes(jpeg));
  });

  it('refuses what waits when it is closed', async () => {
    const pool = aPool(1);
    const jpeg = onDisk(await noise(64, 64).jpeg().toBuffer());
    const first = pool.examine(jpeg, MAX_IMAGE_PIXELS);
    const waiting = pool.examine(jpeg, MAX_IMAGE_PIXELS);
    const closing = pool.close();
    await expect(waiting).rejects.toThrow(/closed/);
    await first.catch(() => undefined);
    await closing;
    await expect(pool.examine(jpeg, MAX_IMAGE_PIXELS)).rejects.toThrow(/closed/);
  });
});
