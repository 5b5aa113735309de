/**
 * Near-duplicate photos: a 64-bit perceptual hash (pHash) and the distance between two of them.
 *
 * - The hash is computed from a 32×32 greyscale reduction of the photo's decoded pixels: the
 *   8×8 lowest frequencies of its 2-D DCT, each bit set when its coefficient lies above the
 *   median of the 63 non-DC ones (the DC term only measures brightness and is left at 0). So it
 *   follows the picture's coarse shapes, not its bytes: a re-encoded, resized, slightly cropped
 *   or brightened copy lands a few bits away, unrelated pictures about 32 bits away.
 * - Two hashes are near when their Hamming distance is at most NEAR_DUPLICATE_MAX_DISTANCE.
 * - A hash is 16 lowercase hex digits; it is searched through four 16-bit bands (multi-index
 *   hashing): two hashes within distance d differ in at most ⌊d/4⌋ bits of at least one band, so
 *   probing every band value within that radius finds every near hash through exact lookups.
 */

/** The side of the greyscale square the hash is computed from. */
export const PHASH_SIDE = 32;
const LOW = 8;
const BANDS = 4;
const BAND_BITS = 16;

/**
 * The largest distance (of 64 bits) still reported as a near-duplicate. Measured on twelve demo
 * nota photos (640×820): a JPEG re-encode at quality 45 moved 0 bits, a copy at 75 % size 0–2,
 * a crop of 1 % per side 0–4 (2 %: 2–8, 3 %: 2–10), brightness +5 % 0–8 (+10 %: 2–12), the same
 * pixels as PNG 0; distinct demo photos lay 8–48 bits apart (7,140 pairs, one pair at 8). Unrelated hashes are 64 fair
 * coin flips apart: P(distance ≤ 7) ≈ 3,8·10⁻¹¹, so against a city's 1,5 million photos one
 * upload in ~17,500 draws a false match, ~37 a year over 640,000 (at ≤ 8: one in 2,400, ~270 a
 * year; at ≤ 10 one in 70). Photos are not fair coins (two notas on the same table look alike):
 * a match only flags the receipt for a look, it never refuses it.
 * Why not 8: the search below then needs a radius of 2 in each band (548 lookups instead of 68)
 * and reads ~12,500 candidate hashes per photo in a city of 1,5 million photos instead of
 * ~1,600; the upload bench lost most of its throughput to it.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 7;
/** Each band is searched within this radius (pigeonhole over the four bands). */
export const BAND_RADIUS = Math.floor(NEAR_DUPLICATE_MAX_DISTANCE / BANDS);

const HEX = /^[0-9a-f]{16}$/;

/** cos((2n+1)kπ / 2N) for the 8 lowest frequencies k and the N sample positions n. */
const COS: Float64Array = (() => {
  const t = new Float64Array(LOW * PHASH_SIDE);
  for (let k = 0; k < LOW; k++) for (let n = 0; n < PHASH_SIDE; n++) t[k * PHASH_SIDE + n] = Math.cos(((2 * n + 1) * k * Math.PI) / (2 * PHASH_SIDE));
  return t;
})();

/**
 * The PHASH_SIDE × PHASH_SIDE greyscale picture a perceptual hash is computed from: each cell the
 * mean luma (BT.601, (77 R + 150 G + 29 B) / 256) of the block of decoded pixels it covers (at
 * least one pixel, so a picture smaller than the square is enlarged). `pixels` are 8-bit,
 * `channels` per pixel (the first three are R, G, B; one channel is grey), row by row.
 * One pass over the pixels, in this thread: a second libvips pipeline cost twice as much.
 */
export function greySquare(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const N = PHASH_SIDE;
  if (width < 1 || height < 1 || pixels.length !== width * height * channels) throw new Error('greySquare: pixels do not match their size');
  // Cell c covers [c0[c], c1[c]) in each direction, at least one pixel (a small picture is enlarged).
  const x0 = new Int32Array(N);
  const x1 = new Int32Array(N);
  const y0 = new Int32Array(N);
  const y1 = new Int32Array(N);
  for (let c = 0; c < N; c++) {
    x0[c] = Math.floor((c * width) / N);
    x1[c] = Math.max(x0[c]! + 1, Math.floor(((c + 1) * width) / N));
    y0[c] = Math.floor((c * height) / N);
    y1[c] = Math.max(y0[c]! + 1, Math.floor(((c + 1) * height) / N));
  }
  const out = new Uint8Array(N * N);
  const stride = width * channels;
  // Per cell, the sums of R, G and B (or grey) over its block, weighted once at the end: whole
  // numbers, exact in any order, so the same square as the first version
  // (test/unit/perceptual-hash.test.ts holds it to it). Two pixels a step when there are three
  // channels (the decoded photos): ~0,5 instead of ~0,65 ms for 640×480.
  for (let cy = 0; cy < N; cy++) {
    const ya = y0[cy]!;
    const yb = y1[cy]!;
    const rows = yb - ya;
    for (let cx = 0; cx < N; cx++) {
      const xa = x0[cx]! * channels;
      const xb = x1[cx]! * channels;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = ya; y < yb; y++) {
        const row = y * stride;
        const end = row + xb;
        let i = row + xa;
        if (channels === 3) {
          for (; i + 6 <= end; i += 6) {
            r += pixels[i]! + pixels[i + 3]!;
            g += pixels[i + 1]! + pixels[i + 4]!;
            b += pixels[i + 2]! + pixels[i + 5]!;
          }
          if (i < end) {
            r += pixels[i]!;
            g += pixels[i + 1]!;
            b += pixels[i + 2]!;
          }
        } else if (channels > 3) {
          for (; i < end; i += channels) {
            r += pixels[i]!;
            g += pixels[i + 1]!;
            b += pixels[i + 2]!;
          }
        } else for (; i < end; i += channels) g += pixels[i]!;
      }
      const weighted = channels >= 3 ? 77 * r + 150 * g + 29 * b : 256 * g;
      out[cy * N + cx] = Math.round(weighted / ((x1[cx]! - x0[cx]!) * rows) / 256);
    }
  }
  return out;
}

/** The perceptual hash of a PHASH_SIDE × PHASH_SIDE greyscale image (one byte per pixel, row by row). */
export function perceptualHash(grey: Uint8Array): string {
  const N = PHASH_SIDE;
  if (grey.length !== N * N) throw new Error(`perceptualHash needs ${N}×${N} grey pixels, got ${grey.length}`);
  // Separable DCT, only the 8 lowest frequencies in each direction: rows first, then columns.
  const rows = new Float64Array(N * LOW);
  for (let y = 0; y < N; y++) {
    for (let v = 0; v < LOW; v++) {
      let sum = 0;
      for (let x = 0; x < N; x++) sum += grey[y * N + x]! * COS[v * N + x]!;
      rows[y * LOW + v] = sum;
    }
  }
  const coef = new Float64Array(LOW * LOW);
  for (let u = 0; u < LOW; u++) {
    for (let v = 0; v < LOW; v++) {
      let sum = 0;
      for (let y = 0; y < N; y++) sum += rows[y * LOW + v]! * COS[u * N + y]!;
      coef[u * LOW + v] = sum;
    }
  }
  const ac = Array.from(coef.subarray(1)).sort((a, b) => a - b);
  const median = (ac[31]! + ac[30]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let d = 0;
    for (let b = 0; b < 4; b++) {
      const i = nibble * 4 + b;
      d = (d << 1) | (i > 0 && coef[i]! > median ? 1 : 0);
    }
    hex += d.toString(16);
  }
  return hex;
}

/** The set bits of a 32-bit value (SWAR: no loop, no table). */
const popcount32 = (x: number): number => {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
};

/** Each lowercase hex digit's value by its character code; -1 for every other character. */
const HEX_VALUE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) t['0123456789abcdef'.charCodeAt(i)] = i;
  return t;
})();

/** Eight hex digits of `h` from `at` as an unsigned 32-bit number, or -1 when one is not a lowercase hex digit. */
function half(h: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 8; i++) {
    const c = h.charCodeAt(i);
    const d = c < 128 ? HEX_VALUE[c]! : -1;
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v >>> 0;
}

/**
 * A hash as its two 32-bit halves (a city search compares one against ~700 stored hashes per
 * photo: read digit by digit, no pattern and no substrings). Anything but 16 lowercase hex digits
 * throws, as the pattern HEX says.
 */
const halves = (h: string): [number, number] => {
  const hi = h.length === 16 ? half(h, 0) : -1;
  const lo = hi < 0 ? -1 : half(h, 8);
  if (lo < 0) throw new Error('not a 64-bit perceptual hash');
  return [hi, lo];
};

const distanceOfHalves = (a: [number, number], b: [number, number]) => popcount32((a[0] ^ b[0]) >>> 0) + popcount32((a[1] ^ b[1]) >>> 0);

/** How many of the 64 bits differ between two hashes. */
export function hammingDistance(a: string, b: string): number {
  return distanceOfHalves(halves(a), halves(b));
}

export function isNearDuplicate(a: string, b: string): boolean {
  return hammingDistance(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE;
}

/** The four 16-bit bands of a hash, most significant first (what the index stores). */
export function hashBands(hash: string): [number, number, number, number] {
  if (!HEX.test(hash)) throw new Error('not a 64-bit perceptual hash');
  return [0, 4, 8, 12].map((i) => parseInt(hash.slice(i, i + 4), 16)) as [number, number, number, number];
}

/**
 * For each band, the band values within BAND_RADIUS of this hash's: a stored hash within
 * NEAR_DUPLICATE_MAX_DISTANCE has at least one band among them (pigeonhole), so these lookups
 * find every candidate; the caller keeps those that isNearDuplicate confirms.
 */
export function bandProbes(hash: string): number[][] {
  return hashBands(hash).map((value) => {
    // Each set of at most BAND_RADIUS bits flipped once (bits in increasing order): no value twice.
    const out: number[] = [];
    const flip = (v: number, from: number, left: number) => {
      out.push(v);
      if (left > 0) for (let bit = from; bit < BAND_BITS; bit++) flip(v ^ (1 << bit), bit + 1, left - 1);
    };
    flip(value, 0, BAND_RADIUS);
    return out;
  });
}

/** The near-duplicates among candidates, nearest first (ties by id); exact pixel copies are another rule's. */
export function nearestMatches<T extends { phash: string; id: number }>(hash: string, candidates: readonly T[]): Array<T & { distance: number }> {
  const own = halves(hash);
  const out: Array<T & { distance: number }> = [];
  for (const c of candidates) {
    const distance = distanceOfHalves(own, halves(c.phash));
    if (distance <= NEAR_DUPLICATE_MAX_DISTANCE) out.push({ ...c, distance });
  }
  return out.sort((a, b) => a.distance - b.distance || a.id - b.id);
}

/**
 * The stored hashes within NEAR_DUPLICATE_MAX_DISTANCE of `hash`, each with its distance (in the
 * order given): nearestMatches' rule for a search's bare candidates, without wrapping each of them.
 */
export function nearHashes(hash: string, candidates: Iterable<string>): Array<{ phash: string; distance: number }> {
  const [hi, lo] = halves(hash);
  const out: Array<{ phash: string; distance: number }> = [];
  for (const c of candidates) {
    const chi = c.length === 16 ? half(c, 0) : -1;
    const clo = chi < 0 ? -1 : half(c, 8);
    if (clo < 0) throw new Error('not a 64-bit perceptual hash');
    const distance = popcount32((hi ^ chi) >>> 0) + popcount32((lo ^ clo) >>> 0);
    if (distance <= NEAR_DUPLICATE_MAX_DISTANCE) out.push({ phash: c, distance });
  }
  return out;
}

/** The flag a near-duplicate photo puts on a receipt (one per other receipt, nearest photo first). */
export function similarPhotoFlags(matches: ReadonlyArray<{ receiptId: number; rtId: number; distance: number; fileName: string }>): Array<{ code: 'similar_photo'; message: string; receiptId: number; rtId: number }> {
  const seen = new Set<number>();
  const out: Array<{ code: 'similar_photo'; message: string; receiptId: number; rtId: number }> = [];
  for (const m of [...matches].sort((a, b) => a.distance - b.distance || a.receiptId - b.receiptId)) {
    if (seen.has(m.receiptId)) continue;
    seen.add(m.receiptId);
    const how = m.distance === 0 ? 'tampak sama persis (isi piksel sedikit berbeda)' : `hampir sama (beda ${m.distance} dari 64 bit sidik gambar)`;
    // No receipt number in the message: the page adds the link only for a reader whose scope holds it.
    out.push({ code: 'similar_photo', message: `Foto "${m.fileName}" ${how} dengan foto sebuah kuitansi lain; bandingkan keduanya sebelum memverifikasi.`, receiptId: m.receiptId, rtId: m.rtId });
  }
  return out;
}
