/**
 * An image worker thread (started by image-workers.ts): reads an uploaded file from the
 * quarantine and examines it (examine-file.ts: type, JPEG walk, full decode, fingerprint),
 * answering plain data; several files at once, their decodes held to a pixel budget (below). The decoded pixels live and die in this thread's small
 * heap: the server's own heap never holds them (each upload's ~1 MB of pixels made the server's
 * large heap collect often), and the hashing runs here, not on the thread that serves requests.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { headerPixels } from '../domain/evidence/image-header';
import { examineKeepingPixels, MAX_IMAGE_PIXELS, type Examined } from './examine-file';
import { PixelBudget } from './pixel-budget';
import { makeThumbnail, thumbnailOfRaster } from './thumbnail';

export interface ImageTask {
  id: number;
  path: string;
  maxPixels: number | false;
  /** 'thumbnail': make the review thumbnail (thumbnail.ts) instead of examining the file. */
  kind?: 'examine' | 'thumbnail';
  /** With 'examine': also make an accepted photo's review thumbnail from the pixels the examination decoded. */
  withThumbnail?: boolean;
}

/**
 * An examination's answer carries the thumbnail made from the same decode when it was asked for
 * (null when the file is not an accepted photo or the thumbnail could not be made: it is made
 * again from the stored photo when needed). Thumbnails cross back as transferred buffers, not copies.
 */
export type ImageAnswer = { id: number; examined: Examined; thumbnail?: Uint8Array | null } | { id: number; thumbnail: Uint8Array } | { id: number; error: string };

// Every photo is decoded once and never again (as in the server's thread).
sharp.cache(false);

/**
 * Several files are in this thread at once (image-workers.ts), but their decoded pixels are held
 * to one budget: a photo is decoded only while the pixels being decoded, its own included, stay
 * within the budget (the largest photo allowed, so a thread never holds more pixels than one photo
 * at the limit did), or alone (pixel-budget.ts). Its size is read from its header first (no decode). In arrival order.
 */
const budget = new PixelBudget(MAX_IMAGE_PIXELS);

/**
 * The pixels a decode of this file would hold (from its header; 0 for what sharp cannot read, which is never decoded).
 * A JPEG's or PNG's header is read here (image-header.ts); other files through libvips.
 */
async function pixelsOf(bytes: Buffer): Promise<number> {
  const read = headerPixels(bytes);
  if (read !== null) return Math.min(MAX_IMAGE_PIXELS, read);
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  return Math.min(MAX_IMAGE_PIXELS, (meta?.width ?? 0) * (meta?.height ?? 0));
}

/**
 * One decode per photo: the check, the fingerprint and (asked for) the thumbnail all come from
 * it, and its pixels are dropped when the thumbnail is made (inside the budget).
 */
async function examineInTurn(task: ImageTask): Promise<{ examined: Examined; thumbnail: Uint8Array | null }> {
  // Read synchronously: the read costs no trips through libuv's pool.
  const bytes = fs.readFileSync(task.path);
  return budget.run(await pixelsOf(bytes), async () => {
    const { examined, raster } = await examineKeepingPixels(bytes, task.maxPixels);
    // Copied once into memory of its own (~15 KB), which the answer then hands over without another copy.
    const thumbnail = task.withThumbnail && raster ? await thumbnailOfRaster(raster).then((b) => new Uint8Array(b), () => null) : null;
    return { examined, thumbnail };
  });
}

/** A thumbnail's own memory (a Uint8Array made here), handed over to the other thread instead of copied. */
function transferable(b: Uint8Array | null | undefined): ArrayBuffer[] {
  return b && !Buffer.isBuffer(b) && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : [];
}

/** A thumbnail's decode shares the same budget as the examinations. */
async function thumbnailInTurn(task: ImageTask): Promise<Uint8Array> {
  const bytes = fs.readFileSync(task.path);
  return budget.run(await pixelsOf(bytes), async () => new Uint8Array(await makeThumbnail(bytes)));
}

parentPort!.on('message', (task: ImageTask) => {
  const work: Promise<ImageAnswer> =
    task.kind === 'thumbnail' ? thumbnailInTurn(task).then((thumbnail) => ({ id: task.id, thumbnail })) : examineInTurn(task).then(({ examined, thumbnail }) => ({ id: task.id, examined, ...(task.withThumbnail ? { thumbnail } : {}) }));
  void work
    .then(
      (answer) => parentPort!.postMessage(answer, transferable('thumbnail' in answer ? answer.thumbnail : null)),
      (err: unknown) => parentPort!.postMessage({ id: task.id, error: String((err as Error)?.message ?? err) } satisfies ImageAnswer),
    );
});
