/**
 * The auditor's annual statement as a ZIP bundle an auditor can check without our server
 * (bundle format 3, BUNDLE_FORMAT; checked by src/app/verify-bundle.ts, which reads format 2 too):
 * - journal.jsonl: the in-scope entries byte-exact, one canonical() text per line (what each hash covers);
 * - chain.csv: id, prev_hash, hash, in_scope of EVERY entry from the start checkpoint's count + 1 to
 *   the end checkpoint's count, so every link is checkable and nothing can be dropped unseen;
 * - checkpoints.jsonl + kunci-publik.pem: the signed checkpoints the range rests on and every public key;
 * - readable copies (journal.csv, postings.csv, balances.csv, rt-summary.csv, receipts.csv, the
 *   hledger journal, statement.pdf) and the business records (plans, tranches, bank batches, SPJ,
 *   audit log) as CSV/JSONL, the evidence files, and a MANIFEST with every file's SHA-256.
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
import { canonical } from '../domain/ledger/hash-chain';
import { shortCheckpoint, type SignedCheckpoint } from '../domain/ledger/checkpoint';
import { BUNDLE_README_NAME, bundleReadme, type BundleReadmeFacts } from './bundle-readme';
import { csvRow, csvTable, type Cell } from './csv-writer';
import { HledgerJournal } from './hledger-journal';
import { formatTanggal } from '../domain/calendar';
import { formatNumber } from '../domain/money';
import { statementPdf, type StatementDocument } from './statement-pdf';
import { JOURNAL_COLUMNS, PDF_LIST_LIMIT, perRt, BUNDLE_FORMAT, CHAIN_COLUMNS, POSTING_COLUMNS, RECEIPT_COLUMNS, RT_SUMMARY_COLUMNS } from './bundle-format';
export { JOURNAL_COLUMNS, PDF_LIST_LIMIT, perRt, BUNDLE_FORMAT, CHAIN_COLUMNS, POSTING_COLUMNS, RECEIPT_COLUMNS, RT_SUMMARY_COLUMNS };
import { receiptNumber, rtUnit } from '../domain/documents/document-number';

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
  reversalEntryId: number | null;
  /** "sha256:kind sha256:kind …" */
  files: string | null;
  /** JSON list of flags (meterai, possible duplicate, …). */
  flags: string;
  /** Who verified (or returned, rejected) it: a username. */
  verifier: string | null;
  verifiedAt: string | null;
  /** The return or reversal note. */
  note: string | null;
  /** The RT's receipt number in the year and the RT's numbers (absent from an older source): the printed index shows "RT001-RW001 KW-001". */
  number?: number | null;
  rtNumber?: number;
  rwNumber?: number;
}

/** "RT001-RW001 KW-001": the receipt as the RT numbered it ("#<id>" when it has no number). */
function receiptLabel(r: BundleReceiptRow): string {
  const unit = r.rtNumber !== undefined && r.rwNumber !== undefined ? `${rtUnit(r.rtNumber, r.rwNumber)} ` : '';
  return r.number ? `${unit}${receiptNumber(r.number)}` : `${unit}#${r.id}`;
}

/** One link of chain.csv. */
export interface BundleChainLink {
  id: number;
  prevHash: string;
  hash: string;
  inScope: 0 | 1;
}

/** A business table written as CSV (plans.csv, tranches.csv, …). */
export interface BundleTable {
  name: string;
  header: readonly string[];
  rows(): Iterable<ReadonlyArray<Cell>>;
}

/** A stored file copied byte for byte (a bank batch file). */
export interface BundleStoredFile {
  name: string;
  body: Buffer;
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
  /** The checkpoint signed for this export: its head is the chain head the bundle ends at. */
  endCheckpoint: SignedCheckpoint;
  /** The checkpoints the range rests on, oldest first (the start one, if any, to the end one). */
  checkpoints: readonly SignedCheckpoint[];
  /** Every public key ever used, PEM. */
  publicKeysPem: string;
  entryCount: number;
  receiptCount: number;
  fileCount: number;
  /** In-scope entries with id ≤ the end checkpoint's count, in id order. */
  entries(): Iterable<PostedEntry>;
  /** Every link from the start checkpoint's count + 1 to the end checkpoint's count. */
  chain(): Iterable<BundleChainLink>;
  receipts(): Iterable<BundleReceiptRow>;
  /** Business tables beside the ledger (plans, tranches, bank batches, SPJ). */
  tables(): BundleTable[];
  /** audit-log.jsonl: one line per audit row of the whole log, in id order (auditJsonlLine: the canonical text of rows in scope, the links of all). */
  auditLog(): Iterable<string>;
  /** Stored files copied as they are (bank batch files). */
  storedFiles(): Iterable<BundleStoredFile>;
  /** Evidence hashes in scope (receipts and plans' berita acara), sorted (repeats allowed). */
  evidenceHashes(): Iterable<string>;
  /** A stored evidence file, or null when it is not in the store. */
  evidenceFile(sha256: string): { path: string; mime: string } | null;
  /** Letterhead, signers and names for statement.pdf (statement-document.ts); without it the PDF uses codes and unnamed signers. */
  statement?: StatementDocument;
}

export interface BundleProgress {
  /** What is being written now, in Indonesian (for the progress page). */
  step: string;
  done: number;
  total: number;
}

/** The MANIFEST's header lines (the verifier reads them by these words). */
export function manifestHeader(o: { year: number; label: string; generatedAt: string; end: SignedCheckpoint; chainFrom: number }): string[] {
  return [
    `# format: ${BUNDLE_FORMAT}`,
    `# Dana RT — bundel laporan tahunan ${o.year}, ${o.label}`,
    `# cakupan: tahun ${o.year}, ${o.label}`,
    `# dibuat ${o.generatedAt}`,
    `# kepala rantai hash buku besar saat ekspor: ${o.end.head}`,
    `# jumlah jurnal (rantai): ${o.end.entryCount}`,
    `# rentang rantai di chain.csv: ${o.chainFrom}..${o.end.entryCount}`,
    '# periksa: npm run verify-bundle -- FILE.zip [--public-key kunci-publik.pem] ; sha256sum -c MANIFEST.txt (untuk berkas di bawah)',
  ];
}

/**
 * Writes the bundle to `out`; resolves with the manifest text. Call it on a read snapshot
 * (withReadSnapshot): it streams rows across awaits. Throws (and leaves `out` incomplete) when
 * an evidence file in scope is not in the store.
 */
export async function writeAuditBundle(source: BundleSource, out: Writable, onProgress: (p: BundleProgress) => void = () => undefined): Promise<string> {
  const { scope, label } = source;
  const end = source.endCheckpoint;
  const chainHead = end.head;
  const manifest: string[] = [];
  // Progress in rows: one pass over the entries, one over the receipts, one per evidence file, one per file zipped.
  const progress: BundleProgress = { step: 'Menyiapkan', done: 0, total: source.entryCount + source.receiptCount + source.fileCount + 20 };
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
    // One pass over the entries writes journal.jsonl, journal.csv, postings.csv and the hledger journal together.
    step('Jurnal dan posting');
    const jsonl = new BatchFile(path.join(tmp, 'journal.jsonl'));
    const journalCsv = new BatchFile(path.join(tmp, 'journal.csv'));
    const postingsCsv = new BatchFile(path.join(tmp, 'postings.csv'));
    const ledgerFile = new BatchFile(path.join(tmp, 'ledger.journal'));
    journalCsv.write(csvRow(JOURNAL_COLUMNS));
    postingsCsv.write(csvRow(POSTING_COLUMNS));
    const hledger = new HledgerJournal({ year: scope.year, scope: source.journalScopeLabel, generatedAt: source.generatedAt, chainHead });
    ledgerFile.write(hledger.header());
    const journal: string[][] = [];
    // The balances are summed from the postings written, so balances.csv agrees with postings.csv by construction.
    const sums = new Map<string, number>();
    let entries = 0;
    let example: BundleReadmeFacts['example'] = null;
    for (const e of source.entries()) {
      entries += 1;
      const line = canonical(e);
      jsonl.write(`${line}\n`);
      example ??= { lineNumber: 1, id: e.id, prevHash: e.prevHash, line };
      journalCsv.write(csvRow([e.id, e.year, e.occurredOn, e.eventType, e.eventRef, e.description, e.actor, e.recordedAt, e.idempotencyKey, e.reversesEntryId, e.reason, e.prevHash, e.hash, e.version, e.facts === null ? '' : JSON.stringify(e.facts)]));
      for (let i = 0; i < e.postings.length; i++) {
        const p = e.postings[i]!;
        postingsCsv.write(csvRow([e.id, i + 1, p.account, p.amount]));
        sums.set(p.account, (sums.get(p.account) ?? 0) + p.amount);
      }
      ledgerFile.write(hledger.entry(e));
      if (journal.length < PDF_LIST_LIMIT) journal.push([String(e.id), formatTanggal(e.occurredOn), e.eventType, e.description.slice(0, 80), formatNumber(e.postings.reduce((a, p) => a + Math.max(0, p.amount), 0)), e.hash.slice(0, 16)]);
      if (entries % 1000 === 0) {
        tick(1000);
        if (entries % 10_000 === 0) await breathe();
      }
    }
    tick(entries % 1000);
    ledgerFile.write(hledger.declarations());
    for (const f of [jsonl, journalCsv, postingsCsv, ledgerFile]) f.close();

    step('Rantai hash');
    const chainCsv = new BatchFile(path.join(tmp, 'chain.csv'));
    chainCsv.write(csvRow(CHAIN_COLUMNS));
    let links = 0;
    let chainFrom = end.entryCount + 1;
    for (const l of source.chain()) {
      if (links === 0) chainFrom = l.id;
      chainCsv.write(`${l.id},${l.prevHash},${l.hash},${l.inScope}\n`);
      if (++links % 50_000 === 0) await breathe();
    }
    chainCsv.close();

    // Level 1: a city's 700 MB of CSV and journal text still shrinks about 4×, several times faster than level 6.
    // 1 MB zlib chunks: with the default 16 KB every chunk waited for a turn of the event loop, so
    // little was deflated while the receipts pass ran (the city bundle 26 → 23 s).
    const zip = archiver('zip', { zlib: { level: 1, chunkSize: 1 << 20 } });
    zip.pipe(out);
    // Photos and PDFs are compressed already: stored as they are (deflating them again only costs time).
    const add = async (name: string, source: Readable | Buffer | string, store = false) => {
      const hash = createHash('sha256');
      const pass = new PassThrough();
      const done = new Promise<void>((resolve, reject) => {
        pass.on('end', () => resolve());
        pass.on('error', reject);
      });
      const stream = typeof source === 'string' || Buffer.isBuffer(source) ? Readable.from([Buffer.from(source)]) : source;
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
      await add('journal.jsonl', fromTmp('journal.jsonl'));
      await add('chain.csv', fromTmp('chain.csv'));
      await add('checkpoints.jsonl', source.checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''));
      await add('kunci-publik.pem', source.publicKeysPem);
      await add('journal.csv', fromTmp('journal.csv'));
      await add('postings.csv', fromTmp('postings.csv'));
      await add(`jurnal-${scope.year}.journal`, fromTmp('ledger.journal'));
    })();
    // A failure here surfaces at the await below; until then it must not count as unhandled.
    zippingLedger.catch(() => undefined);

    step('Kuitansi dan saldo');
    const receiptsCsv = new BatchFile(path.join(tmp, 'receipts.csv'));
    receiptsCsv.write(csvRow(RECEIPT_COLUMNS));
    const receipts: string[][] = [];
    let receiptCount = 0;
    for (const r of source.receipts()) {
      receiptCount += 1;
      receiptsCsv.write(
        csvRow([r.id, r.rtId, r.kelurahanCode, r.date, r.category, r.description, r.vendor, r.notaNumber, r.amount, r.status, r.entryId, r.reversalEntryId, r.files, r.flags, r.verifier, r.verifiedAt, r.note]),
      );
      if (receipts.length < PDF_LIST_LIMIT) receipts.push([String(r.id), receiptLabel(r), formatTanggal(r.date), r.category, formatNumber(r.amount), r.status, (r.files ?? '').split(' ').map((f) => f.slice(0, 16)).join(' ')]);
      if (receiptCount % 1000 === 0) {
        tick(1000);
        await breathe();
      }
    }
    tick(receiptCount % 1000);
    receiptsCsv.close();
    const balances = [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, balance]) => ({ name, balance }));
    sums.clear();

    step('Rencana, pencairan, berkas bank, SPJ, log audit');
    const tables: string[] = [];
    for (const t of source.tables()) {
      const f = new BatchFile(path.join(tmp, t.name));
      f.write(csvRow(t.header));
      let n = 0;
      for (const row of t.rows()) {
        f.write(csvRow(row));
        if (++n % 5000 === 0) await breathe();
      }
      f.close();
      tables.push(t.name);
    }
    const audit = new BatchFile(path.join(tmp, 'audit-log.jsonl'));
    let auditRows = 0;
    for (const line of source.auditLog()) {
      audit.write(`${line}\n`);
      if (++auditRows % 5000 === 0) await breathe();
    }
    audit.close();
    await breathe();

    step('Laporan PDF (statement.pdf)');
    const pdf = await statementPdf(scope, { label, chainHead, balances: balances.filter((b) => b.balance !== 0), entries, journal, receiptCount, receipts, document: source.statement, generatedAt: source.generatedAt, checkpoint: end });

    step('Menyusun ZIP');
    await zippingLedger;
    await add('balances.csv', Buffer.from(csvTable(['account', 'balance'], balances.map((b) => [b.name, b.balance]))));
    await add('rt-summary.csv', Buffer.from(csvTable(RT_SUMMARY_COLUMNS, perRt(balances))));
    await add('receipts.csv', fromTmp('receipts.csv'));
    for (const name of tables) await add(name, fromTmp(name));
    await add('audit-log.jsonl', fromTmp('audit-log.jsonl'));
    for (const f of source.storedFiles()) await add(f.name, f.body);
    await add('statement.pdf', pdf, true);
    await add(BUNDLE_README_NAME, bundleReadme({ year: scope.year, scope: label, chainHead: end.head, entryCount: end.entryCount, inScopeCount: entries, checkpointShort: shortCheckpoint(end), example }));
    step('Berkas bukti');
    let previous = '';
    for (const sha256 of source.evidenceHashes()) {
      tick();
      if (sha256 === previous) continue;
      previous = sha256;
      const file = source.evidenceFile(sha256);
      // The application checks every file before it starts (export-bundle.ts); one gone since is still no silent gap.
      if (!file) throw new Error(`berkas bukti ${sha256} tidak ada di penyimpanan bukti`);
      // Read whole (a photo or PDF, ≤ 10 MB): a read stream per file cost 3 ms of opens and callbacks each (29,200 files: 86 s against 10 s).
      await add(`evidence/${sha256}.${file.mime.split('/')[1]}`, fs.readFileSync(file.path), true);
    }
    step('Menutup ZIP');
    const text = [...manifestHeader({ year: scope.year, label, generatedAt: source.generatedAt, end, chainFrom }), ...manifest, ''].join('\n');
    zip.append(text, { name: 'MANIFEST.txt' });
    await zip.finalize();
    progress.done = progress.total;
    step('Selesai');
    return text;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
