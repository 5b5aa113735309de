/**
 * The write-ahead log folded back into the database file from a thread of its own.
 *
 * SQLite's default folds it inside a writer's commit once it holds 1000 pages: on the server that
 * is the thread that serves requests, which then copies ~4 MB page by page and waits for the file
 * to be synced while every request waits (on a city, an upload wrote ~20 pages to the log and its
 * commits ran such a checkpoint every ~50 uploads). Here a worker thread with a connection of its
 * own runs PRAGMA wal_checkpoint(PASSIVE) every `everyMs`: it never waits for a writer or a
 * reader (frames a reader's snapshot still needs stay for the next round), the writer goes on
 * committing meanwhile, and the writer's connection folds by itself only past
 * WRITER_FALLBACK_PAGES while the thread runs (1000 pages otherwise, SQLite's default).
 *
 * Invariants:
 * - the log never goes unfolded for long, nor grows without end: the writer's own folding is moved
 *   to WRITER_FALLBACK_PAGES only after the thread has folded once, and back to 1000 pages when the
 *   thread fails, exits or is stopped;
 * - the thread only folds: it opens the file read-write (a checkpoint writes the database file)
 *   but runs no other statement;
 * - the code the thread runs is this file's `THREAD_SOURCE`, the same under tsx and in the bundle.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's own default (pages), given back to the writer whenever the thread is not folding. */
export const WRITER_AUTOCHECKPOINT_PAGES = 1000;

/**
 * While the thread folds, the writer still folds by itself past this many pages (16 MB). A fold
 * from another connection copies the frames back, but the log starts over from its beginning only
 * when a write transaction begins while every frame is folded; under commits fast enough that one
 * always lands during a fold, it never does, and the file grows without end (a reviewer's run:
 * 1,3 GB in 5 s at ~23,000 commits/s, 77 MB in 8 s at ~800/s). The writer's own fold runs right after
 * its commit, with no other commit in between, so the next transaction starts the log over (if the
 * thread is folding just then, a later commit's fold does it: at ~19,000 commits/s the log peaked at
 * 4,100–8,000 pages). At the server's rates it is not reached; it bounds the file when it would be.
 */
export const WRITER_FALLBACK_PAGES = 4000;

/** What the thread reports after each fold. */
export interface FoldReport {
  logFrames: number;
  checkpointedFrames: number;
  busy: boolean;
}

/**
 * The thread: opens the file, folds once at once (then says it is ready), then every `everyMs`.
 * A failure to open or fold ends it with the error (the main side puts the writer back to folding).
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
const fold = () => {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)');
  return { logFrames: r.log, checkpointedFrames: r.checkpointed, busy: r.busy !== 0 };
};
parentPort.postMessage({ ready: fold() });
const timer = setInterval(() => parentPort.postMessage({ folded: fold() }), workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export interface BackgroundCheckpoints {
  /** Stops the thread and gives the writer its own folding back; resolves when the thread has ended. */
  stop(): Promise<void>;
  /** Whether the thread is folding now (the writer's own folding is off). */
  running(): boolean;
}

/**
 * Starts folding `sqlite`'s log from a thread every `everyMs` milliseconds. `onProblem` hears a
 * thread that failed (the writer folds by itself again from then on); `onFold` each fold's report.
 */
export function startBackgroundCheckpoints(
  sqlite: Database.Database,
  everyMs: number,
  hooks: { onProblem?: (err: Error) => void; onFold?: (r: FoldReport) => void } = {},
): BackgroundCheckpoints {
  if (sqlite.memory) return { stop: async () => undefined, running: () => false };
  const journalSizeLimit = sqlite.pragma('journal_size_limit', { simple: true }) as number;
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    workerData: { file: sqlite.name, everyMs, journalSizeLimit, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  });
  // The thread holds the process open only while it runs; shutdown stops it explicitly.
  worker.unref();
  let on = false;
  let stopped = false;
  const writerFolds = () => {
    on = false;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: { ready?: FoldReport; folded?: FoldReport }) => {
    if (m.ready && !stopped && sqlite.open) {
      sqlite.pragma(`wal_autocheckpoint = ${WRITER_FALLBACK_PAGES}`);
      on = true;
    }
    const r = m.ready ?? m.folded;
    if (r) hooks.onFold?.(r);
  });
  let told = false;
  const problem = (err: Error) => {
    if (!stopped && !told) hooks.onProblem?.(err);
    told = true;
  };
  const ended = new Promise<void>((resolve) => {
    worker.on('error', (err) => {
      writerFolds();
      problem(err);
    });
    worker.on('exit', (code) => {
      writerFolds();
      if (code !== 0) problem(new Error(`checkpoint thread exited with ${code}`));
      resolve();
    });
  });
  return {
    running: () => on,
    stop: () => {
      if (!stopped) {
        stopped = true;
        writerFolds();
        // Held open until it has ended: a shutdown awaiting this may have nothing else keeping the process alive.
        worker.ref();
        worker.postMessage('stop');
      }
      return ended;
    },
  };
}
