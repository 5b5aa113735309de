/**
 * Documents an office will sign (issue 18, item 6), read back through pdftotext as a reviewer
 * reads them: the kelurahan's letterhead, document numbers from the office's sequence (issued once
 * and kept), receipt numbers in date order, names and NIP in the signature blocks, the SPJ's
 * status ("DRAF" on every page until it is verified), the BKU's closing balance in words with
 * corrections as koreksi (never income), the LPJ per category, "Halaman x dari y" on every page,
 * and the XLSX totals as formulas. With DOCS_PDF_DIR set, every PDF is also written there (to be
 * looked at as page images).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reverseReceipt } from '../../src/app/decide-receipt';
import { exportAuditBundle } from '../../src/app/export-bundle';
import { readLpj } from '../../src/app/read-lpj';
import { DEMO_OFFICES } from '../../src/app/seed-offices';
import { toActor } from '../../src/db/user-repository';
import { terbilang } from '../../src/domain/money';
import { spjPdf } from '../../src/reports/cash-book-pdf';
import { receiptPdf } from '../../src/reports/receipt-pdf';
import type { SpjDoc } from '../../src/reports/shapes/cash-book';
import type { Services } from '../helpers/db';
import { tempDbPath } from '../helpers/db';
import { binary, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
const OFFICE = DEMO_OFFICES[PLEBURAN]!;
let s: Services;
let app: Awaited<ReturnType<typeof seededApp>>['app'];
const agents = {} as Record<'bendahara' | 'ketua' | 'auditor' | 'admin', Agent>;

/**
 * Pages of a PDF in the order its text was written (pdftotext -raw: a table cell's lines together,
 * the watermark as one word), split at form feeds; written to DOCS_PDF_DIR when set.
 */
function pages(pdf: Buffer, name: string): string[] {
  const file = `${tempDbPath()}.pdf`;
  fs.writeFileSync(file, pdf);
  if (process.env.DOCS_PDF_DIR) fs.writeFileSync(path.join(process.env.DOCS_PDF_DIR, `${name}.pdf`), pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim() !== '');
}

const squeeze = (t: string) => t.replace(/\s+/g, ' ');

async function download(who: keyof typeof agents, url: string, name: string) {
  const res = await agents[who].get(url).buffer(true).parse(binary);
  expect(res.status, url).toBe(200);
  return pages(res.body as Buffer, name);
}

function everyPageNumbered(p: string[]) {
  expect(p.length).toBeGreaterThan(0);
  p.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`Halaman ${i + 1} dari ${p.length}`));
}

function letterheadOf(p: string[]) {
  const first = squeeze(p[0]!);
  expect(first).toContain('PEMERINTAH KOTA SEMARANG KECAMATAN SEMARANG SELATAN KELURAHAN PLEBURAN');
  expect(first).toContain(OFFICE.address!);
}

beforeAll(async () => {
  const seeded = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = seeded.s;
  app = seeded.app;
  for (const who of ['bendahara', 'ketua', 'auditor', 'admin'] as const) agents[who] = (await signedIn(app, `${who}.pleburan`.replace(/^(auditor|admin)\.pleburan$/, '$1'))).agent;
});

describe('a verified SPJ', () => {
  let p: string[];
  let all: string;
  beforeAll(async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    p = await download('ketua', `/rt/${rt.id}/spj/2026-08/pdf`, 'spj-2026-08-terverifikasi');
    all = squeeze(p.join('\n'));
  });

  it('carries the letterhead, the office number and "Halaman x dari y" on every page', () => {
    letterheadOf(p);
    expect(all).toContain('Nomor: 001/SPJ/RT001-RW001/PLB/XI/2026');
    everyPageNumbered(p);
  });

  it('prints its status with the verifier and date, and no DRAF mark', () => {
    expect(all).toMatch(/Status: ?Terverifikasi oleh Dewi Kusumawati pada 8 September 2026 09\.00 WIB/);
    expect(all).not.toContain('DRAF');
  });

  it('numbers its receipts per RT in date order (KW-001, KW-002, KW-003), not by database id', () => {
    const list = all.slice(all.indexOf('A. Daftar kuitansi'), all.indexOf('B. Jumlah per kategori'));
    const numbered = [...list.matchAll(/(\d{1,2} Agustus 2026) (KW-\d{3})/g)].map((m) => [m[1], m[2]]);
    expect(numbered).toEqual([
      ['7 Agustus 2026', 'KW-001'],
      ['10 Agustus 2026', 'KW-002'],
      ['17 Agustus 2026', 'KW-003'],
    ]);
    expect(all).not.toMatch(/KW-#?\d\b/);
  });

  it('names each receipt’s category by the year’s name, not its code, in the receipt table and the totals', () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const categories = s.years.find(2026)!.categories;
    const inMonth = s.receipts.inMonth(rt.id, 2026, '2026-08').filter((r) => r.status === 'verified');
    expect(inMonth.length).toBeGreaterThan(0);
    const list = all.slice(all.indexOf('A. Daftar kuitansi'), all.indexOf('C. Buku kas'));
    for (const r of inMonth) {
      const name = categories.find((c) => c.code === r.category)!.name;
      expect(list).toContain(name);
      expect(list).not.toMatch(new RegExp(`\\b${r.category}\\b`));
    }
  });

  it('is signed by the RT officers and, with name and NIP, by the lurah and the bendahara kelurahan', () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    expect(all).toMatch(/Mengetahui, .*Ketua RT 001 \/ RW 001/);
    expect(all).toContain(rt.chairName);
    expect(all).toContain(rt.treasurerName!);
    expect(all).toContain(OFFICE.lurahName!);
    expect(all).toContain(`NIP. ${OFFICE.lurahNip}`);
    expect(all).toContain(OFFICE.bendaharaName!);
    expect(all).toContain(`NIP. ${OFFICE.bendaharaNip}`);
  });

  it('keeps its number when printed again, by anyone', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const again = squeeze((await download('bendahara', `/rt/${rt.id}/spj/2026-08/pdf`, 'spj-2026-08-lagi')).join('\n'));
    expect(again).toContain('Nomor: 001/SPJ/RT001-RW001/PLB/XI/2026');
  });
});

describe('an SPJ waiting for verification', () => {
  it('says so in its status and carries DRAF on every page; the next SPJ of the office takes the next number', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 2, 1)!;
    expect(s.receipts.spj(rt.id, 2026, '2026-08')!.status).toBe('submitted');
    const p = await download('bendahara', `/rt/${rt.id}/spj/2026-08/pdf`, 'spj-2026-08-draf');
    p.forEach((page, i) => expect(page, `page ${i + 1}`).toContain('DRAF'));
    everyPageNumbered(p);
    const all = squeeze(p.join('\n'));
    expect(all).toContain('Status: Diajukan, menunggu verifikasi kelurahan');
    expect(all).not.toContain('Terverifikasi oleh');
    expect(all).toMatch(/Nomor: 00\d\/SPJ\/RT001-RW002\/PLB\/XI\/2026/);
    const numbers = s.db.prepare("SELECT seq, number FROM document_numbers WHERE kind = 'SPJ' ORDER BY seq").all() as Array<{ seq: number; number: string }>;
    expect(numbers.map((n) => n.seq)).toEqual(numbers.map((_, i) => i + 1));
    expect(all).toContain(numbers.find((n) => n.number.includes('RT001-RW002'))!.number);
  });
});

describe('the BKU', () => {
  it('ends with the closing balance in words, the RT officers’ signatures and numbered pages', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const p = await download('ketua', `/rt/${rt.id}/bku/pdf?tahun=2026`, 'bku-2026');
    letterheadOf(p);
    everyPageNumbered(p);
    const all = squeeze(p.join('\n'));
    const closing = s.balances.ofRt(2026, rt.id).cash;
    expect(all).toContain(`Saldo akhir: Rp ${closing.toLocaleString('id-ID')},00`);
    expect(all).toContain(`Terbilang: ${terbilang(closing)}`);
    expect(all).toMatch(/Nomor: 001\/BKU\/RT001-RW001\/PLB\/XI\/2026/);
    expect(all).toContain(rt.treasurerName!);
  });
});

describe('the LPJ', () => {
  it('has the plan, realised and plan left per category, what went back to Kas Daerah and what remains, signed with names and NIP', async () => {
    const p = await download('bendahara', `/laporan/lpj/${PLEBURAN}/pdf?tahun=2026`, 'lpj-2026');
    letterheadOf(p);
    everyPageNumbered(p);
    const all = squeeze(p.join('\n'));
    expect(all).toContain('Nomor: 001/LPJ/PLB/XI/2026');
    expect(all).toContain('Rencana dan realisasi per kategori');
    const lpj = readLpj(s, toActor(s.users.findByUsername('bendahara.pleburan')!), PLEBURAN, 2026);
    const bud = lpj.byCategory.find((c) => c.code === 'BUD')!;
    expect(bud.planned).toBeGreaterThan(0);
    expect(bud.remaining).toBe(bud.planned - bud.spent);
    expect(all).toMatch(new RegExp(`BUD Kegiatan budaya dan keagamaan ${bud.planned.toLocaleString('id-ID').replace(/\./g, '\\.')} ${bud.spent.toLocaleString('id-ID').replace(/\./g, '\\.')} ${bud.remaining.toLocaleString('id-ID').replace(/\./g, '\\.')}`));
    expect(all).toContain('Dikembalikan ke Kas Daerah');
    expect(all).toContain('Sisa dana (belum dicairkan, dalam transfer, kas RT)');
    expect(all).toContain(OFFICE.lurahName!);
    expect(all).toContain(`NIP. ${OFFICE.lurahNip}`);
    expect(all).toContain(`NIP. ${OFFICE.bendaharaNip}`);
  });

  it('in XLSX keeps its totals as SUM formulas with the thousands format, and the same number as the PDF', async () => {
    const lpj = readLpj(s, toActor(s.users.findByUsername('bendahara.pleburan')!), PLEBURAN, 2026);
    const res = await agents.bendahara.get(`/laporan/lpj/${PLEBURAN}/xlsx?tahun=2026`).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((res.body as Buffer).buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows = ws.getRows(1, ws.rowCount)!;
    expect(rows.some((r) => r.getCell(1).value === 'Nomor: 001/LPJ/PLB/XI/2026')).toBe(true);
    const head = rows.find((r) => r.getCell(2).value === 'RT/RW')!;
    const jumlah = rows.find((r) => r.getCell(2).value === 'JUMLAH')!;
    const first = head.number + 1;
    const last = jumlah.number - 1;
    expect(last - first + 1).toBe(lpj.rows.length);
    const alloc = jumlah.getCell(4).value as ExcelJS.CellFormulaValue;
    expect(alloc.formula).toBe(`SUM(D${first}:D${last})`);
    expect(alloc.result).toBe(lpj.totals.allocation);
    // The sum of the cells above is what the formula says (a spreadsheet recalculating gets the same).
    let sum = 0;
    for (let r = first; r <= last; r++) sum += ws.getRow(r).getCell(4).value as number;
    expect(sum).toBe(lpj.totals.allocation);
    expect(jumlah.getCell(4).numFmt).toBe('#,##0');
    expect((jumlah.getCell(5).value as ExcelJS.CellFormulaValue).formula).toBe(`SUM(E${first}:E${last})`);
    const catTotal = rows.find((r) => r.getCell(3).value === 'Jumlah')!;
    expect((catTotal.getCell(4).value as ExcelJS.CellFormulaValue).result).toBe(lpj.totals.planned);
    expect((catTotal.getCell(4).value as ExcelJS.CellFormulaValue).formula).toMatch(/^SUM\(D\d+:D\d+\)$/);
    expect(rows.some((r) => r.getCell(2).value === `NIP. ${OFFICE.lurahNip}`)).toBe(true);
  });
});

describe('the kelurahan statement (audit bundle)', () => {
  it('is signed with the lurah and bendahara kelurahan by name and NIP, under the letterhead with the address', async () => {
    const zip = `${tempDbPath()}.zip`;
    const out = fs.createWriteStream(zip);
    const closed = new Promise<void>((r) => out.on('close', () => r()));
    await exportAuditBundle(s, { year: 2026, kelurahanCode: PLEBURAN }, out);
    await closed;
    const p = pages(execFileSync('unzip', ['-p', zip, 'statement.pdf'], { maxBuffer: 1 << 28 }), 'statement-2026');
    letterheadOf(p);
    everyPageNumbered(p);
    // The receipt index names each receipt as its RT numbered it, beside the id of receipts.csv.
    const all = squeeze(p.join('\n'));
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const kw1 = s.receipts.ofRt(rt.id, 2026).find((r) => r.number === 1)!;
    expect(all).toContain(`${kw1.id} RT001-RW001 KW-001 7 Agustus 2026 Administrasi 50.000`);
    expect(all).not.toMatch(/\bKW-\d\b/);
    const last = squeeze(p.at(-1)!);
    expect(last).toContain(OFFICE.lurahName!);
    expect(last).toContain(`NIP. ${OFFICE.lurahNip}`);
    expect(last).toContain(`NIP. ${OFFICE.bendaharaNip}`);
  });
});

describe('a receipt at or above the meterai threshold', () => {
  it('is marked for a Rp10.000 duty stamp in the SPJ list; one below is not', async () => {
    const base = { id: 1, voucher: 'KW-001', date: '2026-08-01', category: 'PML', categoryName: 'Pemeliharaan lingkungan', description: 'Pengecatan gapura', vendor: 'CV Warna', notaNumber: null, verified: true };
    const d = {
      rt: { kelurahanName: 'Pleburan', kecamatanName: 'Semarang Selatan', chairName: 'Ketua', treasurerName: 'Bendahara', kind: 'rt' as const },
      office: { letterhead: ['PEMERINTAH KOTA SEMARANG'], address: null },
      number: null, label: 'RT 001 / RW 001', grantTitle: 'DANA OPERASIONAL RT', periodLabel: 'Bulan Agustus 2026', opening: 0, lines: [], received: 0, paid: 0, closing: 0, closingWords: 'nol rupiah',
      place: 'Semarang, 1 September 2026', fileBase: 'x', monthLabel: 'Agustus 2026',
      receipts: [{ ...base, amount: 5_000_000, meterai: true }, { ...base, id: 2, voucher: 'KW-002', amount: 4_999_999, meterai: false }],
      byCategory: [], verifiedTotal: 0, verifiedWords: 'nol rupiah',
      status: { verified: true, label: 'Terverifikasi', submittedAt: '2026-09-01T00:00:00Z', verifierName: 'X', decidedAt: '2026-09-02T00:00:00Z' },
      meteraiThreshold: 5_000_000, lurah: { name: null, nip: null }, bendaharaKelurahan: { name: null, nip: null },
    } satisfies SpjDoc;
    const all = squeeze(pages(await spjPdf(d), 'spj-meterai').join('\n'));
    expect(all).toMatch(/KW-001 Pemeliharaan lingkungan Pengecatan gapura — CV Warna 5\.000\.000 wajib terverifikasi/);
    expect(all).toMatch(/KW-002 Pemeliharaan lingkungan Pengecatan gapura — CV Warna 4\.999\.999 - terverifikasi/);
    expect(all).not.toContain('PML');
    expect(all).toContain('Kuitansi Rp 5.000.000,00 atau lebih wajib bermeterai Rp10.000.');
    // Without names in the registry: dotted lines to write them in, and NIP lines to fill.
    expect(all).toContain('NIP. ....');
  });
});

describe('a printed kuitansi', () => {
  it('carries the RT’s receipt number, the amount in words, the seller and the RT officers; no meterai box below the threshold', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const r = s.receipts.ofRt(rt.id, 2026).find((x) => x.notaNumber === 'SJ-2291')!;
    const p = await download('ketua', `/rt/${rt.id}/kuitansi/${r.id}/pdf`, 'kuitansi-kw-003');
    everyPageNumbered(p);
    const all = squeeze(p.join('\n'));
    expect(all).toContain('KUITANSI');
    expect(all).toContain('Nomor: KW-003/RT001/RW001/PLEBURAN/2026');
    expect(all).toContain('Rp 1.200.000,00');
    expect(all).toContain(terbilang(1_200_000));
    expect(all).toContain('Toko Sinar Jaya');
    expect(all).toContain(rt.chairName);
    expect(all).toContain(rt.treasurerName!);
    expect(all).toContain('tanpa meterai');
    expect(all).not.toContain('Meterai Rp10.000');
    expect(s.audit.count('report.download')).toBeGreaterThan(0);
  });

  it('of Rp5.000.000 or more has a meterai box under the seller’s signature', async () => {
    const doc = {
      number: 'KW-007', label: 'RT 001 / RW 001', kelurahanName: 'Pleburan', kecamatanName: 'Semarang Selatan', year: 2026, grantName: 'Dana Operasional RT', date: '2026-10-03',
      category: 'PML — Pemeliharaan ringan sarana prasarana', description: 'Pengecatan ulang pagar balai RT', vendor: 'CV Warna Indah', notaNumber: 'WI-88',
      amount: 5_000_000, words: terbilang(5_000_000), items: [{ name: 'Cat tembok 25 kg', quantity: 10, unitPrice: 500_000 }],
      meterai: true, meteraiThreshold: 5_000_000, status: 'Menunggu verifikasi', chairName: 'Tatik Pratiwi', treasurerName: 'Dedi Riyadi', place: 'Semarang, 3 Oktober 2026', fileBase: 'x',
    };
    const all = squeeze(pages(await receiptPdf(doc), 'kuitansi-meterai').join('\n'));
    expect(all).toMatch(/Yang menerima, Meterai Rp10\.000 CV Warna Indah/);
    expect(all).toContain('wajib bermeterai Rp10.000');
    expect(all).toContain('lima juta rupiah');
    const below = squeeze(pages(await receiptPdf({ ...doc, amount: 4_999_999, words: terbilang(4_999_999), meterai: false, items: [] }), 'kuitansi-tanpa-meterai').join('\n'));
    expect(below).not.toContain('Meterai Rp10.000');
  });
});

describe('a reversed receipt in the BKU', () => {
  it('is a koreksi lowering the spending, not income: penerimaan stays the money really received', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const before = s.balances.ofRt(2026, rt.id);
    const received = (s.db.prepare(
      `SELECT COALESCE(SUM(p.amount), 0) AS n FROM postings p JOIN accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
       WHERE a.year = 2026 AND a.rt_id = ? AND a.kind = 'cash' AND e.event_type = 'bank_transfer'`,
    ).get(rt.id) as { n: number }).n;
    const sos = s.receipts.ofRt(rt.id, 2026).find((r) => r.notaNumber === 'WS-0810')!;
    reverseReceipt(s, toActor(s.users.findByUsername('bendahara.pleburan')!), sos.id, 'Nota ganda, dibatalkan');
    const p = await download('ketua', `/rt/${rt.id}/bku/pdf?tahun=2026`, 'bku-2026-koreksi');
    const all = squeeze(p.join('\n'));
    expect(all).toMatch(/28 November 2026 KR\/KW-002 Koreksi: Pembalikan jurnal #\d+: Konsumsi rapat warga Agustus .*\(koreksi\) -250\.000 550\.000/);
    const closing = before.cash + 250_000;
    expect(all).toMatch(new RegExp(`Jumlah / saldo akhir ${received.toLocaleString('id-ID').replace(/\./g, '\\.')} [\\d.]+ ${closing.toLocaleString('id-ID').replace(/\./g, '\\.')}`));
    expect(all).toContain(`Terbilang: ${terbilang(closing)}`);
    expect(all).toContain('Koreksi: jurnal balik');
  });
});

describe('the kelurahan office on documents, kept by the admin', () => {
  it('an edit shows on the next document; a wrong NIP is refused with the input kept', async () => {
    const { agent, csrf } = await signedIn(app, 'admin');
    const bad = await agent.post(`/wilayah/kelurahan/${PLEBURAN}/ubah`).type('form').send({ _csrf: csrf, ...OFFICE, lurahNip: '12345' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('NIP lurah harus tepat 18 angka.');
    expect(bad.text).toContain('value="12345"');
    const ok = await agent.post(`/wilayah/kelurahan/${PLEBURAN}/ubah`).type('form').send({ _csrf: csrf, ...OFFICE, lurahName: 'Sri Wahyuni, S.Sos', lurahNip: '1970 0101 1990 03 2001' });
    expect(ok.status).toBe(303);
    expect(s.documents.office(PLEBURAN)).toMatchObject({ lurahName: 'Sri Wahyuni, S.Sos', lurahNip: '197001011990032001' });
    expect(s.audit.count('registry.kelurahan.office')).toBeGreaterThanOrEqual(2);
    // A body without the form's fields (empty, or cut off on the way) is refused, not read as "clear everything".
    for (const body of [{ _csrf: csrf }, { _csrf: csrf, lurahName: 'Sri Wahyuni, S.Sos' }]) {
      const empty = await agent.post(`/wilayah/kelurahan/${PLEBURAN}/ubah`).type('form').send(body);
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('Formulir data kantor tidak lengkap');
    }
    expect(s.documents.office(PLEBURAN)).toMatchObject({ lurahName: 'Sri Wahyuni, S.Sos', lurahNip: '197001011990032001' });
    const all = squeeze((await download('auditor', `/laporan/lpj/${PLEBURAN}/pdf?tahun=2026&bulan=2026-10`, 'lpj-2026-10')).join('\n'));
    expect(all).toContain('Sri Wahyuni, S.Sos');
    expect(all).toContain('NIP. 197001011990032001');
    expect(all).toContain('Nomor: 002/LPJ/PLB/XI/2026');
  });
});
