/**
 * Review thumbnails on disk, beside the evidence store (`<evidence dir>.thumbs/ab/<sha>.webp`),
 * never inside it: they are not evidence, not in the proofs, the backup manifest or a bundle, and
 * can be deleted at any time (they are made again on the next request).
 *
 * Invariants:
 * - a thumbnail is made at most once per photo at a time (concurrent requests share the work);
 * - the work is bounded: on the image worker pool (its threads and pixel budget), or, without
 *   workers, at most INLINE_AT_ONCE on this thread with the others waiting in order;
 * - a thumbnail is written to a temp file and renamed: a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImageWorkers } from './image-workers';
import { makeThumbnail } from './thumbnail';

export const THUMBS_SUFFIX = '.thumbs';
const INLINE_AT_ONCE = 2;
const SHA = /^[0-9a-f]{64}$/;

export class ThumbnailStore {
  private readonly making = new Map<string, Promise<string>>();
  private inlineRunning = 0;
  private readonly inlineWaiting: Array<() => void> = [];

  constructor(
    readonly dir: string,
    private readonly workers: () => ImageWorkers | null,
  ) {}

  pathOf(sha256: string): string {
    if (!SHA.test(sha256)) throw new Error('not a sha256');
    return path.join(this.dir, sha256.slice(0, 2), `${sha256}.webp`);
  }

  /** The thumbnail's path, made from the stored photo at `source` when it is not there yet. */
  async get(sha256: string, source: string): Promise<string> {
    const target = this.pathOf(sha256);
    if (fs.existsSync(target)) return target;
    const pending = this.making.get(sha256);
    if (pending) return pending;
    const work = this.make(sha256, source, target).finally(() => this.making.delete(sha256));
    this.making.set(sha256, work);
    return work;
  }

  /**
   * Writes the thumbnail the upload's examination made for this photo, if it made one (the
   * workers made none under a rush, or without workers): nothing is decoded here, a photo without
   * one gets it at its first view. Says whether one was written.
   */
  async keepMade(sha256: string): Promise<boolean> {
    const target = this.pathOf(sha256);
    const bytes = this.workers()?.takeMade(sha256);
    if (!bytes || fs.existsSync(target)) return false;
    await this.write(target, bytes);
    return true;
  }

  private async write(target: string, bytes: Buffer): Promise<void> {
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    await fs.promises.writeFile(tmp, bytes);
    await fs.promises.rename(tmp, target);
  }

  private async make(sha256: string, source: string, target: string): Promise<string> {
    const workers = this.workers();
    // On the workers, a photo just uploaded has its thumbnail already (made from its examination's decode).
    const bytes = workers ? await workers.thumbnail(source, sha256) : await this.inline(async () => makeThumbnail(await fs.promises.readFile(source)));
    await this.write(target, bytes);
    return target;
  }

  private async inline<T>(task: () => Promise<T>): Promise<T> {
    if (this.inlineRunning >= INLINE_AT_ONCE) await new Promise<void>((go) => this.inlineWaiting.push(go));
    this.inlineRunning += 1;
    try {
      return await task();
    } finally {
      this.inlineRunning -= 1;
      this.inlineWaiting.shift()?.();
    }
  }
}
