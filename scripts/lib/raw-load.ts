/**
 * A keep-alive HTTP/1.1 load generator for the upload bench, lighter than autocannon where the
 * bench's client shares the server's two cores.
 *
 * Why: with 240 KB multipart bodies autocannon rebuilt each request (`setupRequest`) into a new
 * buffer, head and body copied together, and parsed every answer with its full parser: 0,7–1,6 ms
 * of the bench's own CPU per upload, taken from the same two cores the server is measured on.
 * Here a request is its head (a few hundred bytes, written per request) and its body (made before
 * the load, written as it is, never copied in this process), corked into one write; an answer is
 * read only as far as HTTP needs to find its end (status line, Content-Length or chunked).
 *
 * The same load as before otherwise: `connections` sockets, each sending its next request when the
 * answer to the last one is whole; at `duration` seconds nothing new is sent, `atDeadline` runs at
 * that instant (the bench counts the receipts stored then, so an upload still in flight is not
 * counted), and the sockets are closed. A socket the server closes is opened again; an answer not
 * whole after `timeoutMs` counts as an error (the socket is dropped and opened again).
 */
import net from 'node:net';
import { percentile, type LoadResult } from './bench-http';

export interface RawRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Readonly<Record<string, string>>;
  body?: Buffer;
}

export interface RawLoadOptions {
  url: string;
  connections: number;
  duration: number;
  /** The next request to send (called once per request, on any connection). */
  next: () => RawRequest;
  /** Called synchronously the instant the duration is over, before the sockets close. */
  atDeadline?: () => void;
  timeoutMs?: number;
}

/** Where an answer ends in `buf` (its whole length), -1 while more is needed, or throws on what is not HTTP. */
export function answerEnd(buf: Buffer): { end: number; status: number; close: boolean } | null {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = buf.toString('latin1', 0, headEnd);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!status) throw new Error(`not an HTTP answer: ${JSON.stringify(head.slice(0, 40))}`);
  const close = /\r\nconnection: *close/i.test(head);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  const bodyStart = headEnd + 4;
  if (length) {
    const end = bodyStart + Number(length[1]);
    return end <= buf.length ? { end, status: Number(status[1]), close } : null;
  }
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    let at = bodyStart;
    for (;;) {
      const line = buf.indexOf('\r\n', at);
      if (line < 0) return null;
      const size = parseInt(buf.toString('latin1', at, line), 16);
      if (!Number.isFinite(size)) throw new Error('bad chunk size');
      const next = line + 2 + size + 2;
      if (next > buf.length) return null;
      // The last chunk (no trailers: the server sends none).
      if (size === 0) return { end: next, status: Number(status[1]), close };
      at = next;
    }
  }
  // No length and not chunked: 204/304 carry no body; anything else ends with the connection. (This
  // client never sends Expect: 100-continue, so no 1xx answer comes before the final one.)
  const n = Number(status[1]);
  if (n === 204 || n === 304) return { end: bodyStart, status: n, close };
  return null;
}

export async function rawLoad(opts: RawLoadOptions): Promise<LoadResult> {
  const target = new URL(opts.url);
  const host = target.hostname;
  const port = Number(target.port);
  const hostHeader = `${host}:${port}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  let requests = 0;
  let non2xx = 0;
  let errors = 0;
  let over = false;
  const sockets = new Set<net.Socket>();

  const headOf = (r: RawRequest): string => {
    let head = `${r.method} ${r.path} HTTP/1.1\r\nhost: ${hostHeader}\r\nconnection: keep-alive\r\n`;
    for (const [k, v] of Object.entries(r.headers)) head += `${k}: ${v}\r\n`;
    if (r.body) head += `content-length: ${r.body.length}\r\n`;
    return `${head}\r\n`;
  };

  /** One connection's loop: a request, its whole answer, the next request; reconnecting when the server closes. */
  const connection = (): Promise<void> =>
    new Promise<void>((done) => {
      let socket: net.Socket;
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let waiting = false;
      let timer: NodeJS.Timeout | null = null;

      const open = () => {
        if (over) return done();
        pending = Buffer.alloc(0);
        waiting = false;
        let connected = false;
        socket = net.connect({ host, port, noDelay: true });
        sockets.add(socket);
        socket.on('connect', () => {
          connected = true;
          send();
        });
        socket.on('data', onData);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          sockets.delete(socket);
          if (timer) clearTimeout(timer);
          // An answer cut off, or a connection refused (counted, and tried again a little later, not in a tight loop).
          if ((waiting || !connected) && !over) errors += 1;
          if (over) done();
          else if (connected) setImmediate(open);
          else setTimeout(open, 50);
        });
      };
      const send = () => {
        if (over) return socket.end();
        const r = opts.next();
        socket.cork();
        socket.write(headOf(r), 'latin1');
        if (r.body) socket.write(r.body);
        socket.uncork();
        sentAt = performance.now();
        waiting = true;
        timer = setTimeout(() => socket.destroy(), timeoutMs);
      };
      const onData = (chunk: Buffer) => {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        let answer: ReturnType<typeof answerEnd>;
        try {
          answer = answerEnd(pending);
        } catch {
          errors += 1;
          waiting = false;
          return socket.destroy();
        }
        if (!answer) return;
        if (timer) clearTimeout(timer);
        waiting = false;
        if (over) return;
        requests += 1;
        latencies.push(performance.now() - sentAt);
        if (answer.status < 200 || answer.status >= 300) non2xx += 1;
        pending = pending.subarray(answer.end);
        if (answer.close) return socket.end();
        send();
      };
      open();
    });

  const t0 = performance.now();
  const loops = Array.from({ length: opts.connections }, connection);
  await new Promise((r) => setTimeout(r, opts.duration * 1000));
  over = true;
  opts.atDeadline?.();
  const seconds = (performance.now() - t0) / 1000;
  for (const s of sockets) s.destroy();
  await Promise.all(loops);
  latencies.sort((a, b) => a - b);
  return { rps: requests / seconds, p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), requests, non2xx, errors };
}
