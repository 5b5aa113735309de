/**
 * Downloads that stop reading (issue 17, item 4): five clients open the city's journal download
 * and never read. Each holds a read snapshot, so the WAL cannot be folded back past it while the
 * server keeps writing. After DOWNLOAD_STALL_SECONDS without progress the server cuts them: the
 * snapshots are released (the count comes back to 0) and the next checkpoint folds the whole
 * WAL. A client that reads gets the whole file, stall limit or not.
 *
 * The journal is made large (≈15 MB: more than the kernel's socket buffers hold) by posting
 * entries with long descriptions straight through the ledger's use case.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postEntry } from '../../src/app/post-entry';
import { openSnapshots } from '../../src/app/read-snapshot';
import { rtSpendingAccount, rtUndrawnAccount } from '../../src/domain/ledger/accounts';
import { signIn } from '../../scripts/lib/bench-http';
import { DEMO_PASSWORD } from '../builders';
import { seededServices } from '../helpers/db';
import { appOf } from '../helpers/http';

const FULL = process.env.RELIABILITY === 'full';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STALL_SECONDS = 1;

/**
 * A GET whose answer is not read. A paused socket does not see the server close it either: once
 * resumed it reads what the kernel kept, then the end (a cut answer is short of the whole file).
 */
function stalledGet(port: number, path: string, cookie: string): Promise<{ closed: Promise<number>; received: () => number; resume: () => void }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      // Never read: Node buffers up to its high-water mark, then the kernel's buffers fill.
      socket.pause();
      const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now())));
      resolve({ closed, received: () => socket.bytesRead, resume: () => void socket.on('data', () => undefined).resume() });
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

async function until(what: string, test: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await sleep(50);
  }
}

describe('stalled journal downloads', () => {
  it('are cut after the stall limit; their snapshots are released and the WAL is folded back', async () => {
    const s = await seededServices();
    const rts = s.registry.activeRts().slice(0, 50);
    const long = 'Belanja ATK dan konsumsi rapat warga '.repeat(30);
    const entries = FULL ? 30_000 : 12_000;
    s.db.transaction(() => {
      for (let i = 0; i < entries; i++) {
        const rt = rts[i % rts.length]!;
        const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
        postEntry(s, {
          year: 2026,
          eventType: 'receipt',
          eventRef: `stall:${i}`,
          description: `${long}${i}`,
          actor: 'system:test',
          occurredOn: '2026-08-01',
          idempotencyKey: `stall-${i}`,
          postings: [
            { account: rtSpendingAccount(ref, 'SOS'), amount: 1 },
            { account: rtUndrawnAccount(ref), amount: -1 },
          ],
        });
      }
    });
    s.db.walCheckpoint();
    const { app } = appOf(s, { downloadStallSeconds: STALL_SECONDS });
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    try {
      const admin = await signIn(url, 'admin', DEMO_PASSWORD);
      const before = openSnapshots();
      const t0 = Date.now();
      const stalled = await Promise.all(Array.from({ length: 5 }, () => stalledGet(port, '/laporan/jurnal?tahun=2026', admin.cookie)));
      await until('five snapshots open', () => openSnapshots() === before + 5, 10_000);

      // Meanwhile the server writes (audit rows); the snapshots keep the WAL from being folded back.
      const system = { userId: null, username: 'test', role: 'system' as const, kelurahanCode: null, rtId: null, kecamatanCodes: null };
      for (let i = 0; i < 200; i++) s.db.transaction(() => s.audit.record(system, null, { action: 'test.write', targetType: 'test' }));
      const held = s.db.walCheckpoint();
      expect(held.logFrames).toBeGreaterThan(held.checkpointedFrames);
      // Pages are answered while the downloads hang.
      const page = await fetch(`${url}/laporan`, { headers: { cookie: admin.cookie } });
      expect(page.status).toBe(200);

      // The server cuts them: their snapshots are released.
      await until('the stalled downloads cut and their snapshots released', () => openSnapshots() === before, 30_000);
      const cutAfter = Date.now() - t0;
      // Read now, the clients find their answers ended, short of the whole file.
      for (const c of stalled) c.resume();
      const closedAt = await Promise.all(stalled.map((c) => Promise.race([c.closed, sleep(10_000).then(() => NaN)])));
      expect(closedAt.every(Number.isFinite), 'every stalled download is closed by the server').toBe(true);
      const received = stalled.map((c) => c.received());
      const folded = s.db.walCheckpoint();
      expect(folded.logFrames).toBe(folded.checkpointedFrames);
      console.info(
        `stalled downloads: 5 cut and their snapshots released ${Math.round(cutAfter / 100) / 10} s after they started (limit ${STALL_SECONDS} s without progress), ` +
          `each after ${Math.round(Math.min(...received) / 1024)}–${Math.round(Math.max(...received) / 1024)} KB had arrived; ` +
          `WAL while held: ${held.checkpointedFrames}/${held.logFrames} frames folded, after the cut ${folded.checkpointedFrames}/${folded.logFrames}; snapshots open ${openSnapshots() - before}`,
      );

      // A client that reads gets the whole journal.
      const whole = await fetch(`${url}/laporan/jurnal?tahun=2026`, { headers: { cookie: admin.cookie } });
      const body = await whole.text();
      expect(whole.status).toBe(200);
      expect(body.length).toBeGreaterThan(10_000_000);
      expect(body.match(/ ; id:\d+/g)!.length).toBe(s.ledger.countInScope(2026, null));
      for (const c of received) expect(c).toBeLessThan(body.length);
      expect(openSnapshots()).toBe(before);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      s.db.close();
    }
  }, FULL ? 600_000 : 180_000);
});
