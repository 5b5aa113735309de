/**
 * Hostile input (issue 8, item 3): a fast-check fuzz over every form and every query and path
 * parameter of the app, then upload attacks.
 *
 * Each request is built from adversarial values (very long, Unicode, control characters, NUL,
 * SQL and HTML injection, prototype-pollution keys, huge/negative/fractional numbers), with
 * fields missing or repeated, hostile extra field names, wrong content types and truncated
 * multipart bodies, and sent by the role that may use the route (so it reaches the handler).
 * Every answer must: not be a 500; show nothing unescaped; redirect only inside the site;
 * refuse bad input with a 4xx and an Indonesian message; keep what was typed when a form is
 * re-rendered; leave Object.prototype alone. Values that are stored are looked for on the
 * pages that show them. At the end the database is intact and the ledger verifies.
 *
 * Default: a modest number of runs per route (well under a minute).
 * RELIABILITY=full raises the runs a lot. The number of requests tried is printed.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanFileName } from '../../src/app/evidence-store';
import { requestTranche } from '../../src/app/request-tranche';
import { recordReceipt } from '../../src/app/record-receipt';
import { returnReceipt } from '../../src/app/decide-receipt';
import { savePlan } from '../../src/app/save-plan';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { toActor } from '../../src/db/user-repository';
import { evidenceImage, seededPhoto } from '../../src/app/seed-documents';
import { uniquePng } from '../../scripts/lib/crash/http-client';
import type { Services } from '../helpers/db';
import { verifyLedger } from '../../src/app/verify-ledger';
import { cleanText } from '../../src/domain/registry/rows';
import { aCompleteDossier, aPdf, aUser, approveAndPay, approvePlanFully } from '../builders';
import { anonymous, appRoutes, seededApp, signedIn, type Agent } from '../helpers/http';

const FULL = process.env.RELIABILITY === 'full';
/** Runs per route; heavy routes (PDF, ZIP, image decoding) run a fraction of it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? (FULL ? 400 : 12));
/** FUZZ_DEBUG=part-of-a-route-key prints every answer of those routes. */
const DEBUG = process.env.FUZZ_DEBUG;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
const NOW = new Date('2026-11-28T03:00:00Z');

// ---------------------------------------------------------------- hostile values

/** HTML/JS injection payloads; `fz(1)` marks them in answers. */
const XSS = [
  '<script>fz(1)</script>',
  '"><img src=x onerror=fz(1)>',
  "'><svg onload=fz(1)>",
  '" autofocus onfocus=fz(1) x="',
  "' onmouseover='fz(1)",
  'javascript:fz(1)',
  '</textarea><script>fz(1)</script>',
  '</title><fz-x>',
  '<a href="javascript:fz(1)">x</a>',
  '{{constructor.constructor("fz(1)")()}}',
  '<iframe srcdoc="<script>fz(1)</script>">',
];
const SQL = ["' OR '1'='1", "'; DROP TABLE users; --", '1); DELETE FROM journal_entries; --', '" OR 1=1 --', "1' UNION SELECT password_hash FROM users --", "%' AND 1=0 UNION SELECT sqlite_version() --"];
const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
const NUMBERS = [
  '-1', '0', '-0', '1.5', '0,5', '1e309', '1e3', '0x1F', 'NaN', 'Infinity', '-Infinity', '9'.repeat(400), '9007199254740993', '-9223372036854775809',
  '１２３', '١٢٣', '1_000', ' 12 ', '25.000.000,00', 'Rp 25.000.000', '-25.000.000', '2.5e7', '0.0000001', '999999999999999999999999', '2026', '2025', '1',
];
const UNICODE = [
  '\u202eKIRI-KE-KANAN', '\u200b\u200b', 'Z̸̢͎a̵l̶g̸o', '👨‍👩‍👧‍👦', '\ufeffBOM', 'İı', '\ud800', '\udfff', 'ß'.repeat(50), '\u0000', '\u0000NUL',
  '\r\n\r\nSet-Cookie: x=1', '\t\u000b\f', '\u001b[31m', '\u2028\u2029', '\ufffd', 'مرحبا', '日本語', 'Ω≈ç√∫', '',
];
const FIELD_NAMES = ['__proto__', '__proto__[fz]', 'constructor[prototype][fz]', 'constructor', 'fz[__proto__][fz]', 'a'.repeat(300), '', '[]', 'x[]', 'toString', 'hasOwnProperty', '_csrf[]'];

const longString = fc.tuple(fc.constantFrom('a', '<', '\u0000', 'é', '9', '%', '"', '日'), fc.integer({ min: 200, max: 70_000 })).map(([c, n]) => c.repeat(n));
const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 12 });

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...XSS, ...SQL, ...PROTO, ...NUMBERS, ...UNICODE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: controlChars },
  { weight: 1, arbitrary: longString },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...XSS, ...SQL), fc.string({ maxLength: 8 })).map(([a, b]) => a + b) },
);

/**
 * A form, query or path field: `ok` is what a user could send (text may carry a payload that
 * passes validation and gets stored), `bad` is hostile. A request is sent in one of three
 * modes: every field ok; one or two fields bad (missing, repeated or hostile); or chaos.
 */
interface F {
  ok: fc.Arbitrary<string>;
  bad: fc.Arbitrary<string>;
}
const f = (ok: fc.Arbitrary<string>, bad: fc.Arbitrary<string> = hostile): F => ({ ok, bad });
/** Payloads short enough to pass a length check (so they are stored and shown). */
const CARRIED = [...XSS.filter((x) => x.length < 60), ...SQL, '\u202e\u200b', '👨‍👩‍👧‍👦', 'Z̸̢͎a̵l̶g̸o', '日本語', '&amp; &lt;b&gt;'];
const text = (...valid: string[]) =>
  f(fc.oneof(fc.constantFrom(...valid), fc.tuple(fc.constantFrom(...valid), fc.constantFrom(...CARRIED)).map(([v, x]) => `${v} ${x}`)));
const pick = (...valid: string[]) => f(fc.constantFrom(...valid));
/** Ids chosen when the request is built (they are known only after the seed). */
const pickLater = (valid: () => string[], bad: fc.Arbitrary<string> = hostile) => f(fc.constant(null).chain(() => fc.constantFrom(...valid())), bad);

type Value = string | string[] | undefined;
/** Present once, missing, or repeated. */
const field = (a: fc.Arbitrary<string>): fc.Arbitrary<Value> =>
  fc.oneof({ weight: 3, arbitrary: a }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.array(a, { minLength: 2, maxLength: 3 }) });

const BAD_SEGMENTS = fc.oneof(
  fc.constantFrom(
    '-1', '0', '1.5', '1e3', '0x1', '999999999', '9999999999', '%00', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%2F..%2F', '%', '%zz', '__proto__', 'constructor',
    '%E2%80%AE1', '1%20OR%201%3D1', "1'", '%3Cscript%3Efz(1)%3C%2Fscript%3E', '%F0%9F%98%80', '%C0%AE%C0%AE', '1%0D%0ASet-Cookie:%20x=1', 'a'.repeat(3000),
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((v) => enc(v)),
);
/** A path segment: a valid id or code, or something no router should choke on. */
const seg = (...valid: string[]) => f(fc.constantFrom(...valid), BAD_SEGMENTS);
const segLater = (valid: () => string[]) => pickLater(valid, BAD_SEGMENTS);

function enc(v: string): string {
  // Lone surrogates cannot be percent-encoded; a browser sends U+FFFD instead.
  return encodeURIComponent(Buffer.from(v, 'utf8').toString('utf8'));
}

// ---------------------------------------------------------------- the requests

type Who = 'anon' | 'login' | 'admin' | 'bendahara' | 'ketua' | 'ketuaRap' | 'auditor' | 'pwUser' | 'uploader' | 'bpkad' | 'lurah';
type Encoding = 'form' | 'multipart' | 'json' | 'text' | 'none' | 'truncated' | 'badBoundary' | 'utf16' | 'gzipJunk' | 'gzipBomb';
interface Upload {
  field: string;
  name: string;
  bytes: Buffer;
}
interface Sent {
  who: Who;
  method: 'get' | 'post';
  path: string;
  fields: Record<string, Value>;
  extra: Array<[string, string]>;
  rawQuery: string[];
  files: Upload[];
  encoding: Encoding;
  csrf: 'valid' | 'missing' | 'wrong' | 'repeated';
  csrfHeader: boolean;
  accept: 'html' | 'json' | 'any';
  cut: number;
}

interface Spec {
  who: Who;
  /** The path with its :parameters, filled in order from `params`. */
  path: string;
  params?: F[];
  fields?: Record<string, F>;
  /** Multipart route: the file fields it accepts, and the files a user would send. */
  files?: { fields: string[]; ok: () => fc.Arbitrary<Upload[]> };
  /** Form fields shown again on a 422 re-render, with how the page transforms them. */
  kept?: Record<string, (v: string) => string>;
  /** Hidden fields the page sets itself: input is kept only when these were not tampered with. */
  hidden?: (fields: Record<string, Value>) => boolean;
  /** After a success: pages that show what was stored, and the values they must show (escaped). */
  shows?: (sent: Sent) => Array<{ who: Who; path: string; contains: string[] }>;
  /** Share of RUNS (heavy routes). */
  weight?: number;
}

const esc = (v: string) => Handlebars.escapeExpression(v);
const wellFormed = (v: string) => Buffer.from(v, 'utf8').toString('utf8');
const first = (v: Value) => (Array.isArray(v) ? v[0] : v);
/** What the server received for a field (a lone surrogate arrives as U+FFFD), as the page shows it. */
const typed = (sent: Sent, name: string, shown: (v: string) => string = (v) => v) => shown(wellFormed(first(sent.fields[name]) ?? ''));
const raw500 = (v: string) => v.slice(0, 500);
const clean = (max: number) => (v: string) => cleanText(v).slice(0, max);

let s: Services;
let app: Parameters<typeof anonymous>[0];
const agents = {} as Record<Who, { agent: Agent; csrf: string }>;
const ids = {} as {
  rt11: number; rtRap: number; rtUpload: number; rtWonodri: number; rtSpare: number[]; users: number[]; pleburanRts: number[];
  shas: string[]; returnedOwn: number[];
};
const images: Buffer[] = [];
const polyglotBases: Buffer[] = [];
let polyglots = 0;
let tried = 0;
const triedBy = new Map<string, number>();
const succeededBy = new Map<string, number>();
const statuses = new Map<number, number>();
let storedShown = 0;
/** Background export jobs started by the fuzz (their pages are fuzzed too). */
const jobIds: string[] = [];
let keptChecked = 0;
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

const GZIP_BOMB = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 'a'));

function multipartBody(boundary: string, fields: Array<[string, string]>, files: Upload[]): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    const name = f.name.replace(/"/g, '%22').replace(/[\r\n]/g, '');
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/** The fields as name/value pairs in the order sent, with the CSRF token as the spec says. */
function pairs(sent: Sent): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const token = agents[sent.who].csrf;
  if (sent.method === 'post') {
    if (sent.csrf === 'valid') out.push(['_csrf', token]);
    if (sent.csrf === 'wrong') out.push(['_csrf', `${token.slice(0, -2)}xx`]);
    if (sent.csrf === 'repeated') out.push(['_csrf', token], ['_csrf', token]);
  }
  for (const [k, v] of Object.entries(sent.fields)) for (const x of v === undefined ? [] : Array.isArray(v) ? v : [v]) out.push([k, x]);
  return [...out, ...sent.extra];
}

function send(sent: Sent) {
  const { agent, csrf } = agents[sent.who];
  const p = pairs(sent);
  const accept = { html: 'text/html', json: 'application/json', any: '*/*' }[sent.accept];
  if (sent.method === 'get') {
    const q = [...p.map(([k, v]) => `${enc(k)}=${enc(v)}`), ...sent.rawQuery].join('&');
    return agent.get(q ? `${sent.path}?${q}` : sent.path).set('Accept', accept);
  }
  let req = agent.post(sent.path).set('Accept', accept);
  if (sent.csrfHeader) req = req.set('X-CSRF-Token', csrf);
  const boundary = `----fz${randomBytes(6).toString('hex')}`;
  switch (sent.encoding) {
    case 'form':
      return req.type('form').send(p.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'));
    case 'multipart':
      return req.set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(multipartBody(boundary, p, sent.files));
    case 'truncated': {
      const body = multipartBody(boundary, p, sent.files);
      return req.set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body.subarray(0, Math.floor(body.length * sent.cut)));
    }
    case 'badBoundary':
      return req.set('Content-Type', 'multipart/form-data; boundary=').send(multipartBody(boundary, p, sent.files));
    case 'json':
      return req.set('Content-Type', 'application/json').send(JSON.stringify(Object.fromEntries(p)));
    case 'text':
      return req.set('Content-Type', 'text/plain').send(p.map(([k, v]) => `${k}=${v}`).join('\n'));
    case 'none':
      return req;
    case 'utf16':
      return req.set('Content-Type', 'application/x-www-form-urlencoded; charset=utf-16le').send(Buffer.from(p.map(([k, v]) => `${k}=${v}`).join('&'), 'utf16le'));
    case 'gzipJunk':
      return req.set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send(Buffer.from('not gzip at all'));
    case 'gzipBomb':
      // 20 MB of form data in 20 KB: must stop at the body limit, not inflate it all.
      return req.set('Content-Type', 'application/x-www-form-urlencoded').set('Content-Encoding', 'gzip').send(GZIP_BOMB);
  }
}

// ---------------------------------------------------------------- what every answer must satisfy

/** Markers of a payload that reached the page unescaped (tag, event handler or javascript: URL). */
const UNESCAPED = [
  /<script[^>]*>[^<]*fz\(1\)/i,
  /<[a-z][^>]*[\s"'/]on[a-z]+\s*=\s*["']?fz\(1\)/i,
  /(href|src|action|formaction)\s*=\s*["']?\s*javascript:fz/i,
  /<fz-x/i,
  /<(img|svg|iframe)[^>]*fz\(1\)/i,
];
/** Some Indonesian word, common or of this app (the message is also checked for English and internals). */
const INDONESIAN =
  /\b(yang|dan|untuk|dengan|di|ke|dari|atau|ini|itu|masih|tunggu|sebelum|setelah|lebih|hanya|semua|bukan|ada|oleh|tidak|wajib|harus|pilih|berkas|periksa|terlalu|formulir|kedaluwarsa|ditemukan|akses|ditolak|belum|sudah|paling|halaman|tanggal|unggahan|permintaan|isian|data|sandi|nama|dipakai|melebihi|kosong|rusak|jenis|muat|dapat|boleh|masuk|dikunci|salah|bulan|tahun|sebutkan|kurang|alasan|catatan|lengkapi|ulang|valid|dikenal)\b/i;
const ENGLISH = /Invalid input|Expected |Required|must be|Unexpected token|SyntaxError|TypeError|ReferenceError|Cannot read|undefined is not|node_modules|SQLITE_|\bat [\w.<>]+ \(.+:\d+:\d+\)/;

function messageOf(res: { text: string; body: unknown; type: string }): string {
  if (res.type === 'application/json') return String((res.body as { message?: string }).message ?? '');
  const alert = /role="alert">([\s\S]*?)<\/div>/.exec(res.text)?.[1];
  const page = /class="card error-page">[\s\S]*?<h1>([\s\S]*?)<\/h1>\s*<p>([\s\S]*?)<\/p>/.exec(res.text);
  return [alert, page?.[1], page?.[2]].filter(Boolean).join(' ').replace(/<[^>]+>/g, ' ');
}

function describeSent(sent: Sent): string {
  const short = (v: unknown) =>
    JSON.stringify(v, (_k, x) => (typeof x === 'string' && x.length > 80 ? `${x.slice(0, 80)}…(${x.length})` : Array.isArray(x) && x.length > 5 ? [...x.slice(0, 3), `…${x.length} in all`] : x));
  return `${sent.method.toUpperCase()} ${sent.path.slice(0, 200)} as ${sent.who} [${sent.encoding}, csrf ${sent.csrf}${sent.csrfHeader ? '+header' : ''}] fields=${short(sent.fields)} extra=${short(sent.extra)} query=${short(sent.rawQuery)} files=${short(sent.files.map((f) => [f.field, f.name, f.bytes.length]))}`;
}

function checkAnswer(res: { status: number; text: string; body: unknown; type: string; headers: Record<string, string> }, what: string): void {
  expect(res.status, `500 for ${what}`).toBeLessThan(500);
  // Downloads (CSV, journal, PDF, evidence) are not HTML: their content is data, served with nosniff.
  const text = res.type === 'text/html' ? (res.text ?? '') : '';
  for (const re of UNESCAPED) expect(re.test(text), `unescaped payload (${re}) in the answer to ${what}`).toBe(false);
  expect(ENGLISH.test(text), `an English or internal message in the answer to ${what}: ${ENGLISH.exec(text)?.[0]}`).toBe(false);
  if (res.status >= 300 && res.status < 400) {
    expect(res.headers.location, `redirect outside the site for ${what}`).toMatch(/^\/(?![/\\])/);
  }
  // 431: the URL is longer than Node's HTTP parser accepts; refused before the app, with no body.
  if (res.status >= 400 && res.status !== 431) {
    const msg = messageOf(res);
    expect(INDONESIAN.test(msg), `no Indonesian message (${res.status}: "${msg.slice(0, 200)}") for ${what}`).toBe(true);
  }
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(','), `Object.prototype polluted by ${what}`).toBe(protoKeys);
  expect((({}) as Record<string, unknown>).fz, `Object.prototype.fz set by ${what}`).toBeUndefined();
}

async function fuzzOne(key: string, spec: Spec, sent: Sent): Promise<void> {
  const what = describeSent(sent);
  const res = await send(sent);
  tried += 1;
  triedBy.set(key, (triedBy.get(key) ?? 0) + 1);
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status < 400) succeededBy.set(key, (succeededBy.get(key) ?? 0) + 1);
  if (DEBUG && key.includes(DEBUG)) console.info(`${res.status} ${messageOf(res).replace(/\s+/g, ' ').slice(0, 200)} ← ${what.slice(0, 600)}`);
  checkAnswer(res, what);
  const job = /^\/laporan\/bundel\/proses\/([^/?]+)/.exec(res.headers.location ?? '');
  if (job) jobIds.push(job[1]!);
  const wellSent = sent.encoding === ownEncoding(spec, sent.method) && sent.csrf === 'valid' && sent.extra.length === 0 && sent.rawQuery.length === 0;
  if (spec.kept && res.status === 422 && wellSent && (spec.hidden?.(sent.fields) ?? true)) {
    keptChecked += 1;
    expect(res.text, `input lost (error page instead of the form) for ${what}`).toContain('<form');
    for (const [name, shown] of Object.entries(spec.kept)) {
      const v = first(sent.fields[name]);
      if (typeof v !== 'string') continue;
      const expected = esc(shown(wellFormed(v)));
      if (expected) expect(res.text.includes(expected), `typed ${name} not kept for ${what}`).toBe(true);
    }
  }
  if (spec.shows && res.status === 303 && sent.method === 'post') {
    for (const page of spec.shows(sent)) {
      const shown = await agents[page.who].agent.get(page.path);
      tried += 1;
      checkAnswer(shown, `${page.path} after ${what}`);
      storedShown += 1;
      for (const c of page.contains) if (c) expect(shown.text.includes(esc(c)), `stored value ${JSON.stringify(c.slice(0, 60))} not shown on ${page.path} after ${what}`).toBe(true);
    }
  }
}

type Mode = 'valid' | 'mutate' | 'chaos';
const RAW_QUERY = ['%', '%zz', '%FF%FE', 'tahun[]=1', 'tahun[__proto__]=1', '&&&', '=', '__proto__=1', 'constructor=x', 'tahun=1&tahun=2', 'a[b][c][d]=1'];

/** The envelope of a request: encoding, CSRF token, extra fields, Accept. Right in 'valid' mode, mostly right when mutating. */
const ownEncoding = (spec: Spec, method: 'get' | 'post'): Encoding => (method === 'get' ? 'none' : spec.files ? 'multipart' : 'form');

function envelopeArb(spec: Spec, method: 'get' | 'post', mode: Mode) {
  const own = ownEncoding(spec, method);
  const others: Encoding[] =
    method === 'get' ? ['none'] : spec.files ? ['truncated', 'form', 'json', 'none', 'badBoundary', 'text', 'gzipJunk'] : ['multipart', 'json', 'text', 'none', 'truncated', 'utf16', 'gzipJunk', 'gzipBomb'];
  const sometimes = <T>(right: T, wrong: fc.Arbitrary<T>, rightWeight: number) => (mode === 'valid' ? fc.constant(right) : fc.oneof({ weight: rightWeight, arbitrary: fc.constant(right) }, { weight: 1, arbitrary: wrong }));
  const w = mode === 'mutate' ? 6 : 2;
  return fc.record({
    encoding: sometimes<Encoding>(own, fc.constantFrom(...others), w),
    csrf: sometimes<Sent['csrf']>('valid', fc.constantFrom('missing', 'wrong', 'repeated'), w),
    csrfHeader: mode === 'valid' ? fc.constant(false) : fc.boolean(),
    extra: sometimes<Array<[string, string]>>([], fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), hostile), { minLength: 1, maxLength: 3 }), w),
    rawQuery: method === 'get' ? sometimes<string[]>([], fc.array(fc.constantFrom(...RAW_QUERY), { minLength: 1, maxLength: 3 }), w) : fc.constant<string[]>([]),
    accept: mode === 'valid' ? fc.constant<Sent['accept']>('html') : fc.constantFrom<Sent['accept']>('html', 'html', 'json', 'any'),
    cut: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  });
}

function sentArb(spec: Spec, method: 'get' | 'post'): fc.Arbitrary<Sent> {
  const params = spec.params ?? [];
  const fields = Object.entries(spec.fields ?? {});
  const keys = [...params.map((_p, i) => `:${i}`), ...fields.map(([k]) => k)];
  const mode = fc.constantFrom<Mode>('valid', 'mutate', 'mutate', 'chaos');
  return mode.chain((m) => {
    const broken = m === 'valid' || keys.length === 0 ? fc.constant<string[]>([]) : m === 'chaos' ? fc.constant(keys) : fc.subarray(keys, { minLength: 1, maxLength: Math.min(2, keys.length) });
    return broken.chain((bad) => {
      const value = (x: F, key: string): fc.Arbitrary<Value> => (bad.includes(key) ? field(fc.oneof(x.ok, x.bad)) : x.ok);
      const segs = params.map((p, i) => (bad.includes(`:${i}`) ? fc.oneof(p.ok, p.bad) : p.ok));
      return fc.record({
        path: fc.tuple(...segs).map((parts) => parts.reduce<string>((p, part) => p.replace(/:\w+/, part), spec.path)),
        fields: fc.record(Object.fromEntries(fields.map(([k, x]) => [k, value(x, k)]))).map((r) => r as Record<string, Value>),
        files: !spec.files ? fc.constant<Upload[]>([]) : m === 'valid' ? spec.files.ok() : fc.oneof(spec.files.ok(), fc.array(uploadArb(spec.files.fields), { maxLength: 4 })),
        env: envelopeArb(spec, method, m),
      }).map(({ path, fields, files, env }): Sent => ({ who: spec.who, method, path, fields, files, ...env }));
    });
  });
}

// ---------------------------------------------------------------- files

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A grey PNG of the given size whose first `rows` rows are real (zeros compress ~1000:1: a decompression bomb). */
function greyPng(width: number, height: number, rows: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey)
  const raw = Buffer.alloc(rows * (width + 1));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A real one-page PDF (the upload check parses PDFs), its bytes made unique by `extra`. */
const minimalPdf = (extra = '') => aPdf(extra);
/** A ZIP (one stored entry, with its central directory) appended after the PDF's %%EOF: both readers accept it. */
function pdfZipPolyglot(): Buffer {
  const pdf = minimalPdf();
  const name = Buffer.from('fz.html');
  const data = Buffer.from('<script>fz(1)</script>');
  const crc = zlib.crc32(data) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(pdf.length, 42);
  const cdOffset = pdf.length + local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([pdf, local, name, data, central, name, end]);
}

/** A copy of a small JPEG whose frame header (SOF0/SOF2) declares other dimensions: a bomb's header on a few KB. */
function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i + 9 < out.length; ) {
    const marker = out[i + 1]!;
    if (marker === 0xc0 || marker === 0xc2) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + out.readUInt16BE(i + 2);
  }
  throw new Error('no frame header');
}

const HOSTILE_FILES: Record<string, () => Buffer> = {
  exe: () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(600)]),
  elf: () => Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), randomBytes(300)]),
  svg: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="fz(1)"><script>fz(1)</script></svg>'),
  html: () => Buffer.from('<!doctype html><html><body><script>fz(1)</script></body></html>'),
  // A photo of its own each time (while the pool lasts): the same photo again is refused as a duplicate before anything else.
  jpegHtml: () => Buffer.concat([polyglotBases[polyglots++ % polyglotBases.length]!, Buffer.from(`<html><script>fz(1)</script></html>${randomBytes(4).toString('hex')}`)]),
  pdfZip: () => Buffer.concat([pdfZipPolyglot(), Buffer.from(`% ${randomBytes(4).toString('hex')}\n%%EOF\n`)]),
  pngHuge: () => greyPng(100_000, 100_000, 1),
  empty: () => Buffer.alloc(0),
  random: () => randomBytes(2000),
  truncatedJpeg: () => images[1]!.subarray(0, 400),
  // What a phone upload cut off by the network looks like when the browser pads it: whole length, tail zeros.
  zeroTailJpeg: () => Buffer.concat([images[1]!.subarray(0, images[1]!.length - 200), Buffer.alloc(200)]),
  jpegHuge: () => jpegDeclaring(images[1]!, 20_000, 20_000),
  zip: () => Buffer.from('PK\x03\x04\x14\x00\x00\x00\x00\x00'),
  gif: () => Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1'),
  csvFormula: () => Buffer.from('kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,1,1,=HYPERLINK("http://x"),2011111111\n'),
};
const FILE_NAMES = [
  'nota.jpg', '../../../../tmp/fz-escape.jpg', '..\\..\\..\\windows\\win.ini', '/etc/passwd', 'nota.jpg\u0000.exe', '<img src=x onerror=fz(1)>.jpg', `${'a'.repeat(1000)}.jpg`,
  'CON', '.htaccess', '%2e%2e%2f.jpg', 'файл.jpg', '\u202egpj.exe', '', ' ', 'a"b.jpg', 'x.svg', 'index.html',
];

function uploadArb(fields: string[]): fc.Arbitrary<Upload> {
  return fc.record({
    field: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.constantFrom('x', '__proto__', 'constructor[prototype][fz]', 'file[]') }),
    name: fc.oneof(fc.constantFrom(...FILE_NAMES), fc.string({ unit: 'binary', maxLength: 30 })),
    bytes: fc.oneof(
      // Each a photo of its own pixels (appended bytes would make the same photo, refused as a duplicate).
      { weight: 3, arbitrary: fc.constant(null).map(() => uniquePng()) },
      { weight: 1, arbitrary: fc.constant(null).map(() => minimalPdf(`% ${randomBytes(6).toString('hex')}`)) },
      { weight: 3, arbitrary: fc.constantFrom(...Object.keys(HOSTILE_FILES)).map((k) => HOSTILE_FILES[k]!()) },
    ),
  });
}

// ---------------------------------------------------------------- the routes

const YEAR = () => pick('2026', '2025');
/**
 * Ids of Pleburan's items in a status, read when the request is built: a decision is tried on
 * what is decidable now (the fuzz's own new receipts and requests included), else on id 0.
 */
const live = <T extends { id: number; status: string }>(rows: (rtId: number) => T[], ...statuses: string[]) => () => {
  const found = ids.pleburanRts.flatMap(rows).filter((r) => statuses.includes(r.status)).map((r) => r.id);
  return found.length ? found : [0];
};
const PLANS = (...st: string[]) => live((rt) => [...s.plans.versions(rt, 2026), ...s.plans.versions(rt, 2025)], ...st);
const TRANCHES = (...st: string[]) => live((rt) => s.tranches.ofRt(rt, 2026), ...st);
const RECEIPTS = (...st: string[]) => live((rt) => s.receipts.ofRt(rt, 2026), ...st);
const SPJS = (...st: string[]) => live((rt) => s.receipts.spjOfRt(rt, 2026), ...st);
const BATCHES = () => s.tranches.batches(PLEBURAN).map((b) => b.id);
const TAHUN = () => ({ tahun: pick('2026', '2025') });
const idOf = (list: () => number[]) => segLater(() => list().map(String));
const LINES = () => ({
  lineCategory: pick('SOS', 'ADM', 'BUD', 'PEM', 'LIN'),
  lineDescription: text('Konsumsi rapat warga', 'Perbaikan selokan'),
  lineAmount: f(fc.constantFrom('300.000', '150000', '1.000.000'), fc.oneof(fc.constantFrom(...NUMBERS), hostile)),
});
const REASON = () => ({ reason: text('Tidak sesuai RAP', 'Nota buram'), back: pick('antrian', 'verifikasi', '') });
const NOTE = () => ({ note: text('Lengkapi tanda tangan', 'Foto kegiatan buram'), back: pick('antrian', 'verifikasi', '') });
const validHidden = (names: string[]) => (fl: Record<string, Value>) =>
  names.every((n) => (n === 'year' ? fl.year === '2026' : n === 'requestKey' ? typeof fl.requestKey === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(fl.requestKey) : true));
const REQUEST_KEY = () => f(fc.constant(null).map(() => randomBytes(18).toString('base64url')));
const AMOUNT = (...valid: string[]) => f(fc.constantFrom(...valid), fc.oneof(fc.constantFrom(...NUMBERS), hostile));
const uniqueJpeg = () => fc.constant(null).map(() => uniquePng());
const RECEIPT_FILES = ['nota', 'fotoBarang', 'fotoKegiatan', 'daftarHadir', 'undangan', 'notulen'];
const csvFile = (lines: fc.Arbitrary<string>) => () => lines.map((body): Upload[] => [{ field: 'file', name: 'data.csv', bytes: Buffer.from(body) }]);
/** The settings form of a programme year (src/http/forms/year-settings.ts), one category row. */
const YEAR_SETTINGS_FIELDS: Record<string, F> = {
  allocationRt: pick('25.000.000'),
  allocationRw: pick('3.000.000', '3.500.000'),
  disbursementMode: pick('monthly', 'staged'),
  stagePercents: pick('40; 40; 20', '50; 50'),
  stageAccountedPercent: pick('75', '80,5'),
  spjDueDay: pick('10', '12'),
  finalReportDue: pick('2026-12-15'),
  meteraiThreshold: pick('5.000.000'),
  forbiddenMode: pick('refuse', 'flag'),
  forbiddenWords: text('rokok = keperluan pribadi'),
  otherSettings: pick('', '{}'),
  rows: pick('1', '3'),
  cat0_code: pick('ADM', 'SOS'),
  cat0_name: text('Administrasi'),
  cat0_description: text('ATK'),
  cat0_percent: pick('', '2,5'),
  cat0_caps: pick('', 'Harga per barang = 300.000'),
  cat0_evidence: pick('nota', 'foto_barang'),
};
const uniqueDigits = (prefix: string, n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => `${prefix}${String(x).padStart(n, '0')}`);

const SPECS: Record<string, Spec> = {
  'get /': { who: 'ketua', path: '/', fields: TAHUN() },
  'get /healthz': { who: 'anon', path: '/healthz' },
  'get /publik/checkpoint': { who: 'anon', path: '/publik/checkpoint', fields: { halaman: f(fc.constantFrom('1', '2', '999999'), hostile) } },
  'get /publik/checkpoint.json': { who: 'anon', path: '/publik/checkpoint.json', fields: { halaman: f(fc.constantFrom('1', '2'), hostile) } },
  'get /publik/kunci-publik.pem': { who: 'anon', path: '/publik/kunci-publik.pem' },
  'get /login': {
    who: 'anon',
    path: '/login',
    fields: { next: f(fc.constantFrom('/audit', '/rt/1'), fc.oneof(hostile, fc.constantFrom('//evil.example', '/\\evil', 'https://evil.example', 'javascript:fz(1)'))), keluar: pick('1'), sesi: pick('habis') },
  },
  'post /login': {
    who: 'login',
    path: '/login',
    fields: {
      username: text('auditor', 'pengguna.tidak.ada'),
      password: pick('salah-sekali', 'dana-rt-demo'),
      next: f(fc.constantFrom('/audit', '/'), fc.oneof(hostile, fc.constantFrom('//evil.example', '/\\evil', 'https://evil.example/', '/%2F%2Fevil.example', '/\t/evil.example'))),
    },
    kept: { username: raw500 },
  },
  'post /logout': { who: 'anon', path: '/logout' },
  'get /akun/password': { who: 'pwUser', path: '/akun/password' },
  'post /akun/password': {
    who: 'pwUser',
    path: '/akun/password',
    fields: { currentPassword: pick('dana-rt-demo', 'salah-sekali'), newPassword: text('sandi-baru-yang-panjang'), confirmPassword: text('sandi-baru-yang-panjang') },
  },
  'get /wilayah/kecamatan/:code': { who: 'admin', path: '/wilayah/kecamatan/:code', params: [seg('3374050', '3374010')], fields: TAHUN() },
  'get /wilayah/kelurahan/:code': { who: 'bendahara', path: '/wilayah/kelurahan/:code', params: [seg(PLEBURAN, WONODRI)], fields: TAHUN() },
  'get /rt/:id': { who: 'ketua', path: '/rt/:id', params: [idOf(() => [ids.rt11])], fields: TAHUN() },
  'get /wilayah/kelurahan/:code/ubah': { who: 'admin', path: '/wilayah/kelurahan/:code/ubah', params: [seg(PLEBURAN, WONODRI)] },
  'post /wilayah/kelurahan/:code/ubah': {
    who: 'admin',
    path: '/wilayah/kelurahan/:code/ubah',
    params: [seg(WONODRI)],
    fields: {
      address: text('Jl. Wonodri No. 2, Semarang', ''),
      officeCode: pick('WND', 'wnd', '', 'W', 'TERLALUPANJANG'),
      lurahName: text('Sri Wahyuni', ''),
      lurahNip: pick('197001011990032001', '1970 0101 1990 03 2001', '', '1234'),
      bendaharaName: text('Bendahara Wonodri', ''),
      bendaharaNip: pick('198504172010012015', '', 'abc'),
    },
    kept: { address: raw500, officeCode: raw500, lurahName: raw500, lurahNip: raw500, bendaharaName: raw500, bendaharaNip: raw500 },
    shows: (sent) => [{ who: 'admin', path: `/wilayah/kelurahan/${WONODRI}/ubah`, contains: [typed(sent, 'lurahName', cleanText)] }],
  },
  'get /rt/:id/ubah': { who: 'admin', path: '/rt/:id/ubah', params: [idOf(() => ids.rtSpare)] },
  'post /rt/:id/ubah': {
    who: 'admin',
    path: '/rt/:id/ubah',
    params: [idOf(() => ids.rtSpare)],
    fields: {
      chairName: text('Budi Santoso', 'Siti Aminah'),
      secretaryName: text('Sekretaris RT', ''),
      treasurerName: text('Bendahara RT', ''),
      bankAccount: f(uniqueDigits('29', 8)),
    },
    kept: { chairName: raw500, secretaryName: raw500, treasurerName: raw500, bankAccount: raw500 },
    shows: (sent) => {
      const id = /\/rt\/(\d+)\//.exec(sent.path)![1]!;
      const name = typed(sent, 'chairName', cleanText);
      return [
        { who: 'admin', path: `/rt/${id}`, contains: [name] },
        { who: 'admin', path: `/rt/${id}/ubah`, contains: [name] },
        { who: 'admin', path: `/wilayah/kelurahan/${WONODRI}`, contains: [] },
        { who: 'admin', path: '/audit?action=rt.update', contains: [] },
      ];
    },
  },
  'post /rt/:id/status': { who: 'admin', path: '/rt/:id/status', params: [idOf(() => ids.rtSpare)], fields: { active: pick('1', '0') } },
  'get /admin/pengguna': { who: 'admin', path: '/admin/pengguna' },
  'get /admin/pengguna/baru': { who: 'admin', path: '/admin/pengguna/baru' },
  'post /admin/pengguna/baru': {
    who: 'admin',
    path: '/admin/pengguna/baru',
    fields: {
      username: f(uniqueDigits('fz.', 9)),
      displayName: text('Pengguna Uji'),
      role: pick('auditor', 'bendahara', 'ketua_rt'),
      kelurahanCode: pick(WONODRI),
      rwNumber: pick('1'),
      rtNumber: pick('1', '2'),
      kecamatanCodes: pick('3374050', '3374010'),
      password: text('panjang-sekali-1'),
    },
    kept: { username: raw500, displayName: raw500, rwNumber: raw500, rtNumber: raw500 },
    shows: (sent) => [{ who: 'admin', path: '/admin/pengguna', contains: [typed(sent, 'displayName', cleanText)] }, { who: 'admin', path: '/audit?action=user.create', contains: [] }],
  },
  'post /admin/pengguna/:id/reset': { who: 'admin', path: '/admin/pengguna/:id/reset', params: [idOf(() => ids.users)] },
  'post /admin/pengguna/:id/status': { who: 'admin', path: '/admin/pengguna/:id/status', params: [idOf(() => ids.users)], fields: { active: pick('1', '0') } },
  'get /admin/impor': { who: 'admin', path: '/admin/impor' },
  // Programme-year settings: a valid form is the year's own settings with some changed (one category row here).
  'get /wilayah/kelurahan/:code/penerima-baru': { who: 'admin', path: '/wilayah/kelurahan/:code/penerima-baru', params: [pick(PLEBURAN, WONODRI)] },
  'post /wilayah/kelurahan/:code/penerima-baru': {
    who: 'admin',
    path: '/wilayah/kelurahan/:code/penerima-baru',
    params: [pick(WONODRI)],
    fields: { choice: pick('PKK:rt', 'PKK:rw', 'OPS:rw', 'DAS:rt'), rwNumber: pick('2', '3', '4'), rtNumber: pick('1', '2', ''), chairName: text('Ketua PKK'), bankAccount: f(uniqueDigits('2078', 6)) },
    weight: 0.5,
  },
  'get /wilayah/kelurahan/:code/rw-baru': { who: 'admin', path: '/wilayah/kelurahan/:code/rw-baru', params: [pick(PLEBURAN, WONODRI)] },
  'post /wilayah/kelurahan/:code/rw-baru': {
    who: 'admin',
    path: '/wilayah/kelurahan/:code/rw-baru',
    params: [pick(WONODRI)],
    fields: { rwNumber: pick('2', '3', '4'), chairName: text('Ketua RW'), bankAccount: f(uniqueDigits('2077', 6)) },
    weight: 0.5,
  },
  'get /admin/tahun': { who: 'admin', path: '/admin/tahun' },
  'get /admin/tahun/baru': { who: 'admin', path: '/admin/tahun/baru' },
  'post /admin/tahun/baru': { who: 'admin', path: '/admin/tahun/baru', fields: { year: pick('2027', '2028', '2029'), ...YEAR_SETTINGS_FIELDS }, weight: 0.5 },
  'get /admin/tahun/:year': { who: 'admin', path: '/admin/tahun/:year', params: [pick('2025', '2026')] },
  'post /admin/tahun/:year': { who: 'admin', path: '/admin/tahun/:year', params: [pick('2026')], fields: { effectiveFrom: pick('2026-12-31'), ...YEAR_SETTINGS_FIELDS }, weight: 0.5 },
  'post /admin/impor/wilayah': {
    who: 'admin',
    path: '/admin/impor/wilayah',
    files: {
      fields: ['file'],
      ok: csvFile(fc.tuple(uniqueDigits('33740500', 2).filter((c) => c > '3374050020'), fc.constantFrom(...CARRIED)).map(([code, x]) => `kecamatan_code,kecamatan,kelurahan_code,kelurahan\n3374050,Semarang Selatan,${code},${JSON.stringify(`Baru ${x}`)}\n`)),
    },
    shows: () => [{ who: 'admin', path: '/wilayah/kecamatan/3374050', contains: [] }, { who: 'admin', path: '/admin/impor', contains: [] }],
    weight: 0.5,
  },
  'post /admin/impor/rt': {
    who: 'admin',
    path: '/admin/impor/rt',
    files: {
      fields: ['file'],
      ok: csvFile(fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom(...CARRIED), uniqueDigits('28', 8)).map(([rt, x, acct]) => `kelurahan_code,rw,rt,chair_name,bank_account\n${WONODRI},9,${rt},${JSON.stringify(`Ketua ${x}`)},${acct}\n`)),
    },
    shows: () => [{ who: 'admin', path: `/wilayah/kelurahan/${WONODRI}`, contains: [] }],
    weight: 0.5,
  },
  'get /audit': {
    who: 'admin',
    path: '/audit',
    fields: {
      actor: text('admin', 'ketua.pleburan'),
      action: text('auth.login', 'receipt.verify'),
      kelurahan: pick(PLEBURAN, ''),
      dari: pick('2026-01-01', '2026-02-30', ''),
      sampai: pick('2026-12-31', ''),
      hal: pick('1', '2', '999999', '0'),
    },
    kept: { actor: raw500, kelurahan: raw500 },
  },
  'get /rt/:id/rencana': { who: 'ketua', path: '/rt/:id/rencana', params: [idOf(() => [ids.rt11])], fields: { ...TAHUN(), versi: pick('1', '2', '0', '9999') } },
  'post /rt/:id/rencana': {
    who: 'ketuaRap',
    path: '/rt/:id/rencana',
    params: [idOf(() => [ids.rtRap])],
    fields: { year: YEAR(), action: pick('save', 'save', 'submit'), ...LINES() },
    files: {
      fields: ['beritaAcara'],
      ok: () => fc.oneof(fc.constant<Upload[]>([]), fc.constant(null).map((): Upload[] => [{ field: 'beritaAcara', name: 'berita acara.pdf', bytes: minimalPdf(`% ${randomBytes(6).toString('hex')}`) }])),
    },
    hidden: validHidden(['year']),
    kept: { lineDescription: clean(300) },
    shows: (sent) => [{ who: 'ketuaRap', path: `/rt/${ids.rtRap}/rencana?tahun=${first(sent.fields.year)}`, contains: [typed(sent, 'lineDescription', clean(300))] }, { who: 'bendahara', path: '/antrian', contains: [] }],
    weight: 0.6,
  },
  'post /rt/:id/rencana/berkas': {
    who: 'ketuaRap',
    path: '/rt/:id/rencana/berkas',
    params: [idOf(() => [ids.rtRap])],
    fields: { year: YEAR(), kind: pick('sptjm', 'sk_lurah', 'foto_rapat', 'berita_acara', 'rap', 'ktp') },
    files: {
      fields: ['dokumen'],
      ok: () => fc.oneof(fc.constant<Upload[]>([]), fc.constant(null).map((): Upload[] => [{ field: 'dokumen', name: 'berkas rencana.pdf', bytes: minimalPdf(`% ${randomBytes(6).toString('hex')}`) }])),
    },
    hidden: validHidden(['year', 'kind']),
    weight: 0.6,
  },
  // The dossier files of the plans of Pleburan (any plan, any state: most are refused).
  'post /rt/:id/rencana/berkas/:doc/hapus': {
    who: 'ketuaRap',
    path: '/rt/:id/rencana/berkas/:doc/hapus',
    params: [idOf(() => [ids.rtRap]), idOf(() => ids.pleburanRts.flatMap((rt) => s.plans.versions(rt, 2026)).flatMap((p) => s.plans.documents(p.id).map((d) => d.id)).slice(0, 20).concat(0))],
  },
  'post /rt/:id/rencana/revisi': { who: 'ketua', path: '/rt/:id/rencana/revisi', params: [idOf(() => [ids.rt11])], fields: { year: YEAR() } },
  // Decisions that send back or refuse come before those that approve, so both find something to decide.
  'post /rencana/:id/kembalikan': { who: 'bendahara', path: '/rencana/:id/kembalikan', params: [idOf(PLANS('submitted'))], fields: NOTE() },
  'post /rencana/:id/tolak': { who: 'bendahara', path: '/rencana/:id/tolak', params: [idOf(PLANS('submitted'))], fields: REASON() },
  'post /rencana/:id/setujui': { who: 'bendahara', path: '/rencana/:id/setujui', params: [idOf(PLANS('submitted'))], fields: { back: pick('antrian', '') } },
  'get /rt/:id/pencairan': { who: 'ketua', path: '/rt/:id/pencairan', params: [idOf(() => [ids.rt11])], fields: TAHUN() },
  'post /rt/:id/pencairan': {
    who: 'ketua',
    path: '/rt/:id/pencairan',
    params: [idOf(() => [ids.rt11])],
    fields: { year: YEAR(), month: pick('2026-11', '2026-12', '2026-13'), requestKey: REQUEST_KEY(), ...LINES() },
    hidden: validHidden(['year']),
    kept: { lineDescription: clean(300) },
    shows: (sent) => [{ who: 'ketua', path: `/rt/${ids.rt11}/pencairan?tahun=${first(sent.fields.year)}`, contains: [typed(sent, 'lineDescription', clean(300))] }, { who: 'bendahara', path: '/antrian', contains: [] }],
  },
  'get /antrian': {
    who: 'bendahara',
    path: '/antrian',
    // Never refused (bad values are dropped): a 200 each time, whatever comes.
    fields: { jenis: pick('kuitansi', 'spj', 'rap', 'pencairan', ''), rw: pick('1', '2', '0', '999', ''), rt: pick('1', '3', '0', ''), q: text('Rapat', 'Toko', 'SPJ Oktober') },
  },
  // The chain of approval's later steps: the lurah's queue and click (plans and tranches the treasurer verified wait there).
  'get /persetujuan': { who: 'lurah', path: '/persetujuan' },
  'post /persetujuan/rencana/:id': { who: 'lurah', path: '/persetujuan/rencana/:id', params: [idOf(PLANS('submitted'))] },
  'post /persetujuan/pencairan/:id': { who: 'lurah', path: '/persetujuan/pencairan/:id', params: [idOf(TRANCHES('pending'))] },
  'post /persetujuan/rencana/:id/kembalikan': { who: 'lurah', path: '/persetujuan/rencana/:id/kembalikan', params: [idOf(PLANS('submitted'))], fields: REASON() },
  'post /persetujuan/pencairan/:id/tolak': { who: 'lurah', path: '/persetujuan/pencairan/:id/tolak', params: [idOf(TRANCHES('pending'))], fields: REASON() },
  'post /persetujuan/rencana/:id/tolak': { who: 'lurah', path: '/persetujuan/rencana/:id/tolak', params: [idOf(PLANS('submitted'))], fields: REASON() },
  'post /persetujuan/pencairan/:id/kembalikan': { who: 'lurah', path: '/persetujuan/pencairan/:id/kembalikan', params: [idOf(TRANCHES('pending'))], fields: REASON() },
  'get /rt/:id/profil': { who: 'ketua', path: '/rt/:id/profil', params: [idOf(() => [ids.rt11])] },
  'post /rt/:id/profil': {
    who: 'admin',
    path: '/rt/:id/profil',
    params: [idOf(() => ids.rtSpare)],
    fields: {
      decreeNumber: text('188/12/KEP/2025', ''),
      decreeDate: pick('2025-07-01', '2025-02-30', '01-07-2025', ''),
      ketuaUserId: pick('', '1', '999999', 'x'),
      sekretarisUserId: pick('', '2', '-1'),
      bendaharaUserId: pick('', '3', '1'.repeat(12)),
    },
  },
  'post /antrian/setujui': {
    who: 'bendahara',
    path: '/antrian/setujui',
    fields: { ids: pickLater(() => [...PLANS('submitted')().map((i) => `plan:${i}`), ...TRANCHES('pending')().map((i) => `tranche:${i}`)], fc.oneof(hostile, fc.constantFrom('plan:0', 'tranche:x', 'plan:1'.repeat(50)))) },
  },
  'post /pencairan/:id/tolak': { who: 'bendahara', path: '/pencairan/:id/tolak', params: [idOf(TRANCHES('pending'))], fields: REASON() },
  'post /pencairan/:id/kembalikan': { who: 'bendahara', path: '/pencairan/:id/kembalikan', params: [idOf(TRANCHES('pending'))], fields: REASON() },
  'post /pencairan/:id/setujui': { who: 'bendahara', path: '/pencairan/:id/setujui', params: [idOf(TRANCHES('pending'))], fields: { back: pick('antrian', '') } },
  'post /pencairan/:id/batalkan': { who: 'bendahara', path: '/pencairan/:id/batalkan', params: [idOf(TRANCHES('approved'))], fields: REASON() },
  'get /bank': { who: 'bpkad', path: '/bank' },
  'get /kelurahan/:code/bank': { who: 'bpkad', path: '/kelurahan/:code/bank', params: [seg(PLEBURAN, WONODRI)] },
  'post /kelurahan/:code/bank': { who: 'bpkad', path: '/kelurahan/:code/bank', params: [seg(PLEBURAN, WONODRI)] },
  'get /bank/batch/:id': { who: 'bpkad', path: '/bank/batch/:id', params: [idOf(BATCHES)] },
  'get /bank/batch/:id/csv': { who: 'bpkad', path: '/bank/batch/:id/csv', params: [idOf(BATCHES)] },
  'post /bank/batch/:id/dibayar': { who: 'bpkad', path: '/bank/batch/:id/dibayar', params: [idOf(BATCHES)], fields: { bankReference: text('BJTG-1'), paidOn: pick('2026-11-28', '2026-11-31', '2025-01-01', '') } },
  'post /bank/batch/:id/baris/:rowId': {
    who: 'bpkad',
    path: '/bank/batch/:id/baris/:rowId',
    params: [idOf(BATCHES), idOf(() => BATCHES().flatMap((b) => s.tranches.batchRows(b).map((r) => r.id)))],
    fields: { outcome: pick('paid', 'failed', 'x'), bankReference: text('BJTG-2'), paidOn: pick('2026-11-28', '2026-02-30', ''), reason: text('Rekening tutup') },
  },
  'post /bank/batch/:id/batal': { who: 'bpkad', path: '/bank/batch/:id/batal', params: [idOf(BATCHES)], fields: REASON() },
  'get /tutup-tahun': { who: 'admin', path: '/tutup-tahun', fields: { year: pick('2025', '2026'), kelurahanCode: pick(PLEBURAN, WONODRI, '') } },
  'post /tutup-tahun': { who: 'admin', path: '/tutup-tahun', fields: { year: pick('2025', '2026'), kelurahanCode: pick(WONODRI, PLEBURAN), confirm: pick('ya') }, weight: 0.5 },
  'post /tutup-tahun/pengecualian': {
    who: 'admin',
    path: '/tutup-tahun/pengecualian',
    fields: { year: pick('2025', '2026'), blockerKey: pickLater(() => [`rt:${ids.rt11}:spj:2026-08`, ...ids.pleburanRts.slice(0, 3).map((r) => `rt:${r}:spj:2026-09`)]), reason: text('Diperiksa manual', 'SPJ nihil di atas kertas') },
    weight: 0.5,
  },
  'get /tutup-tahun/koreksi': { who: 'admin', path: '/tutup-tahun/koreksi', fields: { year: pick('2025', '2026'), kelurahanCode: pick(PLEBURAN, WONODRI, ''), rtId: pickLater(() => [String(ids.rt11)]) } },
  'post /tutup-tahun/koreksi': {
    who: 'admin',
    path: '/tutup-tahun/koreksi',
    fields: {
      year: pick('2025', '2026'),
      rtId: pickLater(() => [String(ids.rt11)]),
      from: pick('spending:BUD', 'spending:SOS', 'returned', 'lapsed'),
      to: pick('returned', 'lapsed', 'spending:ADM'),
      amount: pick('1.000', '50.000', '25.000.000'),
      reason: text('Temuan audit', 'Setoran kembali ke Kas Daerah'),
      requestKey: pick('fuzz-koreksi-00000001', 'fuzz-koreksi-00000002'),
    },
    weight: 0.5,
  },
  'get /berkas/:sha': { who: 'ketua', path: '/berkas/:sha', params: [segLater(() => [...ids.shas, '0'.repeat(64)])] },
  'get /rt/:id/kuitansi': { who: 'ketua', path: '/rt/:id/kuitansi', params: [idOf(() => [ids.rt11])], fields: TAHUN() },
  'post /rt/:id/kuitansi': {
    who: 'ketua',
    path: '/rt/:id/kuitansi',
    params: [idOf(() => [ids.rt11])],
    fields: {
      year: pick('2026'),
      requestKey: REQUEST_KEY(),
      date: pick('2026-11-20', '2026-11-27'),
      category: pick('ADM'),
      description: text('Fotokopi undangan rapat', 'Kertas HVS untuk laporan'),
      vendor: text('Fotokopi Barokah', 'Toko ATK Sinar'),
      notaNumber: text('FB-1', 'ATK-77'),
      amount: AMOUNT('2.000', '5000', '1.500'),
      // Item lines must add up to the amount: a user who types none is the valid case; mutations fill them in.
      itemName: f(fc.constant(''), fc.oneof(text('Kertas').ok, hostile)),
      itemQuantity: f(fc.constant(''), fc.constantFrom('1', '-1', '1.5', '0', '1e9', ...NUMBERS)),
      itemUnitPrice: f(fc.constant(''), fc.constantFrom('1.500', ...NUMBERS)),
    },
    files: { fields: RECEIPT_FILES, ok: () => uniqueJpeg().map((bytes): Upload[] => [{ field: 'nota', name: 'nota.jpg', bytes }]) },
    hidden: validHidden(['year', 'requestKey']),
    kept: { description: clean(300), vendor: clean(120), notaNumber: clean(60), amount: (v) => v.trim().slice(0, 40) },
    shows: (sent) => [
      { who: 'ketua', path: `/rt/${ids.rt11}/kuitansi`, contains: [typed(sent, 'description', clean(300)), typed(sent, 'vendor', clean(120))] },
      { who: 'bendahara', path: '/verifikasi', contains: [typed(sent, 'description', clean(300))] },
    ],
    weight: 0.6,
  },
  'post /kuitansi/:id/kirim-ulang': {
    who: 'ketua',
    path: '/kuitansi/:id/kirim-ulang',
    params: [idOf(live((rt) => (rt === ids.rt11 ? s.receipts.ofRt(rt, 2026) : []), 'returned'))],
    files: { fields: RECEIPT_FILES, ok: () => uniqueJpeg().map((bytes): Upload[] => [{ field: 'fotoKegiatan', name: 'kerja bakti.jpg', bytes }]) },
    weight: 0.6,
  },
  'post /kuitansi/:id/tarik': { who: 'ketua', path: '/kuitansi/:id/tarik', params: [idOf(live((rt) => (rt === ids.rt11 ? s.receipts.ofRt(rt, 2026) : []), 'returned'))] },
  'get /verifikasi': { who: 'bendahara', path: '/verifikasi' },
  'post /kuitansi/:id/kembalikan': {
    who: 'bendahara',
    path: '/kuitansi/:id/kembalikan',
    params: [idOf(RECEIPTS('pending'))],
    fields: NOTE(),
    shows: (sent) => {
      // From the review page a refused form also comes back as a 303 (to the page, with its message),
      // a malformed id included: the note is stored, and must show, only when a receipt was in fact returned.
      const id = /\/kuitansi\/(\d+)\//.exec(sent.path)?.[1];
      const r = id === undefined ? undefined : s.receipts.find(Number(id));
      if (r?.status !== 'returned') return [];
      return [{ who: 'bendahara', path: `/rt/${r.rtId}/kuitansi`, contains: [typed(sent, 'note', clean(1000))] }];
    },
  },
  'post /kuitansi/:id/tolak': { who: 'bendahara', path: '/kuitansi/:id/tolak', params: [idOf(RECEIPTS('pending'))], fields: REASON() },
  'post /kuitansi/:id/verifikasi': { who: 'bendahara', path: '/kuitansi/:id/verifikasi', params: [idOf(RECEIPTS('pending'))], fields: { back: pick('verifikasi', '') } },
  'post /kuitansi/:id/batalkan': { who: 'bendahara', path: '/kuitansi/:id/batalkan', params: [idOf(RECEIPTS('verified'))], fields: REASON() },
  'post /rt/:id/spj': { who: 'ketua', path: '/rt/:id/spj', params: [idOf(() => [ids.rt11])], fields: { year: YEAR(), month: pick('2026-11', '2026-10', '2026-13', '2026-1') } },
  'post /spj/:id/tarik': { who: 'ketua', path: '/spj/:id/tarik', params: [idOf(SPJS('submitted'))], fields: {} },
  'post /spj/:id/kembalikan': { who: 'bendahara', path: '/spj/:id/kembalikan', params: [idOf(SPJS('submitted'))], fields: NOTE() },
  'post /spj/:id/kirim-ulang': { who: 'ketua', path: '/spj/:id/kirim-ulang', params: [idOf(SPJS('returned'))], fields: { reply: text('Sudah saya lengkapi.', '') } },
  'post /spj/:id/verifikasi': { who: 'bendahara', path: '/spj/:id/verifikasi', params: [idOf(SPJS('submitted'))], fields: { back: pick('verifikasi', '') } },
  'get /rt/:id/bku': { who: 'ketua', path: '/rt/:id/bku', params: [idOf(() => [ids.rt11])], fields: { ...TAHUN(), bulan: pick('2026-08', '2026-13', '2025-08') } },
  'get /rt/:id/bku/pdf': { who: 'ketua', path: '/rt/:id/bku/pdf', params: [idOf(() => [ids.rt11])], fields: { ...TAHUN(), bulan: pick('2026-08', '2026-13') }, weight: 0.4 },
  'get /rt/:id/spj/:month': { who: 'ketua', path: '/rt/:id/spj/:month', params: [idOf(() => [ids.rt11]), seg('2026-08', '2026-09', '2026-13', '2025-08', '0000-01')] },
  'get /rt/:id/kuitansi/:receipt/pdf': { who: 'ketua', path: '/rt/:id/kuitansi/:receipt/pdf', params: [idOf(() => [ids.rt11]), idOf(RECEIPTS('verified', 'pending', 'returned'))], weight: 0.4 },
  'get /rt/:id/spj/:month/pdf': { who: 'ketua', path: '/rt/:id/spj/:month/pdf', params: [idOf(() => [ids.rt11]), seg('2026-08', '2026-13')], weight: 0.4 },
  'get /laporan': { who: 'bendahara', path: '/laporan', fields: TAHUN() },
  'get /laporan/lpj/:code': { who: 'bendahara', path: '/laporan/lpj/:code', params: [seg(PLEBURAN, WONODRI)], fields: { ...TAHUN(), bulan: pick('2026-08', '2026-13', '2025-12') } },
  'get /laporan/lpj/:code/:format': {
    who: 'bendahara',
    path: '/laporan/lpj/:code/:format',
    params: [seg(PLEBURAN), seg('csv', 'xlsx', 'pdf', 'exe', 'CSV', 'csv%00.pdf')],
    fields: { ...TAHUN(), bulan: pick('2026-08', '2026-13') },
    weight: 0.4,
  },
  'get /laporan/bundel': { who: 'bendahara', path: '/laporan/bundel', fields: { ...TAHUN(), kelurahan: pick(PLEBURAN, WONODRI) }, weight: 0.15 },
  // The bundle built in the background (a job page, then its download).
  'post /laporan/bundel': { who: 'bendahara', path: '/laporan/bundel?tahun=:tahun&kelurahan=:kel', params: [seg('2026', '2025'), seg(PLEBURAN, WONODRI, '')], weight: 0.1 },
  'get /laporan/bundel/proses/:job': { who: 'bendahara', path: '/laporan/bundel/proses/:job', params: [segLater(() => [...jobIds, 'AAAAAAAAAAAAAAAA'])] },
  'get /laporan/bundel/proses/:job/unduh': { who: 'bendahara', path: '/laporan/bundel/proses/:job/unduh', params: [segLater(() => [...jobIds, 'AAAAAAAAAAAAAAAA'])], weight: 0.3 },
  'get /laporan/jurnal': { who: 'bendahara', path: '/laporan/jurnal', fields: { ...TAHUN(), kelurahan: pick(PLEBURAN, WONODRI) }, weight: 0.5 },
  // The open books (issue 20): every public page and its formats, the poster, public photos; the treasurer's photo marking.
  'get /publik{.:format}': { who: 'anon', path: '/publik:fmt', params: [seg('', '.csv', '.json', '.xml')], fields: TAHUN() },
  'get /publik/kecamatan/:code{.:format}': { who: 'anon', path: '/publik/kecamatan/:code:fmt', params: [seg('3374050', '3374010', '9999999'), seg('', '.csv', '.json')], fields: TAHUN() },
  'get /publik/kelurahan/:code{.:format}': { who: 'anon', path: '/publik/kelurahan/:code:fmt', params: [seg(PLEBURAN, WONODRI), seg('', '.csv', '.json')], fields: TAHUN() },
  'get /publik/rw/:kel/:rw{.:format}': { who: 'anon', path: '/publik/rw/:kel/:rw:fmt', params: [seg(PLEBURAN), seg('1', '2', '99'), seg('', '.csv', '.json')], fields: TAHUN() },
  'get /publik/rw/:kel/:rw/poster.pdf': { who: 'anon', path: '/publik/rw/:kel/:rw/poster.pdf', params: [seg(PLEBURAN), seg('1', '2')], weight: 0.3 },
  'get /publik/rt/:kel/:rw/:rt{.:format}': { who: 'anon', path: '/publik/rt/:kel/:rw/:rt:fmt', params: [seg(PLEBURAN, WONODRI), seg('1', '2'), seg('1', '2', '999'), seg('', '.csv', '.json')], fields: TAHUN() },
  'get /publik/rt/:kel/:rw/:rt/poster.pdf': { who: 'anon', path: '/publik/rt/:kel/:rw/:rt/poster.pdf', params: [seg(PLEBURAN), seg('1'), seg('1', '2')], weight: 0.3 },
  'get /publik/foto/:sha/:size': { who: 'anon', path: '/publik/foto/:sha/:size', params: [segLater(() => ids.shas), seg('kecil', 'besar', 'asli')] },
  'get /kuitansi/:id/foto-publik': { who: 'bendahara', path: '/kuitansi/:id/foto-publik', params: [idOf(() => ids.returnedOwn)] },
  'post /kuitansi/:id/foto-publik': {
    who: 'bendahara',
    path: '/kuitansi/:id/foto-publik',
    params: [idOf(() => ids.returnedOwn)],
    fields: { sha256: pickLater(() => ids.shas), hidden: pick('1', '0'), reason: text('Memuat KTP warga') },
  },
  // Aduan warga (issue 20): the resident's form, the tracking page, the officials' inbox and answer.
  'get /publik/aduan': { who: 'anon', path: '/publik/aduan', fields: { kode: text('ADU-7K3M-Q9PX') } },
  'get /publik/aduan/baru': { who: 'anon', path: '/publik/aduan/baru', fields: { rt: pickLater(() => ids.pleburanRts.map(String)) } },
  'get /publik/aduan/stempel': { who: 'anon', path: '/publik/aduan/stempel', fields: { rt: pickLater(() => ids.pleburanRts.map(String)) } },
  'post /publik/aduan': {
    who: 'anon',
    path: '/publik/aduan',
    fields: {
      targetKind: pick('rt', 'rw'),
      targetId: pickLater(() => ids.pleburanRts.map(String)),
      stamp: text('1.2.3'),
      kind: pick('pertanyaan', 'dugaan_penyimpangan', 'apresiasi'),
      message: text('Kapan laporan dana RT dibacakan?'),
      senderName: text('Warga', ''),
      senderPhone: text('081234567890', ''),
      website: pick(''),
    },
  },
  'get /publik/aduan/:code': { who: 'anon', path: '/publik/aduan/:code', params: [seg('ADU-7K3M-Q9PX', 'ADU-AAAA-AAAA')] },
  'get /aduan': { who: 'lurah', path: '/aduan' },
  'get /aduan/:id': { who: 'lurah', path: '/aduan/:id', params: [seg('1', '2', '999')] },
  'post /aduan/:id/jawab': { who: 'lurah', path: '/aduan/:id/jawab', params: [seg('1', '2', '999')], fields: { answer: text('Laporan dibacakan di rapat RT bulan depan.') } },
  // The early-warning desk (issue 20): its list with filters, a follow-up note (the admin reads; only a pengawas follows up).
  'get /pengawas': { who: 'admin', path: '/pengawas', fields: { tahun: pick('2026', '2025'), jenis: pick('spj_overdue', 'round_amounts', ''), kelurahan: pick(PLEBURAN, ''), halaman: pick('1', '2', '0') } },
  'post /pengawas/tanda/:id/tindak-lanjut': { who: 'admin', path: '/pengawas/tanda/:id/tindak-lanjut', params: [seg('1', '2', '999999')], fields: { note: text('Sudah dicek ke kelurahan.') } },
  // A receipt's own page, the full edit of a returned receipt, and the comment threads (issue 19).
  'get /kuitansi/:id': { who: 'ketua', path: '/kuitansi/:id', params: [idOf(() => ids.returnedOwn)] },
  'post /kuitansi/:id/ubah': {
    who: 'ketua',
    path: '/kuitansi/:id/ubah',
    params: [idOf(() => ids.returnedOwn)],
    fields: { seenDecidedAt: text('2026-11-20T03:00:00.000Z'), date: pick('2026-11-20', '2026-13-01'), category: pick('ADM', 'SOS'), description: text('Fotokopi undangan rapat'), vendor: text('Toko Sinar'), amount: text('120.000', '120000') },
  },
  'get /komentar/:kind/:id': { who: 'ketua', path: '/komentar/:kind/:id', params: [seg('kuitansi', 'rencana', 'spj'), idOf(() => ids.returnedOwn)] },
  'post /komentar/:kind/:id': { who: 'ketua', path: '/komentar/:kind/:id', params: [seg('kuitansi', 'rencana', 'spj'), idOf(() => ids.returnedOwn)], fields: { body: text('Fotonya sudah saya ganti.'), seen: pick('0', '1', '999') } },
  // The chair's phone (issue 19): the quick check before any photo, server drafts, the service worker.
  'post /rt/:id/kuitansi/periksa': {
    who: 'ketua',
    path: '/rt/:id/kuitansi/periksa',
    params: [idOf(() => [ids.rt11])],
    fields: { year: pick('2026'), date: pick('2026-11-20', '2026-13-40'), category: pick('ADM', 'SOS'), description: text('Fotokopi undangan rapat'), vendor: text('Fotokopi Barokah'), amount: AMOUNT('2.000', '5000'), evidence: pick('nota', 'nota,fotoKegiatan', '') },
  },
  'post /rt/:id/kuitansi/draf': {
    who: 'ketua',
    path: '/rt/:id/kuitansi/draf',
    params: [idOf(() => [ids.rt11])],
    fields: { year: pick('2026'), requestKey: REQUEST_KEY(), date: pick('2026-11-20', ''), category: pick('ADM', ''), description: text('Fotokopi undangan rapat', ''), vendor: text('Fotokopi Barokah', ''), amount: AMOUNT('2.000', '') },
    files: { fields: RECEIPT_FILES, ok: () => uniqueJpeg().map((bytes): Upload[] => [{ field: 'nota', name: 'nota.jpg', bytes }]) },
    weight: 0.4,
  },
  'get /draf/:id/berkas/:file': { who: 'ketua', path: '/draf/:id/berkas/:file', params: [seg('1', '2', '999'), seg('1', '2', '999')] },
  'post /draf/:id/hapus': { who: 'ketua', path: '/draf/:id/hapus', params: [seg('1', '2', '999')] },
  'get /sw.js': { who: 'anon', path: '/sw.js' },
  // The treasurer's review (issue 19): the glossary, thumbnails, two receipts side by side.
  'get /istilah': { who: 'ketua', path: '/istilah' },
  'get /kuitansi/:id/banding/:other': { who: 'bendahara', path: '/kuitansi/:id/banding/:other', params: [idOf(() => ids.returnedOwn), idOf(() => ids.returnedOwn)] },
  'get /berkas/:sha/kecil': { who: 'bendahara', path: '/berkas/:sha/kecil', params: [segLater(() => ids.shas)] },
  // Accounts at city scale and notifications (issue 19).
  'get /kelurahan/:code/akun': { who: 'bendahara', path: '/kelurahan/:code/akun', params: [seg(PLEBURAN, WONODRI)] },
  'post /kelurahan/:code/akun': {
    who: 'bendahara',
    path: '/kelurahan/:code/akun',
    params: [seg(PLEBURAN)],
    fields: { rtId: pickLater(() => ids.pleburanRts.map(String)), role: pick('ketua_rt', 'sekretaris_rt', 'bendahara_rt'), displayName: text('Pengurus Uji') },
    weight: 0.5,
  },
  'post /akun-rt/:id/reset': { who: 'bendahara', path: '/akun-rt/:id/reset', params: [idOf(() => ids.users)], weight: 0.5 },
  'post /kelurahan/:code/akun/massal': { who: 'admin', path: '/kelurahan/:code/akun/massal', params: [seg(WONODRI)], weight: 0.2 },
  'get /notifikasi': { who: 'ketua', path: '/notifikasi' },
  'post /notifikasi/baca': { who: 'ketua', path: '/notifikasi/baca', fields: { id: pick('1', '2', 'semua') } },
  'get /akun/kontak': { who: 'ketua', path: '/akun/kontak' },
  'post /akun/kontak': { who: 'ketua', path: '/akun/kontak', fields: { phone: text('081234567890', '+6281234567890', ''), email: text('ketua@example.org', ''), emailOn: pick('1'), whatsappOn: pick('1'), inAppOn: pick('1') } },
};

// ---------------------------------------------------------------- setup

/** The app's routes (a spec for a route the app no longer has is skipped; a route without a spec fails). */
const ROUTES = appRoutes().map((r) => `${r.method} ${r.path}`);

async function makeUser(username: string, role: 'ketua_rt' | 'auditor', rtId: number | null): Promise<number> {
  return (await aUser(s, { username, displayName: `Fuzz ${username}`, role, rtId })).id;
}

beforeAll(async () => {
  // A fixed clock inside the programme year; sessions outlive the whole run.
  const built = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000, loginLockAfter: 1_000_000, loginIpLimit: 0 }, () => NOW);
  s = built.s;
  app = built.app;
  ids.rt11 = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  ids.rtRap = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  ids.rtWonodri = s.registry.findRtByNumbers(WONODRI, 1, 1)!.id;
  ids.rtSpare = [ids.rtWonodri, s.registry.findRtByNumbers(WONODRI, 1, 2)!.id, s.registry.findRtByNumbers(WONODRI, 2, 1)!.id];
  await makeUser('fuzz.ketua.rap', 'ketua_rt', ids.rtRap);
  await makeUser('fuzz.sandi', 'auditor', null);
  // The upload attacks get an RT of their own with cash drawn today (the fuzz may spend the demo RT's cash).
  ids.rtUpload = s.registry.findRtByNumbers(PLEBURAN, 3, 6)!.id;
  const uploader = toActor(s.users.findById(await makeUser('fuzz.ketua.unggah', 'ketua_rt', ids.rtUpload))!);
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  await aCompleteDossier(s, uploader, ids.rtUpload);
  const plan = savePlan(s, uploader, { rtId: ids.rtUpload, year: 2026, lines: DEMO_PLAN, beritaAcara: await s.evidence.put(minimalPdf(), 'application/pdf', 'ba.pdf'), submit: true });
  approvePlanFully(s, bendahara, plan.id);
  approveAndPay(s, bendahara, requestTranche(s, uploader, { rtId: ids.rtUpload, year: 2026, month: '2026-11', lines: [{ category: 'ADM', description: 'ATK', amount: 500_000 }], requestKey: 'fuzz-upload-tranche-01' }).id);
  ids.users = [await makeUser('fuzz.cadangan.1', 'auditor', null), await makeUser('fuzz.cadangan.2', 'auditor', null)];
  // The fuzz decides (approves, returns, reverses) anything of Pleburan but the upload attacks' RT.
  const pleburanRts = s.registry.rtsOfKelurahan(PLEBURAN).map((r) => r.id).filter((id) => id !== ids.rtUpload);
  ids.pleburanRts = pleburanRts;
  ids.returnedOwn = s.receipts.ofRt(ids.rt11, 2026).filter((r) => r.status === 'returned').map((r) => r.id);
  ids.shas = s.receipts.ofRt(ids.rt11, 2026).flatMap((r) => s.receipts.files(r.id).map((f) => f.sha256)).slice(0, 5);
  for (let i = 0; i < 5; i++) images.push(await evidenceImage(i % 2 ? 'foto_kegiatan' : 'nota', [`FUZZ ${i}`], 700 + i));
  for (let i = 0; i < 40; i++) polyglotBases.push(await seededPhoto(`fuzz polyglot ${i}`));
  agents.anon = await anonymous(app);
  agents.login = await anonymous(app);
  const logins: Array<[Who, string]> = [
    ['admin', 'admin'], ['bendahara', 'bendahara.pleburan'], ['ketua', 'ketua.pleburan'], ['ketuaRap', 'fuzz.ketua.rap'], ['auditor', 'auditor'], ['pwUser', 'fuzz.sandi'], ['uploader', 'fuzz.ketua.unggah'], ['bpkad', 'bpkad'], ['lurah', 'lurah.pleburan'],
  ];
  for (const [who, username] of logins) agents[who] = await signedIn(app, username);
});

afterAll(() => {
  const per = [...triedBy.entries()].map(([k, n]) => `${k}: ${n} (${succeededBy.get(k) ?? 0} accepted)`).join(', ');
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(' ');
  console.info(
    `fuzz: ${tried} requests tried over ${triedBy.size} routes (${FULL ? 'full' : 'quick'} run, ${RUNS} runs per route); statuses ${byStatus}; ` +
      `${keptChecked} refusals checked for the typed input kept, ${storedShown} pages checked after a stored value; 0 answers with status 500 (the test fails on the first). Per route: ${per}`,
  );
});

// ---------------------------------------------------------------- the tests

/** A failure names the request in one line and the seed to replay it (the default report prints megabytes of NUL). */
async function shortReport(out: fc.RunDetails<[Sent]>): Promise<void> {
  if (!out.failed) return;
  const cause = out.errorInstance instanceof Error ? out.errorInstance.message.split('\n')[0] : String(out.errorInstance);
  throw new Error(`${cause}\nreplay: FUZZ_SEED=${out.seed} (path ${out.counterexamplePath})`);
}

describe('fuzz: every form and query parameter', () => {
  it('covers every route of the app', () => {
    expect(ROUTES.filter((r) => !SPECS[r])).toEqual([]);
  });

  for (const [key, spec] of Object.entries(SPECS).filter(([k]) => ROUTES.includes(k))) {
    const method = key.split(' ')[0] as 'get' | 'post';
    it(`${key}: never a 500, nothing unescaped, Indonesian refusals, input kept`, async () => {
      const numRuns = Math.max(3, Math.round(RUNS * (spec.weight ?? 1)));
      await fc.assert(
        fc.asyncProperty(fc.constant(null).chain(() => sentArb(spec, method)), (sent) => fuzzOne(key, spec, sent)),
        { numRuns, seed: SEED, endOnFailure: true, asyncReporter: shortReport },
      );
    }, FULL ? 1_800_000 : 120_000);
  }

  it('leaves the database intact: no injected SQL ran, the ledger verifies, stored values show escaped everywhere', async () => {
    expect(s.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(s.db.sqlite.pragma('foreign_key_check')).toEqual([]);
    for (const t of ['users', 'rt', 'journal_entries', 'postings', 'receipts', 'audit_log']) {
      expect((s.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBeGreaterThan(0);
    }
    const report = verifyLedger(s);
    expect(report.problems).toEqual([]);
    const pages: Array<[Who, string]> = [
      ['admin', '/admin/pengguna'], ['admin', '/audit'], ['admin', '/audit?hal=2'], ['admin', `/wilayah/kelurahan/${WONODRI}`], ['admin', `/wilayah/kelurahan/${PLEBURAN}`],
      ...ids.rtSpare.map((id): [Who, string] => ['admin', `/rt/${id}`]),
      ['bendahara', '/antrian'], ['bendahara', '/verifikasi'], ['bendahara', `/laporan/lpj/${PLEBURAN}`], ['bendahara', `/kelurahan/${PLEBURAN}/bank`],
      ['ketua', `/rt/${ids.rt11}/kuitansi`], ['ketua', `/rt/${ids.rt11}/pencairan`], ['ketua', `/rt/${ids.rt11}/rencana`], ['ketua', `/rt/${ids.rt11}/bku`], ['ketua', `/rt/${ids.rt11}/spj/2026-11`],
      ['ketuaRap', `/rt/${ids.rtRap}/rencana`], ['auditor', '/'], ['anon', '/'],
    ];
    for (const [who, p] of pages) {
      const res = await agents[who].agent.get(p);
      tried += 1;
      expect(res.status, `${p} as ${who}`).toBeLessThan(500);
      checkAnswer(res, `GET ${p} as ${who} after the fuzz`);
    }
    const names = s.db.sqlite.prepare('SELECT original_name AS n FROM receipt_files').all() as Array<{ n: string }>;
    for (const { n } of names) expect(n, 'a stored file name keeps a path').not.toMatch(/[\\/\u0000]/);
  });
});

// ---------------------------------------------------------------- upload attacks

describe('upload attacks on every upload route', () => {
  interface Target {
    name: string;
    who: Who;
    path: () => string;
    field: string;
    fields: () => Record<string, string>;
  }
  const receiptFields = () => ({ year: '2026', requestKey: randomBytes(18).toString('base64url'), date: '2026-11-28', category: 'ADM', description: 'Fotokopi undangan', vendor: 'Fotokopi Barokah', amount: '5.000' });
  const TARGETS: Target[] = [
    { name: 'receipt nota', who: 'uploader', path: () => `/rt/${ids.rtUpload}/kuitansi`, field: 'nota', fields: receiptFields },
    { name: 'plan berita acara', who: 'ketuaRap', path: () => `/rt/${ids.rtRap}/rencana`, field: 'beritaAcara', fields: () => ({ year: '2026', action: 'save', lineCategory: 'SOS', lineDescription: 'Konsumsi rapat', lineAmount: '1.000.000' }) },
    // A receipt still returned (the random phase may have resubmitted some): the files of a
    // resubmission are read only when the receipt may take them (issue 17: checks before files).
    { name: 'resubmitted receipt', who: 'ketua', path: () => `/kuitansi/${stillReturned()}/kirim-ulang`, field: 'daftarHadir', fields: () => ({}) },
  ];
  // The random phase may have re-sent or withdrawn every returned receipt of the chair: the
  // resubmit attacks then get one of their own, returned by the bendahara.
  let extra = 0;
  beforeEach(async () => {
    if (ids.returnedOwn.some((r) => s.receipts.find(r)?.status === 'returned')) return;
    const chair = toActor(s.users.findByUsername('ketua.pleburan')!);
    const nota = { ...(await s.evidence.put(await seededPhoto(`fuzz resubmit ${++extra}`), 'image/jpeg', 'nota.jpg')), kind: 'nota' as const };
    const r = recordReceipt(s, chair, { rtId: ids.rt11, year: 2026, date: '2026-11-28', category: 'ADM', description: 'Fotokopi undangan', vendor: 'Fotokopi Barokah', notaNumber: null, amount: 1_000, items: [], files: [nota], requestKey: `fuzz-resubmit-${extra}-${randomBytes(6).toString('hex')}` });
    returnReceipt(s, toActor(s.users.findByUsername('bendahara.pleburan')!), r.id, 'Lampirkan daftar hadir.');
    ids.returnedOwn.push(r.id);
  });
  function stillReturned(): number {
    const id = ids.returnedOwn.find((r) => s.receipts.find(r)?.status === 'returned');
    if (id === undefined) throw new Error('no returned receipt of the chair left to resubmit');
    return id;
  }
  const post = (t: Target, file: Upload) => {
    const sent: Sent = { who: t.who, method: 'post', path: t.path(), fields: t.fields(), extra: [], rawQuery: [], files: [file], encoding: 'multipart', csrf: 'valid', csrfHeader: false, accept: 'html', cut: 1 };
    tried += 1;
    return send(sent);
  };
  const evidenceCount = () => (s.db.sqlite.prepare('SELECT COUNT(*) AS n FROM evidence_files').get() as { n: number }).n;

  const REFUSED: Array<[string, () => Buffer, string, RegExp]> = [
    ['an SVG with script', HOSTILE_FILES.svg!, 'nota.svg', /jenis berkas tidak diterima/],
    ['an HTML page', HOSTILE_FILES.html!, 'nota.html', /jenis berkas tidak diterima/],
    ['an executable named .jpg', HOSTILE_FILES.exe!, 'nota.jpg', /jenis berkas tidak diterima/],
    ['an ELF binary named .pdf', HOSTILE_FILES.elf!, 'berita-acara.pdf', /jenis berkas tidak diterima/],
    ['a GIF (not an accepted type) named .png', HOSTILE_FILES.gif!, 'nota.png', /jenis berkas tidak diterima/],
    ['a decompression bomb (7000×7000 grey PNG, 47 KB)', () => greyPng(7000, 7000, 7000), 'bom.png', /terlalu besar/],
    ['an image declaring 100000×100000 pixels', HOSTILE_FILES.pngHuge!, 'besar.png', /terlalu besar/],
    ['a JPEG declaring 20000×20000 pixels', HOSTILE_FILES.jpegHuge!, 'besar.jpg', /20000×20000 piksel terlalu besar/],
    ['a truncated JPEG', HOSTILE_FILES.truncatedJpeg!, 'nota.jpg', /rusak/],
    ['a JPEG whose tail is zeros', HOSTILE_FILES.zeroTailJpeg!, 'nota.jpg', /rusak/],
  ];
  for (const t of [0, 1, 2]) {
    it.each(REFUSED)(`${['receipt nota', 'plan berita acara', 'resubmitted receipt'][t]}: refuses %s with 4xx, in Indonesian, storing nothing`, async (_n, make, name, message) => {
      const target = TARGETS[t]!;
      const before = evidenceCount();
      const started = Date.now();
      const res = await post(target, { field: target.field, name, bytes: make() });
      checkAnswer(res, `${target.name} upload of ${name}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(messageOf(res)).toMatch(message);
      expect(evidenceCount()).toBe(before);
      // A bomb is refused from its header, not after decoding 49 million pixels.
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  }

  it('a JPEG+HTML polyglot and a PDF+ZIP polyglot, if accepted, are served only as an image or PDF, sandboxed, never as HTML', async () => {
    let served = 0;
    for (const [make, name, mime] of [[HOSTILE_FILES.jpegHtml!, 'nota.jpg', 'image/jpeg'], [HOSTILE_FILES.pdfZip!, 'nota.pdf', 'application/pdf']] as const) {
      const bytes = make();
      const res = await post(TARGETS[0]!, { field: 'nota', name, bytes });
      checkAnswer(res, `polyglot ${name}`);
      if (res.status !== 303) continue;
      served += 1;
      const file = await agents.uploader.agent.get(`/berkas/${createHash('sha256').update(bytes).digest('hex')}`);
      tried += 1;
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe(mime);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toMatch(/sandbox/);
      expect(file.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(file.headers['content-disposition']).toMatch(/^inline; filename="[0-9a-f]{12}\.(jpeg|pdf)"$/);
    }
    // Both are valid files of an accepted type, so they are accepted: what matters is how they are served.
    expect(served).toBe(2);
  });

  it('path-traversal and hostile file names: stored under the hash only, the name shown cleaned and escaped', async () => {
    const lastFile = (s.db.sqlite.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM receipt_files').get() as { n: number }).n;
    const outside = path.resolve(path.dirname(s.evidence.dir), '../../../../tmp/fz-escape.jpg');
    const names = ['../../../../tmp/fz-escape.jpg', '..\\..\\..\\windows\\win.ini.jpg', '/etc/passwd.jpg', '<img src=x onerror=fz(1)>.jpg', '\u202egpj.exe', 'CON', 'nota warung – ß файл 日本.jpg'];
    for (const name of names) {
      const bytes = uniquePng();
      const res = await post(TARGETS[0]!, { field: 'nota', name, bytes });
      checkAnswer(res, `file name ${JSON.stringify(name)}`);
      expect(res.status, `${name}: ${messageOf(res)}`).toBe(303);
    }
    expect(fs.existsSync(outside)).toBe(false);
    expect(fs.existsSync('/tmp/fz-escape.jpg')).toBe(false);
    const stored = s.db.sqlite.prepare('SELECT original_name AS n FROM receipt_files WHERE id > ?').all(lastFile) as Array<{ n: string }>;
    expect(stored.length).toBeGreaterThanOrEqual(names.length);
    for (const { n } of stored) expect(n).not.toMatch(/[\\/\u0000]/);
    for (const f of fs.readdirSync(s.evidence.dir, { recursive: true }) as string[]) expect(path.basename(f)).toMatch(/^([0-9a-f]{2}|[0-9a-f]{64})$/);
    const page = await agents.uploader.agent.get(`/rt/${ids.rtUpload}/kuitansi`);
    checkAnswer(page, 'receipts page showing hostile file names');
    for (const name of names) expect(page.text).toContain(esc(cleanFileName(name)));
    // UTF-8 names arrive intact (not read as latin1), with bidi overrides removed.
    expect(page.text).toContain('nota warung – ß файл 日本.jpg');
    expect(page.text).toContain('gpj.exe');
    expect(page.text).not.toContain('\u202e');
  });

  it('registry imports: binary, HTML and formula-laden files are refused or escaped, never a 500', async () => {
    for (const [name, bytes] of [
      ['wilayah.csv', HOSTILE_FILES.exe!()], ['rt.csv', HOSTILE_FILES.html!()], ['rt.csv', HOSTILE_FILES.csvFormula!()], ['rt.csv', Buffer.from('\u0000\u0000')],
      ['rt.csv', Buffer.from(`kelurahan_code,rw,rt,chair_name,bank_account\n${XSS.map((x, i) => `3374050005,1,${90 + i},${JSON.stringify(x)},20100000${10 + i}`).join('\n')}\n`)],
      ['rt.csv', Buffer.from(`kelurahan_code,rw,rt,chair_name,bank_account\n"${'x'.repeat(100_000)}\n`)],
    ] as const) {
      for (const kind of ['wilayah', 'rt']) {
        const sent: Sent = { who: 'admin', method: 'post', path: `/admin/impor/${kind}`, fields: {}, extra: [], rawQuery: [], files: [{ field: 'file', name, bytes }], encoding: 'multipart', csrf: 'valid', csrfHeader: false, accept: 'html', cut: 1 };
        tried += 1;
        const res = await send(sent);
        checkAnswer(res, `import ${kind} of ${name} (${bytes.length} bytes)`);
      }
    }
    const page = await agents.admin.agent.get(`/wilayah/kelurahan/${PLEBURAN}`);
    checkAnswer(page, 'kelurahan page after hostile imports');
  });
});

describe('spreadsheet downloads', () => {
  it('a name typed as a formula reaches the LPJ CSV as text, not as a formula', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 4)!;
    const formula = '=HYPERLINK("http://evil.example","klik")';
    const edit = await agents.admin.agent.post(`/rt/${rt.id}/ubah`).type('form').send({ _csrf: agents.admin.csrf, chairName: formula, bankAccount: rt.bankAccount });
    expect(edit.status).toBe(303);
    const csv = await agents.bendahara.agent.get(`/laporan/lpj/${PLEBURAN}/csv`);
    tried += 2;
    expect(csv.status).toBe(200);
    const cells = csv.text.split(/\r?\n/).flatMap((line) => line.split(',')).map((c) => c.replace(/^"|"$/g, ''));
    expect(cells.filter((c) => /^[=+@\t\r]/.test(c) || /^-[^\d]/.test(c))).toEqual([]);
    expect(csv.text).toContain('HYPERLINK');
  });
});
