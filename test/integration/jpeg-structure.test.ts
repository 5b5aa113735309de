/**
 * The JPEG marker walk (src/domain/evidence/jpeg.ts) against libvips' full decode, the check it
 * replaces for sequential JPEGs: intact files from several encoders (and hand-built ones with
 * restart markers and fill bytes) pass both; whatever damage the decoder refuses, the walk
 * refuses too, and it also refuses the zero-filled tails the decoder let through as grey blocks.
 * Progressive files are left to the decoder.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkJpeg } from '../../src/domain/evidence/jpeg';

/** The check the evidence store used before: decode every byte, refuse a truncated image. */
const decodes = (b: Buffer) =>
  Promise.resolve()
    .then(() => sharp(b, { failOn: 'truncated' }).resize(16, 16, { fit: 'inside' }).raw().toBuffer())
    .then(
      () => true,
      () => false,
    );

const noise = (w: number, h: number) => sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } });
const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
const insertAt = (b: Buffer, at: number, bytes: number[]) => Buffer.concat([b.subarray(0, at), Buffer.from(bytes), b.subarray(at)]);
const beforeEoi = (b: Buffer, bytes: number[]) => insertAt(b, b.length - 2, bytes);
/** Where a marker's 0xFF stands (the first one, or the n-th). */
const markerAt = (b: Buffer, marker: number, nth = 0) => {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = b.indexOf(Buffer.from([0xff, marker]), at + 1);
  return at;
};

/**
 * A greyscale baseline JPEG built by hand, with a restart marker after every block when `restart`
 * (sharp's encoders never write them; phone encoders often do). Standard tables of Annex K.
 */
function handMade(blocks: number, restart: boolean): Buffer {
  const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  const acBits = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
  const acValues = Buffer.from(
    '01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa',
    'hex',
  );
  const bytes = [0xff, 0xd8];
  bytes.push(...segment(0xdb, [0, ...Array<number>(64).fill(1)]));
  bytes.push(...segment(0xc0, [8, 0, 8, (blocks * 8) >> 8, (blocks * 8) & 255, 1, 1, 0x11, 0]));
  bytes.push(...segment(0xc4, [0x00, ...dcBits, ...Array.from({ length: 12 }, (_, k) => k)]));
  bytes.push(...segment(0xc4, [0x10, ...acBits, ...acValues]));
  if (restart) bytes.push(...segment(0xdd, [0, 1]));
  bytes.push(...segment(0xda, [1, 1, 0x00, 0, 63, 0]));
  for (let k = 0; k < blocks; k++) {
    bytes.push(0x2b); // DC difference 0, end of block, padding bits
    if (restart && k < blocks - 1) bytes.push(0xff, 0xd0 + (k % 8));
  }
  bytes.push(0xff, 0xd9);
  return Buffer.from(bytes);
}

/** A motion-JPEG style frame: the same file without its Huffman tables (the decoder's standard ones apply). */
function withoutHuffmanTables(jpeg: Buffer): Buffer {
  const parts = [jpeg.subarray(0, 2)];
  for (let i = 2; ; ) {
    const marker = jpeg[i + 1]!;
    const end = i + 2 + jpeg.readUInt16BE(i + 2);
    if (marker !== 0xc4) parts.push(jpeg.subarray(i, end));
    if (marker === 0xda) return Buffer.concat([...parts, jpeg.subarray(end)]);
    i = end;
  }
}

const samples: Record<string, Buffer> = {};
let progressive: Buffer;
beforeAll(async () => {
  const scene = sharp({ create: { width: 800, height: 600, channels: 3, background: '#6b8fb3' } }).composite([
    { input: await noise(200, 150).png().toBuffer(), top: 40, left: 60 },
    { input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80"><text x="0" y="60" font-size="48">NOTA 0042</text></svg>'), top: 400, left: 300 },
  ]);
  samples.baseline = await noise(320, 240).jpeg({ quality: 80 }).toBuffer();
  samples.scene = await scene.clone().jpeg({ quality: 85 }).toBuffer();
  // mozjpeg's trellis quantisation and tables (its scan optimisation would make it progressive).
  samples.trellis = await noise(200, 120).jpeg({ trellisQuantisation: true, overshootDeringing: true, quantisationTable: 3 }).toBuffer();
  samples.grey = await noise(160, 120).greyscale().jpeg({ quality: 90 }).toBuffer();
  // A comment holding what looks like markers (an EOI, an SOS): the walk must skip it by its length.
  samples.comment = insertAt(samples.baseline, 2, segment(0xfe, [0x41, 0xff, 0xd9, 0xff, 0xda, 0x00, 0x04, 0x42, 0xff]));
  samples.trailer = Buffer.concat([samples.scene, Buffer.from([0x00, 0x10, 0xff, 0xd8, 0xff, 0xe1, 0x00, 0x08, 0xff, 0xd9, 0x42])]);
  samples.restart = handMade(40, true);
  samples.motionJpeg = withoutHuffmanTables(samples.grey);
  samples.noRestart = handMade(40, false);
  samples.fill = beforeEoi(insertAt(samples.grey, markerAt(samples.grey, 0xda), [0xff, 0xff]), [0xff, 0xff, 0xff]);
  progressive = await scene.clone().jpeg({ quality: 75, progressive: true }).toBuffer();
});

/** Where the image of a sample ends (after its EOI; the trailer sample carries bytes after it). */
const wholeLength = (name: string) => (name === 'trailer' ? samples.scene!.length : samples[name]!.length);
const damage = (b: Buffer, cut: number, zeros: boolean) => (zeros ? Buffer.concat([b.subarray(0, cut), Buffer.alloc(b.length - cut)]) : b.subarray(0, cut));

describe('checkJpeg', () => {
  it('finds every intact sequential sample whole, as the decoder does, and leaves a progressive one to the decoder', async () => {
    for (const [name, b] of Object.entries(samples)) {
      expect([name, checkJpeg(b)]).toEqual([name, 'whole']);
      expect([name, await decodes(b)]).toEqual([name, true]);
    }
    expect(checkJpeg(progressive)).toBe('needs-decoding');
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['a PNG signature', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['SOI then EOI, no image', Buffer.from('ffd8ffd9', 'hex')],
    ['SOI only', Buffer.from('ffd8', 'hex')],
    ['a last byte 0xFF', Buffer.from('ffd8ff', 'hex')],
  ])('finds %s damaged', (_name, b) => {
    expect(checkJpeg(b)).toBe('damaged');
  });

  it('refuses every sample cut short or zero-filled in its last bytes, wherever the decoder does and more', async () => {
    let decoderAccepted = 0;
    for (const [name, b] of Object.entries(samples)) {
      for (let cut = wholeLength(name) - 40; cut < wholeLength(name); cut += 1) {
        for (const zeros of [false, true]) {
          const damaged = damage(b, cut, zeros);
          expect([name, cut, zeros, checkJpeg(damaged)]).toEqual([name, cut, zeros, 'damaged']);
          if (await decodes(damaged)) decoderAccepted += 1;
        }
      }
    }
    // libjpeg decodes a zero-filled tail into grey blocks without complaint when the zeros are
    // enough bits for the remaining blocks: those the walk refuses and the decoder did not.
    expect(decoderAccepted).toBeGreaterThan(0);
  });

  it('accepts bytes after the end of the image (a camera trailer) however they are cut', () => {
    for (let cut = samples.scene!.length; cut <= samples.trailer!.length; cut += 1) expect(checkJpeg(samples.trailer!.subarray(0, cut))).toBe('whole');
  });

  it('refuses every copy cut short or zero-filled from anywhere (property)', () => {
    // The decoder refuses most of these, not all: cut after the last block's bits, or zeroed
    // where zeros still decode, it reads the file as whole.
    const names = Object.keys(samples);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.boolean(), (name, at, zeros) => {
        expect(checkJpeg(damage(samples[name]!, Math.floor(at * wholeLength(name)), zeros))).toBe('damaged');
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses whatever random bytes written over a sample the decoder refuses (property)', async () => {
    // Off-line, 16,000 such runs: the walk refused every file the decoder refused, and ~45 % of
    // those the decoder accepted (a marker-like byte inside the scan, a segment length hit).
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('baseline', 'scene', 'restart'), fc.array(fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), async (name, writes) => {
        const spoiled = Buffer.from(samples[name]!);
        for (const [at, byte] of writes) spoiled[2 + Math.floor(at * (spoiled.length - 2))] = byte;
        if (!(await decodes(spoiled))) expect(checkJpeg(spoiled)).not.toBe('whole');
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a progressive file to the decoder however it is cut after its frame header', () => {
    const frameEnd = markerAt(progressive, 0xc2) + 2 + progressive.readUInt16BE(markerAt(progressive, 0xc2) + 2);
    for (const cut of [frameEnd, Math.floor(progressive.length / 2), progressive.length - 2]) expect(checkJpeg(progressive.subarray(0, cut))).toBe('needs-decoding');
  });

  // Damage to the structure. libvips refuses it before and inside the scan; after the scan's
  // last block it stops reading, so there the walk is the stricter of the two.
  const sosAt = (b: Buffer) => markerAt(b, 0xda);
  const sofSegment = (b: Buffer) => [...b.subarray(markerAt(b, 0xc0), markerAt(b, 0xc0) + 2 + b.readUInt16BE(markerAt(b, 0xc0) + 2))];
  const bogusHuffman = segment(0xc4, [0x00, 200, ...Array<number>(15).fill(0), 1, 2, 3]);
  it.each<[string, 'refuses' | 'accepts', (b: Buffer) => Buffer]>([
    ['a second SOI', 'refuses', (b) => Buffer.concat([b.subarray(0, 2), b])],
    ['a scan naming a component the frame lacks', 'refuses', (b) => Object.assign(Buffer.from(b), { [sosAt(b) + 5]: 9 })],
    ['a scan using a Huffman table never defined', 'refuses', (b) => Object.assign(Buffer.from(b), { [sosAt(b) + 6]: 0x23 })],
    ['a frame naming a quantisation table never defined', 'refuses', (b) => Object.assign(Buffer.from(b), { [markerAt(b, 0xc0) + 12]: 3 })],
    ['a scan header of the wrong length', 'refuses', (b) => Object.assign(Buffer.from(b), { [sosAt(b) + 3]: b[sosAt(b) + 3]! - 2 })],
    ['a Huffman table with more values than its segment holds', 'refuses', (b) => insertAt(b, sosAt(b), bogusHuffman)],
    ['a quantisation table cut short', 'refuses', (b) => insertAt(b, sosAt(b), segment(0xdb, [0, 1, 2, 3]))],
    ['a restart interval of the wrong length', 'refuses', (b) => insertAt(b, sosAt(b), segment(0xdd, [0, 1, 0]))],
    ['a reserved marker before the scan', 'refuses', (b) => insertAt(b, sosAt(b), segment(0x02, [0, 0]))],
    ['a reserved marker after the scan', 'accepts', (b) => beforeEoi(b, segment(0x02, [0, 0]))],
    ['a second frame header after the scan', 'accepts', (b) => beforeEoi(b, sofSegment(b))],
    ['a broken Huffman table after the scan', 'accepts', (b) => beforeEoi(b, bogusHuffman)],
  ])('finds %s damaged (the decoder %s it)', async (_name, decoder, spoil) => {
    for (const name of ['baseline', 'grey', 'restart']) {
      const spoiled = spoil(samples[name]!);
      expect([name, checkJpeg(spoiled)]).toEqual([name, 'damaged']);
      expect([name, await decodes(spoiled)]).toEqual([name, decoder === 'accepts']);
    }
  });
});
