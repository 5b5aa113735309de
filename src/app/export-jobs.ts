/**
 * Long exports as jobs the user can come back to: the auditor's bundle of a kecamatan or the
 * city takes from seconds to minutes, so it is built in the background (on its own read
 * snapshot, writers never wait) into a temporary file while a page shows its progress; the
 * finished file is downloaded by its owner only, and removed after an hour.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Actor } from '../domain/access';
import type { BundleProgress, BundleScope } from '../reports/audit-bundle';

/** Writes an export to out, reporting progress; resolves when everything is written. */
export type ExportBuilder = (out: fs.WriteStream, onProgress: (p: BundleProgress) => void) => Promise<unknown>;

export interface ExportJob {
  id: string;
  ownerId: number | null;
  ownerName: string;
  scope: BundleScope;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  progress: BundleProgress;
  bytes: number;
  startedAt: Date;
  finishedAt: Date | null;
  file: string;
}

const KEEP_MS = 60 * 60_000;

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();

  private dir: string | null = null;

  constructor(private readonly logger?: Logger) {}

  /** Starts building an export; returns at once with the job (the work goes on in the background). */
  start(actor: Actor, scope: BundleScope, fileName: string, build: ExportBuilder): ExportJob {
    this.sweep();
    const id = randomBytes(12).toString('base64url');
    const job: ExportJob = {
      id,
      ownerId: actor.userId,
      ownerName: actor.username,
      scope,
      fileName,
      status: 'running',
      progress: { step: 'Menunggu', done: 0, total: 1 },
      bytes: 0,
      startedAt: new Date(),
      finishedAt: null,
      file: path.join((this.dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-exports-'))), `${id}.zip`),
    };
    this.jobs.set(id, job);
    const out = fs.createWriteStream(job.file);
    const closed = new Promise<void>((resolve, reject) => {
      out.on('close', () => resolve());
      out.on('error', reject);
    });
    // Let the request that started the job answer first.
    setImmediate(() => {
      build(out, (p) => {
        job.progress = p;
        job.bytes = out.bytesWritten;
      })
        .then(() => closed)
        .then(() => {
          job.status = 'done';
          job.bytes = fs.statSync(job.file).size;
          job.finishedAt = new Date();
        })
        .catch((e: unknown) => {
          job.status = 'failed';
          job.finishedAt = new Date();
          out.destroy();
          fs.rmSync(job.file, { force: true });
          this.logger?.error({ err: e, job: job.id }, 'export job failed');
        });
    });
    return job;
  }

  /** A job, for its owner only (anyone else gets nothing: not even that it exists). */
  find(id: string, actor: Actor): ExportJob | undefined {
    const job = this.jobs.get(id);
    return job && job.ownerId === actor.userId && job.ownerName === actor.username ? job : undefined;
  }

  /** Removes finished jobs (and their files) older than an hour. */
  sweep(now = Date.now()): void {
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - job.finishedAt.getTime() > KEEP_MS) {
        fs.rmSync(job.file, { force: true });
        this.jobs.delete(id);
      }
    }
  }
}
