/**
 * Builds an audit bundle in a child process (bundle-worker.ts) with its own heap limit
 * (--max-old-space-size), so the largest job of the server — a city's bundle — never grows the
 * server's heap. The ZIP comes back on the child's stdout and is copied, with backpressure, to
 * the job's file or to the download; progress comes over IPC. Cancelling (a download cut, the
 * client gone) kills the child, which releases its read snapshot.
 *
 * The worker is dist/bundle-worker.mjs beside the server bundle (npm start), or
 * src/app/bundle-worker.ts under tsx (npm run dev, the tests).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import type { BundleProgress, BundleScope } from '../reports/audit-bundle';
import type { BundleTask, WorkerMessage } from './bundle-worker';
import { checkpointsForExport } from './checkpoints';
import { exportAuditBundle } from './export-bundle';
import type { Services } from './services';

/** A bundle being built: done settles when every byte is in out (or the build failed); cancel stops it. */
export interface BundleRun {
  done: Promise<void>;
  cancel(): void;
}

export type BundleRunner = (scope: BundleScope, out: Writable, onProgress: (p: BundleProgress) => void) => BundleRun;

function workerEntry(): { file: string; loader: string[] } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) return { file: path.join(dir, 'bundle-worker.ts'), loader: ['--import', 'tsx'] };
  return { file: path.join(dir, 'bundle-worker.mjs'), loader: [] };
}

/** Waits until out has taken everything (finish) or failed. */
const finished = (out: Writable) =>
  new Promise<void>((resolve, reject) => {
    if (out.writableFinished) return resolve();
    out.once('finish', () => resolve());
    out.once('error', reject);
    out.once('close', () => (out.writableFinished ? resolve() : reject(new Error('output closed before the bundle was complete'))));
  });

/**
 * The runner of the server: a child process per bundle with heapMb of old generation, or
 * (heapMb 0, or an in-memory database that no second process can open) in this process.
 */
export function bundleRunner(s: Services, heapMb: number): BundleRunner {
  if (heapMb === 0 || s.db.file === ':memory:' || s.db.file === '') {
    return (scope, out, onProgress) => ({ done: exportAuditBundle(s, scope, out, onProgress).then(() => finished(out)), cancel: () => out.destroy() });
  }
  return (scope, out, onProgress) => {
    const { file, loader } = workerEntry();
    const task: BundleTask = { databasePath: s.db.file, evidenceDir: s.evidence.dir, scope, now: s.now().toISOString(), checkpoints: checkpointsForExport(s, 'ekspor') };
    const child = fork(file, [], {
      execArgv: [...loader, `--max-old-space-size=${heapMb}`],
      env: { ...process.env, DANA_RT_BUNDLE_TASK: JSON.stringify(task) },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let complete = false;
    let failure: string | null = null;
    let shown = false;
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') complete = true;
      else {
        failure = m.message;
        shown = m.shown === true;
      }
    });
    child.stdout!.pipe(out);
    const exited = new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (code === 0 && complete) resolve();
        // shown: the worker's reason is a message for the user (a DomainError there), not a bug.
        else reject(Object.assign(new Error(failure ?? `bundle worker ended with ${signal ?? `code ${code}`}`), { shown }));
      });
    });
    const done = exited.then(() => finished(out));
    done.catch(() => {
      out.destroy();
    });
    // The output gone (a download cut or abandoned): the child has no one to write to.
    out.once('close', () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    return {
      done,
      cancel: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  };
}

/** The worker's file exists (a build without it would fail every bundle: said at start, not at the first job). */
export const bundleWorkerPresent = () => fs.existsSync(workerEntry().file);
