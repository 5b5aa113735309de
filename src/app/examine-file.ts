/**
 * What the bytes of an uploaded file are, and a photo's fingerprint: one function, run on the
 * image workers (image-workers.ts, image-worker.ts) or, without workers, in this thread. The
 * evidence store turns its answer into the refusal a form shows (evidence-store.ts `inspect`).
 *
 * - The type is decided by the bytes (magic numbers), never by the name or the browser.
 * - A sequential JPEG (what phones write) is first walked marker by marker
 *   (src/domain/evidence/jpeg.ts: it refuses damage the decoder lets through, such as a
 *   zero-filled tail).
 * - Then every photo is decoded whole, once, within the pixel limit (a decompression bomb is
 *   refused before its pixels are allocated): that decode both refuses a file that does not
 *   decode and gives its fingerprint (image-fingerprint.ts), and on the image workers the same
 *   pixels give the review thumbnail (image-worker.ts). Only a refusal for size reads the
 *   header again, for the message's dimensions.
 * - A PDF is only recognised here; the caller parses it (pdfjs-dist, bounded in time).
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { checkJpeg } from '../domain/evidence/jpeg';
import { decodeUpright, fingerprintPixels, isImageMime, type ImageFingerprint, type Raster } from './image-fingerprint';

export const ALLOWED_TYPES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};

/** A decompression bomb (a small file of huge dimensions) is refused before it is decoded. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The verdict on a file's bytes; only plain data (it crosses from a worker thread). */
export type Examined =
  | { ok: true; mime: string; fingerprint: ImageFingerprint | null }
  | { ok: false; problem: 'type' }
  | { ok: false; problem: 'corrupt' }
  | { ok: false; problem: 'pixels'; width: number | null; height: number | null };

export async function examineBytes(buffer: Buffer, maxPixels: number | false = MAX_IMAGE_PIXELS): Promise<Examined> {
  return (await examineKeepingPixels(buffer, maxPixels)).examined;
}

/**
 * examineBytes, and for an accepted photo the upright pixels its fingerprint was computed from
 * (image-fingerprint.ts `decodeUpright`), for a caller that derives more from the same decode
 * (the image worker makes the review thumbnail from them). The verdict is examineBytes' own.
 */
export async function examineKeepingPixels(buffer: Buffer, maxPixels: number | false = MAX_IMAGE_PIXELS): Promise<{ examined: Examined; raster: Raster | null }> {
  const type = await fileTypeFromBuffer(buffer);
  if (!type || !(type.mime in ALLOWED_TYPES)) return { examined: { ok: false, problem: 'type' }, raster: null };
  if (!isImageMime(type.mime)) return { examined: { ok: true, mime: type.mime, fingerprint: null }, raster: null };
  if (type.mime === 'image/jpeg' && checkJpeg(buffer) === 'damaged') return { examined: { ok: false, problem: 'corrupt' }, raster: null };
  let raster: Raster;
  let fingerprint: ImageFingerprint;
  try {
    raster = await decodeUpright(buffer, maxPixels);
    fingerprint = fingerprintPixels(raster.data, raster.info);
  } catch (err) {
    if (!/pixel limit/i.test((err as Error).message)) return { examined: { ok: false, problem: 'corrupt' }, raster: null };
    const meta = await sharp(buffer, { limitInputPixels: false })
      .metadata()
      .catch(() => null);
    return { examined: { ok: false, problem: 'pixels', width: meta?.width ?? null, height: meta?.height ?? null }, raster: null };
  }
  return { examined: { ok: true, mime: type.mime, fingerprint }, raster };
}
