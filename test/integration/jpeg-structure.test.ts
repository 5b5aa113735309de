/**
 * The JPEG marker walk (src/domain/evidence/jpeg.ts) against libvips' full decode, the check it
 * replaces: intact files from several encoders pass both; every damage an upload suffers (cut
 * short, tail filled with zeros) that the decoder refuses, the walk refuses too, and it also
 * refuses the zero-filled tails the decoder let through as grey blocks.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { jpegIsComplete } from '../../src/domain/evidence/jpeg';

/** The check the evidence store used before: decode every byte, refuse a truncated image. */
const decodes = (b: Buffer) =>
  Promise.resolve()
    .then(() => sharp(b, { failOn: 'truncated' }).resize(16, 16, { fit: 'inside' }).raw().toBuffer())
    .then(
      () => true,
      () => false,
    );

const noise = (w: number, h: number) => sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } });
/** A COM segment whose content holds what looks like markers (an EOI, an SOS): the walk must skip it by its length. */
const withComment = (jpeg: Buffer) => {
  const body = Buffer.from([0x41, 0xff, 0xd9, 0xff, 0xda, 0x00, 0x04, 0x42, 0xff]);
  const seg = Buffer.concat([Buffer.from([0xff, 0xfe, 0, body.length + 2]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), seg, jpeg.subarray(2)]);
};

const samples: Record<string, Buffer> = {};
beforeAll(async () => {
  const scene = sharp({ create: { width: 800, height: 600, channels: 3, background: '#6b8fb3' } }).composite([
    { input: await noise(200, 150).png().toBuffer(), top: 40, left: 60 },
    { input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80"><text x="0" y="60" font-size="48">NOTA 0042</text></svg>'), top: 400, left: 300 },
  ]);
  samples.baseline = await noise(320, 240).jpeg({ quality: 80 }).toBuffer();
  samples.scene = await scene.clone().jpeg({ quality: 85 }).toBuffer();
  samples.progressive = await scene.clone().jpeg({ quality: 75, progressive: true }).toBuffer();
  samples.mozjpeg = await noise(200, 120).jpeg({ mozjpeg: true }).toBuffer();
  samples.grey = await noise(160, 120).greyscale().jpeg({ quality: 90 }).toBuffer();
  samples.comment = withComment(samples.baseline);
  samples.trailer = Buffer.concat([samples.scene, Buffer.from('camera trailer \xff\xd8 bytes')]);
});

describe('jpegIsComplete', () => {
  it('accepts every intact sample, as the decoder does', async () => {
    for (const [name, b] of Object.entries(samples)) {
      expect([name, jpegIsComplete(b)]).toEqual([name, true]);
      expect([name, await decodes(b)]).toEqual([name, true]);
    }
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['a PNG signature', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['SOI then EOI, no image', Buffer.from('ffd8ffd9', 'hex')],
    ['SOI only', Buffer.from('ffd8', 'hex')],
  ])('refuses %s', (_name, b) => {
    expect(jpegIsComplete(b)).toBe(false);
  });

  /** Where the image of a sample ends (after its EOI; the trailer sample carries bytes after it). */
  const wholeLength = (name: string) => (name === 'trailer' ? samples.scene!.length : samples[name]!.length);
  const damage = (b: Buffer, cut: number, zeros: boolean) => (zeros ? Buffer.concat([b.subarray(0, cut), Buffer.alloc(b.length - cut)]) : b.subarray(0, cut));

  it('refuses every sample cut short or zero-filled in its last bytes, wherever the decoder does and more', async () => {
    let decoderAccepted = 0;
    for (const [name, b] of Object.entries(samples)) {
      for (let cut = wholeLength(name) - 40; cut < wholeLength(name); cut += 1) {
        for (const zeros of [false, true]) {
          const damaged = damage(b, cut, zeros);
          expect([name, cut, zeros, jpegIsComplete(damaged)]).toEqual([name, cut, zeros, false]);
          if (await decodes(damaged)) decoderAccepted += 1;
        }
      }
    }
    // libjpeg decodes a zero-filled tail into grey blocks without complaint when the zeros are
    // enough bits for the remaining blocks: those the walk refuses and the decoder did not.
    expect(decoderAccepted).toBeGreaterThan(0);
  });

  it('accepts bytes after the end of the image (a camera trailer) however they are cut', () => {
    for (let cut = samples.scene!.length; cut <= samples.trailer!.length; cut += 1) expect(jpegIsComplete(samples.trailer!.subarray(0, cut))).toBe(true);
  });

  it('refuses every damaged copy the decoder refuses, and every other cut or zeroed tail too (property)', async () => {
    const names = Object.keys(samples);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.boolean(), async (name, at, zeros) => {
        const damaged = damage(samples[name]!, Math.floor(at * wholeLength(name)), zeros);
        const walk = jpegIsComplete(damaged);
        expect(walk).toBe(false);
        if (!zeros) expect(await decodes(damaged)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});
