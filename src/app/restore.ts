/**
 * `npm run restore -- DIR [--force]`: brings a backup back into DATABASE_PATH and EVIDENCE_DIR.
 *
 * - Nothing is touched until the backup is proven sound: every file against the MANIFEST,
 *   then the database copy (on a temporary file beside the target, migrated as `npm start`
 *   would) through the whole of verify, its chain head equal to the MANIFEST's.
 * - An existing database is never overwritten without --force (a running server may hold it:
 *   stop it first); with --force it is moved aside, with its -wal and -shm, not deleted.
 * - Evidence files go in before the database (the store's rule: a row never points to a
 *   missing file); the database arrives by one rename.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { migrateDatabase, openDatabase } from '../db/client';
import { sqliteStorage } from '../db/storage';
import { checkManifestFiles, DATABASE_FILE, EVIDENCE_FOLDER, readManifest } from './backup-manifest';
import { writeDurably } from './backup';
import { EvidenceStore } from './evidence-store';
import { createServices } from './services';
import { sha256OfFile } from './verify-evidence';
import { verifyLedger } from './verify-ledger';

export class RestoreRefused extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export interface RestoreReport {
  databasePath: string;
  evidenceDir: string;
  chainHead: string;
  entries: number;
  evidenceFiles: number;
  /** Files written into the store (the others were already there with the right bytes). */
  evidenceCopied: number;
  /** Where the database that was replaced now is (with --force), or null. */
  movedAside: string | null;
  ms: number;
}

const SIDE_FILES = ['', '-wal', '-shm'];

const removeWithSideFiles = (file: string) => SIDE_FILES.forEach((x) => fs.rmSync(`${file}${x}`, { force: true }));

export function restoreFrom(dir: string, target: Pick<Config, 'databasePath' | 'evidenceDir'>, opts: { force?: boolean; now?: () => Date } = {}): RestoreReport {
  const t0 = Date.now();
  const manifest = readManifest(dir);
  const damaged = checkManifestFiles(dir, manifest);
  if (damaged.length) throw new RestoreRefused(`cadangan di ${dir} rusak; tidak ada yang dipulihkan`, damaged);

  const present = fs.existsSync(target.databasePath) || fs.existsSync(`${target.databasePath}-wal`);
  if (present && !opts.force) {
    throw new RestoreRefused(
      `${target.databasePath} sudah ada dan mungkin sedang dipakai server. Hentikan server, lalu ulangi dengan --force ` +
        '(basis data lama dipindahkan ke samping, tidak dihapus).',
    );
  }

  // The copy is checked where it will live (same folder, so the final step is one rename).
  fs.mkdirSync(path.dirname(target.databasePath), { recursive: true });
  const tmp = `${target.databasePath}.restore-${randomBytes(6).toString('hex')}`;
  fs.copyFileSync(path.join(dir, DATABASE_FILE), tmp);
  try {
    const db = openDatabase(tmp);
    try {
      migrateDatabase(db);
      const r = verifyLedger(createServices(sqliteStorage(db, opts.now), opts.now, path.join(dir, EVIDENCE_FOLDER)), [manifest.chainHead]);
      const problems = [...r.problems];
      if (r.head !== manifest.chainHead) problems.push(`kepala rantai salinan ${r.head} bukan ${manifest.chainHead} seperti di MANIFEST`);
      if (problems.length) throw new RestoreRefused(`salinan basis data di ${dir} tidak lolos verifikasi; tidak ada yang dipulihkan`, problems);
    } finally {
      db.close();
    }
  } catch (e) {
    removeWithSideFiles(tmp);
    throw e;
  }

  const store = new EvidenceStore(target.evidenceDir);
  let evidenceFiles = 0;
  let evidenceCopied = 0;
  for (const [rel, sha] of manifest.files) {
    if (!rel.startsWith(`${EVIDENCE_FOLDER}/`)) continue;
    evidenceFiles += 1;
    const dest = store.pathOf(sha);
    if (fs.existsSync(dest) && sha256OfFile(dest) === sha) continue;
    writeDurably(dest, fs.readFileSync(path.join(dir, rel)));
    evidenceCopied += 1;
  }

  let movedAside: string | null = null;
  if (present) {
    const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    movedAside = `${target.databasePath}.before-restore-${stamp}`;
    for (const x of SIDE_FILES) if (fs.existsSync(`${target.databasePath}${x}`)) fs.renameSync(`${target.databasePath}${x}`, `${movedAside}${x}`);
  } else {
    // A stray -wal or -shm of some earlier database must never be replayed into the restored one.
    for (const x of SIDE_FILES.slice(1)) fs.rmSync(`${target.databasePath}${x}`, { force: true });
  }
  fs.renameSync(tmp, target.databasePath);
  const fd = fs.openSync(path.dirname(target.databasePath), 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return {
    databasePath: target.databasePath,
    evidenceDir: target.evidenceDir,
    chainHead: manifest.chainHead,
    entries: manifest.entries,
    evidenceFiles,
    evidenceCopied,
    movedAside,
    ms: Date.now() - t0,
  };
}
