/**
 * An image worker thread (started by image-workers.ts): reads an uploaded file from the
 * quarantine and examines it (examine-file.ts: type, JPEG walk, full decode, fingerprint), one
 * file at a time, answering plain data. The decoded pixels live and die in this thread's small
 * heap: the server's own heap never holds them (each upload's ~1 MB of pixels made the server's
 * large heap collect often), and the hashing runs here, not on the thread that serves requests.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { examineBytes, type Examined } from './examine-file';

export interface ImageTask {
  id: number;
  path: string;
  maxPixels: number | false;
}

export type ImageAnswer = { id: number; examined: Examined } | { id: number; error: string };

// Every photo is decoded once and never again (as in the server's thread).
sharp.cache(false);

parentPort!.on('message', (task: ImageTask) => {
  // Read synchronously: this thread has nothing else to do meanwhile, and the read costs no trips through libuv's pool.
  void Promise.resolve()
    .then(() => examineBytes(fs.readFileSync(task.path), task.maxPixels))
    .then(
      (examined) => parentPort!.postMessage({ id: task.id, examined } satisfies ImageAnswer),
      (err: unknown) => parentPort!.postMessage({ id: task.id, error: String((err as Error)?.message ?? err) } satisfies ImageAnswer),
    );
});
