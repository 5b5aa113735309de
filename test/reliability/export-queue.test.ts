/**
 * Eight city-wide bundles requested at once by one admin (issue 17, item 4), on the real server
 * (dist/server.mjs as npm start runs it, with its 256 MB heap): the jobs are queued, each page
 * shows its place, only one city bundle is built at a time, and it is built in a child process
 * (the server's memory stays flat: its resident size is measured from /proc while the bundles are
 * built); pages are answered meanwhile; every bundle comes out and verifies. One more job than
 * EXPORT_MAX_QUEUED_PER_USER is refused with 429.
 *
 * Quick mode (npm test) waits for the first two bundles and then stops the server; RELIABILITY=full
 * waits for all eight.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyBundleFiles, readZip } from '../../src/app/verify-bundle';
import { signIn } from '../../scripts/lib/bench-http';
import { DEMO_PASSWORD } from '../builders';
import { seededServices, tempDbPath } from '../helpers/db';
import { startServer } from '../helpers/server';

const FULL = process.env.RELIABILITY === 'full';
const JOBS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The processes whose parent is pid (the bundle workers of the server). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return /^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}

type State = { status: 'queued'; position: number } | { status: 'running' } | { status: 'done' } | { status: 'failed' };
function stateOf(html: string): State {
  if (html.includes('Dalam antrean')) return { status: 'queued', position: Number(/urutan ke-(\d+)/.exec(html)![1]) };
  if (html.includes('Sedang disusun')) return { status: 'running' };
  if (html.includes('Unduh bundel')) return { status: 'done' };
  return { status: 'failed' };
}

describe('eight city bundles at once', () => {
  it('are queued with their place shown, built one at a time in a child process; the server stays small and answers pages', async () => {
    const s = await seededServices();
    const file = s.db.sqlite.name;
    s.db.close();
    const server = await startServer({ DATABASE_PATH: file, EVIDENCE_DIR: `${file}.evidence`, EXPORT_MAX_QUEUED_PER_USER: String(JOBS), SESSION_IDLE_MINUTES: '600' });
    try {
      const admin = await signIn(server.url, 'admin', DEMO_PASSWORD);
      const bendahara = await signIn(server.url, 'bendahara.pleburan', DEMO_PASSWORD);
      const post = () =>
        fetch(`${server.url}/laporan/bundel?tahun=2026`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: admin.csrf }),
        });
      const rssBefore = server.rssMb();
      const started = await Promise.all(Array.from({ length: JOBS }, post));
      expect(started.map((r) => r.status)).toEqual(Array(JOBS).fill(303));
      const jobs = started.map((r) => r.headers.get('location')!);
      expect(new Set(jobs).size).toBe(JOBS);
      // One more than a user may have waiting: refused, in Indonesian.
      const extra = await post();
      expect(extra.status).toBe(429);
      expect(await extra.text()).toContain('bundel yang menunggu');

      const page = async (path: string, who = admin) => {
        const r = await fetch(server.url + path, { headers: { cookie: who.cookie } });
        return { status: r.status, text: await r.text() };
      };
      let sawQueuedPositions = 0;
      let positionsChecked = 0;
      let maxRunning = 0;
      let maxChildren = 0;
      let sawChild = false;
      let pagesAnswered = 0;
      let peakRss = 0;
      const want = FULL ? JOBS : 2;
      let done = 0;
      const deadline = Date.now() + (FULL ? 600_000 : 180_000);
      while (done < want) {
        expect(Date.now(), 'the bundles did not finish in time').toBeLessThan(deadline);
        const snapshot = async () =>
          (await Promise.all(jobs.map((j) => page(j)))).map((p) => {
            expect(p.status).toBe(200);
            return stateOf(p.text);
          });
        const states = await snapshot();
        // The pages are read one by one: a job that starts between two reads shifts the places of
        // the pages read after it. Only a snapshot the next one confirms is held to the places.
        const settled = JSON.stringify(await snapshot()) === JSON.stringify(states);
        expect(states.filter((x) => x.status === 'failed')).toEqual([]);
        const running = states.filter((x) => x.status === 'running').length;
        maxRunning = Math.max(maxRunning, running);
        // The places shown are 1..n, each once, in the order the jobs were requested.
        const positions = states.flatMap((x) => (x.status === 'queued' ? [x.position] : []));
        if (settled) expect(positions).toEqual(positions.map((_, i) => i + 1));
        if (settled && positions.length > 1) positionsChecked += 1;
        sawQueuedPositions = Math.max(sawQueuedPositions, positions.length);
        const children = childrenOf(server.proc.pid!).length;
        maxChildren = Math.max(maxChildren, children);
        if (children > 0) sawChild = true;
        // Pages are still answered while a bundle is built.
        const home = await page('/laporan', bendahara);
        expect(home.status).toBe(200);
        pagesAnswered += 1;
        peakRss = Math.max(peakRss, server.rssMb());
        done = states.filter((x) => x.status === 'done').length;
        await sleep(150);
      }
      console.info(
        `eight city bundles: ${done} built; at most ${maxRunning} running and ${maxChildren} worker process(es) at once; up to ${sawQueuedPositions} waiting with their place shown; ` +
          `${pagesAnswered} pages answered meanwhile; server RSS ${Math.round(rssBefore)} MB before, ${Math.round(peakRss)} MB at most while building (VmHWM ${Math.round(server.peakRssMb())} MB)`,
      );
      expect(maxRunning).toBe(1);
      expect(maxChildren).toBeLessThanOrEqual(1);
      expect(sawChild).toBe(true);
      expect(sawQueuedPositions).toBeGreaterThanOrEqual(JOBS - 2);
      expect(positionsChecked, 'no confirmed snapshot of the waiting places').toBeGreaterThan(0);
      // The bundles are built outside the server: its resident size stays where a serving server is.
      expect(peakRss).toBeLessThan(300);
      // A finished bundle downloads and verifies.
      const first = jobs[0]!;
      const zip = await fetch(`${server.url}${first}/unduh`, { headers: { cookie: admin.cookie } });
      expect(zip.status).toBe(200);
      const zipFile = `${tempDbPath()}.zip`;
      fs.writeFileSync(zipFile, Buffer.from(await zip.arrayBuffer()));
      const report = await verifyBundleFiles(await readZip(zipFile));
      expect(report.problems).toEqual([]);
      expect(report.entries).toBeGreaterThan(600);
    } finally {
      await server.stop();
    }
    // The server gone, no worker is left behind.
    await sleep(500);
  }, FULL ? 900_000 : 300_000);
});
