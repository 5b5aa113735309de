/**
 * `npm run backup -- DIR`: a consistent copy of the database, taken with SQLite's online backup
 * API while the server keeps writing, and of the evidence files that copy refers to, with a
 * MANIFEST of their SHA-256s.
 *
 * Order matters: the database first, then the files named by the COPY (an evidence file is
 * written before the row that points to it commits, and those rows are never deleted, so every
 * file the copy names is already in the store), and the MANIFEST last: a folder without one is
 * an unfinished backup and restore refuses it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { EvidenceRepository } from '../db/evidence-repository';
import { LedgerRepository } from '../db/ledger-repository';
import { integrityProblems, openCopyReadOnly, snapshotDatabase } from '../db/snapshot';
import { GENESIS_HASH } from '../domain/ledger/hash-chain';
import { DATABASE_FILE, evidencePath, MANIFEST, writeManifest } from './backup-manifest';
import { EvidenceStore } from './evidence-store';
import { sha256OfFile } from './verify-evidence';

export interface BackupReport {
  dir: string;
  databaseBytes: number;
  chainHead: string;
  entries: number;
  evidenceFiles: number;
  evidenceBytes: number;
  /** How long the database copy itself took (the server keeps writing meanwhile). */
  snapshotMs: number;
  totalMs: number;
  /** How many files the copy names are missing or damaged in the store (left out of the backup). */
  badFiles: number;
  /** The first of them, named. */
  problems: string[];
}

/** Writes bytes to a new file and flushes them to disk before returning. */
export function writeDurably(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o640);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export async function backupTo(source: Pick<Config, 'databasePath' | 'evidenceDir'>, dir: string, now: () => Date = () => new Date()): Promise<BackupReport> {
  const t0 = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, MANIFEST)) || fs.existsSync(path.join(dir, DATABASE_FILE))) {
    throw new Error(`${dir} sudah berisi cadangan; pakai folder baru untuk setiap cadangan`);
  }
  const partial = path.join(dir, `.${DATABASE_FILE}.partial`);
  fs.rmSync(partial, { force: true });
  const createdAt = now().toISOString();
  const snap = await snapshotDatabase(source.databasePath, partial);
  const snapshotMs = Date.now() - t0;
  const broken = integrityProblems(partial);
  if (broken.length) throw new Error(`salinan basis data tidak utuh: ${broken.slice(0, 5).join('; ')}`);

  const report: BackupReport = { dir, databaseBytes: snap.bytes, chainHead: GENESIS_HASH, entries: 0, evidenceFiles: 0, evidenceBytes: 0, snapshotMs, totalMs: 0, badFiles: 0, problems: [] };
  const bad = (why: string) => {
    report.badFiles += 1;
    if (report.problems.length < 20) report.problems.push(why);
  };
  const files = new Map<string, string>();
  const store = new EvidenceStore(source.evidenceDir);
  const copy = openCopyReadOnly(partial);
  try {
    const head = new LedgerRepository(copy).head();
    report.chainHead = head?.hash ?? GENESIS_HASH;
    report.entries = head?.id ?? 0;
    for (const f of new EvidenceRepository(copy).iterate()) {
      const from = store.pathOf(f.sha256);
      if (!fs.existsSync(from)) {
        bad(`berkas bukti ${f.sha256} tidak ada di ${store.dir}`);
        continue;
      }
      const bytes = fs.readFileSync(from);
      if (createHash('sha256').update(bytes).digest('hex') !== f.sha256 || bytes.length !== f.size) {
        bad(`berkas bukti ${f.sha256} di ${store.dir} rusak atau diganti (isinya tidak cocok dengan hash-nya)`);
        continue;
      }
      writeDurably(path.join(dir, evidencePath(f.sha256)), bytes);
      files.set(evidencePath(f.sha256), f.sha256);
      report.evidenceFiles += 1;
      report.evidenceBytes += bytes.length;
    }
  } finally {
    copy.close();
  }
  const dbFile = path.join(dir, DATABASE_FILE);
  fs.renameSync(partial, dbFile);
  files.set(DATABASE_FILE, sha256OfFile(dbFile));
  writeManifest(dir, { createdAt, chainHead: report.chainHead, entries: report.entries, files: new Map([...files].sort(([a], [b]) => (a === DATABASE_FILE ? -1 : b === DATABASE_FILE ? 1 : a.localeCompare(b)))) });
  report.totalMs = Date.now() - t0;
  return report;
}
