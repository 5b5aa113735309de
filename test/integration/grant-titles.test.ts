/**
 * Every document about one grantee names that grantee's programme (brief 30a, item 1): a PKK
 * group's BKU, SPJ, kuitansi (PDF and page) and its bank transfer name "Bantuan Operasional PKK
 * RT/RW" (the programme's name in the year's settings), never the RT grant's "Dana Operasional
 * RT"; RT 001's documents keep their words exactly. Documents over several grantees (the LPJ in
 * HTML, PDF and XLSX, the bundle's statement) name every programme they hold, and keep the RT/RW
 * grant's title when only it is there (Wonodri). Read back over HTTP as each chair reads them, PDFs
 * through pdftotext. With DOCS_PDF_DIR set, every PDF is also written there (to look at as images).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchCandidates } from '../../src/app/bank-batch';
import { requestTranche } from '../../src/app/request-tranche';
import { evidenceImage } from '../../src/app/seed-documents';
import { submitSpj, verifySpj } from '../../src/app/spj';
import { toActor } from '../../src/db/user-repository';
import { approveTrancheFully } from '../builders';
import { exportedBundle } from '../helpers/bundle';
import { tempDbPath, type Services } from '../helpers/db';
import { binary, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
const PKK_NAME = 'BANTUAN OPERASIONAL PKK RT/RW';
const BOTH = 'BANTUAN OPERASIONAL RT/RW DAN BANTUAN OPERASIONAL PKK RT/RW';
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
const agents = new Map<string, { agent: Agent; csrf: string }>();
let n = 0;

const squeeze = (t: string) => t.replace(/\s+/g, ' ');

function pdfText(pdf: Buffer, name: string): string {
  const file = `${tempDbPath()}.pdf`;
  fs.writeFileSync(file, pdf);
  if (process.env.DOCS_PDF_DIR) fs.writeFileSync(path.join(process.env.DOCS_PDF_DIR, `${name}.pdf`), pdf);
  return squeeze(execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
}

async function agentOf(username: string) {
  if (!agents.has(username)) agents.set(username, await signedIn(app, username));
  return agents.get(username)!;
}

async function get(username: string, url: string, name: string): Promise<string> {
  const res = await (await agentOf(username)).agent.get(url).buffer(true).parse(binary);
  expect(res.status, url).toBe(200);
  const body = res.body as Buffer;
  return res.type === 'application/pdf' ? pdfText(body, name) : squeeze(body.toString('utf8'));
}

/** A receipt recorded by the chair over HTTP (the kuitansi to print). */
async function aReceipt(username: string, rtId: number, category: string): Promise<number> {
  const chair = await agentOf(username);
  const nota = `GT-${++n}`;
  const img = (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') => evidenceImage(kind, [`judul ${n}`, randomBytes(4).toString('hex')], 700 + n);
  const req = chair.agent.post(`/rt/${rtId}/kuitansi`).field('_csrf', chair.csrf).field('year', '2026').field('requestKey', randomBytes(12).toString('base64url'));
  const fields = { date: '2026-11-27', category, description: 'Pelatihan kader', vendor: 'Ibu Narsih', notaNumber: nota, amount: '5.000', itemName: 'Air minum', itemQuantity: '1', itemUnitPrice: '5.000' };
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  req.attach('nota', await img('nota'), 'nota.jpg').attach('fotoKegiatan', await img('foto_kegiatan'), 'kegiatan.jpg').attach('daftarHadir', await img('daftar_hadir'), 'hadir.jpg');
  const res = await req;
  expect(res.status, /alert-error" role="alert">([\s\S]*?)<\/div>/.exec(res.text)?.[1]).toBe(303);
  return s.receipts.ofRt(rtId, 2026).find((r) => r.notaNumber === nota)!.id;
}

interface Row {
  who: string;
  username: string;
  grantee: () => number;
  /** A month with an SPJ (sent in beforeAll for the PKK group). */
  spjMonth: string;
  category: string;
  /** The grant's words in the titles, and in the kuitansi's sentence. */
  title: string;
  sentence: string;
  /** What must not be printed. */
  never: RegExp | null;
}

const ROWS: Row[] = [
  { who: 'PKK RT 001 / RW 001 Pleburan', username: 'ketua.pkk.rt001.pleburan', grantee: () => s.registry.findRtByNumbers(PLEBURAN, 1, 1, 'PKK')!.id, spjMonth: '2026-09', category: 'LAT', title: PKK_NAME, sentence: '(Bantuan Operasional PKK RT/RW 2026)', never: /DANA OPERASIONAL RT|Dana Operasional RT/i },
  { who: 'RT 001 / RW 001 Pleburan (unchanged)', username: 'ketua.pleburan', grantee: () => s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id, spjMonth: '2026-08', category: 'SOS', title: 'DANA OPERASIONAL RT', sentence: '(Dana Operasional RT 2026)', never: /PKK/ },
];

beforeAll(async () => {
  const seeded = await seededApp({ sessionIdleMinutes: 1_000_000, sessionAbsoluteHours: 100_000 }, () => new Date('2026-11-28T03:00:00Z'));
  s = seeded.s;
  app = seeded.app;
  // The PKK group's SPJ of September (its tranche was paid then) and October, verified, and November's tranche approved for the bank.
  const pkkId = s.registry.findRtByNumbers(PLEBURAN, 1, 1, 'PKK')!.id;
  const chair = toActor(s.users.findByUsername('ketua.pkk.rt001.pleburan')!);
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  for (const month of ['2026-09', '2026-10']) verifySpj(s, bendahara, submitSpj(s, chair, { rtId: pkkId, year: 2026, month }).id);
  const t = requestTranche(s, chair, { rtId: pkkId, year: 2026, month: '2026-11', lines: [{ category: 'KEG', description: 'Posyandu November', amount: 500_000 }], requestKey: 'grant-titles-000000001' });
  approveTrancheFully(s, bendahara, t.id);
});

describe('a grantee’s own documents name its programme', () => {
  it.each(ROWS)('$who: the BKU (PDF and page) says "BUKU KAS UMUM (BKU) $title"', async (row) => {
    const id = row.grantee();
    const pdf = await get(row.username, `/rt/${id}/bku/pdf?tahun=2026`, `bku-${row.username}`);
    expect(pdf).toContain(`BUKU KAS UMUM (BKU) ${row.title}`);
    if (row.never) expect(pdf).not.toMatch(row.never);
    const html = await get(row.username, `/rt/${id}/bku?tahun=2026`, 'bku');
    expect(html).toContain(`<h1 class="doc-title">BUKU KAS UMUM (BKU) ${row.title}</h1>`);
  });

  it.each(ROWS)('$who: the SPJ (PDF and page) says "SURAT PERTANGGUNGJAWABAN (SPJ) $title"', async (row) => {
    const id = row.grantee();
    const pdf = await get(row.username, `/rt/${id}/spj/${row.spjMonth}/pdf`, `spj-${row.username}`);
    expect(pdf).toContain(`SURAT PERTANGGUNGJAWABAN (SPJ) ${row.title}`);
    if (row.never) expect(pdf).not.toMatch(row.never);
    const html = await get(row.username, `/rt/${id}/spj/${row.spjMonth}`, 'spj');
    expect(html).toContain(`<h1 class="doc-title">SURAT PERTANGGUNGJAWABAN (SPJ) ${row.title}</h1>`);
  });

  it.each(ROWS)('$who: the kuitansi is received from the grantee’s bendahara "$sentence"', async (row) => {
    const id = row.grantee();
    const receipt = await aReceipt(row.username, id, row.category);
    const pdf = await get(row.username, `/rt/${id}/kuitansi/${receipt}/pdf`, `kuitansi-${row.username}`);
    expect(pdf).toContain(row.sentence);
    if (row.never) expect(pdf).not.toMatch(row.never);
  });

  it('the bank transfer of a PKK tranche is noted under the PKK programme; an RT’s keeps its note', () => {
    const bpkad = toActor(s.users.findByUsername('bpkad')!);
    const pkkId = ROWS[0]!.grantee();
    const rows = batchCandidates(s, bpkad, PLEBURAN, 'bank.view').rows;
    expect(rows.find((r) => r.rtId === pkkId)?.description).toBe('Bantuan Operasional PKK RT/RW November 2026');
    for (const r of rows.filter((r) => r.rtId !== pkkId)) expect(r.description).toMatch(/^Dana operasional RT /);
  });
});

describe('the demo PKK group’s dossier papers name its programme', () => {
  it('its surat permohonan and berita acara: "Bantuan Operasional PKK RT/RW", Rp 10.000.000,00, never the RT grant', () => {
    const pkkId = ROWS[0]!.grantee();
    const plan = s.plans.versions(pkkId, 2026).find((p) => p.beritaAcaraSha256)!;
    const read = (sha: string, name: string) => pdfText(fs.readFileSync(s.evidence.pathOf(sha)), name);
    const berita = read(plan.beritaAcaraSha256!, 'pkk-berita-acara');
    expect(berita).toContain('Rencana Anggaran Penggunaan (RAP) Bantuan Operasional PKK RT/RW tahun 2026 sebesar Rp 10.000.000,00 (sepuluh juta rupiah)');
    expect(berita).not.toMatch(/dana operasional RT|25\.000\.000/i);
    const letter = s.plans.documents(plan.id).find((d) => d.kind === 'surat_permohonan')!;
    // The title wraps after "RT/" on the demo's one-page PDF.
    expect(read(letter.sha256, 'pkk-surat-permohonan').replace('RT/ RW', 'RT/RW')).toContain('SURAT PERMOHONAN PENCAIRAN BANTUAN OPERASIONAL PKK RT/RW');
  });
});

describe('documents over several grantees name every programme they hold', () => {
  const lpjRows = [
    { kelurahan: 'Pleburan (RTs, an RW and a PKK group)', code: PLEBURAN, title: BOTH },
    { kelurahan: 'Wonodri (the RT/RW grant alone: unchanged)', code: WONODRI, title: 'DANA OPERASIONAL RT' },
  ];

  it.each(lpjRows)('$kelurahan: the LPJ page, PDF and XLSX say "… $title"', async (row) => {
    const html = await get('auditor', `/laporan/lpj/${row.code}?tahun=2026`, 'lpj');
    expect(html).toContain(`<h1 class="doc-title">LAPORAN PERTANGGUNGJAWABAN ${row.title}</h1>`);
    const pdf = await get('auditor', `/laporan/lpj/${row.code}/pdf?tahun=2026`, `lpj-${row.code}`);
    expect(pdf).toContain(`LAPORAN PERTANGGUNGJAWABAN (LPJ) ${row.title}`);
    if (row.code === WONODRI) expect(pdf).not.toContain(PKK_NAME);
    const res = await (await agentOf('auditor')).agent.get(`/laporan/lpj/${row.code}/xlsx?tahun=2026`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const heads = [1, 2, 3, 4, 5, 6, 7, 8].map((r) => String(wb.worksheets[0]!.getCell(`A${r}`).value ?? ''));
    expect(heads.find((h) => h.startsWith('LAPORAN PERTANGGUNGJAWABAN'))).toMatch(new RegExp(`^LAPORAN PERTANGGUNGJAWABAN ${row.title.replace(/[/()]/g, '\\$&')} — KELURAHAN `));
  });

  it.each(lpjRows)('$kelurahan: the bundle’s statement.pdf says "LAPORAN TAHUNAN $title TAHUN 2026"', async (row) => {
    const files = await exportedBundle(s, row.code, `${tempDbPath()}.zip`);
    const text = pdfText(Buffer.from(files.get('statement.pdf')!), `statement-${row.code}`);
    expect(text).toContain(`LAPORAN TAHUNAN ${row.title} TAHUN 2026`);
  });
});
