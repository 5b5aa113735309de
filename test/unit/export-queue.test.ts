/** The export queue's rules, with a runner the test finishes by hand (no database, no child process). */
import { PassThrough, type Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access';
import { ExportJobs, type ExportJob } from '../../src/app/export-jobs';
import type { BundleRunner } from '../../src/app/bundle-process';
import type { BundleScope } from '../../src/reports/audit-bundle';
import { codeOf } from '../helpers/errors';

const actor = (userId: number): Actor => ({ userId, username: `u${userId}`, role: 'admin', kelurahanCode: null, rtId: null, kecamatanCodes: null }) as Actor;
const CITY: BundleScope = { year: 2026, kelurahanCode: null };
const KEL = (code: string): BundleScope => ({ year: 2026, kelurahanCode: code });
const tick = () => new Promise((r) => setImmediate(r));

/** A runner whose builds the test ends: finish(i) writes a byte and ends build i. */
function handRunner() {
  const builds: Array<{ scope: BundleScope; out: Writable; finish: () => void; cancelled: boolean }> = [];
  const runner: BundleRunner = (scope, out) => {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const build = {
      scope,
      out,
      cancelled: false,
      finish: () => {
        out.end('x', () => resolve());
      },
    };
    builds.push(build);
    return { done, cancel: () => void (build.cancelled = true) };
  };
  return { builds, runner };
}

const statuses = (jobs: ExportJob[]) => jobs.map((j) => j.status);

describe('the export queue', () => {
  it('one city-wide bundle at a time, one running job per user; places shown in order', async () => {
    const { builds, runner } = handRunner();
    const q = new ExportJobs(runner, { maxRunning: 2, maxQueuedPerUser: 10 });
    const admin = actor(1);
    const jobs = Array.from({ length: 8 }, () => q.start(admin, CITY, 'kota.zip'));
    await tick();
    expect(statuses(jobs)).toEqual(['running', ...Array(7).fill('queued')]);
    expect(jobs.map((j) => q.position(j))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Another user's city bundle waits too (one city bundle across the server) ...
    const other = q.start(actor(2), CITY, 'kota.zip');
    // ... but a third user's kelurahan bundle starts (two may run at once).
    const kel = q.start(actor(3), KEL('3374050005'), 'kel.zip');
    await tick();
    expect(other.status).toBe('queued');
    expect(kel.status).toBe('running');
    expect(q.load()).toEqual({ running: 2, waiting: 8, cityRunning: true });
    builds[0]!.finish();
    await new Promise((r) => setTimeout(r, 20));
    expect(jobs[0]!.status).toBe('done');
    expect(jobs[1]!.status).toBe('running');
    expect(q.position(other)).toBe(7);
  });

  it('a user with a running kelurahan bundle waits for it before the next; others are not held up', async () => {
    const { runner } = handRunner();
    const q = new ExportJobs(runner, { maxRunning: 3, maxQueuedPerUser: 10 });
    const a = q.start(actor(1), KEL('3374050005'), 'a.zip');
    const a2 = q.start(actor(1), KEL('3374050006'), 'a2.zip');
    const b = q.start(actor(2), KEL('3374050005'), 'b.zip');
    await tick();
    expect(statuses([a, a2, b])).toEqual(['running', 'queued', 'running']);
    expect(q.position(a2)).toBe(1);
  });

  it('refuses a job more than a user may have waiting or running (429), and counts per user', () => {
    const { runner } = handRunner();
    const q = new ExportJobs(runner, { maxRunning: 1, maxQueuedPerUser: 3 });
    for (let i = 0; i < 3; i++) q.start(actor(1), CITY, 'kota.zip');
    expect(codeOf(() => q.start(actor(1), CITY, 'kota.zip'))).toBe('export_queue_full');
    expect(q.start(actor(2), CITY, 'kota.zip').status).toBe('queued');
  });

  it('a streamed bundle whose client goes away leaves the queue, or has its build stopped', async () => {
    const { builds, runner } = handRunner();
    const q = new ExportJobs(runner, { maxRunning: 1, maxQueuedPerUser: 10 });
    const first = new PassThrough();
    const second = new PassThrough();
    const p1 = q.stream(actor(1), CITY, 'kota.zip', first);
    const p2 = q.stream(actor(2), CITY, 'kota.zip', second);
    p1.catch(() => undefined);
    await tick();
    expect(q.load()).toEqual({ running: 1, waiting: 1, cityRunning: true });
    second.destroy();
    await expect(p2).rejects.toThrow(/closed while queued/);
    expect(q.load().waiting).toBe(0);
    first.destroy();
    await tick();
    expect(builds[0]!.cancelled).toBe(true);
  });

  it('calls afterEach when a build ends (the WAL is checkpointed then)', async () => {
    const { builds, runner } = handRunner();
    let checkpoints = 0;
    const q = new ExportJobs(runner, { maxRunning: 1, maxQueuedPerUser: 10 }, undefined, () => void (checkpoints += 1));
    q.start(actor(1), KEL('3374050005'), 'a.zip');
    await tick();
    builds[0]!.finish();
    await new Promise((r) => setTimeout(r, 20));
    expect(checkpoints).toBe(1);
  });
});
