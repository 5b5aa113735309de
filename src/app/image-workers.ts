/**
 * A bounded pool of image worker threads (image-worker.ts): at most `size` threads, each
 * examining at most `filesPerThread` files at once, so at most size × filesPerThread photos are
 * decoded at once whatever the number of uploads in flight (the others wait their turn in order).
 * Two files per thread: while libvips decodes one (on libuv's pool), the thread hashes the other;
 * one file at a time left either side idle half the time, and a second thread cost ~30 MB. Threads start when first needed, and
 * hold the process open only while they have work. A thread that fails (an exception, exit) fails
 * its file's examination and is replaced by the next task.
 *
 * The worker is dist/image-worker.mjs beside the server bundle (npm start), or
 * src/app/image-worker.ts under tsx (npm run dev, the tests, scripts).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BusyWindow } from './busy-window';
import type { Examined } from './examine-file';
import type { ImageAnswer, ImageTask } from './image-worker';

/**
 * A worker's heap holds one photo's examination at a time (its decoded pixels live outside the
 * heap): a small young generation (with the default 16 MB semi-spaces each thread kept ~7 MB
 * more resident after 200 photos) and a bounded old one. Under tsx the compiler's own memory
 * needs more old generation.
 */
/** Thumbnails kept between an upload's examination and its commit: ~4 MB at most, far more than the uploads in flight. */
export const KEPT_THUMBNAILS = 256;

/**
 * Work that can wait (a review thumbnail at upload) is done only while the pool was busy less
 * than this share of the last second: a chair uploading on a quiet server gets the thumbnails
 * with the upload; under a rush (the pool busy most of the time, even when a slot happens to be
 * free) they are left to the first view, and the cores go to the checks every upload needs.
 */
export const KEEP_UP_BUSY_SHARE = 0.5;

const WORKER_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 48 };

/** A thread running image-worker: the bundle's file, or (under tsx, vitest) the TypeScript through tsx's loader registered in that thread. */
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (!here.endsWith('.ts')) return new Worker(path.join(dir, 'image-worker.mjs'), { resourceLimits: WORKER_HEAP });
  // An --import in a worker's execArgv registers no loader in Node 20; tsx's tsImport, run in the thread, does.
  // (require resolves the package's CommonJS entry; its ES module sits beside it.)
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = pathToFileURL(path.join(dir, 'image-worker.ts')).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`, { eval: true, resourceLimits: { ...WORKER_HEAP, maxOldGenerationSizeMb: 128 } });
}

interface Job {
  task: ImageTask;
  resolve: (answer: ImageAnswer) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

export class ImageWorkers {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    readonly filesPerThread = 2,
    /** When the pool had a file in flight, over the last second (`keepsUp`); a clock of its own in tests. */
    private readonly busy = new BusyWindow(1000),
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error('ImageWorkers: size must be a positive integer');
    if (!Number.isInteger(filesPerThread) || filesPerThread < 1) throw new Error('ImageWorkers: filesPerThread must be a positive integer');
  }

  /** Files being examined now (never more than size × filesPerThread), and files waiting their turn. */
  get load(): { inFlight: number; waiting: number; threads: number } {
    return { inFlight: this.slots.reduce((a, s) => a + s.jobs.size, 0), waiting: this.queue.length, threads: this.slots.length };
  }

  /**
   * Whether the pool keeps up: nothing waits for a thread, a slot is free, and the pool was busy
   * less than KEEP_UP_BUSY_SHARE of the last second (a slot freed for an instant in a rush is no
   * room). Work that can wait (a review thumbnail at upload) is done only then; under a rush it is
   * left to the first view, so the checks every upload needs get the cores (issue 15: uploads per second).
   */
  get keepsUp(): boolean {
    const { inFlight, waiting } = this.load;
    return waiting === 0 && inFlight < this.size * this.filesPerThread && this.busy.share() < KEEP_UP_BUSY_SHARE;
  }

  /** The busy window follows whether any file is in flight. */
  private markBusy(): void {
    this.busy.mark(this.slots.some((s) => s.jobs.size > 0));
  }

  /** The thumbnail an examination made for this hash and kept, handed over once; undefined when none was made or it aged out. */
  takeMade(sha256: string): Buffer | undefined {
    const kept = this.made.get(sha256);
    if (!kept) return undefined;
    this.made.delete(sha256);
    return Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength);
  }

  /**
   * Examines the file at `filePath` on a worker thread (examine-file.ts `examineBytes`). With
   * `sha256` (the file's hash), an accepted photo's review thumbnail is made from the same decode
   * and kept here (a few, the latest) until `thumbnail` asks for that hash: a new photo is
   * decoded once, not once for its check and again for its thumbnail after the commit.
   */
  async examine(filePath: string, maxPixels: number | false, sha256?: string): Promise<Examined> {
    const answer = await this.submit({ path: filePath, maxPixels, kind: 'examine', withThumbnail: sha256 !== undefined });
    if (!('examined' in answer)) throw new Error('image worker answered without an examination');
    if (sha256 !== undefined && answer.thumbnail) this.keepThumbnail(sha256, answer.thumbnail);
    return answer.examined;
  }

  /**
   * The review thumbnail of the stored photo at `filePath` (thumbnail.ts): the one its upload's
   * examination made when `sha256` names it, else made from the file, in the same queue and
   * pixel budget as uploads.
   */
  async thumbnail(filePath: string, sha256?: string): Promise<Buffer> {
    const kept = sha256 !== undefined ? this.takeMade(sha256) : undefined;
    if (kept) return kept;
    const answer = await this.submit({ path: filePath, maxPixels: false, kind: 'thumbnail' });
    if (!('thumbnail' in answer) || !answer.thumbnail) throw new Error('image worker answered without a thumbnail');
    return Buffer.from(answer.thumbnail.buffer, answer.thumbnail.byteOffset, answer.thumbnail.byteLength);
  }

  /** Thumbnails made by examinations and not yet asked for, at most KEPT_THUMBNAILS (≤ 15 KB each), the oldest dropped first (a refused upload's is never asked for). */
  private readonly made = new Map<string, Uint8Array>();

  private keepThumbnail(sha256: string, bytes: Uint8Array): void {
    this.made.delete(sha256);
    this.made.set(sha256, bytes);
    while (this.made.size > KEPT_THUMBNAILS) this.made.delete(this.made.keys().next().value!);
  }

  private submit(task: Omit<ImageTask, 'id'>): Promise<ImageAnswer> {
    if (this.closed) return Promise.reject(new Error('image workers closed'));
    return new Promise<ImageAnswer>((resolve, reject) => {
      this.queue.push({ task: { ...task, id: this.nextId++ }, resolve, reject });
      this.pump();
    });
  }

  /** Stops every thread; files waiting or being examined are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = () => new Error('image workers closed');
    this.made.clear();
    for (const job of this.queue.splice(0)) job.reject(closed());
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      for (const job of slot.jobs.values()) job.reject(closed());
      slot.jobs.clear();
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      // The least busy thread with room; a new thread only when every one is full.
      let slot: Slot | undefined;
      for (const s of this.slots) if (s.jobs.size < this.filesPerThread && (!slot || s.jobs.size < slot.jobs.size)) slot = s;
      if (!slot || (slot.jobs.size > 0 && this.slots.length < this.size)) {
        if (this.slots.length < this.size) slot = this.spawn();
        else if (!slot) return;
      }
      const job = this.queue.shift()!;
      slot.jobs.set(job.task.id, job);
      slot.worker.ref();
      slot.worker.postMessage(job.task);
    }
    this.markBusy();
  }

  private spawn(): Slot {
    const worker = startWorker();
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (answer: ImageAnswer) => {
      const job = slot.jobs.get(answer.id);
      if (!job) return;
      slot.jobs.delete(answer.id);
      if (slot.jobs.size === 0) worker.unref();
      if ('error' in answer) job.reject(new Error(answer.error));
      else job.resolve(answer);
      this.pump();
      this.markBusy();
    });
    const lost = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      for (const job of slot.jobs.values()) job.reject(err);
      slot.jobs.clear();
      if (!this.closed) this.pump();
      this.markBusy();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`image worker ended (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}
