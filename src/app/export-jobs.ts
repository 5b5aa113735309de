/**
 * Long exports as jobs in one queue: the auditor's bundle of a kecamatan or the city takes from
 * seconds to minutes, so it is built in the background (in a child process with its own heap,
 * bundle-process.ts) into a temporary file while a page shows its place in the queue, then its
 * progress; the finished file is downloaded by its owner only, and removed after an hour. A
 * bundle streamed straight to a download waits in the same queue.
 *
 * The queue's rules, so that one user cannot swamp the server:
 * - at most `maxRunning` bundles are built at once across the server;
 * - one running bundle per user (the user's next ones wait);
 * - one city-wide bundle at a time across the server;
 * - at most `maxQueuedPerUser` jobs waiting or running per user (one more: 429).
 * First come, first served among the jobs these rules let start.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Actor } from '../domain/access';
import { DomainError, fail } from '../domain/errors';
import type { BundleProgress, BundleScope } from '../reports/audit-bundle';
import type { BundleRun, BundleRunner } from './bundle-process';

export interface ExportJob {
  id: string;
  ownerId: number | null;
  ownerName: string;
  scope: BundleScope;
  fileName: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: BundleProgress;
  bytes: number;
  queuedAt: Date;
  /** When its build started (null while it waits). */
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The built file (background jobs; a streamed one has none). */
  file: string;
  /** Why it failed, in Indonesian, when the reason is for the user (evidence missing, ledger moved); else null. */
  failure?: string | null;
}

interface Entry {
  job: ExportJob;
  open: () => Writable;
  run: BundleRun | null;
  settle: (error?: unknown) => void;
  streamed: boolean;
}

export interface ExportQueueLimits {
  maxRunning: number;
  maxQueuedPerUser: number;
}

const KEEP_MS = 60 * 60_000;

const ownerOf = (j: { ownerId: number | null; ownerName: string }) => `${j.ownerId}:${j.ownerName}`;

export class ExportJobs {
  private readonly jobs = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private readonly running = new Set<Entry>();
  private dir: string | null = null;

  constructor(
    private readonly runner: BundleRunner,
    private readonly limits: ExportQueueLimits,
    private readonly logger?: Logger,
    /** Called after each build ends (the WAL is checkpointed then). */
    private readonly afterEach: () => void = () => undefined,
  ) {}

  /** Queues a bundle built into a file in the background; returns at once with the job (its page shows its place, then its progress). */
  start(actor: Actor, scope: BundleScope, fileName: string): ExportJob {
    this.sweep();
    const job = this.newJob(actor, scope, fileName);
    job.file = path.join((this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-exports-'))), `${job.id}.zip`);
    const entry: Entry = { job, open: () => fs.createWriteStream(job.file), run: null, settle: () => undefined, streamed: false };
    this.jobs.set(job.id, entry);
    this.enqueue(entry);
    return job;
  }

  /**
   * Queues a bundle written straight to out (a download); resolves when it is complete. If out
   * closes first (the client went away, or its download was cut), the job leaves the queue or
   * its build is stopped.
   */
  stream(actor: Actor, scope: BundleScope, fileName: string, out: Writable): Promise<void> {
    const job = this.newJob(actor, scope, fileName);
    return new Promise<void>((resolve, reject) => {
      const entry: Entry = { job, open: () => out, run: null, settle: (e) => (e === undefined ? resolve() : reject(e)), streamed: true };
      out.once('close', () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) {
          this.waiting.splice(at, 1);
          entry.settle(new Error('download closed while queued'));
        } else entry.run?.cancel();
      });
      this.enqueue(entry);
    });
  }

  /** A job, for its owner only (anyone else gets nothing: not even that it exists). */
  find(id: string, actor: Actor): ExportJob | undefined {
    const job = this.jobs.get(id)?.job;
    return job && job.ownerId === actor.userId && job.ownerName === actor.username ? job : undefined;
  }

  /** A waiting job's place in the queue (1: next), 0 once it runs or has ended. */
  position(job: ExportJob): number {
    return this.waiting.findIndex((e) => e.job === job) + 1;
  }

  /** Builds running now, and whether one of them is the city's (for tests and /healthz-like views). */
  load(): { running: number; waiting: number; cityRunning: boolean } {
    return { running: this.running.size, waiting: this.waiting.length, cityRunning: [...this.running].some((e) => e.job.scope.kelurahanCode === null) };
  }

  /** Removes finished jobs (and their files) older than an hour. */
  sweep(now = Date.now()): void {
    for (const [id, { job }] of this.jobs) {
      if (job.finishedAt && now - job.finishedAt.getTime() > KEEP_MS) {
        fs.rmSync(job.file, { force: true });
        this.jobs.delete(id);
      }
    }
  }

  private newJob(actor: Actor, scope: BundleScope, fileName: string): ExportJob {
    const mine = [...this.waiting, ...this.running].filter((e) => ownerOf(e.job) === ownerOf({ ownerId: actor.userId, ownerName: actor.username })).length;
    if (mine >= this.limits.maxQueuedPerUser) throw fail('export_queue_full', { max: this.limits.maxQueuedPerUser });
    return {
      id: randomBytes(12).toString('base64url'),
      ownerId: actor.userId,
      ownerName: actor.username,
      scope,
      fileName,
      status: 'queued',
      progress: { step: 'Menunggu giliran', done: 0, total: 1 },
      bytes: 0,
      queuedAt: new Date(),
      startedAt: null,
      finishedAt: null,
      file: '',
    };
  }

  private enqueue(entry: Entry): void {
    this.waiting.push(entry);
    // Let the request that queued the job answer first.
    setImmediate(() => this.pump());
  }

  /** Starts every waiting job the rules let start, in order. */
  private pump(): void {
    for (const entry of [...this.waiting]) {
      if (this.running.size >= this.limits.maxRunning) return;
      const owner = ownerOf(entry.job);
      const busyOwner = [...this.running].some((r) => ownerOf(r.job) === owner);
      const cityBusy = entry.job.scope.kelurahanCode === null && [...this.running].some((r) => r.job.scope.kelurahanCode === null);
      if (busyOwner || cityBusy) continue;
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      this.launch(entry);
    }
  }

  private launch(entry: Entry): void {
    const { job } = entry;
    job.status = 'running';
    job.startedAt = new Date();
    job.progress = { step: 'Menyiapkan', done: 0, total: 1 };
    this.running.add(entry);
    let out: Writable;
    try {
      out = entry.open();
      entry.run = this.runner(job.scope, out, (p) => {
        job.progress = p;
        job.bytes = (out as Writable & { bytesWritten?: number }).bytesWritten ?? 0;
      });
    } catch (e) {
      this.end(entry, e);
      return;
    }
    entry.run.done.then(
      () => this.end(entry),
      (e: unknown) => this.end(entry, e),
    );
  }

  private end(entry: Entry, error?: unknown): void {
    const { job } = entry;
    this.running.delete(entry);
    job.finishedAt = new Date();
    if (error === undefined) {
      job.status = 'done';
      job.progress = { ...job.progress, done: job.progress.total };
      if (!entry.streamed) job.bytes = fs.statSync(job.file).size;
    } else {
      job.status = 'failed';
      job.failure = error instanceof DomainError || (error as { shown?: boolean } | null)?.shown ? (error as Error).message : null;
      if (!entry.streamed) fs.rmSync(job.file, { force: true });
      if (!entry.streamed) this.logger?.error({ err: error, job: job.id }, 'export job failed');
    }
    entry.settle(error);
    try {
      this.afterEach();
    } catch (e) {
      this.logger?.warn({ err: e }, 'checkpoint after export failed');
    }
    this.pump();
  }
}
