/**
 * A browser-like HTTP client for the crash test: one signed-in user, its session cookie and
 * CSRF token, forms posted as the pages post them. A request that dies with the server (the
 * connection reset by a SIGKILL) is reported as `lost`, never as a status.
 */
import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export type Reply = { status: number; location: string; text: string } | { status: 'lost'; error: string };

/** Where the server currently listens: it moves to a new port after each restart. */
export interface Target {
  url: string;
}

const TIMEOUT_MS = 30_000;

export class Browser {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(
    private readonly target: Target,
    readonly username: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: 'GET' | 'POST', path: string, body?: URLSearchParams | FormData): Promise<Reply> {
    try {
      const res = await fetch(`${this.target.url}${path}`, {
        method,
        body,
        redirect: 'manual',
        headers: { cookie: this.cookieHeader() },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      this.keep(res);
      const text = await res.text();
      return { status: res.status, location: res.headers.get('location') ?? '', text };
    } catch (e) {
      const err = e as Error & { cause?: Error };
      return { status: 'lost', error: `${err.message}${err.cause ? `: ${err.cause.message}` : ''}` };
    }
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  /** Posts a urlencoded form with the session's CSRF token. */
  postForm(path: string, fields: Record<string, string | string[]>): Promise<Reply> {
    const body = new URLSearchParams({ _csrf: this.csrf });
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request('POST', path, body);
  }

  /** Posts a multipart form (text fields, then files) with the session's CSRF token. */
  postMultipart(path: string, fields: Array<[string, string]>, files: Array<{ field: string; name: string; bytes: Buffer }>): Promise<Reply> {
    const body = new FormData();
    body.append('_csrf', this.csrf);
    for (const [k, v] of fields) body.append(k, v);
    for (const f of files) body.append(f.field, new Blob([f.bytes], { type: 'image/png' }), f.name);
    return this.request('POST', path, body);
  }

  /** Signs in as the login page does, then reads the session's CSRF token from the home page. */
  async signIn(password: string): Promise<void> {
    const login = await this.get('/login');
    if (login.status !== 200) throw new Error(`GET /login: ${describe(login)}`);
    this.csrf = csrfOf(login.text);
    const res = await this.postForm('/login', { username: this.username, password });
    if (res.status !== 303) throw new Error(`sign-in of ${this.username}: ${describe(res)}`);
    const home = await this.get('/');
    if (home.status !== 200) throw new Error(`home of ${this.username}: ${describe(home)}`);
    this.csrf = csrfOf(home.text);
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1]!;
}

export const describe = (r: Reply) => (r.status === 'lost' ? `lost (${r.error})` : `${r.status} ${r.location || r.text.replace(/\s+/g, ' ').slice(0, 200)}`);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small valid PNG of random pixels: every call is a different file (the city refuses duplicates). */
export function uniquePng(size = 12): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.concat(Array.from({ length: size }, () => Buffer.concat([Buffer.from([0]), randomBytes(size * 3)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
