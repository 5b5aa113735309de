/**
 * The statement PDF of an audit bundle (statement.pdf), a document an office signs: letterhead,
 * key figures with the allocation in words, trial balance with readable account names (the raw
 * account beside each, for cross-checks with balances.csv and the hledger journal), per-RT
 * summary, receipt index and journal (the first rows of each; the bundle's CSVs hold them all),
 * a signature block, and "Halaman i dari n" on every page.
 */
import { formatTanggal, formatWaktu, todayWib } from '../domain/calendar';
import { figuresPerRt, groupLabelOf, groupOfRtKey, type YearFigures } from '../domain/grants/year-figures';
import { formatNumber, formatOfficial, terbilang } from '../domain/money';
import { grantsNameOf, grantsTitleOf, onlyMain } from '../domain/grants/grant-titles';
import type { ProgrammeYear } from '../domain/grants/programme-year';
import { CHECKPOINT_BLOCK_HEIGHT, letterhead, pdfBuffer, signatures, stampCheckpoint, table, title, type Column, type Doc } from './pdf-doc';
import type { SignedCheckpoint } from '../domain/ledger/checkpoint';
import { categoryLabel, eventLabel, NO_NAMES, receiptStatusLabel, rtKeyLabel, trialBalanceRows, type LabelNames } from './statement-labels';

import { PDF_LIST_LIMIT } from './bundle-format';
export { PDF_LIST_LIMIT };

export interface StatementSigner {
  /** "Mengetahui," over the role, for the superior. */
  over?: string;
  role: string;
  /** Null: a dotted line to write the name in. */
  name: string | null;
  /** The NIP under the name: a string prints it, null a dotted line, absent none. */
  nip?: string | null;
  /** A note under the name. */
  note?: string;
}

/** What the document needs besides the figures: who issues and signs it, and the names behind the codes. */
export interface StatementDocument {
  /** Letterhead lines, top first: "PEMERINTAH KOTA SEMARANG", "KECAMATAN …", "KELURAHAN …". */
  letterhead: string[];
  /** The office's address under the letterhead (the registry's), if known. */
  address?: string | null;
  /** "Semarang, 28 November 2026". */
  place: string;
  signers: StatementSigner[];
  names: LabelNames;
  /** The year's other programmes (their names title a statement that holds their grantees); absent: codes. */
  programmes?: ProgrammeYear['programmes'];
}

export interface StatementFacts {
  label: string;
  chainHead: string;
  balances: Array<{ name: string; balance: number }>;
  entries: number;
  journal: string[][];
  receiptCount: number;
  receipts: string[][];
  /** Absent (an older caller): a city letterhead, today's date, unnamed signers, codes for names. */
  document?: StatementDocument;
  /** ISO time of the export (the place and date default to its day). */
  generatedAt?: string;
  /** The checkpoint signed at the export: its short form on every page and a QR code at the end. */
  checkpoint?: SignedCheckpoint | null;
}

const right = (head: string, width: number): Column => ({ head, width, align: 'right' });

function defaultDocument(generatedAt: string): StatementDocument {
  return {
    letterhead: ['PEMERINTAH KOTA SEMARANG'],
    place: `Semarang, ${formatTanggal(todayWib(new Date(generatedAt)))}`,
    signers: [
      { over: 'Mengetahui,', role: 'Pejabat yang berwenang', name: null, nip: null },
      { role: 'Pembuat laporan', name: null },
    ],
    names: NO_NAMES,
  };
}

function heading(doc: Doc, text: string, note?: string): void {
  if (doc.y > doc.page.height - 120) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text(text, 36);
  if (note) doc.font('Helvetica').fontSize(8).fillColor('#444444').text(note, 36).fillColor('#000000');
  doc.moveDown(0.2);
}

/**
 * The document's name at the top of every page (its "Halaman i dari n" is in the footer that
 * stampCheckpoint writes on every page; pages are buffered until the end).
 */
function pageHeads(doc: Doc, name: string): void {
  const range = doc.bufferedPageRange();
  const pageW = doc.page.width - 72;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(7).fillColor('#444444');
    doc.text(name, 36, 18, { width: pageW / 2, lineBreak: false });
    doc.fillColor('#000000');
  }
}

/** The grantees' figures per programme and kind, in order (RT, RW, then the other programmes'). */
function groupsOf(rts: ReadonlyArray<[string, YearFigures]>) {
  const out = new Map<string, { programme: string; kind: 'rt' | 'rw'; label: string; count: number; x: YearFigures }>();
  for (const [key, x] of rts) {
    const g = groupOfRtKey(key);
    const k = `${g.programme === 'OPS' ? '0' : `1${g.programme}`}:${g.kind}`;
    const was = out.get(k) ?? { ...g, label: groupLabelOf(g), count: 0, x: { allocation: 0, undrawn: 0, transit: 0, cash: 0, spent: 0, returned: 0, lapsed: 0 } };
    const y = was.x;
    out.set(k, { ...was, count: was.count + 1, x: { allocation: y.allocation + x.allocation, undrawn: y.undrawn + x.undrawn, transit: y.transit + x.transit, cash: y.cash + x.cash, spent: y.spent + x.spent, returned: y.returned + x.returned, lapsed: y.lapsed + x.lapsed } });
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

export async function statementPdf(scope: { year: number }, f: StatementFacts): Promise<Buffer> {
  const d = f.document ?? defaultDocument(f.generatedAt ?? new Date().toISOString());
  const tb = trialBalanceRows(f.balances, d.names);
  const rts = [...figuresPerRt(f.balances)];
  const sum = (k: 'allocation' | 'undrawn' | 'transit' | 'cash' | 'spent' | 'returned' | 'lapsed') => rts.reduce((a, [, x]) => a + x[k], 0);
  const more = (n: number, shown: number, file: string) => (n > shown ? `; ${formatNumber(shown)} pertama di sini, selengkapnya di ${file}` : '');
  // The RT/RW grant alone keeps its title; with another programme's grantees, every programme is named.
  const codes = groupsOf(rts).map((g) => g.programme);
  const grants = { programmes: d.programmes };
  const docName = `Laporan tahunan ${onlyMain(codes) ? 'dana operasional RT' : grantsNameOf(grants, codes)} ${scope.year} — ${f.label}`;
  return pdfBuffer({ title: docName }, (doc) => {
    letterhead(doc, { letterhead: d.letterhead, address: d.address });
    title(doc, `LAPORAN TAHUNAN ${grantsTitleOf(grants, codes)} TAHUN ${scope.year}`, f.label);
    doc.font('Helvetica').fontSize(8).text(`Kepala rantai hash buku besar saat ekspor: ${f.chainHead}${f.generatedAt ? ` · dibuat ${formatWaktu(f.generatedAt)}` : ''}`, 36, doc.y, { align: 'center', width: doc.page.width - 72 });

    heading(doc, 'Ringkasan', `${formatNumber(rts.length)} RT, ${formatNumber(f.entries)} jurnal, ${formatNumber(f.receiptCount)} kuitansi. Jumlah dalam rupiah.`);
    const allocation = sum('allocation');
    table(
      doc,
      [{ head: 'Uraian', width: 330 }, right('Jumlah (Rp)', 150)],
      [
        ['Alokasi', formatNumber(allocation)],
        ['Belum dicairkan', formatNumber(sum('undrawn'))],
        ['Dalam transfer (disetujui, menunggu bank)', formatNumber(sum('transit'))],
        ['Kas RT', formatNumber(sum('cash'))],
        ['Belanja', formatNumber(sum('spent'))],
        ['Dikembalikan ke Kas Daerah', formatNumber(sum('returned'))],
        ['Alokasi gugur (tidak dicairkan)', formatNumber(sum('lapsed'))],
      ],
      new Set([0]),
    );
    doc.moveDown(0.3).font('Helvetica').fontSize(9).text(`Jumlah alokasi ${formatOfficial(allocation)} (${terbilang(allocation)}); belanja ${formatOfficial(sum('spent'))} (${terbilang(sum('spent'))}).`, 36);
    const groups = groupsOf(rts);
    if (groups.length > 1) {
      heading(doc, 'Per program dan jenis penerima', 'Hibah RT dan RW (Perwal 32/2025) dan program lain (mis. PKK, Perwal 47/2025), terpisah dan bersama.');
      const rows = groups.map((g) => [g.label, formatNumber(g.count), ...[g.x.allocation, g.x.undrawn + g.x.transit + g.x.cash, g.x.spent, g.x.returned, g.x.lapsed].map(formatNumber)]);
      rows.push([groups.every((g) => g.programme === 'OPS') ? 'Jumlah RT dan RW' : 'Jumlah semua program', formatNumber(rts.length), ...[allocation, sum('undrawn') + sum('transit') + sum('cash'), sum('spent'), sum('returned'), sum('lapsed')].map(formatNumber)]);
      table(doc, [{ head: 'Penerima', width: 150 }, right('Jumlah', 50), right('Alokasi', 80), right('Sisa', 70), right('Belanja', 80), right('Ke Kas Daerah', 70), right('Gugur', 60)], rows, new Set([rows.length - 1]));
    }

    heading(
      doc,
      `1. Neraca saldo${tb.summarised ? ` (${formatNumber(f.balances.length)} akun; akun RT dijumlah per jenis)` : ''}`,
      `Kode akun seperti di balances.csv dan jurnal hledger${tb.summarised ? '; * = setiap RT, rincian per akun di balances.csv' : ''}. Saldo debit positif, kredit negatif.`,
    );
    table(doc, [{ head: 'Akun', width: 255 }, { head: 'Kode akun', width: 185 }, right('Saldo (Rp)', 80)], tb.rows.map(([label, raw, v]) => [label, raw, formatNumber(v)]));

    heading(doc, `2. Ringkasan per RT (${formatNumber(rts.length)} RT${more(rts.length, Math.min(rts.length, PDF_LIST_LIMIT), 'rt-summary.csv')})`);
    table(
      doc,
      [{ head: 'RT', width: 135 }, right('Alokasi', 62), right('Belum dicairkan', 60), right('Dalam transfer', 52), right('Kas', 52), right('Belanja', 58), right('Ke Kas Daerah', 54), right('Gugur', 50)],
      rts.slice(0, PDF_LIST_LIMIT).map(([key, x]) => [rtKeyLabel(key, d.names), ...[x.allocation, x.undrawn, x.transit, x.cash, x.spent, x.returned, x.lapsed].map(formatNumber)]),
    );

    heading(doc, `3. Indeks kuitansi (${formatNumber(f.receiptCount)} kuitansi${more(f.receiptCount, f.receipts.length, 'receipts.csv')})`, 'Id = kolom id di receipts.csv; nomor kuitansi = nomor urut RT dalam tahun. Berkas bukti ada di folder evidence/ dengan nama SHA-256-nya (16 karakter pertama di sini).');
    table(
      doc,
      [{ head: 'Id', width: 26 }, { head: 'Nomor kuitansi RT', width: 88 }, { head: 'Tanggal', width: 62 }, { head: 'Kategori', width: 102 }, right('Jumlah', 56), { head: 'Status', width: 74 }, { head: 'SHA-256 bukti', width: 96 }],
      f.receipts.map((r) => (r.length === 7 ? [r[0]!, r[1]!, r[2]!, categoryLabel(r[3]!, d.names), r[4]!, receiptStatusLabel(r[5]!), r[6]!] : r)),
    );

    heading(doc, `4. Jurnal umum (${formatNumber(f.entries)} jurnal${more(f.entries, f.journal.length, 'journal.csv')})`, 'Tanggal transaksi; hash: 16 karakter pertama (lengkap di journal.csv dan chain.csv).');
    table(
      doc,
      [{ head: 'No', width: 35 }, { head: 'Tanggal', width: 78 }, { head: 'Peristiwa', width: 75 }, { head: 'Uraian', width: 180 }, right('Debit', 62), { head: 'Hash', width: 85 }],
      f.journal.map((r) => (r.length === 6 ? [r[0]!, r[1]!, eventLabel(r[2]!), r[3]!, r[4]!, r[5]!] : r)),
    );

    doc.moveDown(0.8);
    // The signatures and the checkpoint stay together on the last page (the statement ends signed).
    if (f.checkpoint && doc.y > doc.page.height - 190 - CHECKPOINT_BLOCK_HEIGHT) doc.addPage();
    signatures(doc, d.place, d.signers);
    stampCheckpoint(doc, f.checkpoint);
    pageHeads(doc, docName);
  });
}
