/**
 * A multipart client that behaves like a hostile (or merely slow) phone: it writes the body part
 * by part, can stop sending (stall) or hold the rest back, and reports whether an answer came
 * while it was still sending, or the connection was cut without one.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';

export type Part = { name: string; value: string } | { name: string; file: string; bytes: Buffer; type?: string };

export interface Sent {
  /** The status, or null when the connection was cut without an answer. */
  status: number | null;
  text: string;
  /** Bytes of the body written before the answer (or the cut). */
  written: number;
  /** The body was not all sent when the answer came. */
  answeredEarly: boolean;
}

/** The body as chunks (a part's header, then its value in pieces of at most 64 KB). */
export function bodyChunks(parts: readonly Part[], boundary: string): Buffer[] {
  const out: Buffer[] = [];
  for (const p of parts) {
    const head =
      'file' in p
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`;
    out.push(Buffer.from(head));
    const bytes = 'file' in p ? p.bytes : Buffer.from(p.value);
    for (let i = 0; i < bytes.length; i += 64 * 1024) out.push(bytes.subarray(i, i + 64 * 1024));
    out.push(Buffer.from('\r\n'));
  }
  out.push(Buffer.from(`--${boundary}--\r\n`));
  return out;
}

/**
 * POSTs the parts. `holdAfter`: stop writing after that many body bytes and keep the connection
 * open (a stalled phone, or a client holding its files back) until an answer or a cut, or
 * `giveUpMs` (then the client closes it itself and `status` is null).
 */
export function sendMultipart(url: string, path: string, cookie: string, parts: readonly Part[], o: { holdAfter?: number; giveUpMs?: number; contentLength?: number; chunked?: boolean } = {}): Promise<Sent> {
  const boundary = `----dana${randomBytes(8).toString('hex')}`;
  const chunks = bodyChunks(parts, boundary);
  const total = chunks.reduce((a, c) => a + c.length, 0);
  return new Promise((resolve) => {
    let written = 0;
    let finishedSending = false;
    let settled = false;
    const done = (r: Omit<Sent, 'written' | 'answeredEarly'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUp);
      resolve({ ...r, written, answeredEarly: !finishedSending });
    };
    const req = http.request(url + path, {
      method: 'POST',
      // chunked: no Content-Length, so only the limits counted while the body streams can stop it.
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, ...(o.chunked ? {} : { 'content-length': String(o.contentLength ?? total) }), accept: 'text/html' },
    });
    req.flushHeaders();
    const giveUp = setTimeout(() => {
      req.destroy();
      done({ status: null, text: 'client gave up' });
    }, o.giveUpMs ?? 60_000);
    req.on('response', (res) => {
      const body: Buffer[] = [];
      res.on('data', (d: Buffer) => body.push(d));
      res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(body).toString('utf8') }));
      res.on('error', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(body).toString('utf8') }));
    });
    // EPIPE/ECONNRESET while still sending: the server answered and closed, or cut the upload.
    req.on('error', () => setTimeout(() => done({ status: null, text: 'connection cut' }), 200));
    req.on('close', () => setTimeout(() => done({ status: null, text: 'connection closed' }), 200));
    const write = async () => {
      for (const c of chunks) {
        if (settled || req.destroyed) return;
        if (o.holdAfter !== undefined && written + c.length > o.holdAfter) return; // hold the rest back
        written += c.length;
        if (!req.write(c)) await new Promise<void>((r) => { req.once('drain', r); req.once('close', r); });
      }
      finishedSending = true;
      req.end();
    };
    void write();
  });
}

/** Text fields first, then files: the order a browser sends the receipt form in. */
export const fieldsOf = (o: Record<string, string>): Part[] => Object.entries(o).map(([name, value]) => ({ name, value }));
