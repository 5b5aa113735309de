import { greySquare } from './src/domain/evidence/perceptual-hash';
import { randomBytes } from 'node:crypto';
const N = 32;
function edges(width: number, height: number) {
  const x0 = new Int32Array(N), x1 = new Int32Array(N), y0 = new Int32Array(N), y1 = new Int32Array(N);
  for (let c = 0; c < N; c++) {
    x0[c] = Math.floor((c * width) / N); x1[c] = Math.max(x0[c]! + 1, Math.floor(((c + 1) * width) / N));
    y0[c] = Math.floor((c * height) / N); y1[c] = Math.max(y0[c]! + 1, Math.floor(((c + 1) * height) / N));
  }
  return { x0, x1, y0, y1 };
}
function v2(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const { x0, x1, y0, y1 } = edges(width, height);
  const out = new Uint8Array(N * N);
  const R = new Float64Array(N), G = new Float64Array(N), B = new Float64Array(N);
  const stride = width * channels;
  for (let cy = 0; cy < N; cy++) {
    R.fill(0); G.fill(0); B.fill(0);
    const ya = y0[cy]!, yb = y1[cy]!;
    for (let cx = 0; cx < N; cx++) {
      let r = 0, g = 0, b = 0;
      const xa = x0[cx]! * channels, xb = x1[cx]! * channels;
      for (let y = ya; y < yb; y++) {
        const row = y * stride;
        const end = row + xb;
        for (let i = row + xa; i < end; i += channels) { r += pixels[i]!; g += pixels[i + 1]!; b += pixels[i + 2]!; }
      }
      const rows = yb - ya;
      out[cy * N + cx] = Math.round((77 * r + 150 * g + 29 * b) / ((x1[cx]! - x0[cx]!) * rows) / 256);
    }
  }
  return out;
}
function v3(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  // 32-bit words: 4 pixels in 3 words
  const { x0, x1, y0, y1 } = edges(width, height);
  const out = new Uint8Array(N * N);
  const stride = width * channels;
  for (let cy = 0; cy < N; cy++) {
    const ya = y0[cy]!, yb = y1[cy]!;
    for (let cx = 0; cx < N; cx++) {
      let r = 0, g = 0, b = 0;
      const xa = x0[cx]! * 3, xb = x1[cx]! * 3;
      for (let y = ya; y < yb; y++) {
        const row = y * stride;
        let i = row + xa; const end = row + xb;
        for (; i + 6 <= end; i += 6) { r += pixels[i]! + pixels[i + 3]!; g += pixels[i + 1]! + pixels[i + 4]!; b += pixels[i + 2]! + pixels[i + 5]!; }
        for (; i < end; i += 3) { r += pixels[i]!; g += pixels[i + 1]!; b += pixels[i + 2]!; }
      }
      const rows = yb - ya;
      out[cy * N + cx] = Math.round((77 * r + 150 * g + 29 * b) / ((x1[cx]! - x0[cx]!) * rows) / 256);
    }
  }
  return out;
}
const imgs = [[640, 480], [320, 240], [1600, 1200]].map(([w, h]) => ({ w: w!, h: h!, d: new Uint8Array(randomBytes(w! * h! * 3)) }));
for (const im of imgs) {
  const a = greySquare(im.d, im.w, im.h, 3), b = v2(im.d, im.w, im.h, 3), c = v3(im.d, im.w, im.h, 3);
  if (Buffer.compare(Buffer.from(a), Buffer.from(b)) || Buffer.compare(Buffer.from(a), Buffer.from(c))) console.log('MISMATCH', im.w);
}
for (const [name, f] of [['cur', greySquare], ['v2', v2], ['v3', v3], ['cur', greySquare], ['v2', v2], ['v3', v3]] as const) {
  for (const im of imgs.slice(0, 2)) {
    for (let i = 0; i < 50; i++) f(im.d, im.w, im.h, 3);
    const t = performance.now(); const n = 300;
    for (let i = 0; i < n; i++) f(im.d, im.w, im.h, 3);
    console.log(name, im.w, ((performance.now() - t) / n).toFixed(3));
  }
}
