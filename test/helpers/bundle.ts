/**
 * Bundles as an insider would rework them: read a ZIP into memory, rewrite files, put the MANIFEST
 * back in line (sha256 of every file), and write the ZIP again; a consistent rewrite of the chain
 * from the database (every later hash recomputed, the copies and balances regenerated).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import archiver from 'archiver';
import { exportAuditBundle } from '../../src/app/export-bundle';
import { readZip } from '../../src/app/verify-bundle';
import type { Services } from '../../src/app/services';
import { entryFromCanonical } from '../../src/domain/ledger/canonical-parse';
import { canonical, entryHash, type HashableEntry } from '../../src/domain/ledger/hash-chain';
import { checkpointHash, keyIdOf, signCheckpoint, type SignedCheckpoint } from '../../src/domain/ledger/checkpoint';
import type { PostedEntry } from '../../src/domain/ledger/entry';
import { csvRow, csvTable } from '../../src/reports/csv-writer';
import { JOURNAL_COLUMNS, perRt, POSTING_COLUMNS, RT_SUMMARY_COLUMNS } from '../../src/reports/audit-bundle';

export type Bundle = Map<string, Buffer>;

/** A kelurahan's bundle of 2026 as the auditor downloads it (a ZIP written to a temporary file), read back into memory. */
export async function exportedBundle(s: Services, kelurahanCode: string, zipFile: string): Promise<Bundle> {
  const out = fs.createWriteStream(zipFile);
  const closed = new Promise<void>((done) => out.on('close', () => done()));
  await exportAuditBundle(s, { year: 2026, kelurahanCode }, out);
  await closed;
  return new Map(await readZip(zipFile));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const text = (files: Bundle, name: string) => files.get(name)!.toString('utf8');

/** The MANIFEST recomputed for the files as they are now (its header kept, or set). */
export function fixManifest(files: Bundle, header: { head?: string; count?: number } = {}): Bundle {
  const old = text(files, 'MANIFEST.txt').split('\n');
  let head = old.filter((l) => l.startsWith('#'));
  if (header.head) head = head.map((l) => l.replace(/(kepala rantai hash buku besar saat ekspor: )\S+/, `$1${header.head}`));
  if (header.count !== undefined) head = head.map((l) => l.replace(/(jumlah jurnal \(rantai\): )\d+/, `$1${header.count}`));
  const lines = [...files.keys()].filter((n) => n !== 'MANIFEST.txt').map((n) => `${sha(files.get(n)!)}  ${n}`);
  files.set('MANIFEST.txt', Buffer.from([...head, ...lines, ''].join('\n')));
  return files;
}

export function writeZip(files: Bundle, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file);
    const zip = archiver('zip', { zlib: { level: 1 } });
    out.on('close', () => resolve());
    zip.on('error', reject);
    zip.pipe(out);
    for (const [name, body] of files) zip.append(body, { name });
    void zip.finalize();
  });
}

export interface ChainRow {
  id: number;
  prev: string;
  hash: string;
  inScope: boolean;
}

export const chainRows = (files: Bundle): ChainRow[] =>
  text(files, 'chain.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [id, prev, hash, s] = l.split(',');
      return { id: Number(id), prev: prev!, hash: hash!, inScope: s === '1' };
    });

export const entriesOf = (files: Bundle): HashableEntry[] =>
  text(files, 'journal.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const r = entryFromCanonical(l);
      if ('problem' in r) throw new Error(r.problem);
      return r.entry;
    });

/**
 * Writes journal.jsonl, chain.csv and every copy (journal.csv, postings.csv, the hledger journal,
 * balances.csv, rt-summary.csv) for these links and in-scope entries, then the MANIFEST with the
 * last hash and count: all an insider can redo without the signing key.
 */
export function writeChain(files: Bundle, rows: ChainRow[], entries: Map<number, HashableEntry>, year = 2026): Bundle {
  const posted: PostedEntry[] = [];
  for (const r of rows) if (r.inScope) posted.push({ ...(entries.get(r.id)! as PostedEntry), prevHash: r.prev, hash: r.hash });
  files.set('journal.jsonl', Buffer.from(posted.map((e) => `${canonical(e)}\n`).join('')));
  files.set('chain.csv', Buffer.from(`id,prev_hash,hash,in_scope\n${rows.map((r) => `${r.id},${r.prev},${r.hash},${r.inScope ? 1 : 0}\n`).join('')}`));
  files.set(
    'journal.csv',
    Buffer.from(
      csvRow(JOURNAL_COLUMNS) +
        posted
          .map((e) => csvRow([e.id, e.year, e.occurredOn, e.eventType, e.eventRef, e.description, e.actor, e.recordedAt, e.idempotencyKey, e.reversesEntryId, e.reason, e.prevHash, e.hash, e.version, e.facts === null ? '' : JSON.stringify(e.facts)]))
          .join(''),
    ),
  );
  files.set('postings.csv', Buffer.from(csvRow(POSTING_COLUMNS) + posted.flatMap((e) => e.postings.map((p, i) => csvRow([e.id, i + 1, p.account, p.amount]))).join('')));
  const journalName = [...files.keys()].find((n) => /^jurnal-\d{4}\.journal$/.test(n)) ?? `jurnal-${year}.journal`;
  // A plain hledger transaction per entry (the insider's own writer: verify reads the layout loosely).
  const tx = (e: PostedEntry) => `${e.occurredOn} * ${e.description.replace(/[;\n]/g, ',')}  ; id:${e.id}, hash:${e.hash}\n${e.postings.map((p) => `    ${p.account}  ${p.amount} IDR\n`).join('')}\n`;
  files.set(journalName, Buffer.from(`; rewritten\n\ncommodity IDR\n\n${posted.map(tx).join('')}`));
  const sums = new Map<string, number>();
  for (const e of posted) for (const p of e.postings) sums.set(p.account, (sums.get(p.account) ?? 0) + p.amount);
  const balances = [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, balance]) => ({ name, balance }));
  files.set('balances.csv', Buffer.from(csvTable(['account', 'balance'], balances.map((b) => [b.name, b.balance]))));
  files.set('rt-summary.csv', Buffer.from(csvTable(RT_SUMMARY_COLUMNS, perRt(balances))));
  const last = rows.at(-1)!;
  return fixManifest(files, { head: last.hash, count: last.id });
}

/**
 * The chain rehashed from its start after `edit` changed in-scope entries (the contents of the
 * out-of-scope ones come from the database, which the insider holds).
 */
export function rehash(files: Bundle, outOfScope: (id: number) => HashableEntry, edit: (e: HashableEntry) => HashableEntry): Bundle {
  const rows = chainRows(files);
  const entries = new Map(entriesOf(files).map((e) => [e.id, edit(e)]));
  let prev = rows[0]!.prev;
  for (const r of rows) {
    r.prev = prev;
    r.hash = entryHash(prev, r.inScope ? entries.get(r.id)! : outOfScope(r.id));
    prev = r.hash;
  }
  return writeChain(files, rows, entries);
}

/** The end checkpoint re-signed by another key (the insider's own), and kunci-publik.pem replaced by that key. */
export function resignWithOtherKey(files: Bundle): { files: Bundle; otherKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const cps = text(files, 'checkpoints.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SignedCheckpoint);
  const rows = chainRows(files);
  const last = rows.at(-1)!;
  let prev = cps.length > 1 ? checkpointHash(cps.at(-2)!) : cps[0]!.prev;
  const resigned = cps.map((c, i) => {
    if (i < cps.length - 1) return c;
    // Every field of the checkpoint kept (a later format signs more), the chain's end and the key replaced.
    const { hash: _hash, signature: _signature, ...kept } = c;
    const body = { ...kept, entryCount: last.id, head: last.hash, prev, keyId: keyIdOf(pem) };
    prev = '';
    return signCheckpoint(body, privateKey);
  });
  files.set('checkpoints.jsonl', Buffer.from(resigned.map((c) => `${JSON.stringify(c)}\n`).join('')));
  files.set('kunci-publik.pem', Buffer.from(pem));
  return { files: fixManifest(files), otherKeyPem: pem };
}
