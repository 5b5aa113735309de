/** Reports agree with the ledger in every format, and with hledger. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { journalChunks } from '../../src/app/export-journal';
import { readLpj } from '../../src/app/read-lpj';
import type { Services } from '../helpers/db';
import { toActor } from '../../src/db/user-repository';
import { tempDbPath } from '../helpers/db';
import { binary, seededApp, signedIn, type Agent } from '../helpers/http';

const PLEBURAN = '3374050005';
// One seeded app and three signed-in agents for the whole file, because every test here only
// reads: reports and downloads change no data (a download adds an audit row, and no test counts
// them exactly), so no test can see another's traces.
let s: Services;
const agents = {} as Record<'bendahara' | 'auditor' | 'ketua', Agent>;

beforeAll(async () => {
  const app = await seededApp({}, () => new Date('2026-11-28T03:00:00Z'));
  s = app.s;
  agents.bendahara = (await signedIn(app.app, 'bendahara.pleburan')).agent;
  agents.auditor = (await signedIn(app.app, 'auditor')).agent;
  agents.ketua = (await signedIn(app.app, 'ketua.pleburan')).agent;
});

/** The text of a PDF download, as pdftotext lays it out. */
function pdfText(pdf: Buffer): string {
  const file = `${tempDbPath()}.pdf`;
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('who may read the reports', () => {
  it.each<[keyof typeof agents, string, number]>([
    ['auditor', `/laporan/lpj/${PLEBURAN}?tahun=2026`, 200],
    ['bendahara', `/laporan/lpj/3374050006?tahun=2026`, 404],
    ['ketua', `/laporan/lpj/${PLEBURAN}?tahun=2026`, 403],
    ['bendahara', `/laporan/lpj/${PLEBURAN}/doc?tahun=2026`, 404],
    ['bendahara', '/laporan/jurnal?tahun=2026&kelurahan=3374050006', 404],
    ['ketua', '/laporan/jurnal?tahun=2026', 403],
  ])('%s GET %s → %i', async (who, path, status) => {
    expect((await agents[who].get(path)).status).toBe(status);
  });
});

describe('kelurahan LPJ', () => {
  it('its totals equal the ledger balances of the kelurahan', () => {
    const l = readLpj(s, toActor(s.users.findByUsername('bendahara.pleburan')!), PLEBURAN, 2026);
    const ledger = new Map<string, number>();
    // The kelurahan's RTs, its RW grantee (RW 001: Rp3.000.000, Rp700.000 spent by the demo) and the PKK group (PKK RT 001: Rp10.000.000).
    for (const r of s.ledger.trialBalance(2026)) if (/^(aset|beban):(pkk:)?(rt|rw):/.test(r.name) && r.name.includes(`:${PLEBURAN}:`)) ledger.set(r.name, r.balance);
    const sumOf = (re: RegExp) => [...ledger].filter(([n]) => re.test(n)).reduce((a, [, b]) => a + b, 0);
    expect(l.totals.spent).toBe(sumOf(/^beban:/));
    expect(l.totals.remaining).toBe(sumOf(/:(alokasi|dalam-transfer|kas)$/));
    expect(l.totals.allocation).toBe((l.rows.length - 2) * 25_000_000 + 3_000_000 + 10_000_000);
    expect(l.rows.find((r) => r.label === 'PKK RT 001 / RW 001')).toMatchObject({ allocation: 10_000_000, released: 750_000 });
    expect(l.totals.spent).toBe(3_600_000 + 700_000);
    expect(l.rows.find((r) => r.label === 'RW 001')).toMatchObject({ released: 750_000, spent: 700_000 });
    expect(l.rows.find((r) => r.label === 'RT 001 / RW 001')).toMatchObject({ released: 1_800_000, spent: 1_500_000, receipts: 4, unverified: 1 });
  });

  it('CSV and XLSX parse back to the same numbers; the PDF text carries the totals and the signature block', async () => {
    const l = readLpj(s, toActor(s.users.findByUsername('bendahara.pleburan')!), PLEBURAN, 2026);
    const csv = await agents.bendahara.get(`/laporan/lpj/${PLEBURAN}/csv?tahun=2026`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain('LPJ-2026-Pleburan.csv');
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const total = rows.at(-1)!;
    expect(total['RT/RW']).toBe('JUMLAH');
    expect(Number(total['Total belanja'])).toBe(l.totals.spent);
    expect(Number(total['Alokasi'])).toBe(l.totals.allocation);
    expect(rows.slice(0, -1).reduce((a, r) => a + Number(r['Dicairkan']), 0)).toBe(l.totals.released);

    const xlsx = await agents.bendahara.get(`/laporan/lpj/${PLEBURAN}/xlsx?tahun=2026`).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((xlsx.body as Buffer).buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const jumlah = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(2).value === 'JUMLAH')!;
    // Totals are SUM formulas carrying their value (office-documents.test.ts checks the formulas).
    expect((jumlah.getCell(4).value as ExcelJS.CellFormulaValue).result).toBe(l.totals.allocation);
    expect((jumlah.getCell(5).value as ExcelJS.CellFormulaValue).result).toBe(l.totals.released);

    const pdf = await agents.bendahara.get(`/laporan/lpj/${PLEBURAN}/pdf?tahun=2026`).buffer(true).parse(binary);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('LAPORAN PERTANGGUNGJAWABAN');
    expect(text).toContain('Rp 4.300.000,00 (empat juta tiga ratus ribu rupiah)');
    expect(text).toContain('Rp 1.738.000.000,00'); // 69 RTs × Rp25.000.000, RW 001's Rp3.000.000 and PKK RT 001's Rp10.000.000
    expect(text).toContain('Semarang, 28 November 2026');
    expect(text).toContain('Lurah Pleburan');
    expect(text).toContain('Bendahara Kelurahan');
    expect(s.audit.count('report.download')).toBeGreaterThanOrEqual(3);
  });
});

describe('RT cash book and SPJ document', () => {
  it('the BKU runs from the opening to the closing balance of the ledger; the PDFs carry it with the signatures', async () => {
    const rt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
    const page = await agents.ketua.get(`/rt/${rt.id}/bku?tahun=2026&bulan=2026-08`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Saldo awal');
    // The money arrives on the day the bank paid its row (voucher TB-<row>), not at approval.
    expect(page.text).toContain('TB-');
    expect(page.text).toContain('Transfer bank Agustus 2026');
    const pdf = await agents.ketua.get(`/rt/${rt.id}/bku/pdf?tahun=2026`).buffer(true).parse(binary);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('BUKU KAS UMUM');
    expect(text).toContain(`Saldo akhir: Rp ${s.balances.ofRt(2026, rt.id).cash.toLocaleString('id-ID')},00`);
    expect(text).toContain(`Ketua RT 001 / RW 001`);
    const spj = await agents.ketua.get(`/rt/${rt.id}/spj/2026-08/pdf`).buffer(true).parse(binary);
    const spjText = pdfText(spj.body as Buffer);
    expect(spjText).toContain('SURAT PERTANGGUNGJAWABAN');
    expect(spjText).toContain('Rp 1.500.000,00 (satu juta lima ratus ribu rupiah)');
    expect(spjText.replace(/\s+/g, ' ')).toContain('kas akhir Rp 300.000,00');
  });
});

describe('journal export', () => {
  const trialBalance = (kel: string | null) => new Map(s.ledger.scopeTrialBalance(2026, kel).filter((r) => r.balance !== 0).map((r) => [r.name, r.balance]));
  const hledgerBalances = (journal: string) => {
    const file = `${tempDbPath()}.journal`;
    fs.writeFileSync(file, journal);
    const out = execFileSync('hledger', ['-f', file, 'bal', '-E', '--flat', '-O', 'csv', '--no-total'], { encoding: 'utf8' });
    return new Map(
      (parse(out, { columns: true }) as Array<{ account: string; balance: string }>)
        .map((r) => [r.account, Number(r.balance.replace(' IDR', ''))] as const)
        .filter(([, b]) => b !== 0),
    );
  };

  it('hledger prints exactly the app’s trial balance, for a kelurahan and for the city', () => {
    for (const kel of [PLEBURAN, null]) {
      const journal = [...journalChunks(s, { year: 2026, kelurahanCode: kel })].join('');
      expect(hledgerBalances(journal)).toEqual(trialBalance(kel));
    }
  });

  it('downloads for the bendahara (its kelurahan) and the auditor (the city)', async () => {
    const mine = await agents.bendahara.get('/laporan/jurnal?tahun=2026');
    expect(mine.status).toBe(200);
    expect(mine.headers['content-disposition']).toContain('jurnal-2026-Pleburan.journal');
    expect(hledgerBalances(mine.text)).toEqual(trialBalance(PLEBURAN));
    const city = await agents.auditor.get('/laporan/jurnal?tahun=2026');
    expect(city.status).toBe(200);
    expect(city.text).toContain('cakupan: Kota Semarang');
  });
});
