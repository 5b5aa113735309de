/**
 * The JPEG marker walk on files built byte by byte, one structural fault per row. The walk is
 * held to libvips' decode in test/integration/jpeg-structure.test.ts; here each rule is named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJpeg, type JpegVerdict } from '../../src/domain/evidence/jpeg';

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];

const dqt = (precisionAndId = 0x00) => segment(0xdb, [precisionAndId, ...Array<number>(64 * ((precisionAndId >> 4) + 1)).fill(1)]);
/** A frame: [id, sampling (h << 4 | v), quantisation table] per component. */
const sof = (components: number[][], marker = 0xc0) => segment(marker, [8, 0, 16, 0, 16, components.length, ...components.flat()]);
const GREY = [[1, 0x11, 0]];
const YCBCR = [[1, 0x22, 0], [2, 0x11, 0], [3, 0x11, 0]];
/** A Huffman table: class/id, the 16 counts of codes per length, and the symbols. */
const dht = (classAndId: number, counts: number[], symbols: number[]) => segment(0xc4, [classAndId, ...counts, ...Array<number>(16 - counts.length).fill(0), ...symbols]);
/** A scan: [component id, tables (dc << 4 | ac)] per component, then spectral start, end, approximation. */
const sos = (components: number[][], tail = [0, 63, 0]) => segment(0xda, [components.length, ...components.flat(), ...tail]);
/** Entropy-coded data with a stuffed 0xFF00 in it. */
const DATA = [0x12, 0x34, 0xff, 0x00, 0x56];

const file = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const grey = (...extra: number[][]) => file(SOI, dqt(), sof(GREY), ...extra, sos([[1, 0x00]]), DATA, EOI);

describe('a whole sequential JPEG', () => {
  it.each<[string, Uint8Array]>([
    ['greyscale with the standard tables (a motion-JPEG frame)', grey()],
    ['YCbCr 4:2:0', file(SOI, dqt(), sof(YCBCR), sos([[1, 0x00], [2, 0x11], [3, 0x11]]), DATA, EOI)],
    ['CMYK', file(SOI, dqt(), sof([[1, 0x11, 0], [2, 0x11, 0], [3, 0x11, 0], [4, 0x11, 0]]), sos([[1, 0x00], [2, 0x00], [3, 0x00], [4, 0x00]]), DATA, EOI)],
    ['extended sequential (SOF1)', file(SOI, dqt(), sof(GREY, 0xc1), sos([[1, 0x00]]), DATA, EOI)],
    ['its own Huffman tables 2 and 3', file(SOI, dqt(), sof(GREY), dht(0x02, [0, 1, 5, 1, 1, 1, 1, 1, 1], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), dht(0x13, [0, 2, 1, 3], [1, 2, 3, 0x11, 0x21, 0x31]), sos([[1, 0x23]]), DATA, EOI)],
    ['two tables in one DHT segment', file(SOI, dqt(), sof(GREY), segment(0xc4, [0x02, 1, ...Array<number>(15).fill(0), 5, 0x12, 1, ...Array<number>(15).fill(0), 0x31]), sos([[1, 0x22]]), DATA, EOI)],
    ['one code short of filling every length', file(SOI, dqt(), sof(GREY), dht(0x12, [...Array<number>(15).fill(1), 1], Array.from({ length: 16 }, (_, k) => k)), sos([[1, 0x02]]), DATA, EOI)],
    ['an AC symbol above 15', file(SOI, dqt(), sof(GREY), dht(0x12, [1], [0xf0]), sos([[1, 0x02]]), DATA, EOI)],
    ['256 symbols', file(SOI, dqt(), sof(GREY), dht(0x12, [0, 0, 0, 0, 0, 0, 0, 0, 1, 255], Array.from({ length: 256 }, (_, k) => k)), sos([[1, 0x02]]), DATA, EOI)],
    ['a 16-bit quantisation table 3', file(SOI, dqt(0x13), sof([[1, 0x11, 3]]), sos([[1, 0x00]]), DATA, EOI)],
    ['two quantisation tables in one segment', file(SOI, segment(0xdb, [0x00, ...Array<number>(64).fill(1), 0x01, ...Array<number>(64).fill(2)]), sof([[1, 0x11, 1]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a restart interval and restart markers in the scan', file(SOI, dqt(), sof(GREY), segment(0xdd, [0, 1]), sos([[1, 0x00]]), [0x2b, 0xff, 0xd0, 0x2b, 0xff, 0xd7, 0x2b], EOI)],
    ['fill bytes before a marker', file(SOI, dqt(), [0xff, 0xff], sof(GREY), sos([[1, 0x00]]), DATA, [0xff, 0xff, 0xff], EOI)],
    ['stray bytes between segments', file(SOI, dqt(), [0x00, 0x12, 0xff, 0x00], sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['one stray byte between segments', file(SOI, dqt(), [0x00], sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['APP0, APP15, a comment and DAC', grey(segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0]), segment(0xef, []), segment(0xfe, [0x68, 0x69]), segment(0xcc, [0, 0]))],
    ['a restart marker and TEM between segments', file(SOI, dqt(), [0xff, 0xd3, 0xff, 0x01], sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['two scans, and a DNL after the first', file(SOI, dqt(), sof(YCBCR), sos([[1, 0x00]]), DATA, segment(0xdc, [0, 16]), sos([[2, 0x11], [3, 0x11]]), DATA, EOI)],
    ['bytes after the end of the image', file(SOI, dqt(), sof(GREY), sos([[1, 0x00]]), DATA, EOI, [0, 0, 0, 0])],
    ['an empty scan', file(SOI, dqt(), sof(GREY), sos([[1, 0x00]]), EOI)],
    ['a Huffman table without codes', grey(dht(0x02, [], []))],
    ['a DC symbol of 15', file(SOI, dqt(), sof(GREY), dht(0x02, [0, 2], [0, 15]), sos([[1, 0x20]]), DATA, EOI)],
    ['4:1:1 sampling (horizontal 4)', file(SOI, dqt(), sof([[1, 0x41, 0], [2, 0x11, 0], [3, 0x11, 0]]), sos([[1, 0x00], [2, 0x11], [3, 0x11]]), DATA, EOI)],
    ['vertical sampling 4', file(SOI, dqt(), sof([[1, 0x14, 0], [2, 0x11, 0], [3, 0x11, 0]]), sos([[1, 0x00], [2, 0x11], [3, 0x11]]), DATA, EOI)],
  ])('%s', (_name, bytes) => {
    expect(checkJpeg(bytes)).toBe('whole');
  });
});

describe('other JPEG processes are left to the decoder', () => {
  it.each([0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])('SOF %s', (marker) => {
    expect(checkJpeg(file(SOI, dqt(), sof(GREY, marker), sos([[1, 0x00]]), DATA, EOI))).toBe('needs-decoding');
  });

  it('as soon as the frame header says so; a frame header cut short is damage', () => {
    expect(checkJpeg(file(SOI, dqt(), sof(GREY, 0xc2)))).toBe('needs-decoding');
    expect(checkJpeg(file(SOI, dqt(), sof(GREY, 0xc2).slice(0, -1)))).toBe('damaged');
  });
});

describe('damage the walk refuses', () => {
  const whole = grey();
  it.each<[string, Uint8Array]>([
    ['nothing', new Uint8Array()],
    ['three bytes', Uint8Array.from([0xff, 0xd8, 0xff])],
    ['no start-of-image marker', file([0xff, 0xd9], whole.slice(2))],
    ['a start that is not 0xFF', file([0xfe, 0xd8], whole.slice(2))],
    ['only a start of image', file(SOI, [0, 0])],
    ['a file cut before its end marker', whole.slice(0, -2)],
    ['a file cut inside the scan', whole.slice(0, -4)],
    ['a file cut after a lone 0xFF', whole.slice(0, -1)],
    ['a zero-filled tail', file(whole.slice(0, -2), Array<number>(64).fill(0))],
    ['a file cut after a marker', file(SOI, [0xff, 0xdb])],
    ['a file cut inside a length', file(SOI, [0xff, 0xdb, 0x00])],
    ['a segment running past the end', file(SOI, [0xff, 0xe0, 0x00, 0x10, 1, 2])],
    ['a segment length below 2', file(SOI, [0xff, 0xe0, 0x00, 0x01], dqt(), sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['an end marker before any scan', file(SOI, dqt(), sof(GREY), EOI)],
    ['a scan before the frame', file(SOI, dqt(), sos([[1, 0x00]]), sof(GREY), DATA, EOI)],
    ['a second frame', file(SOI, dqt(), sof(GREY), sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['a bad frame, then a good one', file(SOI, dqt(), sof([[1, 0x51, 0]]), sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['a second start of image', grey(SOI)],
    ['a JPG marker (0xC8)', grey(segment(0xc8, []))],
    ['a JPG marker (0xC8) before the frame', file(SOI, segment(0xc8, []), dqt(), sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['a reserved marker (0x02) before the frame', file(SOI, segment(0x02, []), dqt(), sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['a JPGn marker (0xF0)', grey(segment(0xf0, []))],
    ['a DHP marker (0xDE)', grey(segment(0xde, [0, 0]))],
    ['a DNL before any scan', grey(segment(0xdc, [0, 16]))],
    ['a DNL of the wrong length', file(SOI, dqt(), sof(GREY), sos([[1, 0x00]]), DATA, segment(0xdc, [0, 16, 0]), sos([[1, 0x00]]), DATA, EOI)],
    ['a restart interval of the wrong length', grey(segment(0xdd, [0, 1, 0]))],
    ['a restart interval too short', grey(segment(0xdd, [0]))],
    // Frames.
    ['a frame of 2 components', file(SOI, dqt(), sof([[1, 0x11, 0], [2, 0x11, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a frame of 0 components', file(SOI, dqt(), sof([]), sos([[1, 0x00]]), DATA, EOI)],
    ['a frame longer than its components', file(SOI, dqt(), segment(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0, 0]), sos([[1, 0x00]]), DATA, EOI)],
    ['a horizontal sampling of 0', file(SOI, dqt(), sof([[1, 0x01, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a horizontal sampling of 5', file(SOI, dqt(), sof([[1, 0x51, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a vertical sampling of 0', file(SOI, dqt(), sof([[1, 0x10, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a vertical sampling of 5', file(SOI, dqt(), sof([[1, 0x15, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a quantisation table 4 in the frame', file(SOI, dqt(), sof([[1, 0x11, 4]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a quantisation table 4 for a component no scan uses', file(SOI, dqt(), sof([[1, 0x11, 0], [2, 0x11, 4], [3, 0x11, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a component twice in the frame', file(SOI, dqt(), sof([[1, 0x22, 0], [1, 0x11, 0], [3, 0x11, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a horizontal ratio that is not whole', file(SOI, dqt(), sof([[1, 0x31, 0], [2, 0x21, 0], [3, 0x11, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    ['a vertical ratio that is not whole', file(SOI, dqt(), sof([[1, 0x13, 0], [2, 0x12, 0], [3, 0x11, 0]]), sos([[1, 0x00]]), DATA, EOI)],
    // Scans.
    ['a scan of 0 components', file(SOI, dqt(), sof(GREY), sos([]), DATA, EOI)],
    ['a scan of 5 components', file(SOI, dqt(), sof(GREY), sos([[1, 0], [1, 0], [1, 0], [1, 0], [1, 0]]), DATA, EOI)],
    ['a scan longer than its components', file(SOI, dqt(), sof(GREY), segment(0xda, [1, 1, 0x00, 0, 63, 0, 0]), DATA, EOI)],
    ['a scan of a component not in the frame', file(SOI, dqt(), sof(GREY), sos([[2, 0x00]]), DATA, EOI)],
    ['a component twice in a scan', file(SOI, dqt(), sof(YCBCR), sos([[1, 0x00], [1, 0x00]]), DATA, EOI)],
    ['a quantisation table never defined', file(SOI, dqt(0x01), sof(GREY), sos([[1, 0x00]]), DATA, EOI)],
    ['a DC table never defined', file(SOI, dqt(), sof(GREY), sos([[1, 0x20]]), DATA, EOI)],
    ['an AC table never defined', file(SOI, dqt(), sof(GREY), sos([[1, 0x02]]), DATA, EOI)],
    ['an AC table defined only as a DC table', file(SOI, dqt(), sof(GREY), dht(0x02, [1], [0]), sos([[1, 0x02]]), DATA, EOI)],
    ['a spectral start above 0', file(SOI, dqt(), sof(GREY), sos([[1, 0x00]], [1, 63, 0]), DATA, EOI)],
    ['a spectral end below 63', file(SOI, dqt(), sof(GREY), sos([[1, 0x00]], [0, 62, 0]), DATA, EOI)],
    ['successive approximation', file(SOI, dqt(), sof(GREY), sos([[1, 0x00]], [0, 63, 1]), DATA, EOI)],
    // Huffman tables.
    ['a Huffman class 2', grey(dht(0x20, [1], [0]))],
    ['a Huffman table 4', grey(dht(0x04, [1], [0]))],
    ['a Huffman segment shorter than its counts', grey(segment(0xc4, [0x00, 1, 2, 3]))],
    ['more codes of length 1 than fit', grey(dht(0x00, [3], [0, 1, 2]))],
    ['a code of length 2 that does not fit after length 1', grey(dht(0x00, [1, 3], [0, 1, 2, 3]))],
    ['the all-ones code of length 1', grey(dht(0x00, [2], [0, 1]))],
    ['the all-ones code of length 16', grey(dht(0x10, [...Array<number>(15).fill(1), 2], Array.from({ length: 17 }, (_, k) => k)))],
    ['more than 256 symbols', grey(dht(0x10, [0, 0, 0, 0, 0, 0, 0, 0, 0, 128, 129], Array<number>(257).fill(1)))],
    ['fewer symbols than counted', grey(dht(0x10, [0, 2], [1]))],
    ['more symbols than counted', grey(dht(0x10, [0, 1], [1, 2]))],
    ['a DC symbol above 15', grey(dht(0x00, [0, 2], [3, 16]))],
    // Quantisation tables.
    ['a quantisation precision of 2', grey(segment(0xdb, [0x20, ...Array<number>(64).fill(1)]))],
    ['a quantisation precision of 2, with 3 bytes an entry', grey(segment(0xdb, [0x20, ...Array<number>(192).fill(1)]))],
    ['a quantisation table 4', grey(segment(0xdb, [0x04, ...Array<number>(64).fill(1)]))],
    ['a quantisation table one byte short', grey(segment(0xdb, [0x00, ...Array<number>(63).fill(1)]))],
    ['a quantisation table one byte long', grey(segment(0xdb, [0x00, ...Array<number>(65).fill(1)]))],
    ['a 16-bit table with 8-bit length', grey(segment(0xdb, [0x10, ...Array<number>(64).fill(1)]))],
  ])('%s', (_name, bytes) => {
    expect(checkJpeg(bytes)).toBe<JpegVerdict>('damaged');
  });

  it('refuses every cut of a whole file, and every zero-filled tail', () => {
    const files = [grey(), file(SOI, dqt(), sof(YCBCR), sos([[1, 0x00], [2, 0x11], [3, 0x11]]), DATA, EOI)];
    for (const f of files) {
      for (let n = 0; n < f.length; n++) {
        expect(checkJpeg(f.slice(0, n)), `cut at ${n}`).toBe('damaged');
        expect(checkJpeg(file(f.slice(0, n), Array<number>(f.length - n + 8).fill(0))), `zeros from ${n}`).toBe('damaged');
      }
    }
  });

  it('answers every input with one of its three verdicts and never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (noise, at) => {
        const bytes = grey();
        const damaged = file(bytes.slice(0, at % bytes.length), Array.from(noise), bytes.slice(at % bytes.length));
        expect(['whole', 'damaged', 'needs-decoding']).toContain(checkJpeg(damaged));
      }),
    );
  });
});
