/**
 * The upload bench's own client (scripts/lib/raw-load.ts): where an answer ends, and a short load
 * against a local server that answers with a length, in chunks, with an error status and by
 * closing the connection. A client that miscounted would misstate the upload figure.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerEnd, rawLoad } from '../../scripts/lib/raw-load';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('answerEnd', () => {
  it.each([
    ['a length, whole', 'HTTP/1.1 303 See Other\r\nContent-Length: 5\r\n\r\nhello', { end: 50, status: 303, close: false }],
    ['a length, body still coming', 'HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello', null],
    ['head still coming', 'HTTP/1.1 200 OK\r\nContent-Len', null],
    ['chunked, whole', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n', { end: 62, status: 200, close: false }],
    ['chunked, last chunk missing', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n', null],
    ['a closing answer', 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\ncontent-length: 0\r\n\r\n', { end: 72, status: 413, close: true }],
    ['no body by its status', 'HTTP/1.1 204 No Content\r\n\r\n', { end: 27, status: 204, close: false }],
    ['no length, not chunked: the body ends with the connection', 'HTTP/1.1 200 OK\r\n\r\nabc', null],
  ])('%s', (_name, text, want) => {
    expect(answerEnd(b(text))).toEqual(want);
  });

  it('an answer followed by the next one ends where the first ends', () => {
    const two = b('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n');
    expect(answerEnd(two)?.end).toBe(40);
  });

  it('refuses what is not HTTP', () => {
    expect(() => answerEnd(b('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP answer/);
  });
});

describe('rawLoad', () => {
  let server: http.Server;
  let url = '';
  const seen: Array<{ path: string; bytes: number }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => {
        seen.push({ path: req.url!, bytes });
        if (req.url === '/chunked') {
          res.write('part one, ');
          res.end('part two');
        } else if (req.url === '/refused') {
          res.writeHead(422, { 'content-type': 'text/plain' }).end('no');
        } else if (req.url === '/close') {
          res.writeHead(200, { connection: 'close', 'content-length': '2' }).end('ok');
        } else res.writeHead(303, { location: '/', 'content-length': '0' }).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends each request whole, counts every answer, refusals and reconnections included', async () => {
    seen.length = 0;
    const paths = ['/posted', '/chunked', '/refused', '/close'];
    const body = Buffer.alloc(100_000, 7);
    let n = 0;
    let seenAtDeadline = -1;
    const r = await rawLoad({
      url,
      connections: 3,
      duration: 0.4,
      next: () => ({ method: 'POST', path: paths[n++ % paths.length]!, headers: { 'content-type': 'application/octet-stream' }, body }),
      atDeadline: () => (seenAtDeadline = seen.length),
    });
    expect(r.errors).toBe(0);
    expect(r.requests).toBeGreaterThan(20);
    // Every request reached the server with its whole body; the deadline came after the answers counted.
    expect(seen.every((x) => x.bytes === body.length)).toBe(true);
    expect(seenAtDeadline).toBeGreaterThanOrEqual(r.requests);
    // A quarter of the requests are redirected (303) and a quarter refused (422): both are not 2xx.
    // A quarter are answered by closing the connection: counted, and the connection opened again.
    expect(r.non2xx / r.requests).toBeGreaterThan(0.35);
    expect(r.non2xx / r.requests).toBeLessThan(0.65);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50);
  });

  it('a server that refuses connections: errors counted, nothing answered, the load still ends on time', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const t0 = performance.now();
    const r = await rawLoad({ url: `http://127.0.0.1:${port}`, connections: 2, duration: 0.3, next: () => ({ method: 'GET', path: '/', headers: {} }) });
    expect(r.requests).toBe(0);
    expect(r.errors).toBeGreaterThanOrEqual(2);
    // Tried again every 50 ms, not in a tight loop.
    expect(r.errors).toBeLessThan(40);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
