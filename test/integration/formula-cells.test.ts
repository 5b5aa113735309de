/**
 * Formula cells (issue 17, item 3): what a chair types as a spreadsheet formula goes in through
 * the receipt form (HTTP) and comes out as text in every CSV and XLSX the app writes — the audit
 * bundle's CSVs, the LPJ CSV and XLSX, the bank batch file — while amounts stay numbers (a
 * negative posting stays -250000) and verify-bundle still accepts the bundle (the escaping is
 * undone before an entry's hash is recomputed). The hledger journal is not a spreadsheet: no
 * line of it starts with a formula character.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage } from '../../src/app/seed-documents';
import { readZip, verifyBundleFiles } from '../../src/app/verify-bundle';
import { toActor } from '../../src/db/user-repository';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import { tempDbPath, type Services } from '../helpers/db';
import { binary, seededApp, signedIn, type Agent } from '../helpers/http';
import { runScript } from '../helpers/scripts';

const PLEBURAN = '3374050005';
/** What a spreadsheet runs as a formula: a text cell starting with = + - @, a tab or a carriage return. */
const FORMULA = /^[=+\-@\t\r]/;
/** A cell that is a number (amounts, ids): these must never be escaped. */
const NUMBER = /^-?\d+$/;

/** The abuse, as typed into the receipt form; `stored` is the text the form keeps (tabs and CRs become spaces, then trimmed). */
const TYPED: Array<{ what: string; description: string; vendor: string; notaNumber: string; amount: string }> = [
  { what: 'a live formula, a function after @, a sum after +', description: '=HYPERLINK("http://x","klik")', vendor: '@SUM(A1)', notaNumber: '+1+1', amount: '250.000' },
  { what: 'a sum after -, a leading tab and a leading CR', description: '-2+3 konsumsi rapat', vendor: '\t=cmd|" /C calc"!A0', notaNumber: '\r-2+3', amount: '120.000' },
];

let s: Services;
let rtId: number;
let auditor: Agent;
let bendahara: Agent;
let bpkad: Agent;
let zipFile: string;
let bundle: Map<string, Buffer>;
const receiptIds: number[] = [];

const cellsOf = (text: string) => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];

beforeAll(async () => {
  const app = await seededApp({ sessionIdleMinutes: 100_000, sessionAbsoluteHours: 10_000 }, () => new Date('2026-10-20T03:00:00Z'));
  s = app.s;
  rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  const { actor: chair } = await aUser(s, { username: 'ketua.formula', role: 'ketua_rt', rtId });
  const b = toActor(s.users.findByUsername('bendahara.pleburan')!);
  const plan = await aSubmittedPlan(s, chair);
  approvePlanFully(s, b, plan.id);
  approveAndPay(s, b, requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat', amount: 2_000_000 }], requestKey: 'formula-test-0001' }).id);
  const ketua = await signedIn(app.app, 'ketua.formula');
  const bend = await signedIn(app.app, 'bendahara.pleburan');
  const admin = await signedIn(app.app, 'admin');
  bendahara = bend.agent;
  auditor = (await signedIn(app.app, 'auditor')).agent;
  bpkad = (await signedIn(app.app, 'bpkad')).agent;
  let n = 0;
  const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') => evidenceImage(kind, [`formula ${++n}`, randomBytes(4).toString('hex')], 700 + n);
  for (const t of TYPED) {
    const req = ketua.agent.post(`/rt/${rtId}/kuitansi`).field('_csrf', ketua.csrf).field('year', '2026').field('requestKey', randomBytes(12).toString('base64url'));
    for (const [k, v] of Object.entries({ date: '2026-10-20', category: 'SOS', description: t.description, vendor: t.vendor, notaNumber: t.notaNumber, amount: t.amount })) req.field(k, v);
    req.attach('nota', await img('nota'), 'nota.jpg').attach('fotoKegiatan', await img('foto_kegiatan'), 'kegiatan.jpg').attach('daftarHadir', await img('daftar_hadir'), 'hadir.jpg');
    const r = await req;
    expect(r.status, /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(r.text)?.[1]).toBe(303);
  }
  for (const receipt of s.receipts.ofRt(rtId, 2026)) {
    receiptIds.push(receipt.id);
    // Verified: the receipt's texts reach the journal entry's description too.
    expect((await bendahara.post(`/kuitansi/${receipt.id}/verifikasi`).type('form').send({ _csrf: bend.csrf })).status).toBe(303);
  }
  // The chair's name on the LPJ, typed as a formula by the admin's RT form.
  const rt = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!;
  const edit = await admin.agent.post(`/rt/${rt.id}/ubah`).type('form').send({ _csrf: admin.csrf, chairName: '=HYPERLINK("http://x","klik")', bankAccount: rt.bankAccount });
  expect(edit.status).toBe(303);
  const res = await auditor.get(`/laporan/bundel?tahun=2026&kelurahan=${PLEBURAN}`).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  zipFile = `${tempDbPath()}.zip`;
  fs.writeFileSync(zipFile, res.body as Buffer);
  bundle = await readZip(zipFile);
});

describe('formula cells in every export', () => {
  it('the receipts were stored as typed (the abuse is in the database, not refused)', () => {
    const stored = s.receipts.ofRt(rtId, 2026).map((r) => [r.description, r.vendor, r.notaNumber]);
    expect(stored).toEqual(expect.arrayContaining([['=HYPERLINK("http://x","klik")', '@SUM(A1)', '+1+1'], ['-2+3 konsumsi rapat', '=cmd|" /C calc"!A0', '-2+3']]));
  });

  it.each(['receipts.csv', 'journal.csv', 'postings.csv', 'balances.csv', 'rt-summary.csv'])('bundle %s: no text cell starts a formula', (name) => {
    const rows = cellsOf(bundle.get(name)!.toString('utf8'));
    expect(rows.length).toBeGreaterThan(1);
    const live = rows.flat().filter((c) => FORMULA.test(c) && !NUMBER.test(c));
    expect(live).toEqual([]);
  });

  it('receipts.csv: the texts arrive escaped, the amounts as plain numbers', () => {
    const [head, ...rows] = cellsOf(bundle.get('receipts.csv')!.toString('utf8'));
    const col = (name: string) => head!.indexOf(name);
    const ours = rows.filter((r) => receiptIds.includes(Number(r[col('id')])));
    expect(ours.map((r) => [r[col('description')], r[col('vendor')], r[col('nota_number')], r[col('amount')]])).toEqual(
      expect.arrayContaining([
        [`'=HYPERLINK("http://x","klik")`, "'@SUM(A1)", "'+1+1", '250000'],
        ["'-2+3 konsumsi rapat", `'=cmd|" /C calc"!A0`, "'-2+3", '120000'],
      ]),
    );
  });

  it('journal.csv escapes the entry description; postings.csv keeps negative amounts as numbers', () => {
    expect(bundle.get('journal.csv')!.toString()).toContain(`"'=HYPERLINK(""http://x"",""klik"")`);
    const [, ...postings] = cellsOf(bundle.get('postings.csv')!.toString('utf8'));
    expect(postings.some((p) => p[3] === '-250000')).toBe(true);
    for (const p of postings) expect(p[3]).toMatch(NUMBER);
  });

  it('verify-bundle still accepts the bundle (the escaping is undone before hashes are recomputed), and the CLI says OK', async () => {
    const r = await verifyBundleFiles(bundle);
    expect(r.problems).toEqual([]);
    const cli = await runScript('verify-bundle', [zipFile]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^OK: /);
  });

  it('an escaped journal line edited back to a live formula is refused (the escape is not a loophole)', async () => {
    const files = new Map(bundle);
    files.set('journal.csv', Buffer.from(bundle.get('journal.csv')!.toString().replace(`"'=HYPERLINK(`, '"=HYPERLINK(')));
    expect((await verifyBundleFiles(files)).ok).toBe(false);
  });

  it('the journal download (hledger) is not a spreadsheet: no line starts a formula; the text follows the date', async () => {
    for (const path of [`/laporan/jurnal?tahun=2026&kelurahan=${PLEBURAN}`]) {
      const res = await bendahara.get(path);
      expect(res.status).toBe(200);
      const lines = res.text.split('\n');
      expect(lines.filter((l) => FORMULA.test(l))).toEqual([]);
      expect(lines.some((l) => /^\d{4}-\d{2}-\d{2}=2026-10-20 \* =HYPERLINK\("http:\/\/x","klik"\)/.test(l))).toBe(true);
    }
    const inBundle = bundle.get('jurnal-2026.journal')!.toString().split('\n');
    expect(inBundle.filter((l) => FORMULA.test(l))).toEqual([]);
  });

  it('LPJ CSV: the chair name escaped, the amounts numbers', async () => {
    const res = await bendahara.get(`/laporan/lpj/${PLEBURAN}/csv?tahun=2026`);
    expect(res.status).toBe(200);
    const rows = cellsOf(res.text);
    expect(rows.flat().filter((c) => FORMULA.test(c) && !NUMBER.test(c))).toEqual([]);
    const ours = rows.find((r) => r[2] === `'=HYPERLINK("http://x","klik")`);
    expect(ours).toBeDefined();
    expect(ours![3]).toMatch(/^\d+$/);
  });

  it('LPJ XLSX: the chair name is an escaped text cell, the amounts number cells, the only formulas the totals', async () => {
    const res = await bendahara.get(`/laporan/lpj/${PLEBURAN}/xlsx?tahun=2026`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    let ours: ExcelJS.Row | undefined;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        // The only formulas are the totals the app writes itself (issue 18): sums over its own
        // cells, the plan left (D-E) and the realisation; nothing typed by a user becomes one.
        if (cell.type === ExcelJS.ValueType.Formula) expect(cell.formula).toMatch(/^(SUM\([A-Z]+\d+:[A-Z]+\d+\)|D\d+-E\d+|IF\([A-Z]+\d+=0,0,ROUND\([A-Z]+\d+\/[A-Z]+\d+\*100,1\)\))$/);
        if (typeof cell.value === 'string') texts.push(cell.value);
        if (cell.value === `'=HYPERLINK("http://x","klik")`) ours = row;
      }),
    );
    expect(texts.filter((t) => FORMULA.test(t))).toEqual([]);
    expect(ours).toBeDefined();
    expect(typeof ours!.getCell(4).value).toBe('number');
  });

  it('bank batch CSV (account names from the registry): no formula cell, amounts numbers', async () => {
    const batch = s.tranches.batches(PLEBURAN)[0]!;
    const res = await bpkad.get(`/bank/batch/${batch.id}/csv`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const [head, ...rows] = cellsOf((res.body as Buffer).toString('utf8'));
    expect(head).toEqual(['no_rekening', 'nama_rekening', 'jumlah', 'referensi', 'keterangan']);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.filter((c) => FORMULA.test(c))).toEqual([]);
      expect(r[2]).toMatch(/^\d+$/);
    }
  });
});
