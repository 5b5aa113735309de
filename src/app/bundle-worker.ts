/**
 * The child process that builds one audit bundle (forked by bundle-process.ts with its own heap
 * limit, so a city's bundle never touches the server's heap). It reads the database on its own
 * read-only snapshot, writes the ZIP to its stdout (a pipe the server copies to the job's file
 * or to the download) and reports progress, then the MANIFEST, over the IPC channel.
 *
 * Its task comes in DANA_RT_BUNDLE_TASK (JSON): databasePath, evidenceDir, scope, now, checkpoints.
 * If a write landed between the signing and this process's snapshot, the bundle is refused
 * (bundle_ledger_moved) rather than cover more than its checkpoint.
 */
import { PassThrough } from 'node:stream';
import { exportAuditBundle } from './export-bundle';
import { DomainError } from '../domain/errors';
import { bootstrapReadOnly } from './bootstrap';
import type { BundleProgress, BundleScope } from '../reports/audit-bundle';
import type { ExportCheckpoints } from './export-bundle';

export interface BundleTask {
  databasePath: string;
  evidenceDir: string;
  scope: BundleScope;
  /** The server's clock when the job started (the bundle's "generated at"). */
  now: string;
  /** Signed by the server (this process cannot write) just before the fork: the bundle ends at checkpoints.end. */
  checkpoints: ExportCheckpoints;
}

export type WorkerMessage = { type: 'progress'; progress: BundleProgress } | { type: 'done'; manifest: string } | { type: 'error'; message: string; shown?: boolean };

const send = (m: WorkerMessage) => new Promise<void>((resolve) => (process.send ? process.send(m, undefined, {}, () => resolve()) : resolve()));

async function main() {
  // The server gone (stopped, crashed): nobody will read the bundle.
  process.on('disconnect', () => process.exit(1));
  // stdout carries the ZIP: nothing else may be printed there.
  console.log = console.error;
  const task = JSON.parse(process.env.DANA_RT_BUNDLE_TASK ?? 'null') as BundleTask | null;
  if (!task) throw new Error('DANA_RT_BUNDLE_TASK tidak ada');
  const at = new Date(task.now);
  const s = bootstrapReadOnly({ databasePath: task.databasePath, evidenceDir: task.evidenceDir }, () => at);
  let last = 0;
  // The ZIP goes through sink into stdout: sink ends only once archiver has handed it every
  // byte (archiver's finalize resolves earlier, while bytes may still wait in its buffer).
  const sink = new PassThrough({ highWaterMark: 1 << 20 });
  sink.pipe(process.stdout, { end: false });
  const drained = new Promise<void>((resolve, reject) => {
    sink.once('end', () => resolve());
    sink.once('error', reject);
  });
  const manifest = await exportAuditBundle(s, task.scope, sink, (progress) => {
    const now = Date.now();
    if (now - last < 200 && progress.done < progress.total) return;
    last = now;
    void send({ type: 'progress', progress });
  }, () => task.checkpoints);
  await drained;
  s.db.close();
  // Every byte handed to the pipe before the server hears that the bundle is complete.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await send({ type: 'done', manifest });
}

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    await send({ type: 'error', message: e instanceof Error ? e.message : String(e), shown: e instanceof DomainError });
    process.exit(1);
  },
);
