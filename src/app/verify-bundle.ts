/**
 * Checks an auditor's bundle offline, trusting nothing but its own contents: every file
 * against the MANIFEST, every entry balanced, every entry's hash recomputed from its content
 * (and the links between consecutive entries), and the balances recomputed from the postings
 * equal to balances.csv. Says what is wrong, file by file.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import { entryHash } from '../domain/ledger/hash-chain';
import type { EventType, PostedEntry } from '../domain/ledger/entry';
import { restoreText } from '../reports/csv-writer';

export async function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export interface BundleReport {
  ok: boolean;
  entries: number;
  postings: number;
  files: number;
  chainHead: string | null;
  problems: string[];
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function verifyBundleFiles(files: Map<string, Buffer>): BundleReport {
  const problems: string[] = [];
  const report: BundleReport = { ok: false, entries: 0, postings: 0, files: files.size, chainHead: null, problems };
  const manifest = files.get('MANIFEST.txt')?.toString('utf8');
  if (!manifest) {
    problems.push('MANIFEST.txt tidak ada');
    return report;
  }
  report.chainHead = /kepala rantai hash buku besar saat ekspor: ([0-9a-f]{64})/.exec(manifest)?.[1] ?? null;
  const listed = new Map<string, string>();
  for (const line of manifest.split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (m) listed.set(m[2]!, m[1]!);
  }
  for (const [name, expected] of listed) {
    const body = files.get(name);
    if (!body) problems.push(`${name}: tercantum di MANIFEST tetapi tidak ada di bundel`);
    else if (sha(body) !== expected) problems.push(`${name}: isi berubah (SHA-256 tidak sama dengan MANIFEST)`);
  }
  for (const name of files.keys()) if (name !== 'MANIFEST.txt' && !listed.has(name)) problems.push(`${name}: ada di bundel tetapi tidak tercantum di MANIFEST`);

  // The CSVs are spreadsheets: a text cell that could start a formula carries one apostrophe
  // more (src/reports/csv-writer.ts). The exact texts, which the entries' hashes cover, come back
  // by restoreText before anything is recomputed.
  const csv = (name: string) =>
    (parse(files.get(name)?.toString('utf8') ?? '', { columns: true }) as Array<Record<string, string>>).map((row) => {
      for (const k of Object.keys(row)) row[k] = restoreText(row[k]!);
      return row;
    });
  const entries = csv('journal.csv');
  const postings = csv('postings.csv');
  report.entries = entries.length;
  report.postings = postings.length;
  const byEntry = new Map<number, Array<{ account: string; amount: number }>>();
  for (const p of postings) {
    const id = Number(p.entry_id);
    const list = byEntry.get(id) ?? [];
    list.push({ account: p.account!, amount: Number(p.amount) });
    byEntry.set(id, list);
  }
  let previous: { id: number; hash: string } | null = null;
  for (const e of entries) {
    const id = Number(e.id);
    const ps = byEntry.get(id) ?? [];
    if (ps.length < 2 || ps.reduce((a, p) => a + p.amount, 0) !== 0 || ps.some((p) => !Number.isSafeInteger(p.amount) || p.amount === 0)) {
      problems.push(`jurnal #${id}: tidak seimbang atau baris postingnya rusak`);
    }
    const entry: PostedEntry = {
      id,
      year: Number(e.year),
      eventType: e.event_type as EventType,
      eventRef: e.event_ref!,
      description: e.description!,
      actor: e.actor!,
      occurredOn: e.occurred_on!,
      recordedAt: e.recorded_at!,
      idempotencyKey: e.idempotency_key!,
      reversesEntryId: e.reverses_entry_id ? Number(e.reverses_entry_id) : null,
      reason: e.reason ? e.reason : null,
      prevHash: e.prev_hash!,
      hash: e.hash!,
      version: (e.version ? Number(e.version) : 1) as PostedEntry['version'],
      facts: e.facts ? (JSON.parse(e.facts) as PostedEntry['facts']) : null,
      postings: ps,
    };
    if (entryHash(entry.prevHash, entry) !== entry.hash) problems.push(`jurnal #${id}: hash tidak cocok dengan isinya (jurnal atau postingnya diubah)`);
    if (previous && previous.id === id - 1 && entry.prevHash !== previous.hash) problems.push(`jurnal #${id}: prev_hash tidak menunjuk jurnal #${previous.id}`);
    previous = { id, hash: entry.hash };
  }
  const derived = new Map<string, number>();
  for (const p of postings) derived.set(p.account!, (derived.get(p.account!) ?? 0) + Number(p.amount));
  const stated = new Map(csv('balances.csv').map((b) => [b.account!, Number(b.balance)]));
  for (const [account, balance] of derived) {
    if ((stated.get(account) ?? 0) !== balance) problems.push(`balances.csv: saldo ${account} tertulis ${stated.get(account) ?? 0}, dari postings ${balance}`);
  }
  for (const [account, balance] of stated) if (!derived.has(account) && balance !== 0) problems.push(`balances.csv: akun ${account} tidak punya posting tetapi bersaldo ${balance}`);
  for (const r of csv('receipts.csv')) {
    for (const f of (r.files ?? '').split(' ').filter(Boolean)) {
      const hash = f.split(':')[0]!;
      const file = [...files.keys()].find((n) => n.startsWith(`evidence/${hash}.`));
      if (!file) problems.push(`kuitansi ${r.id}: berkas bukti ${hash.slice(0, 16)}… tidak ada di bundel`);
      else if (sha(files.get(file)!) !== hash) problems.push(`kuitansi ${r.id}: berkas bukti ${hash.slice(0, 16)}… isinya berbeda`);
    }
  }
  report.ok = problems.length === 0;
  return report;
}
