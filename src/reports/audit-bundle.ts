/**
 * The auditor's annual statement as a ZIP bundle an auditor can check without our server:
 * statement.pdf, journal.csv, postings.csv, balances.csv, receipts.csv, the evidence files,
 * the hledger journal, and a MANIFEST with every file's SHA-256 and the chain head.
 * Rows are streamed from the database in one pass per table into temporary files (then
 * zipped), never held in memory as a whole; the PDF lists the first rows and says where the rest are.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import archiver from 'archiver';
import type { PostedEntry } from '../domain/ledger/entry';
import { csvRow, csvTable } from './csv-writer';
import { journalEntry, journalHeader } from './hledger-journal';
import { formatTanggal } from '../domain/calendar';
import { formatNumber } from '../domain/money';
import { figuresPerRt } from '../domain/grants/year-figures';
import { pdfBuffer, stampCheckpoint, table, title } from './pdf-doc';

export const JOURNAL_COLUMNS = ['id', 'year', 'occurred_on', 'event_type', 'event_ref', 'description', 'actor', 'recorded_at', 'idempotency_key', 'reverses_entry_id', 'reason', 'prev_hash', 'hash', 'version', 'facts'];

/** The statement PDF lists at most this many receipts and entries; the CSVs hold them all. */
export const PDF_LIST_LIMIT = 3000;

/**
 * Per RT (from its account names, year-figures.ts): allocation, undrawn, in transit (approved, not
 * yet paid by the bank), cash, spent, returned to Kas Daerah and lapsed. The allocation is what the
 * parts add up to, so after the close it is still the full allocation (the year-end accounts live
 * under the city's accounts, named per RT).
 */
export const RT_SUMMARY_COLUMNS = ['rt', 'allocation', 'undrawn', 'transit', 'cash', 'spent', 'returned', 'lapsed'];
export function perRt(balances: Array<{ name: string; balance: number }>): Array<[string, number, number, number, number, number, number, number]> {
  return [...figuresPerRt(balances)].map(([key, f]) => [key.replace(/:/g, ' '), f.allocation, f.undrawn, f.transit, f.cash, f.spent, f.returned, f.lapsed]);
}

/**
 * The trial balance as the PDF shows it: every account for a small scope; for a big one (a
 * city has ~90k accounts) the RT accounts summed by kind, the city's own accounts in full.
 * balances.csv always has every account.
 */
function pdfTrialBalance(balances: Array<{ name: string; balance: number }>): { rows: string[][]; summarised: boolean } {
  if (balances.length <= 400) return { rows: balances.map((b) => [b.name, formatNumber(b.balance)]), summarised: false };
  const sums = new Map<string, number>();
  for (const b of balances) {
    const m = /^(aset|beban|ekuitas):(rt|kota):(?:\d{10}:rw\d+:rt\d+:)?(.+?)(?::\d{10}:rw\d+:rt\d+)?$/.exec(b.name);
    const key = m && m[2] === 'rt' ? `${m[1]}:rt:*:${m[3]} (jumlah semua RT)` : m ? `${m[1]}:kota:${m[3]}` : b.name;
    sums.set(key, (sums.get(key) ?? 0) + b.balance);
  }
  return { rows: [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, formatNumber(v)]), summarised: true };
}

interface StatementFacts {
  label: string;
  chainHead: string;
  balances: Array<{ name: string; balance: number }>;
  entries: number;
  journal: string[][];
  receiptCount: number;
  receipts: string[][];
  checkpoint?: import('../domain/ledger/checkpoint').SignedCheckpoint | null;
}

async function statementPdf(scope: BundleScope, f: StatementFacts): Promise<Buffer> {
  const tb = pdfTrialBalance(f.balances);
  const rts = perRt(f.balances);
  const more = (n: number, shown: number, file: string) => (n > shown ? `; ${formatNumber(shown)} pertama di sini, selengkapnya di ${file}` : '');
  return pdfBuffer({ title: `Laporan tahunan ${scope.year} ${f.label}` }, (doc) => {
    title(doc, `LAPORAN TAHUNAN DANA OPERASIONAL RT ${scope.year}`, `${f.label} — kepala rantai hash ${f.chainHead.slice(0, 24)}…`);
    doc.font('Helvetica-Bold').fontSize(10).text(`1. Neraca saldo${tb.summarised ? ` (${formatNumber(f.balances.length)} akun; akun RT dijumlah per jenis, rincian per akun di balances.csv)` : ''}`);
    table(doc, [{ head: 'Akun', width: 330 }, { head: 'Saldo (IDR)', width: 120, align: 'right' }], tb.rows);
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text(`2. Ringkasan per RT (${formatNumber(rts.length)} RT${more(rts.length, Math.min(rts.length, PDF_LIST_LIMIT), 'rt-summary.csv')})`, 36);
    table(
      doc,
      [
        { head: 'RT', width: 100 },
        { head: 'Alokasi', width: 62, align: 'right' },
        { head: 'Belum dicairkan', width: 60, align: 'right' },
        { head: 'Dalam transfer', width: 55, align: 'right' },
        { head: 'Kas', width: 55, align: 'right' },
        { head: 'Belanja', width: 62, align: 'right' },
        { head: 'Ke Kas Daerah', width: 60, align: 'right' },
        { head: 'Gugur', width: 60, align: 'right' },
      ],
      rts.slice(0, PDF_LIST_LIMIT).map(([k, ...n]) => [k, ...n.map((x) => formatNumber(x))]),
    );
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text(`3. Indeks kuitansi (${formatNumber(f.receiptCount)} kuitansi${more(f.receiptCount, f.receipts.length, 'receipts.csv')})`, 36);
    table(
      doc,
      [{ head: 'No', width: 40 }, { head: 'Tanggal', width: 70 }, { head: 'Kat.', width: 35 }, { head: 'Jumlah', width: 70, align: 'right' }, { head: 'Status', width: 60 }, { head: 'SHA-256 bukti', width: 180 }],
      f.receipts,
    );
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text(`4. Jurnal umum (${formatNumber(f.entries)} jurnal${more(f.entries, f.journal.length, 'journal.csv')})`, 36);
    table(doc, [{ head: 'No', width: 40 }, { head: 'Tanggal', width: 70 }, { head: 'Peristiwa', width: 60 }, { head: 'Uraian', width: 200 }, { head: 'Debit', width: 70, align: 'right' }, { head: 'Hash', width: 90 }], f.journal);
    stampCheckpoint(doc, f.checkpoint);
  });
}

/**
 * A file written in batches (synchronously: the rows come from a synchronous cursor). Text is
 * encoded straight into a 1 MB buffer: joining many small strings and encoding the result cost
 * a city bundle 4 s.
 */
class BatchFile {
  private fd: number;
  private buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }
  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) {
        fs.writeSync(this.fd, text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }
  flush(): void {
    let off = 0;
    while (off < this.used) off += fs.writeSync(this.fd, this.buffer, off, this.used - off);
    this.used = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** Lets the event loop breathe during a long pass (the server keeps answering while a city exports). */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/** The year and kelurahan (null: the city) a bundle covers. */
export interface BundleScope {
  year: number;
  kelurahanCode: string | null;
}

/** One receipt as receipts.csv lists it. */
export interface BundleReceiptRow {
  id: number;
  rtId: number;
  kelurahanCode: string;
  date: string;
  category: string;
  description: string;
  vendor: string;
  notaNumber: string | null;
  amount: number;
  status: string;
  entryId: number | null;
  files: string | null;
}

/**
 * What a bundle is made of, read by the application from one snapshot. The bundle only renders:
 * rows are pulled as it writes (generators), so nothing is held whole.
 */
export interface BundleSource {
  scope: BundleScope;
  /** 'Kelurahan Pleburan (3374…)' or 'Kota Semarang'. */
  label: string;
  /** The scope as the journal header names it. */
  journalScopeLabel: string;
  generatedAt: string;
  chainHead: string;
  entryCount: number;
  receiptCount: number;
  fileCount: number;
  entries(): Iterable<PostedEntry>;
  receipts(): Iterable<BundleReceiptRow>;
  trialBalance(): Array<{ name: string; balance: number }>;
  /** Evidence hashes in scope, sorted (repeats allowed). */
  evidenceHashes(): Iterable<string>;
  /** A stored evidence file, or null when it is not in the store. */
  evidenceFile(sha256: string): { path: string; mime: string } | null;
}

export interface BundleProgress {
  /** What is being written now, in Indonesian (for the progress page). */
  step: string;
  done: number;
  total: number;
}

/**
 * Writes the bundle to `out`; resolves with the manifest text. Call it on a read snapshot
 * (withReadSnapshot): it streams rows across awaits.
 */
export async function writeAuditBundle(source: BundleSource, out: Writable, onProgress: (p: BundleProgress) => void = () => undefined): Promise<string> {
  const { scope, label, chainHead } = source;
  const manifest: string[] = [];
  // Progress in rows: one pass over the entries, one over the receipts, one per evidence file, one per file zipped.
  const progress: BundleProgress = { step: 'Menyiapkan', done: 0, total: source.entryCount + source.receiptCount + source.fileCount + 8 };
  const step = (label: string) => {
    progress.step = label;
    onProgress({ ...progress });
  };
  const tick = (n = 1) => {
    progress.done += n;
    if (progress.done % 2000 < n) onProgress({ ...progress });
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-bundle-'));
  try {
    // One pass over the entries writes journal.csv, postings.csv and the hledger journal together.
    step('Jurnal dan posting');
    const journalCsv = new BatchFile(path.join(tmp, 'journal.csv'));
    const postingsCsv = new BatchFile(path.join(tmp, 'postings.csv'));
    const ledgerFile = new BatchFile(path.join(tmp, 'ledger.journal'));
    journalCsv.write(csvRow(JOURNAL_COLUMNS));
    postingsCsv.write(csvRow(['entry_id', 'line', 'account', 'amount']));
    ledgerFile.write(journalHeader({ year: scope.year, scope: source.journalScopeLabel, generatedAt: source.generatedAt, chainHead }));
    const journal: string[][] = [];
    let entries = 0;
    for (const e of source.entries()) {
      entries += 1;
      journalCsv.write(csvRow([e.id, e.year, e.occurredOn, e.eventType, e.eventRef, e.description, e.actor, e.recordedAt, e.idempotencyKey, e.reversesEntryId, e.reason, e.prevHash, e.hash, e.version, e.facts === null ? '' : JSON.stringify(e.facts)]));
      for (let i = 0; i < e.postings.length; i++) postingsCsv.write(csvRow([e.id, i + 1, e.postings[i]!.account, e.postings[i]!.amount]));
      ledgerFile.write(journalEntry(e));
      if (journal.length < PDF_LIST_LIMIT) journal.push([String(e.id), formatTanggal(e.occurredOn), e.eventType, e.description.slice(0, 80), formatNumber(e.postings.reduce((a, p) => a + Math.max(0, p.amount), 0)), e.hash.slice(0, 16)]);
      if (entries % 1000 === 0) {
        tick(1000);
        if (entries % 10_000 === 0) await breathe();
      }
    }
    tick(entries % 1000);
    journalCsv.close();
    postingsCsv.close();
    ledgerFile.close();

    // Level 1: a city's 700 MB of CSV and journal text still shrinks about 4×, several times faster than level 6.
    // 1 MB zlib chunks: with the default 16 KB every chunk waited for a turn of the event loop, so
    // little was deflated while the receipts pass ran (the city bundle 26 → 23 s).
    const zip = archiver('zip', { zlib: { level: 1, chunkSize: 1 << 20 } });
    zip.pipe(out);
    // Photos and PDFs are compressed already: stored as they are (deflating them again only costs time).
    const add = async (name: string, source: Readable | Buffer, store = false) => {
      const hash = createHash('sha256');
      const pass = new PassThrough();
      const done = new Promise<void>((resolve, reject) => {
        pass.on('end', () => resolve());
        pass.on('error', reject);
      });
      const stream = Buffer.isBuffer(source) ? Readable.from([source]) : source;
      stream.on('data', (chunk: Buffer | string) => hash.update(chunk));
      zip.append(stream.pipe(pass), { name, store });
      await done;
      manifest.push(`${hash.digest('hex')}  ${name}`);
      tick();
    };
    // Read in 1 MB chunks: the ledger files are deflated (on libuv's threads) while the receipts
    // pass below runs, a chunk per breath of that pass.
    const fromTmp = (f: string) => fs.createReadStream(path.join(tmp, f), { highWaterMark: 1 << 20 });
    const zippingLedger = (async () => {
      await add('journal.csv', fromTmp('journal.csv'));
      await add('postings.csv', fromTmp('postings.csv'));
      await add(`jurnal-${scope.year}.journal`, fromTmp('ledger.journal'));
    })();
    // A failure here surfaces at the await below; until then it must not count as unhandled.
    zippingLedger.catch(() => undefined);

    step('Kuitansi dan saldo');
    const receiptsCsv = new BatchFile(path.join(tmp, 'receipts.csv'));
    receiptsCsv.write(csvRow(['id', 'rt_id', 'kelurahan', 'date', 'category', 'description', 'vendor', 'nota_number', 'amount', 'status', 'entry_id', 'files']));
    const receipts: string[][] = [];
    let receiptCount = 0;
    for (const r of source.receipts()) {
      receiptCount += 1;
      receiptsCsv.write(csvRow([r.id, r.rtId, r.kelurahanCode, r.date, r.category, r.description, r.vendor, r.notaNumber, r.amount, r.status, r.entryId, r.files]));
      if (receipts.length < PDF_LIST_LIMIT) receipts.push([`KW-${r.id}`, formatTanggal(r.date), r.category, formatNumber(r.amount), r.status, (r.files ?? '').split(' ').map((f) => f.slice(0, 16)).join(' ')]);
      if (receiptCount % 1000 === 0) {
        tick(1000);
        await breathe();
      }
    }
    tick(receiptCount % 1000);
    receiptsCsv.close();
    const balances = source.trialBalance();
    await breathe();

    step('Laporan PDF (statement.pdf)');
    const pdf = await statementPdf(scope, { label, chainHead, balances: balances.filter((b) => b.balance !== 0), entries, journal, receiptCount, receipts });

    step('Menyusun ZIP');
    await zippingLedger;
    await add('balances.csv', Buffer.from(csvTable(['account', 'balance'], balances.map((b) => [b.name, b.balance]))));
    await add('rt-summary.csv', Buffer.from(csvTable(RT_SUMMARY_COLUMNS, perRt(balances))));
    await add('receipts.csv', fromTmp('receipts.csv'));
    await add('statement.pdf', pdf, true);
    step('Berkas bukti');
    let previous = '';
    for (const sha256 of source.evidenceHashes()) {
      tick();
      if (sha256 === previous) continue;
      const file = source.evidenceFile(sha256);
      if (!file) continue;
      previous = sha256;
      await add(`evidence/${sha256}.${file.mime.split('/')[1]}`, fs.readFileSync(file.path), true);
    }
    step('Menutup ZIP');
    const text = [
    `# Dana RT — bundel laporan tahunan ${scope.year}, ${label}`,
    `# dibuat ${source.generatedAt}`,
    `# kepala rantai hash buku besar saat ekspor: ${chainHead}`,
    '# periksa: npm run verify-bundle -- FILE.zip ; sha256sum -c (untuk berkas di bawah)',
    ...manifest,
    '',
  ].join('\n');
    zip.append(text, { name: 'MANIFEST.txt' });
    await zip.finalize();
    progress.done = progress.total;
    step('Selesai');
    return text;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
