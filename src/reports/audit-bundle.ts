/**
 * The auditor's annual statement as a ZIP bundle an auditor can check without our server:
 * statement.pdf, journal.csv, postings.csv, balances.csv, receipts.csv, the evidence files,
 * the hledger journal, and a MANIFEST with every file's SHA-256 and the chain head.
 * Rows are streamed from the database, never held in memory as a whole.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Readable, type Writable } from 'node:stream';
import archiver from 'archiver';
import { stringify } from 'csv-stringify/sync';
import type { Services } from '../app/services';
import { journalChunks, type JournalScope } from '../app/export-journal';
import { formatTanggal } from '../domain/calendar';
import { formatNumber } from '../domain/money';
import { pdfBuffer, table, title } from './pdf-doc';

export const JOURNAL_COLUMNS = ['id', 'year', 'occurred_on', 'event_type', 'event_ref', 'description', 'actor', 'recorded_at', 'idempotency_key', 'reverses_entry_id', 'reason', 'prev_hash', 'hash'];

function* csvRows(header: string[], rows: Iterable<unknown[]>): Generator<string> {
  yield stringify([header]);
  for (const r of rows) yield stringify([r]);
}

function* journalRows(s: Services, scope: JournalScope) {
  for (const e of s.ledger.entriesInScope(scope.year, scope.kelurahanCode)) {
    yield [e.id, e.year, e.occurredOn, e.eventType, e.eventRef, e.description, e.actor, e.recordedAt, e.idempotencyKey, e.reversesEntryId ?? '', e.reason ?? '', e.prevHash, e.hash];
  }
}

function* postingRows(s: Services, scope: JournalScope) {
  for (const e of s.ledger.entriesInScope(scope.year, scope.kelurahanCode)) {
    for (const [i, p] of e.postings.entries()) yield [e.id, i + 1, p.account, p.amount];
  }
}

/** Per RT (from its account names): allocation, undrawn, cash and spending, from the trial balance. */
function perRt(balances: Array<{ name: string; balance: number }>): string[][] {
  const rts = new Map<string, { undrawn: number; cash: number; spent: number; other: number }>();
  for (const b of balances) {
    const m = /^(aset|beban):rt:(\d{10}:rw\d+:rt\d+):(.+)$/.exec(b.name);
    if (!m) continue;
    const r = rts.get(m[2]!) ?? { undrawn: 0, cash: 0, spent: 0, other: 0 };
    if (m[3] === 'alokasi') r.undrawn += b.balance;
    else if (m[3] === 'kas') r.cash += b.balance;
    else r.spent += b.balance;
    rts.set(m[2]!, r);
  }
  return [...rts].map(([key, r]) => [key.replace(/:/g, ' '), formatNumber(r.undrawn + r.cash + r.spent), formatNumber(r.undrawn), formatNumber(r.cash), formatNumber(r.spent)]);
}

async function statementPdf(s: Services, scope: JournalScope, label: string, chainHead: string): Promise<Buffer> {
  const balances = s.ledger.scopeTrialBalance(scope.year, scope.kelurahanCode).filter((b) => b.balance !== 0);
  const receipts = s.receipts.indexOf(scope.year, scope.kelurahanCode);
  let entries = 0;
  const journal: string[][] = [];
  for (const e of s.ledger.entriesInScope(scope.year, scope.kelurahanCode)) {
    entries += 1;
    if (journal.length < 3000) journal.push([String(e.id), formatTanggal(e.occurredOn), e.eventType, e.description.slice(0, 80), formatNumber(e.postings.reduce((a, p) => a + Math.max(0, p.amount), 0)), e.hash.slice(0, 16)]);
  }
  return pdfBuffer({ title: `Laporan tahunan ${scope.year} ${label}` }, (doc) => {
    title(doc, `LAPORAN TAHUNAN DANA OPERASIONAL RT ${scope.year}`, `${label} — kepala rantai hash ${chainHead.slice(0, 24)}…`);
    doc.font('Helvetica-Bold').fontSize(10).text('1. Neraca saldo');
    table(doc, [{ head: 'Akun', width: 330 }, { head: 'Saldo (IDR)', width: 120, align: 'right' }], balances.map((b) => [b.name, formatNumber(b.balance)]));
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text('2. Ringkasan per RT', 36);
    table(
      doc,
      [{ head: 'RT', width: 200 }, { head: 'Alokasi', width: 80, align: 'right' }, { head: 'Belum dicairkan', width: 80, align: 'right' }, { head: 'Kas', width: 70, align: 'right' }, { head: 'Belanja', width: 80, align: 'right' }],
      perRt(balances),
    );
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text('3. Indeks kuitansi', 36);
    table(
      doc,
      [{ head: 'No', width: 40 }, { head: 'Tanggal', width: 70 }, { head: 'Kat.', width: 35 }, { head: 'Jumlah', width: 70, align: 'right' }, { head: 'Status', width: 60 }, { head: 'SHA-256 bukti', width: 180 }],
      receipts.map((r) => [`KW-${r.id}`, formatTanggal(r.date), r.category, formatNumber(r.amount), r.status, (r.files ?? '').split(' ').map((f) => f.slice(0, 16)).join(' ')]),
    );
    doc.moveDown().font('Helvetica-Bold').fontSize(10).text(`4. Jurnal umum (${entries} jurnal${entries > journal.length ? `; ${journal.length} pertama di sini, selengkapnya di journal.csv` : ''})`, 36);
    table(doc, [{ head: 'No', width: 40 }, { head: 'Tanggal', width: 70 }, { head: 'Peristiwa', width: 60 }, { head: 'Uraian', width: 200 }, { head: 'Debit', width: 70, align: 'right' }, { head: 'Hash', width: 90 }], journal);
  });
}

/** Writes the bundle to `out`; resolves with the manifest text. */
export async function writeAuditBundle(s: Services, scope: JournalScope, out: Writable, onProgress: (files: number) => void = () => undefined): Promise<string> {
  const kel = scope.kelurahanCode ? s.registry.findKelurahan(scope.kelurahanCode) : null;
  const label = kel ? `Kelurahan ${kel.name} (${kel.code})` : 'Kota Semarang';
  const chainHead = s.ledger.head()?.hash ?? '-';
  const zip = archiver('zip', { zlib: { level: 6 } });
  zip.pipe(out);
  const manifest: string[] = [];
  let files = 0;
  const add = async (name: string, source: Iterable<string | Buffer> | Buffer) => {
    const hash = createHash('sha256');
    const pass = new PassThrough();
    const done = new Promise<void>((resolve, reject) => {
      pass.on('end', () => resolve());
      pass.on('error', reject);
    });
    const stream = Readable.from(Buffer.isBuffer(source) ? [source] : source, { objectMode: false });
    stream.on('data', (chunk: Buffer | string) => hash.update(chunk));
    zip.append(stream.pipe(pass), { name });
    await done;
    manifest.push(`${hash.digest('hex')}  ${name}`);
    onProgress(++files);
  };
  await add('journal.csv', csvRows(JOURNAL_COLUMNS, journalRows(s, scope)));
  await add('postings.csv', csvRows(['entry_id', 'line', 'account', 'amount'], postingRows(s, scope)));
  await add('balances.csv', csvRows(['account', 'balance'], s.ledger.scopeTrialBalance(scope.year, scope.kelurahanCode).map((b) => [b.name, b.balance])));
  const receipts = s.receipts.indexOf(scope.year, scope.kelurahanCode);
  await add('receipts.csv', csvRows(['id', 'rt_id', 'kelurahan', 'date', 'category', 'description', 'vendor', 'nota_number', 'amount', 'status', 'entry_id', 'files'], receipts.map((r) => [r.id, r.rtId, r.kelurahanCode, r.date, r.category, r.description, r.vendor, r.notaNumber ?? '', r.amount, r.status, r.entryId ?? '', r.files ?? ''])));
  await add(`jurnal-${scope.year}.journal`, journalChunks(s, scope));
  await add('statement.pdf', await statementPdf(s, scope, label, chainHead));
  for (const sha of new Set(receipts.flatMap((r) => (r.files ?? '').split(' ').filter(Boolean).map((f) => f.split(':')[0]!)))) {
    const meta = s.evidenceFiles.find(sha);
    if (meta && s.evidence.exists(sha)) await add(`evidence/${sha}.${meta.mime.split('/')[1]}`, fs.readFileSync(s.evidence.pathOf(sha)));
  }
  const text = [
    `# Dana RT — bundel laporan tahunan ${scope.year}, ${label}`,
    `# dibuat ${s.now().toISOString()}`,
    `# kepala rantai hash buku besar saat ekspor: ${chainHead}`,
    '# periksa: npm run verify-bundle -- FILE.zip ; sha256sum -c (untuk berkas di bawah)',
    ...manifest,
    '',
  ].join('\n');
  zip.append(text, { name: 'MANIFEST.txt' });
  await zip.finalize();
  return text;
}
