/**
 * Access crawl (issue 8, item 4): the dynamic complement of the route matrix.
 *
 * Each demo role (admin, bendahara.pleburan, ketua.pleburan, auditor, bpkad) signs in and crawls every
 * link and form reachable from its home page (GET only; forms are recorded with their method,
 * action and fields). Then every URL of user A is replayed as users B outside A's scope (the
 * chair of another RT in Pleburan, a chair and a bendahara of Wonodri, anonymous), and every
 * form of A is submitted as those users and as the auditor (who may write nothing), each with
 * their own CSRF token so the request reaches the permission checks.
 *
 * Expected: a denied page is 403 or 404 (anonymous: a redirect to sign-in); a page B may open
 * anyway (its own home, a list of its own kelurahan) shows none of A's data (RT chair names,
 * bank accounts, receipt descriptions, shops, nota numbers, amounts unique to A's RTs, and
 * "Pleburan" for users outside it); a replayed form changes nothing (row counts, statuses,
 * the ledger chain head, the evidence files on disk). The scope oracle here is written from
 * the registry, not from the app's access module.
 *
 * Quick run: at most CRAWL_CAP pages per URL shape (RTs and kelurahan of the story always).
 * RELIABILITY=full crawls everything. The number of URL × user pairs tried is printed.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordReceipt } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import { revisePlan, savePlan } from '../../src/app/save-plan';
import { at } from '../../src/app/seed-clock';
import { evidenceImage, onePagePdf } from '../../src/app/seed-documents';
import { uniquePng } from '../../scripts/lib/crash/http-client';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import type { Services } from '../helpers/db';
import { verifyLedger } from '../../src/app/verify-ledger';
import { roleMay, type Role } from '../../src/domain/access';
import { formatRupiah } from '../../src/domain/money';
import { toActor } from '../../src/db/user-repository';
import { aCompleteDossier, aUser, approveAndPay, approvePlanFully } from '../builders';
import { approveTranche } from '../../src/app/decide-tranche';
import type { Actor } from '../../src/domain/access';
import { anonymous, appRoutes, seededApp, signedIn, type Agent } from '../helpers/http';

const FULL = process.env.RELIABILITY === 'full';
/** Pages crawled per URL shape (e.g. /rt/:n/kuitansi?tahun=:n); the story's RTs and kelurahan are always crawled. */
const CAP = Number(process.env.CRAWL_CAP ?? (FULL ? Number.MAX_SAFE_INTEGER : 2));
const SEEN_LIMIT = 64 * 1024 * 1024;
const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
const SEMARANG_SELATAN = '3374050';
const NOW = new Date('2026-11-28T03:00:00Z');

type UserKey = 'admin' | 'bendahara' | 'ketua' | 'auditor' | 'bpkad' | 'sekretaris' | 'bendaharaRt' | 'lurah' | 'camat' | 'ketuaLain' | 'ketuaWonodri' | 'bendaharaWonodri' | 'lurahWonodri' | 'camatMijen' | 'pengawas' | 'anon';
interface User {
  key: UserKey;
  username: string | null;
  role: Role | null;
  rtId: number | null;
  kelurahanCode: string | null;
  /** A camat's kecamatan. */
  kecamatanCode: string | null;
  agent: Agent;
  csrf: string;
}
interface Form {
  method: 'get' | 'post';
  action: string;
  multipart: boolean;
  fields: Array<[string, string]>;
  files: string[];
  page: string;
}
interface Crawl {
  urls: string[];
  forms: Form[];
  /** Everything the user was shown (HTML and text downloads), to tell their own data from others'. */
  seen: string;
  skipped: number;
}

let s: Services;
const users = {} as Record<UserKey, User>;
const crawls = new Map<UserKey, Crawl>();
const ids = {} as { rt11: number; rt12: number; rtWonodri: number };
let pairs = 0;
let denied = 0;
let allowedShared = 0;
const leaks: string[] = [];
const secretsChecked: string[] = [];
const failures: string[] = [];

// ---------------------------------------------------------------- reading pages

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (v: string) =>
  v.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
  );
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/** A same-origin path, or null (other sites, fragments, javascript:, assets). */
function local(href: string, base: string): string | null {
  if (!href || href.startsWith('#') || /^[a-z]+:/i.test(href) || href.startsWith('//')) return null;
  const u = new URL(href, `http://app${base}`);
  if (u.host !== 'app' || u.pathname.startsWith('/assets/')) return null;
  return u.pathname + u.search;
}

function linksOf(html: string, base: string): string[] {
  return [...html.matchAll(/<a\b[^>]*>/gi)].map((m) => attr(m[0], 'href')).flatMap((h) => (h === undefined ? [] : [local(h, base)].filter((x): x is string => !!x)));
}

function formsOf(html: string, base: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => {
    const open = `<form${m[1]}>`;
    const body = m[2]!;
    const fields: Array<[string, string]> = [];
    const files: string[] = [];
    for (const [tag] of body.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(tag, 'name');
      if (!name) continue;
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (type === 'file') files.push(name);
      else fields.push([name, attr(tag, 'value') ?? '']);
    }
    for (const sel of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(`<select${sel[1]}>`, 'name');
      const options = [...sel[2]!.matchAll(/<option\b[^>]*>/gi)].map((o) => ({ value: attr(o[0], 'value') ?? '', selected: /\sselected\b/.test(o[0]) }));
      if (name && options.length) fields.push([name, (options.find((o) => o.selected) ?? options[0]!).value]);
    }
    for (const ta of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attr(`<textarea${ta[1]}>`, 'name');
      if (name) fields.push([name, decode(ta[2]!)]);
    }
    for (const [tag] of body.matchAll(/<button\b[^>]*>/gi)) {
      const name = attr(tag, 'name');
      if (name) fields.push([name, attr(tag, 'value') ?? '']);
    }
    const method = (attr(open, 'method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get';
    return { method, action: local(attr(open, 'action') ?? base, base) ?? base, multipart: /multipart/i.test(attr(open, 'enctype') ?? ''), fields, files, page: base };
  });
}

/** The shape of a URL: ids and hashes replaced, query keys kept. */
const shape = (url: string) => {
  const u = new URL(url, 'http://app');
  const keys = [...u.searchParams.keys()].sort().join('&');
  return `${u.pathname.replace(/\b[0-9a-f]{16,}\b/g, ':h').replace(/\d+/g, ':n')}?${keys}`;
};

function storyUrl(url: string): boolean {
  const rt = /^\/rt\/(\d+)(\/|\?|$)/.exec(url);
  return (rt !== null && [ids.rt11, ids.rt12, ids.rtWonodri].includes(Number(rt[1]))) || url.includes(PLEBURAN) || url.includes(WONODRI) || url.includes(`/kecamatan/${SEMARANG_SELATAN}`);
}

const isText = (type: string) => /^(text\/|application\/json)/.test(type);

async function crawl(u: User): Promise<Crawl> {
  // /healthz is linked from nowhere: a load balancer asks it.
  const queue = ['/', '/healthz'];
  const queued = new Set(queue);
  const perShape = new Map<string, number>();
  const out: Crawl = { urls: [], forms: [], seen: '', skipped: 0 };
  const formKeys = new Set<string>();
  const enqueue = (url: string) => {
    if (queued.has(url) || url === '/logout') return;
    queued.add(url);
    queue.push(url);
  };
  while (queue.length) {
    const url = queue.shift()!;
    const key = shape(url);
    if ((perShape.get(key) ?? 0) >= CAP && !storyUrl(url)) {
      out.skipped += 1;
      continue;
    }
    perShape.set(key, (perShape.get(key) ?? 0) + 1);
    const res = await u.agent.get(url).buffer(true).parse(textOrBinary);
    out.urls.push(url);
    if (res.status >= 500) failures.push(`crawl of ${u.key}: ${url} answered ${res.status}`);
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      const next = local(res.headers.location, url);
      if (next) enqueue(next);
      continue;
    }
    const type = String(res.headers['content-type'] ?? '');
    if (!isText(type)) continue;
    const text = (res.body as Buffer).toString('utf8');
    // A city-wide crawl reads thousands of pages: what it was shown is kept up to a bound (BFS reaches the story's pages first).
    if (out.seen.length < SEEN_LIMIT) out.seen += `\n${text}`;
    if (!type.startsWith('text/html')) continue;
    for (const link of linksOf(text, url)) enqueue(link);
    for (const form of formsOf(text, url)) {
      if (form.method === 'get') {
        // A GET form is a link with its fields as the query (the year switcher, the audit filter).
        const q = new URLSearchParams(form.fields.filter(([k]) => k !== '_csrf'));
        enqueue(`${form.action.split('?')[0]}${q.size ? `?${q}` : ''}`);
        continue;
      }
      const fk = `${form.action} ${form.fields.map(([k]) => k).sort().join(',')} ${form.fields.filter(([k]) => k === 'action' || k === 'active').map(([, v]) => v).join(',')}`;
      if (form.action === '/logout' || formKeys.has(fk)) continue;
      formKeys.add(fk);
      out.forms.push(form);
    }
  }
  return out;
}

/**
 * The one POST a crawl makes: an export the user starts from the reports page (the bundle is
 * built in the background), so the job's pages (its owner's only) are replayed by the others.
 */
async function startExport(u: User, c: Crawl): Promise<void> {
  const form = c.forms.find((f) => f.action.startsWith('/laporan/bundel') && routeOf('post', f.action));
  if (!form) return;
  const res = await submit(u, form);
  const job = res.status === 303 ? local(res.headers.location ?? '', form.action) : null;
  if (!job) {
    failures.push(`export of ${u.key}: ${res.status}`);
    return;
  }
  c.urls.push(job, `${job.split('?')[0]}/unduh`);
  exportOwners.set(job.split('?')[0]!.split('/').pop()!, u.key);
}

/** Keeps every body as a Buffer (HTML, CSV, PDF, ZIP alike). */
const textOrBinary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

// ---------------------------------------------------------------- the scope oracle

/** Export job id → the user who started it (a job is its owner's alone). */
const exportOwners = new Map<string, UserKey>();

interface Where {
  owner?: UserKey;
  rtIds?: number[];
  kelurahanCode?: string;
  kecamatanCode?: string;
  missing?: boolean;
}

/** The first path segment of a URL about one RT's record → that record, by id. */
const RECORDS_OF_RT: Record<string, (id: number) => { rtId: number } | null | undefined> = {
  rencana: (id) => s.plans.find(id),
  pencairan: (id) => s.tranches.find(id),
  kuitansi: (id) => s.receipts.find(id),
  spj: (id) => s.receipts.spjById(id),
};

/** Which RT, kelurahan or kecamatan a URL is about, read from the database (null: no particular one). */
function whereOf(url: string): Where | null {
  const u = new URL(url, 'http://app');
  const p = u.pathname.split('/').filter(Boolean);
  const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : -1);
  const rt = (id: number): Where => (s.registry.findRt(id) ? { rtIds: [id] } : { missing: true });
  const ofRt = RECORDS_OF_RT[p[0] ?? ''];
  if (ofRt) {
    const record = ofRt(num(p[1]));
    return record ? { rtIds: [record.rtId] } : { missing: true };
  }
  switch (p[0]) {
    case 'rt':
      return rt(num(p[1]));
    case 'persetujuan': {
      const record = p[1] === 'rencana' ? s.plans.find(num(p[2])) : p[1] === 'pencairan' ? s.tranches.find(num(p[2])) : undefined;
      return p[1] === undefined ? null : record ? { rtIds: [record.rtId] } : { missing: true };
    }
    case 'berkas': {
      const sha = p[1] ?? '';
      const rts = [...s.plans.referencesFile(sha).map((r) => r.rtId), ...s.receipts.rtsUsingFile(sha)];
      return rts.length ? { rtIds: rts } : { missing: true };
    }
    case 'bank': {
      const b = s.tranches.findBatch(num(p[2]));
      return b ? { kelurahanCode: b.kelurahanCode } : { missing: true };
    }
    case 'aduan': {
      // A complaint is its kelurahan's (the desk reads it by the kelurahan's kecamatan).
      const c = p[1] === undefined ? undefined : s.complaints.find(num(p[1]));
      return p[1] === undefined ? null : c ? { kelurahanCode: c.kelurahanCode } : { missing: true };
    }
    case 'pengawas': {
      if (p[1] === 'tanda') {
        const flag = s.risk.findFlag(num(p[2]));
        return flag ? { rtIds: [flag.rtId] } : { missing: true };
      }
      return u.searchParams.get('kelurahan') ? { kelurahanCode: u.searchParams.get('kelurahan')! } : null;
    }
    case 'kelurahan':
      return { kelurahanCode: p[1] };
    case 'wilayah':
      return p[1] === 'kecamatan' ? { kecamatanCode: p[2] } : { kelurahanCode: p[2] };
    case 'laporan':
      if (p[1] === 'lpj') return { kelurahanCode: p[2] };
      if (p[1] === 'bundel' && p[2] === 'proses') return exportOwners.has(p[3] ?? '') ? { owner: exportOwners.get(p[3]!) } : { missing: true };
      return u.searchParams.get('kelurahan') ? { kelurahanCode: u.searchParams.get('kelurahan')! } : null;
    default:
      return null;
  }
}

/** Whether user B may see what the URL is about (admin and city auditor: everything). */
function mayReach(b: User, w: Where): boolean {
  if (w.missing) return false;
  if (w.owner) return w.owner === b.key;
  // BPKAD pays every kelurahan: city scope (what it may open there is the permission table's to say).
  if (b.role === 'admin' || b.role === 'auditor' || b.role === 'bpkad') return true;
  const kelOf = (id: number) => s.registry.findRt(id)?.kelurahanCode;
  if (b.role === 'bendahara' || b.role === 'lurah') return w.kelurahanCode !== undefined ? w.kelurahanCode === b.kelurahanCode : !!w.rtIds?.some((id) => kelOf(id) === b.kelurahanCode);
  if (b.role === 'camat' || b.role === 'pengawas') {
    const kecOf = (kel: string | undefined) => kel?.slice(0, 7);
    if (w.kecamatanCode !== undefined) return w.kecamatanCode === b.kecamatanCode;
    if (w.kelurahanCode !== undefined) return kecOf(w.kelurahanCode) === b.kecamatanCode;
    return !!w.rtIds?.some((id) => kecOf(kelOf(id)) === b.kecamatanCode);
  }
  if (b.role === 'ketua_rt' || b.role === 'sekretaris_rt' || b.role === 'bendahara_rt') return !!w.rtIds?.includes(b.rtId!);
  return false;
}

// An optional group of a path ({.:format}, the public pages' .csv and .json) may be there or not.
const ROUTES = () => appRoutes().map((r) => ({ ...r, re: new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+').replace(/\{([^}]*)\}/g, '(?:$1)?')}$`) }));
let routeTable: ReturnType<typeof ROUTES>;
const routeOf = (method: 'get' | 'post', url: string) => routeTable.find((r) => r.method === method && r.re.test(new URL(url, 'http://app').pathname));

type Expect = { kind: 'login' } | { kind: 'denied' } | { kind: 'allowed' };
function expectFor(b: User, method: 'get' | 'post', url: string): Expect {
  const route = routeOf(method, url);
  if (!route) return { kind: 'denied' };
  if (route.need === 'public') return { kind: 'allowed' };
  if (!b.role) return { kind: 'login' };
  if (!roleMay({ userId: 0, username: b.username!, role: b.role, kelurahanCode: b.kelurahanCode, rtId: b.rtId, kecamatanCodes: null }, route.need)) return { kind: 'denied' };
  const w = whereOf(url);
  return w === null || mayReach(b, w) ? { kind: 'allowed' } : { kind: 'denied' };
}

// ---------------------------------------------------------------- A's data

/** Strings that identify one RT's data: names, account, receipts, shops, notas, tranche lines; and its amounts. */
function rtStrings(rtId: number): { words: string[]; amounts: string[] } {
  const rt = s.registry.findRt(rtId)!;
  const words = [rt.chairName, rt.bankAccount, rt.secretaryName ?? '', rt.treasurerName ?? ''];
  const amounts: string[] = [];
  for (const year of [2025, 2026]) {
    for (const r of s.receipts.ofRt(rtId, year)) {
      words.push(r.description, r.vendor, r.notaNumber ?? '');
      amounts.push(formatRupiah(r.amount));
    }
    for (const t of s.tranches.ofRt(rtId, year)) {
      words.push(...s.tranches.lines(t.id).map((l) => l.description));
      amounts.push(formatRupiah(t.amount));
    }
  }
  return { words: words.filter((x) => x.length >= 6), amounts };
}

/** Per RT of the story (Pleburan's, and Wonodri's with data): the strings that belong to it alone among all RTs of both kelurahan. */
let secretsByRt = new Map<number, { words: string[]; amounts: string[] }>();
function buildSecrets(): void {
  const universe = [...s.registry.rtsOfKelurahan(PLEBURAN), ...s.registry.rtsOfKelurahan(WONODRI)].map((r) => r.id);
  const all = new Map(universe.map((id) => [id, rtStrings(id)]));
  const owners = new Map<string, number>();
  for (const { words, amounts } of all.values()) for (const x of new Set([...words, ...amounts])) owners.set(x, (owners.get(x) ?? 0) + 1);
  const own = (xs: string[]) => [...new Set(xs)].filter((x) => owners.get(x) === 1);
  const story = [...s.registry.rtsOfKelurahan(PLEBURAN).map((r) => r.id), ids.rtWonodri];
  secretsByRt = new Map(story.map((id) => [id, { words: own(all.get(id)!.words), amounts: own(all.get(id)!.amounts) }]));
}

const scopeRts = (u: User): number[] =>
  [...secretsByRt.keys()].filter((id) =>
    u.role === 'admin' || u.role === 'auditor' || u.role === 'bpkad'
      ? true
      : u.role === 'bendahara' || u.role === 'lurah'
        ? s.registry.findRt(id)!.kelurahanCode === u.kelurahanCode
        : u.role === 'camat' || u.role === 'pengawas'
          ? s.registry.findRt(id)!.kecamatanCode === u.kecamatanCode
          : id === u.rtId,
  );

/** What of A's RTs user B must never be shown (A = null: every story RT outside B's scope). */
function outsideScope(a: User | null, b: User, withAmounts: boolean): string[] {
  const mine = new Set(scopeRts(b));
  const theirs = a ? scopeRts(a) : [...secretsByRt.keys()];
  const list = theirs.filter((id) => !mine.has(id)).flatMap((id) => [...secretsByRt.get(id)!.words, ...(withAmounts ? secretsByRt.get(id)!.amounts : [])]);
  if (b.role !== 'admin' && b.role !== 'auditor' && b.kelurahanCode !== PLEBURAN && b.role !== null) list.push('Pleburan');
  // Issue 20 (open books): anyone may read place names and what verified receipts bought (description, shop),
  // except help to persons (SOS); everything else stays out of an anonymous visitor's pages.
  const open = b.role === null ? publicByDesign() : new Set<string>();
  return [...new Set(list)].filter((x) => !open.has(x));
}

function publicByDesign(): Set<string> {
  const rows = s.db.sqlite.prepare(`SELECT description, vendor FROM receipts WHERE status = 'verified' AND category <> 'SOS'`).all() as Array<{ description: string; vendor: string }>;
  return new Set(rows.flatMap((r) => [r.description, r.vendor]));
}

/**
 * What an open-books page (/publik/…) shows anyone by design, recomputed here from the tables:
 * place names, what verified receipts bought (SOS: only the amount), their amounts and sums per
 * category, approved and paid tranches, the plan's lines and sums. Pending, returned and rejected
 * receipts, names, bank accounts stay secrets there too.
 */
let openBooks: Set<string> | null = null;
function publicFigures(): Set<string> {
  if (openBooks) return openBooks;
  const amounts = (sql: string) => (s.db.sqlite.prepare(sql).all() as Array<{ a: number }>).map((r) => formatRupiah(r.a));
  openBooks = new Set([
    ...publicByDesign(),
    'Pleburan',
    ...amounts(`SELECT amount a FROM receipts WHERE status = 'verified'`),
    ...amounts(`SELECT SUM(amount) a FROM receipts WHERE status = 'verified' GROUP BY rt_id, year, category`),
    ...amounts(`SELECT SUM(amount) a FROM receipts WHERE status = 'verified' GROUP BY rt_id, year`),
    ...amounts(`SELECT amount a FROM tranches WHERE status IN ('approved', 'paid')`),
    ...amounts(`SELECT amount a FROM plan_lines`),
    ...amounts(`SELECT SUM(amount) a FROM plan_lines GROUP BY plan_id, category`),
    ...amounts(`SELECT SUM(amount) a FROM plan_lines GROUP BY plan_id`),
  ]);
  return openBooks;
}

const isOpenBooks = (url: string) => /^\/publik(\/|\.|$)/.test(new URL(url, 'http://app').pathname);

/** For a replay: A's strings outside B's scope and A's name, minus anything B's own crawl showed (an amount B has too identifies nobody). */
/** Kept per pair: the replays change nothing (each is checked), and B's pages are read once. */
const secretsOfPair = new Map<string, string[]>();
function secretsFor(a: User, b: User): string[] {
  const key = `${a.key}>${b.key}`;
  if (!secretsOfPair.has(key)) secretsOfPair.set(key, computeSecrets(a, b));
  return secretsOfPair.get(key)!;
}

function computeSecrets(a: User, b: User): string[] {
  const list = outsideScope(a, b, true);
  if (a.username && a.key !== 'auditor' && a.key !== 'admin') list.push(s.users.findByUsername(a.username)!.displayName);
  const seen = crawls.get(b.key)!.seen;
  return [...new Set(list)].filter((x) => !shows(seen, x));
}

// ---------------------------------------------------------------- nothing changed

function fingerprint(): string {
  const q = (sql: string) => JSON.stringify(s.db.sqlite.prepare(sql).get());
  const files = fs.existsSync(s.evidence.dir) ? (fs.readdirSync(s.evidence.dir, { recursive: true }) as string[]).length : 0;
  return [
    q(`SELECT (SELECT COUNT(*) FROM journal_entries) e, (SELECT COUNT(*) FROM postings) p, (SELECT COUNT(*) FROM plans) pl, (SELECT COUNT(*) FROM plan_lines) pll, (SELECT COUNT(*) FROM plan_documents WHERE withdrawn_at IS NULL) pd,
              (SELECT COUNT(*) FROM tranches) t, (SELECT COUNT(*) FROM tranche_lines) tl, (SELECT COUNT(*) FROM receipts) r, (SELECT COUNT(*) FROM receipt_items) ri,
              (SELECT COUNT(*) FROM receipt_files) rf, (SELECT COUNT(*) FROM spj_reports) spj, (SELECT COUNT(*) FROM bank_batches) bb, (SELECT COUNT(*) FROM bank_batch_rows) bbr, (SELECT COUNT(*) FROM year_closures) yc,
              (SELECT COUNT(*) FROM users) u, (SELECT COUNT(*) FROM approval_steps) st, (SELECT COUNT(*) FROM rt_profiles) rp, (SELECT COUNT(*) FROM rt) rt, (SELECT COUNT(*) FROM kelurahan) kel, (SELECT COUNT(*) FROM evidence_files) ef,
              (SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'auth.%' AND action NOT IN ('file.download', 'report.download', 'bank_batch.download')) audits`),
    q(`SELECT (SELECT group_concat(id || status) FROM plans) pl, (SELECT group_concat(id || status || coalesce(batch_id, '')) FROM tranches) t,
              (SELECT group_concat(id || status) FROM receipts) r, (SELECT group_concat(id || status) FROM spj_reports) spj,
              (SELECT group_concat(id || status || coalesce(paid_at, '')) FROM bank_batches) bb, (SELECT group_concat(id || status) FROM bank_batch_rows) bbr, (SELECT group_concat(id || chair_name || bank_account || active) FROM rt) rt,
              (SELECT group_concat(id || password_hash || active || coalesce(locked_until, '')) FROM users) u`),
    s.ledger.head()?.hash ?? '',
    String(files),
  ].join('|');
}

// ---------------------------------------------------------------- replay

/** Values for a form's empty fields, so a refusal comes from the permission check, not from a missing reason. */
const FILL: Record<string, string> = {
  reason: 'Uji akses silang', note: 'Uji akses silang', lineDescription: 'Uji akses', lineAmount: '100.000', amount: '10.000', date: '2026-11-20',
  description: 'Uji akses', vendor: 'Toko Uji', notaNumber: 'UJI-1', chairName: 'Nama Uji', bankAccount: '2099999999', username: 'uji.akses', displayName: 'Uji Akses',
  password: 'sandi-uji-akses-1', rwNumber: '1', rtNumber: '1', confirm: 'ya', month: '2026-11',
};


function submit(b: User, form: Form) {
  const fields = form.fields.map(([k, v]): [string, string] => [k, k === '_csrf' ? b.csrf : v || FILL[k] || v]);
  if (!form.multipart) return b.agent.post(form.action).type('form').send(new URLSearchParams(fields).toString());
  let req = b.agent.post(form.action);
  for (const [k, v] of fields) req = req.field(k, v);
  for (const f of form.files.slice(0, 1)) req = req.attach(f, uniquePng(), 'bukti.png');
  return req;
}

type Answer = { status: number; headers: Record<string, string>; body: unknown; text?: string };

/**
 * Whether a page shows a string: an amount only as a whole amount ("Rp150.000" is not shown by
 * "Rp150.000.000", a kelurahan's allocation), any other string as it is.
 */
const amountRe = new Map<string, RegExp>();
function shows(text: string, x: string): boolean {
  if (!/^Rp[\d.]+$/.test(x)) return text.includes(x);
  let re = amountRe.get(x);
  if (!re) amountRe.set(x, (re = new RegExp(`${x.replace(/\./g, '\\.')}(?![.,]?\\d)`)));
  return re.test(text);
}

function leakCheck(what: string, res: Answer, secrets: string[]): void {
  const body = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : (res.text ?? '');
  const type = String(res.headers['content-type'] ?? '');
  if (!isText(type) && type !== '') return;
  const found = secrets.filter((x) => shows(body, x));
  if (found.length) leaks.push(`${what} (${res.status}) shows ${found.slice(0, 5).map((x) => JSON.stringify(x)).join(', ')}`);
}

function judge(a: User, b: User, method: 'get' | 'post', url: string, res: Answer, secrets: string[]): void {
  pairs += 1;
  const what = `${method.toUpperCase()} ${url} of ${a.key} as ${b.key}`;
  // An open-books page is the same for everyone, signed in or not: its figures are not A's secrets.
  const mustNotShow = isOpenBooks(url) ? secrets.filter((x) => !publicFigures().has(x)) : secrets;
  const exp = expectFor(b, method, url);
  if (res.status >= 500) failures.push(`${what}: ${res.status}`);
  else if (exp.kind === 'login') {
    if (!(res.status === 303 && /^\/login/.test(res.headers.location ?? '')) && res.status !== 403) failures.push(`${what}: ${res.status}, expected a redirect to sign-in`);
    else denied += 1;
  } else if (exp.kind === 'denied') {
    if (![403, 404].includes(res.status)) failures.push(`${what}: ${res.status}, expected 403 or 404`);
    else denied += 1;
  } else allowedShared += 1;
  leakCheck(what, res, mustNotShow);
}

// ---------------------------------------------------------------- setup



/**
 * A money story in Wonodri RT 001/001, with strings of its own: a plan, a tranche drawn, a
 * receipt; and two cross-kelurahan echoes of Pleburan: a receipt with the same shop, nota,
 * amount and date as one of Pleburan's (flagged), and an upload of a file Pleburan already
 * used (refused, and listed on the Wonodri bendahara's review page).
 */
async function seedWonodri(): Promise<void> {
  const chair = toActor(s.users.findByUsername('ketua.wonodri')!);
  const bendahara = toActor(s.users.findByUsername('bendahara.wonodri')!);
  const put = async (kind: 'nota' | 'daftar_hadir' | 'foto_kegiatan', text: string, seed: number) =>
    ({ ...(await s.evidence.put(await evidenceImage(kind, [text], seed), 'image/jpeg', `${kind}-wonodri.jpg`)), kind });
  const file = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', ['RT 001 / RW 001 Kelurahan Wonodri']), 'application/pdf', 'berita-acara-wonodri.pdf');
  await aCompleteDossier(at(s, '2026-01-15T02:00:00Z'), chair, ids.rtWonodri);
  const plan = savePlan(at(s, '2026-01-15T02:00:00Z'), chair, { rtId: ids.rtWonodri, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true });
  approvePlanFully(at(s, '2026-01-20T02:00:00Z'), bendahara, plan.id);
  const t = requestTranche(at(s, '2026-08-01T02:00:00Z'), chair, {
    rtId: ids.rtWonodri, year: 2026, month: '2026-08', requestKey: 'crawl-wonodri-000001',
    lines: [{ category: 'SOS', description: 'Sewa tenda rapat Wonodri rahasia', amount: 777_000 }],
  });
  approveAndPay(at(s, '2026-08-03T02:00:00Z'), bendahara, t.id);
  recordReceipt(at(s, '2026-08-25T02:00:00Z'), chair, {
    rtId: ids.rtWonodri, year: 2026, date: '2026-08-09', category: 'SOS', description: 'Konsumsi musyawarah Wonodri rahasia', vendor: 'Toko Wonodri Makmur',
    notaNumber: 'WNR-7731', amount: 333_333, items: [], requestKey: 'crawl-wonodri-receipt-01',
    files: [await put('nota', 'TOKO WONODRI MAKMUR WNR-7731', 4242), await put('daftar_hadir', 'HADIR WONODRI', 4243), await put('foto_kegiatan', 'KEGIATAN WONODRI', 4244)],
  });
  const pleburan = s.receipts.ofRt(ids.rt11, 2026).find((r) => r.notaNumber === 'WS-0810')!;
  recordReceipt(at(s, '2026-08-25T02:00:00Z'), chair, {
    rtId: ids.rtWonodri, year: 2026, date: pleburan.date, category: 'SOS', description: 'Konsumsi rapat Wonodri Agustus', vendor: pleburan.vendor,
    notaNumber: pleburan.notaNumber, amount: pleburan.amount, items: [], requestKey: 'crawl-wonodri-receipt-02',
    files: [await put('nota', 'NOTA SAMA', 4245), await put('daftar_hadir', 'HADIR 2', 4246), await put('foto_kegiatan', 'KEGIATAN 2', 4247)],
  });
  const used = s.receipts.files(pleburan.id)[0]!;
  expect(() =>
    recordReceipt(at(s, '2026-08-26T02:00:00Z'), chair, {
      rtId: ids.rtWonodri, year: 2026, date: '2026-08-20', category: 'SOS', description: 'Konsumsi ronda', vendor: 'Warung Ronda', notaNumber: 'R-1', amount: 50_000, items: [],
      requestKey: 'crawl-wonodri-receipt-03', files: [{ sha256: used.sha256, size: 1, mime: 'image/jpeg', originalName: 'nota-pinjaman.jpg', pixelSha256: null, phash: null, kind: 'nota' }],
    }),
  ).toThrow(/sudah pernah dipakai/);
}

/**
 * Two Pleburan tranches with amounts of their own waiting in the chain of approval: one verified
 * by the treasurer (the lurah's queue), one approved by the lurah too (the camat's queue).
 */
async function seedWaitingSteps(): Promise<void> {
  const file = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', ['RT 007 dan 008 / RW 003 Kelurahan Pleburan']), 'application/pdf', 'berita-acara-menunggu.pdf');
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const lurah = toActor(s.users.findByUsername('lurah.pleburan')!);
  const waiting = async (rw: number, n: number, amount: number, steps: Actor[]) => {
    const rtId = s.registry.findRtByNumbers(PLEBURAN, rw, n)!.id;
    const chair = { userId: null, username: 'crawl', role: 'ketua_rt' as const, kelurahanCode: PLEBURAN, rtId, kecamatanCodes: null };
    await aCompleteDossier(s, chair, rtId);
    approvePlanFully(s, bendahara, savePlan(s, chair, { rtId, year: 2026, lines: DEMO_PLAN, beritaAcara: file, submit: true }).id);
    const t = requestTranche(s, chair, { rtId, year: 2026, month: '2026-11', requestKey: `crawl-waiting-${rw}-${n}`.padEnd(16, '0'), lines: [{ category: 'SOS', description: `Rapat warga menunggu persetujuan ${rw}.${n}`, amount }] });
    for (const a of steps) approveTranche(s, a, t.id);
  };
  await waiting(3, 7, 432_100, [bendahara]);
  await waiting(3, 8, 432_200, [bendahara, lurah]);
}

beforeAll(async () => {
  const built = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => NOW);
  s = built.s;
  routeTable = ROUTES();
  ids.rt11 = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  ids.rt12 = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
  ids.rtWonodri = s.registry.findRtByNumbers(WONODRI, 1, 1)!.id;
  // Display names "<username> (uji)" (the builder's) are among the strings a page must not leak.
  await aUser(s, { username: 'ketua.lain', role: 'ketua_rt', rtId: ids.rt12 });
  await aUser(s, { username: 'ketua.wonodri', role: 'ketua_rt', rtId: ids.rtWonodri });
  await aUser(s, { username: 'bendahara.wonodri', role: 'bendahara', kelurahanCode: WONODRI });
  await aUser(s, { username: 'lurah.wonodri', role: 'lurah', kelurahanCode: WONODRI });
  await aUser(s, { username: 'camat.mijen', role: 'camat', kecamatanCodes: ['3374010'] });
  await seedWonodri();
  await seedWaitingSteps();
  // The demo chair has a revision open: its plan page offers the dossier's upload and removal forms to crawl and replay.
  revisePlan(s, toActor(s.users.findByUsername('ketua.pleburan')!), { rtId: ids.rt11, year: 2026 });
  // Its October SPJ stands returned by the treasurer: the SPJ page offers "Kirim ulang" (issue 19, item 4) to crawl and replay.
  {
    const october = s.receipts.spj(ids.rt11, 2026, '2026-10')!;
    s.receipts.updateSpj(october.id, { status: 'returned', note: 'Lampirkan foto kegiatan Oktober.', decidedBy: s.users.findByUsername('bendahara.pleburan')!.id, decidedAt: NOW.toISOString() });
  }
  const logins: Array<[UserKey, string]> = [
    ['admin', 'admin'], ['bendahara', 'bendahara.pleburan'], ['ketua', 'ketua.pleburan'], ['auditor', 'auditor'],
    ['ketuaLain', 'ketua.lain'], ['ketuaWonodri', 'ketua.wonodri'], ['bendaharaWonodri', 'bendahara.wonodri'], ['bpkad', 'bpkad'],
    ['sekretaris', 'sekretaris.rt001.pleburan'], ['bendaharaRt', 'bendahara.rt001.pleburan'], ['lurah', 'lurah.pleburan'], ['camat', 'camat.semarangselatan'],
    ['lurahWonodri', 'lurah.wonodri'], ['camatMijen', 'camat.mijen'], ['pengawas', 'pengawas.semarangselatan'],
  ];
  for (const [key, username] of logins) {
    const row = s.users.findByUsername(username)!;
    const { agent, csrf } = await signedIn(built.app, username);
    users[key] = { key, username, role: row.role, rtId: row.rtId, kelurahanCode: row.kelurahanCode, kecamatanCode: row.role === 'camat' || row.role === 'pengawas' ? (JSON.parse(row.kecamatanCodes!) as string[])[0]! : null, agent, csrf };
  }
  const anon = await anonymous(built.app);
  users.anon = { key: 'anon', username: null, role: null, rtId: null, kelurahanCode: null, kecamatanCode: null, ...anon };
  buildSecrets();
  for (const key of Object.keys(users) as UserKey[]) {
    const started = Date.now();
    crawls.set(key, await crawl(users[key]));
    if (FULL) console.info(`crawled as ${key}: ${crawls.get(key)!.urls.length} URLs, ${crawls.get(key)!.forms.length} forms in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  for (const key of ['admin', 'bendahara', 'auditor'] as const) await startExport(users[key], crawls.get(key)!);
}, FULL ? 3_600_000 : 600_000);

afterAll(() => {
  if (process.env.CRAWL_DEBUG) for (const [k, c] of crawls) console.info(`${k} forms: ${c.forms.map((f) => `${f.action} [${f.fields.map(([n]) => n).join(',')}] on ${f.page}`).join('\n  ')}`);
  const sizes = [...crawls].map(([k, c]) => `${k} ${c.urls.length} URLs/${c.forms.length} forms${c.skipped ? ` (${c.skipped} beyond the cap)` : ''}`).join(', ');
  // What went wrong, whole (an assertion's diff cuts a list of long lines short).
  for (const line of [...leaks.map((l) => `leak: ${l}`), ...failures.map((f) => `failure: ${f}`)]) console.info(line);
  console.info(`access crawl (${FULL ? 'full' : `quick, ${CAP} per URL shape`}): crawled ${sizes}; ${pairs} URL × user pairs replayed (${denied} denied as expected, ${allowedShared} shared pages checked for leaks); ${leaks.length} leaks, ${failures.length} failures. Identifying strings looked for: ${secretsChecked.join('; ')}`);
});

// ---------------------------------------------------------------- the tests

const OWNERS: UserKey[] = ['admin', 'bendahara', 'ketua', 'auditor', 'bpkad', 'sekretaris', 'bendaharaRt', 'lurah', 'camat'];
const OTHERS: UserKey[] = ['ketuaLain', 'ketuaWonodri', 'bendaharaWonodri', 'lurahWonodri', 'camatMijen', 'anon'];

describe('access crawl', () => {
  it('each demo role reaches its pages, forms and downloads without a 500', () => {
    for (const key of OWNERS) {
      const c = crawls.get(key)!;
      expect(c.urls.length, key).toBeGreaterThan(5);
    }
    expect(crawls.get('ketua')!.forms.some((f) => f.action.endsWith('/kuitansi') && f.multipart)).toBe(true);
    expect(crawls.get('ketua')!.forms.some((f) => f.action.endsWith('/rencana/berkas') && f.multipart)).toBe(true);
    // Brief 29a: the treasurer's two ways back, on her plan and tranche pages.
    expect(crawls.get('bendahara')!.forms.some((f) => /^\/rencana\/\d+\/tolak$/.test(f.action))).toBe(true);
    expect(crawls.get('bendahara')!.forms.some((f) => /^\/pencairan\/\d+\/kembalikan$/.test(f.action))).toBe(true);
    expect(crawls.get('ketua')!.forms.some((f) => /\/rencana\/berkas\/\d+\/hapus$/.test(f.action))).toBe(true);
    expect(crawls.get('bendahara')!.forms.some((f) => /\/kuitansi\/\d+\/verifikasi$/.test(f.action))).toBe(true);
    expect(crawls.get('admin')!.forms.some((f) => f.action === '/admin/pengguna/baru')).toBe(true);
    expect(crawls.get('admin')!.forms.some((f) => f.action === '/admin/tahun/baru')).toBe(true);
    // BPKAD answers the bank: the seed's unpaid batch offers its row and whole-batch answers and its cancellation.
    expect(crawls.get('bpkad')!.forms.some((f) => /\/bank\/batch\/\d+\/baris\/\d+$/.test(f.action))).toBe(true);
    expect(crawls.get('bpkad')!.forms.some((f) => /\/bank\/batch\/\d+\/batal$/.test(f.action))).toBe(true);
    expect(crawls.get('bendahara')!.forms.some((f) => /\/bank/.test(f.action))).toBe(false);
    // Exports started as jobs: each owner's job pages are among the URLs replayed by the others.
    if (routeOf('post', '/laporan/bundel')) expect(exportOwners.size).toBe(3);
    expect(failures).toEqual([]);
  });

  for (const a of OWNERS) {
    it(`${a}: every URL replayed by users outside its scope is denied and shows none of its data`, async () => {
      const start = failures.length;
      const leaksBefore = leaks.length;
      const before = fingerprint();
      for (const bKey of OTHERS) {
        const b = users[bKey];
        const secrets = secretsFor(users[a], b);
        // The detector can fire: A's own pages show some of what B must never see.
        const shownToA = secrets.filter((x) => shows(crawls.get(a)!.seen, x));
        expect(shownToA.length, `none of ${a}'s identifying strings (for ${bKey}) appear on ${a}'s own pages`).toBeGreaterThan(0);
        secretsChecked.push(`${a}→${bKey}: ${secrets.length} strings (${shownToA.length} on ${a}'s pages)`);
        for (const url of crawls.get(a)!.urls) {
          const res = await b.agent.get(url).buffer(true).parse(textOrBinary);
          judge(users[a], b, 'get', url, res, secrets);
        }
      }
      expect(fingerprint(), 'a GET changed the database').toBe(before);
      expect(failures.slice(start)).toEqual([]);
      expect(leaks.slice(leaksBefore)).toEqual([]);
    }, FULL ? 3_600_000 : 300_000);

    it(`${a}: every form submitted by users outside its scope and by the auditor changes nothing`, async () => {
      const start = failures.length;
      const leaksBefore = leaks.length;
      const writers: UserKey[] = a === 'auditor' ? OTHERS : [...OTHERS, 'auditor'];
      for (const form of crawls.get(a)!.forms) {
        // The user's own settings (password, contact and channels): submitted by B they change B's own, by design.
        if (form.action === '/akun/password' || form.action === '/akun/kontak' || form.action === '/login') continue;
        for (const bKey of writers) {
          const b = users[bKey];
          const before = fingerprint();
          const res = await submit(b, form).buffer(true).parse(textOrBinary);
          const secrets = secretsFor(users[a], b);
          judge(users[a], b, 'post', form.action, res, secrets);
          const after = fingerprint();
          // A refused item of a bulk form is reported on the next page: that message must not name A's data either.
          if (res.status === 303 && b.role && res.headers.location) {
            const next = await b.agent.get(res.headers.location).buffer(true).parse(textOrBinary);
            leakCheck(`page after POST ${form.action} of ${a} as ${bKey}`, next, isOpenBooks(res.headers.location) ? secrets.filter((x) => !publicFigures().has(x)) : secrets);
          }
          if (after !== before) failures.push(`POST ${form.action} of ${a} as ${bKey} (${res.status}) changed the database`);
        }
      }
      expect(failures.slice(start)).toEqual([]);
      expect(leaks.slice(leaksBefore)).toEqual([]);
    }, FULL ? 3_600_000 : 300_000);
  }

  it('no user outside Pleburan or the story RTs is shown their data on its own pages (duplicate warnings included)', () => {
    const shown: string[] = [];
    for (const key of OTHERS) {
      const seen = crawls.get(key)!.seen;
      const found = outsideScope(null, users[key], false).filter((x) => shows(seen, x));
      if (found.length) shown.push(`${key}: ${found.map((x) => JSON.stringify(x)).join(', ')}`);
    }
    expect(shown).toEqual([]);
    // The Wonodri bendahara does see that a Wonodri upload was refused as a duplicate, and the flag on the echoed nota.
    expect(crawls.get('bendaharaWonodri')!.seen).toContain('nota-pinjaman.jpg');
    expect(crawls.get('bendaharaWonodri')!.seen).toContain('Penjual, nomor nota, jumlah dan tanggal sama');
  });

  it('the ledger still verifies after the whole crawl', () => {
    expect(verifyLedger(s).problems).toEqual([]);
  });
});
