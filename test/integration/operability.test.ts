/**
 * A server you can operate (issue 17, items 5 and 6), through HTTP: /healthz and what makes it
 * fail, request ids in headers and error pages, logs without secrets, no-store on evidence,
 * compressed text and uncompressed files, a full disk answered with 503 in Indonesian.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import zlib from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/create-app';
import { signIn, type Client } from '../../scripts/lib/bench-http';
import { DEMO_PASSWORD } from '../builders';
import { seededServices, type Services } from '../helpers/db';
import { anonymous, seededApp } from '../helpers/http';

const PLEBURAN = '3374050005';

let s: Services;
let server: Server;
let url: string;
const logLines: string[] = [];
let bendahara: Client;
let ketua: Client;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that sees the bytes as sent (fetch and supertest would decompress them). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const decoded = (r: Raw) =>
  r.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(r.body) : r.body;

beforeAll(async () => {
  s = await seededServices(() => new Date('2026-11-28T03:00:00Z'));
  const cfg = loadConfig({ loginDelayMs: 0, logLevel: 'info', healthMinFreeMb: 1 });
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  server = http.createServer(createApp(createApplication(s, cfg, logger), cfg, logger));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bendahara = await signIn(url, 'bendahara.pleburan', DEMO_PASSWORD);
  ketua = await signIn(url, 'ketua.pleburan', DEMO_PASSWORD);
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('GET /healthz', () => {
  it('answers 200 with a small JSON, sets no cookie, creates no session and writes no audit row', async () => {
    const sessions = s.db.sqlite.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
    const audit = s.audit.count();
    const r = await rawGet('/healthz');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body.toString())).toMatchObject({ status: 'ok', ok: true, checks: { database: 'ok', migrations: 'ok', evidence: 'ok', disk: 'ok' } });
    expect(r.body.length).toBeLessThan(400);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('no-store');
    // Even with a session cookie: nothing read, touched or cleared.
    const withCookie = await rawGet('/healthz', { cookie: `${ketua.cookie}; dana_rt_sid_old=x` });
    expect(withCookie.headers['set-cookie']).toBeUndefined();
    expect(s.db.sqlite.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual(sessions);
    expect(s.audit.count()).toBe(audit);
  });

  const failures: Array<{ check: string; breakIt: () => () => void }> = [
    {
      check: 'database',
      breakIt: () => {
        s.db.sqlite.pragma('query_only = ON');
        return () => void s.db.sqlite.pragma('query_only = OFF');
      },
    },
    {
      check: 'migrations',
      breakIt: () => {
        // The code ships a migration the database has not applied (as after an upgrade without `npm run db:migrate`).
        const last = s.db.sqlite.prepare('SELECT rowid, hash, created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1').get() as { rowid: number; hash: string; created_at: number };
        s.db.sqlite.prepare('DELETE FROM __drizzle_migrations WHERE rowid = ?').run(last.rowid);
        return () => void s.db.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(last.hash, last.created_at);
      },
    },
    {
      check: 'evidence',
      breakIt: () => {
        // Root ignores file modes: the store's folder is moved away and a plain file put in its place.
        fs.renameSync(s.evidence.dir, `${s.evidence.dir}.away`);
        fs.writeFileSync(s.evidence.dir, 'not a folder');
        return () => {
          fs.rmSync(s.evidence.dir);
          fs.renameSync(`${s.evidence.dir}.away`, s.evidence.dir);
        };
      },
    },
  ];
  it.each(failures)('503 naming the failed check when $check fails, 200 again once repaired', async ({ check, breakIt }) => {
    const repair = breakIt();
    let r: Raw;
    try {
      r = await rawGet('/healthz');
    } finally {
      repair();
    }
    expect(r.status).toBe(503);
    const body = JSON.parse(r.body.toString()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('fail');
    expect(body.checks[check]).not.toBe('ok');
    expect(Object.entries(body.checks).filter(([, v]) => v !== 'ok').map(([k]) => k)).toEqual([check]);
    expect((await rawGet('/healthz')).status).toBe(200);
  });

  it('503 when free disk is under HEALTH_MIN_FREE_MB', async () => {
    const cfg = loadConfig({ healthMinFreeMb: 1_000_000_000 });
    const h = createApplication(s, cfg).maintenance.health();
    expect(h.ok).toBe(false);
    expect(h.checks.disk).toMatch(/^ruang kosong di bawah 1000000000 MB: database \d+ MB, evidence \d+ MB$/);
  });
});

describe('request ids and logs', () => {
  it('every response carries X-Request-Id, and an error page shows the same id for the user to quote', async () => {
    const page = await rawGet('/login');
    expect(page.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const missing = await rawGet('/tidak-ada', { cookie: ketua.cookie });
    expect(missing.status).toBe(404);
    const id = String(missing.headers['x-request-id']);
    expect(decoded(missing).toString()).toContain(`Kode kejadian: <span class="mono">${id}</span>`);
    expect(id).not.toBe(page.headers['x-request-id']);
  });

  it.each([
    ['a proxy’s plain id is kept', 'nginx-7f3a9c1e2b', 'nginx-7f3a9c1e2b'],
    ['an id with a space is replaced', 'abc def ghi jkl', null],
    ['an id with HTML is replaced', '<script>x</script>', null],
    ['an overlong id is replaced', 'a'.repeat(65), null],
  ])('%s', async (_what, sent, kept) => {
    const r = await rawGet('/login', { 'x-request-id': sent });
    if (kept) expect(r.headers['x-request-id']).toBe(kept);
    else expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs each request with its id, and never a password, a cookie or a CSRF token', async () => {
    const before = logLines.length;
    const secret = 'sandi-rahasia-XYZ-123';
    const login = await fetch(`${url}/login`);
    const pre = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
    const refused = await fetch(`${url}/login?next=/rahasia-di-query`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
      body: new URLSearchParams({ _csrf: csrf, username: 'auditor', password: secret }),
    });
    expect(refused.status).toBe(422);
    await fetch(`${url}/`, { headers: { cookie: ketua.cookie, 'x-csrf-token': ketua.csrf } });
    const logged = logLines.slice(before).join('\n');
    const entries = logLines.slice(before).map((l) => JSON.parse(l) as { req?: { id?: string; method?: string; path?: string }; res?: { status?: number } });
    expect(entries.some((e) => e.req?.method === 'POST' && e.req.path === '/login' && e.res?.status === 422 && typeof e.req.id === 'string')).toBe(true);
    for (const forbidden of [secret, ketua.cookie.split('=')[1]!, ketua.csrf, csrf, pre.split('=')[1]!.slice(0, 20), 'rahasia-di-query', 'cookie', 'x-csrf-token']) {
      expect(logged, forbidden).not.toContain(forbidden);
    }
  });
});

describe('compression and caching', () => {
  const sha = () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
    const receipt = s.receipts.ofRt(rt, 2026).find((r) => s.receipts.files(r.id).length > 0)!;
    return s.receipts.files(receipt.id)[0]!.sha256;
  };
  const pdfSha = () => s.plans.approved(s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id, 2026)!.beritaAcaraSha256!;

  // [what, path, who, Accept-Encoding, expected Content-Encoding]
  const cases: Array<[string, () => string, 'anon' | 'bendahara' | 'ketua', string, string | undefined]> = [
    ['sign-in page (HTML), brotli', () => '/login', 'anon', 'br, gzip', 'br'],
    ['sign-in page (HTML), gzip', () => '/login', 'anon', 'gzip', 'gzip'],
    ['a signed-in page (HTML)', () => '/', 'ketua', 'gzip, deflate, br', 'br'],
    ['stylesheet (CSS)', () => '/assets/app.css', 'anon', 'gzip', 'gzip'],
    ['script (JS)', () => '/assets/app.js', 'anon', 'gzip', 'gzip'],
    ['LPJ CSV', () => `/laporan/lpj/${PLEBURAN}/csv?tahun=2026`, 'bendahara', 'gzip', 'gzip'],
    ['journal (streamed text)', () => `/laporan/jurnal?tahun=2026&kelurahan=${PLEBURAN}`, 'bendahara', 'gzip', 'gzip'],
    ['LPJ XLSX (already compressed)', () => `/laporan/lpj/${PLEBURAN}/xlsx?tahun=2026`, 'bendahara', 'gzip, br', undefined],
    ['LPJ PDF', () => `/laporan/lpj/${PLEBURAN}/pdf?tahun=2026`, 'bendahara', 'gzip, br', undefined],
    ['evidence photo', () => `/berkas/${sha()}`, 'ketua', 'gzip, br', undefined],
    ['evidence PDF', () => `/berkas/${pdfSha()}`, 'ketua', 'gzip, br', undefined],
    ['audit bundle (streamed ZIP)', () => `/laporan/bundel?tahun=2026&kelurahan=${PLEBURAN}`, 'bendahara', 'gzip, br', undefined],
    ['a client that takes no compression', () => '/login', 'anon', 'identity', undefined],
    // Public pages are kept gzipped per data version and encode their own answers (ahead of the compression middleware).
    ['public RT page (HTML, kept gzip)', () => '/publik/rt/3374050005/1/2?tahun=2026', 'anon', 'gzip, br', 'gzip'],
    ['public RT page (JSON, kept gzip)', () => '/publik/rt/3374050005/1/2.json?tahun=2026', 'anon', 'gzip', 'gzip'],
    ['public kelurahan page (CSV, kept gzip)', () => '/publik/kelurahan/3374050005.csv?tahun=2026', 'anon', 'gzip', 'gzip'],
    ['public page to a client that takes no compression', () => '/publik/rt/3374050005/1/2?tahun=2026', 'anon', 'identity', undefined],
    ['public poster (PDF)', () => '/publik/rt/3374050005/1/2/poster.pdf?tahun=2026', 'anon', 'gzip, br', undefined],
  ];
  it.each(cases)('%s', async (what, path, who, accept, expected) => {
    const cookie = who === 'anon' ? undefined : (who === 'bendahara' ? bendahara : ketua).cookie;
    const r = await rawGet(path(), { 'accept-encoding': accept, ...(cookie ? { cookie } : {}) });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe(expected);
    // Compressed or not, the bytes are the same as without compression.
    const plain = await rawGet(path(), { 'accept-encoding': 'identity', ...(cookie ? { cookie } : {}) });
    const a = decoded(r);
    const type = String(r.headers['content-type']);
    // Pages, PDFs, XLSX and ZIPs are rendered afresh (tokens, creation dates): a page must be whole;
    // the rest must be byte for byte what an uncompressed answer carries.
    if (/text\/html/.test(type)) expect(a.toString()).toContain('</html>');
    else if (/^(text\/(csv|plain|css)|application\/javascript|text\/javascript|image\/)/.test(type) || path().startsWith('/berkas/')) expect(a.equals(plain.body)).toBe(true);
    if (expected) expect(r.body.length).toBeLessThan(a.length);
    console.info(`compression: ${what}: ${a.length} → ${r.body.length} bytes (${r.headers['content-encoding'] ?? 'none'})`);
  });

  it('evidence and signed-in pages are no-store (no shared-phone cache keeps them after sign-out)', async () => {
    for (const path of [`/berkas/${sha()}`, `/berkas/${pdfSha()}`, '/']) {
      const r = await rawGet(path, { cookie: ketua.cookie });
      expect(r.status, path).toBe(200);
      expect(r.headers['cache-control'], path).toBe('no-store');
    }
  });
});

describe('a full disk', () => {
  // The real thing (a small tmpfs filled up) is test/reliability/full-disk.test.ts; here each error code alone.
  it.each([
    ['SQLite', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })],
    ['a file write', Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })],
  ])('%s that finds the disk full is a 503 in Indonesian, with the request id, not a 500', async (_what, err) => {
    const { app, s: own } = await seededApp();
    const a = await anonymous(app);
    own.sessions.insert = () => {
      throw err;
    };
    const r = await a.agent.post('/login').type('form').send({ _csrf: a.csrf, username: 'auditor', password: DEMO_PASSWORD });
    expect(r.status).toBe(503);
    expect(r.text).toContain('Penyimpanan server penuh, jadi data tidak dapat disimpan.');
    expect(r.text).toContain(`Kode kejadian: <span class="mono">${r.headers['x-request-id']}</span>`);
    expect(r.text).not.toMatch(/SQLITE|ENOSPC/);
  });
});
