/**
 * The request log (src/http/middleware/request-log.ts): one line per request at the level its
 * status deserves, built only when that level is written; a cut-off answer is logged as aborted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLog } from '../../src/http/middleware/request-log';

const lines: Array<Record<string, unknown>> = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  const logger = pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
  const app = express();
  app.use(requestLog(logger));
  app.get('/ok', (_req, res) => void res.send('ok'));
  app.get('/missing', (_req, res) => void res.status(404).send('tidak ada'));
  app.get('/broken', (_req, res) => void res.status(500).send('rusak'));
  app.get('/healthz', (_req, res) => void res.status(503).send('fail'));
  app.get('/cut', (_req, res) => {
    res.write('sebagian');
    setTimeout(() => res.destroy(), 20);
  });
  server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('request log at LOG_LEVEL=warn', () => {
  it.each([
    ['a 200 is not written', '/ok?next=/rahasia', 0, undefined],
    ['a 404 is a warning with id, method, path without its query, status and time', '/missing?q=nama+warga', 1, 40],
    ['a 500 is an error', '/broken', 1, 50],
    ['the load balancer probe is never logged, whatever it answers', '/healthz', 0, undefined],
  ] as const)('%s', async (_what, path, count, level) => {
    const before = lines.length;
    const r = await fetch(url + path);
    await r.text();
    await settle();
    const mine = lines.slice(before);
    expect(mine).toHaveLength(count);
    if (!count) return;
    const line = mine[0] as { level: number; msg: string; req: { id: string; method: string; path: string }; res: { status: number }; responseTime: number };
    expect(line.level).toBe(level);
    expect(line.msg).toBe('request completed');
    expect(line.req).toMatchObject({ id: r.headers.get('x-request-id'), method: 'GET', path: path.split('?')[0] });
    expect(line.res.status).toBe(r.status);
    expect(typeof line.responseTime).toBe('number');
    expect(JSON.stringify(line)).not.toMatch(/rahasia|nama\+warga/);
  });

  it('an answer cut off before its end is logged as aborted (a warning even with status 200)', async () => {
    const before = lines.length;
    await fetch(`${url}/cut`)
      .then((r) => r.text())
      .catch(() => undefined);
    await settle();
    const mine = lines.slice(before) as Array<{ level: number; msg: string }>;
    expect(mine.map((l) => [l.level, l.msg])).toEqual([[40, 'request aborted']]);
  });
});
