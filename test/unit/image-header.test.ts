/**
 * headerPixels (the image worker's pixel budget) against libvips' own header read: the same
 * width × height for every JPEG and PNG, null (libvips then asks) for what it cannot read cleanly.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { headerPixels } from '../../src/domain/evidence/image-header';

const rgb = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });

async function libvipsPixels(b: Buffer): Promise<number> {
  const m = await sharp(b).metadata();
  return m.width! * m.height!;
}

describe('headerPixels: a photo size from its header, as libvips reads it', () => {
  it.each([
    ['baseline JPEG 640×480', () => rgb(640, 480).jpeg().toBuffer()],
    ['progressive JPEG 321×17', () => rgb(321, 17).jpeg({ progressive: true }).toBuffer()],
    ['JPEG with EXIF orientation 6 (turned on decode: same pixels)', () => rgb(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer()],
    ['JPEG with a comment and ICC profile before the frame', () => rgb(50, 70).withIccProfile('srgb').jpeg().toBuffer()],
    ['greyscale JPEG 1×1', () => rgb(1, 1).greyscale().jpeg().toBuffer()],
    ['PNG 640×820', () => rgb(640, 820).png().toBuffer()],
    ['PNG 16-bit with alpha 3×65535', () => sharp({ create: { width: 3, height: 65535, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } }).png().toColourspace('rgb16').toBuffer()],
  ])('%s', async (_name, make) => {
    const b = await make();
    expect(headerPixels(b)).toBe(await libvipsPixels(b));
  });

  it.each([
    ['WebP (libvips reads it)', async () => rgb(10, 10).webp().toBuffer()],
    ['not an image', async () => Buffer.from('%PDF-1.4 hello')],
    ['empty', async () => Buffer.alloc(0)],
    ['a JPEG cut before its frame header', async () => (await rgb(40, 30).jpeg().toBuffer()).subarray(0, 20)],
    ['a JPEG whose frame says height 0 (DNL: the height comes later)', async () => {
      const b = Buffer.from(await rgb(40, 30).jpeg().toBuffer());
      const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
      b[sof + 5] = 0;
      b[sof + 6] = 0;
      return b;
    }],
    ['a JPEG whose first segment length runs past the end', async () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x7f, 0xff, 0, 0])],
    ['a JPEG with a scan before any frame', async () => Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0])],
    ['a PNG whose IHDR says width 0', async () => {
      const b = Buffer.from(await rgb(5, 5).png().toBuffer());
      b.writeUInt32BE(0, 16);
      return b;
    }],
  ])('null for %s', async (_name, make) => {
    expect(headerPixels(await make())).toBeNull();
  });
});
