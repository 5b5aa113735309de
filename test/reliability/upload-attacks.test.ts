/**
 * Issue 17's upload attacks, full size, against the real server (dist/server.mjs as npm start
 * runs it, 256 MB heap), signed in as the demo RT chair. Each one used to hurt:
 * - the field bomb (~260 text fields of 1 MB) ran the server out of heap;
 * - five stalled uploads held ~80 MB each until Node's 300 s limit (RSS 288 → 665 MB);
 * - receipts refused for their amount left three 10 MB fake PDFs each in the store for an hour.
 * RELIABILITY=full (about 40 s); the same rules in miniature run in every `npm test`
 * (test/integration/upload-limits.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type Client } from '../../scripts/lib/bench-http';
import { DEMO_PASSWORD } from '../builders';
import { seededServices } from '../helpers/db';
import { fieldsOf, sendMultipart, type Part, type Sent } from '../helpers/multipart';
import { startServer } from '../helpers/server';

const FULL = process.env.RELIABILITY === 'full';
const MB = 1024 * 1024;
const STALL_MS = 2_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fakePdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 16), Buffer.from('\n%%EOF\n')]);

/** Every file under a folder (recursively), with its size: the evidence store and its quarantine. */
function listing(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .map((f) => `${path.relative(dir, f)} ${fs.statSync(f).size}`)
    .sort();
}

/** Samples the server's resident memory every 50 ms while `run` runs; the highest sample in MB. */
async function peakRssDuring<T>(rss: () => number, run: () => Promise<T>): Promise<{ result: T; peakMb: number; beforeMb: number }> {
  const beforeMb = rss();
  let peakMb = beforeMb;
  const t = setInterval(() => (peakMb = Math.max(peakMb, rss())), 50);
  try {
    const result = await run();
    return { result, peakMb: Math.max(peakMb, rss()), beforeMb };
  } finally {
    clearInterval(t);
  }
}

describe.skipIf(!FULL)('upload attacks against the real server (RELIABILITY=full)', () => {
  let server: Awaited<ReturnType<typeof startServer>> & { rssMb?: () => number };
  let evidenceDir: string;
  let chair: Client;
  let rtId: number;
  let returnedId: number;
  const figures: string[] = [];
  const rss = () => {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'));
    return Number(m![1]) / 1024;
  };

  beforeAll(async () => {
    const s = await seededServices();
    const file = s.db.sqlite.name;
    s.db.close();
    evidenceDir = `${file}.evidence`;
    // Five uploads at once from one chair: the per-user limit is raised here so all five stall
    // (the limit itself is tested in test/integration/upload-limits.test.ts).
    server = await startServer({ DATABASE_PATH: file, EVIDENCE_DIR: evidenceDir, UPLOAD_STALL_MS: String(STALL_MS), UPLOADS_PER_USER: '5' });
    chair = await signIn(server.url, 'ketua.pleburan', DEMO_PASSWORD);
    const home = await (await fetch(`${server.url}/`, { headers: { cookie: chair.cookie } })).text();
    rtId = Number(/\/rt\/(\d+)\/kuitansi/.exec(home)![1]);
    const page = await (await fetch(`${server.url}/rt/${rtId}/kuitansi?tahun=2026`, { headers: { cookie: chair.cookie } })).text();
    returnedId = Number(/\/kuitansi\/(\d+)\/kirim-ulang/.exec(page)![1]);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (figures.length) console.log(`upload attacks:\n  ${figures.join('\n  ')}`);
  });

  const stillServing = async () => (await fetch(`${server.url}/rt/${rtId}/kuitansi?tahun=2026`, { headers: { cookie: chair.cookie } })).status;
  const receipt = (o: Record<string, string> = {}): Part[] =>
    fieldsOf({ _csrf: chair.csrf, year: '2026', requestKey: randomBytes(12).toString('base64url'), date: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10), category: 'SOS', description: 'Konsumsi rapat warga', vendor: 'Warung Bu Sri', notaNumber: `WS-${randomBytes(3).toString('hex')}`, amount: '150.000', ...o });

  it.each<[string, boolean, string]>([
    ['with its Content-Length (260 MB: refused before a byte is read)', false, 'Kiriman terlalu besar: paling banyak 40 MB sekali kirim'],
    ['sent chunked, without a length (refused at the first field over 10 KB)', true, 'Isian terlalu panjang: satu isian paling banyak 10 KB'],
  ])('the field bomb, 260 text fields of 1 MB, %s: 413, memory stays bounded, the server keeps serving', async (how, chunked, says) => {
    const bomb = (): Part[] => [...receipt(), ...Array.from({ length: 260 }, (_, i) => ({ name: `bom${i}`, value: 'x'.repeat(MB) }))];
    const { result, peakMb, beforeMb } = await peakRssDuring(rss, async () => {
      const answers: Sent[] = [];
      for (let i = 0; i < 3; i++) answers.push(await sendMultipart(server.url, `/rt/${rtId}/kuitansi`, chair.cookie, bomb(), { chunked }));
      return answers;
    });
    for (const r of result) {
      expect(r.status).toBe(413);
      expect(r.text).toContain(says);
      expect(r.answeredEarly).toBe(true);
    }
    figures.push(`field bomb ×3 ${how}: RSS ${beforeMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB; at most ${Math.max(...result.map((r) => r.written / MB)).toFixed(1)} MB of 260 MB sent before the answer`);
    expect(peakMb - beforeMb).toBeLessThan(64);
    expect(peakMb).toBeLessThan(300);
    expect(await stillServing()).toBe(200);
  });

  it('five stalled uploads of ~36 MB each: RSS stays under 300 MB, each is cut after the stall time, nothing stays in the quarantine', async () => {
    const parts = (): Part[] => [
      { name: '_csrf', value: chair.csrf },
      ...['nota', 'fotoBarang', 'fotoKegiatan', 'daftarHadir'].map((name, i) => ({ name, file: `f${i}.pdf`, bytes: fakePdf(9 * MB) })),
    ];
    const started = Date.now();
    const { result, peakMb, beforeMb } = await peakRssDuring(rss, () =>
      Promise.all(Array.from({ length: 5 }, () => sendMultipart(server.url, `/kuitansi/${returnedId}/kirim-ulang`, chair.cookie, parts(), { holdAfter: 32 * MB, giveUpMs: 30_000 }))),
    );
    const tookMs = Date.now() - started;
    for (const r of result) {
      expect(r.status).toBeNull(); // cut: no answer to a phone that stopped sending
      expect(r.text).not.toBe('client gave up');
      expect(r.written).toBeGreaterThan(30 * MB);
    }
    figures.push(`five stalled uploads (32 MB sent each): RSS ${beforeMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB; all cut ${(tookMs / 1000).toFixed(1)} s after they started (stall limit ${STALL_MS / 1000} s)`);
    expect(peakMb).toBeLessThan(300);
    for (let i = 0; i < 40 && listing(`${evidenceDir}.quarantine`).length; i++) await sleep(100);
    expect(listing(`${evidenceDir}.quarantine`)).toEqual([]);
    expect(await stillServing()).toBe(200);
  });

  it('receipts refused for their amount with three 10 MB fake PDFs: answered before the files are read, the evidence store unchanged 5 s later', async () => {
    const before = listing(evidenceDir);
    const attack = (): Part[] => [...receipt({ amount: '9.000.000' }), ...['nota', 'fotoKegiatan', 'daftarHadir'].map((name, i) => ({ name, file: `palsu-${i}.pdf`, bytes: fakePdf(10 * MB - 4096) }))];
    const started = Date.now();
    const answers: Sent[] = [];
    for (let i = 0; i < 5; i++) answers.push(await sendMultipart(server.url, `/rt/${rtId}/kuitansi`, chair.cookie, attack()));
    const tookMs = Date.now() - started;
    for (const r of answers) {
      expect(r.status).toBe(422);
      expect(r.text).toContain('Kas tersedia');
      expect(r.answeredEarly).toBe(true);
    }
    figures.push(`five refused receipts with 3 × 10 MB fake PDFs: ${(tookMs / 1000).toFixed(2)} s in all; at most ${Math.max(...answers.map((r) => r.written / MB)).toFixed(1)} MB of 30 MB sent before the answer; evidence store unchanged`);
    await sleep(5_000);
    expect(listing(evidenceDir)).toEqual(before);
    expect(listing(`${evidenceDir}.quarantine`)).toEqual([]);
    expect(await stillServing()).toBe(200);
  });
});
