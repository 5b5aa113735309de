/**
 * statement.pdf reads as a document (issue 16, item 6): letterhead, RT labels and Indonesian
 * event names instead of account names and event codes (the raw account kept beside its label),
 * "Halaman i dari n" on every page, and a signature block with the names the app knows; for the
 * demo's kelurahan and city bundles.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAuditBundle } from '../../src/app/export-bundle';
import { accountLabel, EVENT_LABELS, NO_NAMES, trialBalanceRows } from '../../src/reports/statement-labels';
import { statementPdf } from '../../src/reports/statement-pdf';
import type { Services } from '../helpers/db';
import { tempDbPath } from '../helpers/db';
import { seededApp } from '../helpers/http';

const PLEBURAN = '3374050005';
let s: Services;

/** The text of each page of a PDF, as pdftotext lays it out (pages split at form feeds). */
function pages(pdf: Buffer): string[] {
  const file = `${tempDbPath()}.pdf`;
  fs.writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p) => p.trim() !== '');
}

async function statementOf(kel: string | null): Promise<string[]> {
  const zip = `${tempDbPath()}.zip`;
  const out = fs.createWriteStream(zip);
  const closed = new Promise<void>((r) => out.on('close', () => r()));
  await exportAuditBundle(s, { year: 2026, kelurahanCode: kel }, out);
  await closed;
  return pages(execFileSync('unzip', ['-p', zip, 'statement.pdf'], { maxBuffer: 1 << 28 }));
}

const squeeze = (t: string) => t.replace(/\s+/g, ' ');

beforeAll(async () => {
  s = (await seededApp({}, () => new Date('2026-11-28T03:00:00Z'))).s;
});

describe('statement.pdf of a kelurahan bundle', () => {
  let p: string[];
  let all: string;
  beforeAll(async () => {
    p = await statementOf(PLEBURAN);
    all = squeeze(p.join('\n'));
  });

  it('carries the letterhead and "Halaman i dari n" on every page', () => {
    expect(p.length).toBeGreaterThan(1);
    p.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`Halaman ${i + 1} dari ${p.length}`));
    expect(squeeze(p[0]!)).toMatch(/PEMERINTAH KOTA SEMARANG KECAMATAN SEMARANG SELATAN KELURAHAN PLEBURAN/);
  });

  it('names RTs and accounts in words, the raw account beside, and events in Indonesian', () => {
    expect(all).toContain('Kas RT — RT 001 / RW 001 Kel. Pleburan aset:rt:3374050005:rw01:rt001:kas');
    expect(all).toContain('APBD Kota Semarang: dana operasional RT ekuitas:kota:apbd');
    // A long label wraps in its cell (pdftotext puts the raw account between its two lines).
    expect(all).toMatch(/Belanja Kegiatan budaya dan keagamaan — RT 001 \/ RW 001 Kel\. beban:rt:3374050005:rw01:rt001:bud 1\.200\.000 Pleburan/);
    // Per-RT summary rows start with the RT as people name it, not the account key.
    expect(all).toMatch(/RT 001 \/ RW 001 Kel\. Pleburan 25\.000\.000/);
    expect(all).not.toMatch(/3374050005 rw01 rt001/);
    for (const label of [EVENT_LABELS.allocation, EVENT_LABELS.tranche, EVENT_LABELS.bank_transfer, EVENT_LABELS.receipt]) expect(all).toContain(label);
    expect(all).not.toMatch(/\b(bank_transfer|year_end_return|allocation)\b/);
    expect(all).toContain('Terverifikasi');
  });

  it('names spending categories, never their codes: in the trial balance and in the receipt index (as the SPJ PDF does); an RW grant by its RW', () => {
    expect(all).toContain('Belanja Administrasi — RT 001 / RW 001 Kel. Pleburan beban:rt:3374050005:rw01:rt001:adm');
    const index = squeeze(all.slice(all.indexOf('3. Indeks kuitansi'), all.indexOf('4. Jurnal umum')));
    expect(index).toContain('Kategori');
    expect(index).toMatch(/RT001-RW001 KW-001 7 Agustus 2026 Administrasi 50\.000 Terverifikasi/);
    // A long name wraps in its cell (pdftotext puts the next columns between its lines).
    expect(index).toMatch(/RT001-RW001 KW-003 17 Agustus 2026 Kegiatan budaya dan 1\.200\.000 Terverifikasi \w+ keagamaan/);
    // Codes stay only inside the raw account names (lower case, for balances.csv and hledger).
    expect(all).not.toMatch(/\b(ADM|SOS|BUD|PEM|LIN|PML|PRL)\b/);
    expect(all).toMatch(/RW 001 Kel\. Pleburan 3\.000\.000/);
    expect(all).not.toMatch(/(^| )rw:3374050005:rw01( |$)/);
  });

  it('ends with a dated signature block: the Lurah and the bendahara by name and NIP (the registry’s office)', () => {
    const last = squeeze(p[p.length - 1]!);
    expect(last).toContain('Semarang, 28 November 2026');
    expect(last).toMatch(/Mengetahui, .*Lurah Pleburan .*Bendahara Kelurahan/);
    expect(last).toContain(s.users.bendaharaOf(PLEBURAN)!.displayName);
    const office = s.documents.office(PLEBURAN)!;
    expect(last).toContain(office.lurahName!);
    expect(last).toContain(`NIP. ${office.lurahNip}`);
    expect(last).toContain(`NIP. ${office.bendaharaNip}`);
  });
});

describe('statement.pdf of the city bundle', () => {
  it('sums the RT accounts by kind in words, names RTs with their kelurahan, numbers every page and is signed', async () => {
    const p = await statementOf(null);
    const all = squeeze(p.join('\n'));
    p.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`Halaman ${i + 1} dari ${p.length}`));
    expect(all).toContain('Kas RT — jumlah semua RT aset:rt:*:kas');
    expect(all).toMatch(/RT 001 \/ RW 001 Kel\. Pleburan/);
    expect(all).toMatch(/RT 001 \/ RW 001 Kel\. Bulustalan/);
    expect(squeeze(p[p.length - 1]!)).toMatch(/Mengetahui, .*Kepala BPKAD Kota Semarang .*Kepala DP3A Kota Semarang/);
  });
});

describe('statement labels', () => {
  it.each([
    ['aset:rt:3374050005:rw01:rt001:alokasi', 'Alokasi belum dicairkan — RT 001 / RW 001 Kel. 3374050005'],
    ['aset:rt:3374050005:rw01:rt001:dalam-transfer', 'Dalam transfer (disetujui, menunggu bank) — RT 001 / RW 001 Kel. 3374050005'],
    ['beban:rt:3374050005:rw02:rt010:prl', 'Belanja Peralatan — RT 010 / RW 002 Kel. 3374050005'],
    ['beban:rw:3374050005:rw01:sos', 'Belanja Kegiatan sosial kemasyarakatan — RW 001 Kel. 3374050005'],
    ['aset:kota:kasda:pengembalian:3374050005:rw01:rt001', 'Dikembalikan ke Kas Daerah — RT 001 / RW 001 Kel. 3374050005'],
    ['ekuitas:kota:alokasi-gugur:3374050005:rw01:rt001', 'Alokasi gugur (tidak dicairkan) — RT 001 / RW 001 Kel. 3374050005'],
    ['aset:kota:kasda:pengembalian', 'Kas Daerah: pengembalian sisa dana'],
  ])('%s → %s', (account, label) => {
    expect(accountLabel(account, NO_NAMES)).toBe(label);
  });

  it('a summarised trial balance keeps the total and sums each kind over the RTs', () => {
    const balances = [
      { name: 'aset:rt:3374050005:rw01:rt001:kas', balance: 300 },
      { name: 'aset:rt:3374050006:rw02:rt003:kas', balance: 700 },
      { name: 'beban:rt:3374050005:rw01:rt001:adm', balance: 50 },
      { name: 'ekuitas:kota:apbd', balance: -1050 },
    ];
    const { rows, summarised } = trialBalanceRows(balances, NO_NAMES, 2);
    expect(summarised).toBe(true);
    expect(rows).toEqual([
      ['Kas RT — jumlah semua RT', 'aset:rt:*:kas', 1000],
      ['Belanja Administrasi — jumlah semua RT', 'beban:rt:*:adm', 50],
      ['APBD Kota Semarang: dana operasional RT', 'ekuitas:kota:apbd', -1050],
    ]);
  });

  it('without a document (an older caller) the PDF still renders, with unnamed signers and numbered pages', async () => {
    const p = pages(await statementPdf({ year: 2026 }, { label: 'Uji', chainHead: 'f'.repeat(64), balances: [], entries: 0, journal: [], receiptCount: 0, receipts: [], generatedAt: '2026-03-01T00:00:00Z' }));
    const all = squeeze(p.join('\n'));
    expect(all).toContain('Semarang, 1 Maret 2026');
    expect(all).toContain('Pejabat yang berwenang');
    expect(all).toContain(`Halaman 1 dari ${p.length}`);
  });
});
