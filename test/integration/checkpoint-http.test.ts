/**
 * Checkpoints through HTTP: the public pages (no sign-in) give the checkpoints and the public
 * keys and nothing else; every export and printed document is signed at (reusing the latest
 * while the head has not moved), and the PDFs and the LPJ workbook carry the short checkpoint.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateYear } from '../../src/app/allocate-year';
import { checkpointProblems, shortCheckpoint, type SignedCheckpoint } from '../../src/domain/ledger/checkpoint';
import { pdfBuffer, stampCheckpoint, table } from '../../src/reports/pdf-doc';
import { aRt, SYSTEM } from '../builders';
import { tempDbPath } from '../helpers/db';
import { binary, seededApp, signedIn, type Agent, type Services } from '../helpers/http';
import request from 'supertest';

const PLEBURAN = '3374050005';
let s: Services;
let app: Parameters<typeof request>[0];
const agents = {} as Record<'bendahara' | 'ketua', Agent>;

beforeAll(async () => {
  const built = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = built.s;
  app = built.app;
  agents.bendahara = (await signedIn(app, 'bendahara.pleburan')).agent;
  agents.ketua = (await signedIn(app, 'ketua.pleburan')).agent;
});

function pdfText(pdf: Buffer): string {
  const file = `${tempDbPath()}.pdf`;
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const latest = () => s.checkpoints.latest()!;

describe('signed at every export and printed document, reused while the head has not moved', () => {
  it('a journal export signs the first checkpoint (reason ekspor) at the head it exports', async () => {
    expect(s.checkpoints.count()).toBe(0);
    const res = await agents.bendahara.get(`/laporan/jurnal?tahun=2026&kelurahan=${PLEBURAN}`);
    expect(res.status).toBe(200);
    expect(latest()).toMatchObject({ seq: 1, reason: 'ekspor', entryCount: s.ledger.head()!.id, head: s.ledger.head()!.hash });
  });

  it.each<[string, 'bendahara' | 'ketua', () => string]>([
    ['BKU', 'ketua', () => `/rt/${s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id}/bku/pdf?tahun=2026`],
    ['SPJ', 'ketua', () => `/rt/${s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id}/spj/2026-08/pdf`],
    ['LPJ', 'bendahara', () => `/laporan/lpj/${PLEBURAN}/pdf?tahun=2026`],
  ])('the %s PDF carries the short checkpoint on every page and its details; a second download adds no checkpoint', async (_doc, who, url) => {
    const before = s.checkpoints.count();
    const pdf = await agents[who].get(url()).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const c = latest();
    const text = pdfText(pdf.body as Buffer);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(page).toContain(`Titik periksa buku besar ${shortCheckpoint(c)}`);
    expect(text.replace(/\s+/g, '')).toContain(c.head);
    expect(text).toContain(`Titik periksa #${c.seq}`);
    await agents[who].get(url()).buffer(true).parse(binary);
    expect(s.checkpoints.count()).toBe(before);
  });

  it('the LPJ workbook carries a line with the short checkpoint; a document after a new entry gets a new checkpoint', async () => {
    const xlsx = await agents.bendahara.get(`/laporan/lpj/${PLEBURAN}/xlsx?tahun=2026`).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((xlsx.body as Buffer).buffer as ArrayBuffer);
    const cells = wb.worksheets[0]!.getRows(1, wb.worksheets[0]!.rowCount)!.map((r) => String(r.getCell(1).value ?? ''));
    expect(cells.some((v) => v.includes(`Titik periksa buku besar: ${shortCheckpoint(latest())}`))).toBe(true);
    // The ledger moves (a new RT's allocation); the next document is signed anew.
    const before = latest();
    aRt(s, { kelurahanCode: PLEBURAN, rw: 9, rt: 9 });
    allocateYear(s, SYSTEM, { year: 2026 });
    expect(s.ledger.head()!.id).toBeGreaterThan(before.entryCount);
    await agents.bendahara.get(`/laporan/lpj/${PLEBURAN}/pdf?tahun=2026`).buffer(true).parse(binary);
    expect(latest()).toMatchObject({ seq: before.seq + 1, prev: before.hash, reason: 'dokumen', entryCount: s.ledger.head()!.id });
  });

  it('the statement’s helper stamps every page of a long document and ends with the QR block', async () => {
    const c = latest();
    const pdf = await pdfBuffer({ title: 'uji' }, (doc) => {
      table(doc, [{ head: 'No', width: 40 }, { head: 'Uraian', width: 300 }], Array.from({ length: 120 }, (_, i) => [String(i + 1), `Baris ${i + 1}`]));
      stampCheckpoint(doc, c);
    });
    const pages = pdfText(pdf).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => expect(p).toContain(`Titik periksa buku besar ${shortCheckpoint(c)} · Halaman ${i + 1} dari ${pages.length}`));
    expect(pages.at(-1)).toContain(`Titik periksa buku besar: ${shortCheckpoint(c)}`);
  });
});

describe('the public checkpoint pages, without signing in', () => {
  /** Strings that must never reach a public page: every RT's bank account, password hashes, the private key. */
  const secrets = () => [
    ...s.registry.rtsOfKelurahan(PLEBURAN).map((r) => s.registry.findRt(r.id)!.bankAccount).filter((a): a is string => !!a),
    ...['admin', 'bendahara.pleburan', 'ketua.pleburan'].map((u) => s.users.findByUsername(u)!.passwordHash),
    fs.readFileSync(s.signing.keyPath, 'utf8').split('\n')[1]!,
    'PRIVATE KEY',
    s.signing.keyPath,
  ];

  it.each<[string, string, RegExp]>([
    ['/publik/checkpoint', 'text/html', /Titik periksa buku besar/],
    ['/publik/checkpoint?halaman=99', 'text/html', /Titik periksa buku besar/],
    ['/publik/checkpoint?halaman=x%3Cscript%3E', 'text/html', /Titik periksa buku besar/],
    ['/publik/checkpoint.json', 'application/json', /"checkpoints"/],
    ['/publik/kunci-publik.pem', 'text/plain', /^-----BEGIN PUBLIC KEY-----/],
  ])('GET %s: 200 as %s with the data, no secret', async (url, type, shows) => {
    const res = await request(app).get(url).buffer(true);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain(type);
    expect(res.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringMatching(/^dana_rt_sid=/));
    const body = res.text;
    expect(body).toMatch(shows);
    const found = secrets().filter((x) => x.length >= 6 && body.includes(x));
    expect(found).toEqual([]);
  });

  it('the JSON lists every checkpoint, newest first, each verifying under the published keys; the HTML shows their short forms', async () => {
    const json = (await request(app).get('/publik/checkpoint.json')).body as { total: number; checkpoints: Array<SignedCheckpoint & { signedText: string }>; publicKeys: Array<{ pem: string }> };
    const pem = (await request(app).get('/publik/kunci-publik.pem').buffer(true)).text;
    expect(json.total).toBe(s.checkpoints.count());
    expect(json.checkpoints.map((c) => c.seq)).toEqual([...s.checkpoints.iterate()].map((c) => c.seq).reverse());
    for (const c of json.checkpoints) expect(checkpointProblems(c, [pem])).toEqual([]);
    expect(json.publicKeys.map((k) => k.pem).join('')).toBe(pem);
    const html = (await request(app).get('/publik/checkpoint')).text;
    for (const c of json.checkpoints) expect(html).toContain(shortCheckpoint(c));
  });

  it('the public home links to it', async () => {
    const home = await request(app).get('/');
    expect(home.text).toContain('href="/publik/checkpoint"');
  });
});
