/**
 * A photo's size from its header, read in JavaScript: what the image worker's pixel budget needs
 * before it lets a decode start (image-worker.ts), without a libvips header read per file (a
 * native call and a trip through libuv's pool for two numbers).
 *
 * - JPEG: the first frame header (SOFn) found by walking the segments from the start; the
 *   decoder uses that frame (a second one is an error to it and to jpeg.ts).
 * - PNG: the IHDR chunk, which the format puts first.
 * - Anything else, or a header that does not read cleanly (cut short, a zero dimension such as a
 *   JPEG whose height comes later in a DNL marker): null, and the caller asks libvips.
 * The answer is only a budget: the decode itself is still held to the pixel limit by libvips.
 */

import { isSof } from './jpeg';

/** Width × height from the header, or null when it is not a JPEG or PNG header that reads cleanly. */
export function headerPixels(b: Uint8Array): number | null {
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[12] === 0x49 && b[13] === 0x48 && b[14] === 0x44 && b[15] === 0x52) {
    const u32 = (i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
    const w = u32(16);
    const h = u32(20);
    return w > 0 && h > 0 ? w * h : null;
  }
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    while (i < b.length && b[i] === 0xff) i += 1; // fill bytes before a marker
    if (i + 3 > b.length) return null;
    const marker = b[i]!;
    i += 1;
    // Markers without a length (SOI again, RSTn, TEM) never stand before the frame header in a file that decodes.
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) return null;
    const length = (b[i]! << 8) | b[i + 1]!;
    if (length < 2 || i + length > b.length) return null;
    if (isSof(marker)) {
      if (length < 8) return null;
      const h = (b[i + 3]! << 8) | b[i + 4]!;
      const w = (b[i + 5]! << 8) | b[i + 6]!;
      return w > 0 && h > 0 ? w * h : null;
    }
    i += length;
  }
  return null;
}
