/** The perceptual hash and its distance: pure functions, fed with hand-made and random grey pixels. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BAND_RADIUS,
  bandProbes,
  greySquare,
  hammingDistance,
  hashBands,
  isNearDuplicate,
  NEAR_DUPLICATE_MAX_DISTANCE,
  nearestMatches,
  nearHashes,
  PHASH_SIDE,
  perceptualHash,
  similarPhotoFlags,
} from '../../src/domain/evidence/perceptual-hash';

const hex64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => n.toString(16).padStart(16, '0'));
const flip = (hash: string, bits: readonly number[]) => {
  let n = BigInt(`0x${hash}`);
  for (const b of new Set(bits)) n ^= 1n << BigInt(b);
  return n.toString(16).padStart(16, '0');
};
/** A 32×32 grey picture from a function of (x, y). */
const picture = (f: (x: number, y: number) => number) => Uint8Array.from({ length: PHASH_SIDE * PHASH_SIDE }, (_, i) => Math.max(0, Math.min(255, Math.round(f(i % PHASH_SIDE, Math.floor(i / PHASH_SIDE))))));

describe('hammingDistance: how many of the 64 bits differ', () => {
  it.each([
    ['0000000000000000', '0000000000000000', 0],
    ['0000000000000000', '0000000000000001', 1],
    ['8000000000000000', '0000000000000000', 1],
    ['ffffffffffffffff', '0000000000000000', 64],
    ['0f0f0f0f0f0f0f0f', 'f0f0f0f0f0f0f0f0', 64],
    ['00000000000000ff', '0000000000000000', 8],
    ['0001000100010001', '0000000000000000', 4],
    ['123456789abcdef0', '123456789abcdef0', 0],
  ])('%s vs %s → %i', (a, b, d) => {
    expect(hammingDistance(a, b)).toBe(d);
    expect(hammingDistance(b, a)).toBe(d);
  });

  it.each([
    ['', '0000000000000000'],
    ['000000000000000', '0000000000000000'],
    ['000000000000000g', '0000000000000000'],
    ['0000000000000000 ', '0000000000000000'],
    ['FFFFFFFFFFFFFFFF', '0000000000000000'],
    ['0000000A00000000', '0000000000000000'],
    ['00000000000000/0', '0000000000000000'],
    ['0000000:00000000', '0000000000000000'],
    ['000000000000000١', '0000000000000000'],
    ['0000000000000000', '00000000000000000'],
    ['0000000000000000', 'x000000000000000'],
  ])('refuses %j against %j (not 16 lowercase hex digits)', (a, b) => {
    expect(() => hammingDistance(a, b)).toThrow(/perceptual hash/);
    expect(() => hammingDistance(b, a)).toThrow(/perceptual hash/);
    expect(() => nearHashes(a, [b])).toThrow(/perceptual hash/);
  });

  it('nearHashes keeps what nearestMatches keeps, with the same distances, in the given order (property)', () => {
    fc.assert(
      fc.property(hex64, fc.array(fc.tuple(hex64, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 12 })), { maxLength: 30 }), (h, others) => {
        // Half of the candidates near h (a few bits flipped), the others anywhere.
        const candidates = others.map(([o, bits], i) => (i % 2 ? o : flip(h, bits)));
        const expected = nearestMatches(h, candidates.map((phash, id) => ({ phash, id })));
        const got = nearHashes(h, candidates);
        expect(got.map((g) => g.distance)).toEqual(got.map((g) => hammingDistance(h, g.phash)));
        expect([...got].sort((a, b) => a.distance - b.distance || candidates.indexOf(a.phash) - candidates.indexOf(b.phash))).toEqual(expected.map((m) => ({ phash: m.phash, distance: m.distance })));
      }),
      { numRuns: 300 },
    );
  });

  it('is the number of bits flipped (property)', () => {
    fc.assert(
      fc.property(hex64, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 64 }), (h, bits) => {
        expect(hammingDistance(h, flip(h, bits))).toBe(bits.length);
      }),
    );
  });

  it('equals a bit-by-bit count of the XOR (independent oracle, property)', () => {
    const oracle = (a: string, b: string) => [...(BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(2)].filter((c) => c === '1').length;
    fc.assert(
      fc.property(hex64, hex64, (a, b) => {
        expect(hammingDistance(a, b)).toBe(oracle(a, b));
        const kept = nearestMatches(a, [{ phash: b, id: 1 }]);
        expect(kept.length).toBe(oracle(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('is a metric: symmetric and within the triangle inequality (property)', () => {
    fc.assert(
      fc.property(hex64, hex64, hex64, (a, b, c) => {
        expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
        expect(hammingDistance(a, c)).toBeLessThanOrEqual(hammingDistance(a, b) + hammingDistance(b, c));
      }),
    );
  });
});

describe('isNearDuplicate: the threshold', () => {
  it.each([
    [0, true],
    [1, true],
    [NEAR_DUPLICATE_MAX_DISTANCE, true],
    [NEAR_DUPLICATE_MAX_DISTANCE + 1, false],
    [32, false],
    [64, false],
  ])('%i bits apart → %s', (bits, near) => {
    const a = 'a5a5a5a5a5a5a5a5';
    expect(isNearDuplicate(a, flip(a, Array.from({ length: bits }, (_, i) => i)))).toBe(near);
  });
});

describe('bandProbes: the exact lookups find every hash within the threshold (pigeonhole)', () => {
  it('probes each band within the radius the threshold needs', () => {
    expect(BAND_RADIUS).toBe(Math.floor(NEAR_DUPLICATE_MAX_DISTANCE / 4));
    const probes = bandProbes('0000000000000000');
    expect(probes).toHaveLength(4);
    // Radius r over 16 bits: 1 + 16 (+ 120 at radius 2) values per band.
    const perBand = [1, 17, 137][BAND_RADIUS]!;
    // Each value once (the statement's list has that fixed length).
    for (const p of probes) {
      expect(p).toHaveLength(perBand);
      expect(new Set(p).size).toBe(perBand);
    }
  });

  it('hashBands splits the hash into four 16-bit values, most significant first', () => {
    expect(hashBands('0001abcd8000ffff')).toEqual([0x0001, 0xabcd, 0x8000, 0xffff]);
  });

  it('every hash within the threshold shares a probed value in some band; the probes alone never decide (property)', () => {
    fc.assert(
      fc.property(hex64, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: NEAR_DUPLICATE_MAX_DISTANCE }), (h, bits) => {
        const other = flip(h, bits);
        const probes = bandProbes(h);
        const bands = hashBands(other);
        expect(bands.some((v, band) => probes[band]!.includes(v))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('nearestMatches: candidates confirmed by the distance, nearest first', () => {
  it('keeps those within the threshold, orders by distance then id', () => {
    const h = '0000000000000000';
    const found = nearestMatches(h, [
      { id: 9, phash: flip(h, [1, 2, 3]) },
      { id: 4, phash: flip(h, [5]) },
      { id: 2, phash: flip(h, [7]) },
      { id: 1, phash: flip(h, Array.from({ length: NEAR_DUPLICATE_MAX_DISTANCE + 1 }, (_, i) => i)) },
      { id: 3, phash: 'ffffffffffffffff' },
    ]);
    expect(found.map((f) => [f.id, f.distance])).toEqual([[2, 1], [4, 1], [9, 3]]);
  });
});

describe('similarPhotoFlags: one flag per other receipt, naming no RT', () => {
  it('keeps the nearest photo of each receipt and says how near', () => {
    const flags = similarPhotoFlags([
      { receiptId: 7, rtId: 3, distance: 5, fileName: 'a.jpg' },
      { receiptId: 7, rtId: 3, distance: 2, fileName: 'b.jpg' },
      { receiptId: 5, rtId: 9, distance: 0, fileName: 'c.jpg' },
    ]);
    expect(flags.map((f) => [f.receiptId, f.rtId])).toEqual([[5, 9], [7, 3]]);
    expect(flags[0]!.message).toContain('tampak sama persis');
    expect(flags[1]!.message).toBe('Foto "b.jpg" hampir sama (beda 2 dari 64 bit sidik gambar) dengan foto sebuah kuitansi lain; bandingkan keduanya sebelum memverifikasi.');
    for (const f of flags) expect(f.message).not.toMatch(/#\d|RT \d/);
  });

  it('no matches, no flags', () => {
    expect(similarPhotoFlags([])).toEqual([]);
  });
});

describe('perceptualHash: coarse shapes, not bytes', () => {
  // Grey levels 38–218: the changes below clip nothing.
  const scene = picture((x, y) => 113 + 75 * Math.sin(x / 5) * Math.cos(y / 7) + (x > 20 ? 30 : 0));

  it('is 16 hex digits, and the same pixels give the same hash', () => {
    const h = perceptualHash(scene);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(perceptualHash(Uint8Array.from(scene))).toBe(h);
  });

  it.each([
    ['brighter by 20 (the DC term is left out)', (v: number) => v + 20],
    ['a little more contrast', (v: number) => 128 + (v - 128) * 1.1],
    ['darker and flatter', (v: number) => 0.8 * v],
    ['noise of ±3 grey levels', (v: number, i: number) => v + ((i * 7919) % 7) - 3],
  ])('%s stays within the threshold', (_what, change) => {
    const changed = Uint8Array.from(scene, (v, i) => Math.max(0, Math.min(255, Math.round(change(v, i)))));
    expect(hammingDistance(perceptualHash(scene), perceptualHash(changed))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
  });

  it('a different scene lies far away', () => {
    const other = picture((x, y) => 128 + 100 * Math.cos((x + y) / 4) - (y > 12 ? 50 : 0));
    expect(hammingDistance(perceptualHash(scene), perceptualHash(other))).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE + 6);
  });

  it('mirrored left to right, it is another picture', () => {
    const mirrored = Uint8Array.from(scene, (_, i) => scene[Math.floor(i / PHASH_SIDE) * PHASH_SIDE + (PHASH_SIDE - 1 - (i % PHASH_SIDE))]!);
    expect(hammingDistance(perceptualHash(scene), perceptualHash(mirrored))).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
  });

  it('random pictures lie far apart: none of 780 pairs within the threshold (by chance: 780 × 4,5·10⁻¹²)', () => {
    const random = (seed: number) => {
      let a = seed >>> 0;
      return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = Math.imul(a ^ (a >>> 15), a | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    };
    const prints = Array.from({ length: 40 }, (_, k) => {
      const r = random(1000 + k);
      return perceptualHash(Uint8Array.from({ length: PHASH_SIDE * PHASH_SIDE }, () => Math.floor(r() * 256)));
    });
    let near = 0;
    for (let i = 0; i < prints.length; i++) for (let j = i + 1; j < prints.length; j++) if (isNearDuplicate(prints[i]!, prints[j]!)) near += 1;
    expect(near).toBe(0);
  });

  it('refuses a picture of the wrong size', () => {
    expect(() => perceptualHash(new Uint8Array(31 * 32))).toThrow(/32×32/);
  });
});

describe('greySquare: decoded pixels averaged into the 32×32 grey square', () => {
  it('a 32×32 grey picture is itself', () => {
    const grey = Uint8Array.from({ length: 1024 }, (_, i) => (i * 37) % 256);
    expect(greySquare(grey, 32, 32, 1)).toEqual(grey);
  });

  it.each([
    ['white', [255, 255, 255], 255],
    ['black', [0, 0, 0], 0],
    ['pure red', [255, 0, 0], 77],
    ['pure green', [0, 255, 0], 149],
    ['pure blue', [0, 0, 255], 29],
  ])('%s RGB → luma %i', (_name, rgb, luma) => {
    const pixels = Uint8Array.from({ length: 64 * 48 * 3 }, (_, i) => rgb[i % 3]!);
    expect(new Set(greySquare(pixels, 64, 48, 3))).toEqual(new Set([luma]));
  });

  it('averages each block: a 64×64 picture of 2×2 checks becomes flat grey', () => {
    const pixels = Uint8Array.from({ length: 64 * 64 }, (_, i) => ((i % 64) + Math.floor(i / 64)) % 2 ? 200 : 100);
    expect(new Set(greySquare(pixels, 64, 64, 1))).toEqual(new Set([150]));
  });

  it('enlarges a picture smaller than the square (every cell takes its nearest pixel)', () => {
    const pixels = Uint8Array.from([10, 20, 30, 40]);
    const square = greySquare(pixels, 2, 2, 1);
    expect([square[0], square[31], square[31 * 32], square[1023]]).toEqual([10, 20, 30, 40]);
  });

  it('reads the fourth channel as alpha, not colour', () => {
    const rgba = Uint8Array.from({ length: 40 * 40 * 4 }, (_, i) => (i % 4 === 3 ? 0 : 255));
    expect(new Set(greySquare(rgba, 40, 40, 4))).toEqual(new Set([255]));
  });

  it('refuses pixels that do not match the size', () => {
    expect(() => greySquare(new Uint8Array(10), 4, 4, 1)).toThrow(/do not match/);
  });
});

/** The first version of greySquare, kept as the oracle: every stored pHash was computed with it. */
function greySquareFirstVersion(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const N = 32;
  const edges = (size: number) => Array.from({ length: N + 1 }, (_, i) => Math.floor((i * size) / N));
  const xs = edges(width);
  const ys = edges(height);
  const out = new Uint8Array(N * N);
  const rowSums = new Float64Array(N);
  const rowCounts = new Float64Array(N);
  for (let cy = 0; cy < N; cy++) {
    const y0 = ys[cy]!;
    const y1 = Math.max(y0 + 1, ys[cy + 1]!);
    rowSums.fill(0);
    rowCounts.fill(0);
    for (let y = y0; y < y1; y++) {
      const row = y * width;
      for (let cx = 0; cx < N; cx++) {
        const x0 = xs[cx]!;
        const x1 = Math.max(x0 + 1, xs[cx + 1]!);
        let sum = 0;
        if (channels >= 3) {
          for (let x = x0, i = (row + x0) * channels; x < x1; x++, i += channels) sum += 77 * pixels[i]! + 150 * pixels[i + 1]! + 29 * pixels[i + 2]!;
        } else {
          for (let x = x0, i = (row + x0) * channels; x < x1; x++, i += channels) sum += 256 * pixels[i]!;
        }
        rowSums[cx]! += sum;
        rowCounts[cx]! += x1 - x0;
      }
    }
    for (let cx = 0; cx < N; cx++) out[cy * N + cx] = Math.round(rowSums[cx]! / rowCounts[cx]! / 256);
  }
  return out;
}

describe('greySquare gives the first version\'s square, byte for byte (the stored hashes rest on it)', () => {
  const noise = (n: number, seed: number) => {
    const b = new Uint8Array(n);
    let s = seed >>> 0;
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      b[i] = s >>> 24;
    }
    return b;
  };
  it.each([
    [640, 480, 3], [320, 240, 3], [1600, 1200, 3], [640, 820, 4], [33, 31, 1], [31, 33, 2], [1, 1, 3], [10, 7, 3], [100, 1, 2], [1, 100, 4], [63, 65, 3], [17, 900, 1], [4000, 33, 3],
  ])('%i×%i, %i channels', (w, h, c) => {
    for (const seed of [1, 2, 3]) {
      const p = noise(w * h * c, seed * 7919 + w + h);
      expect(Buffer.from(greySquare(p, w, h, c)).equals(Buffer.from(greySquareFirstVersion(p, w, h, c)))).toBe(true);
    }
    // Flat extremes: all white and all black.
    for (const v of [0, 255]) {
      const p = new Uint8Array(w * h * c).fill(v);
      expect(Buffer.from(greySquare(p, w, h, c)).equals(Buffer.from(greySquareFirstVersion(p, w, h, c)))).toBe(true);
    }
  });
});
