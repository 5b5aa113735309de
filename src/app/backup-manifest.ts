/**
 * The MANIFEST.txt of a backup folder: `sha256  path` lines (so `sha256sum -c MANIFEST.txt`
 * checks a backup without this application) under comment lines that carry the chain head
 * and entry count of the database copy. Written last: a folder without it is not a backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256OfFile } from './verify-evidence';

export const MANIFEST = 'MANIFEST.txt';
export const DATABASE_FILE = 'dana-rt.sqlite';
export const EVIDENCE_FOLDER = 'evidence';

export interface Manifest {
  createdAt: string;
  chainHead: string;
  entries: number;
  /** path (relative, forward slashes) → sha256 */
  files: Map<string, string>;
}

export function evidencePath(sha256: string): string {
  return `${EVIDENCE_FOLDER}/${sha256.slice(0, 2)}/${sha256}`;
}

export function formatManifest(m: Manifest): string {
  return [
    '# Dana RT — cadangan basis data dan berkas bukti',
    `# dibuat ${m.createdAt}`,
    `# kepala rantai hash: ${m.chainHead} (${m.entries} jurnal)`,
    '# periksa: sha256sum -c MANIFEST.txt (di folder ini); pulihkan: npm run restore -- FOLDER',
    ...[...m.files].map(([file, sha]) => `${sha}  ${file}`),
    '',
  ].join('\n');
}

/** Writes the manifest atomically (temp file, fsync, rename): it appears whole or not at all. */
export function writeManifest(dir: string, m: Manifest): void {
  const tmp = path.join(dir, `.${MANIFEST}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, formatManifest(m));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, MANIFEST));
}

const SAFE_PATH = new RegExp(`^(${DATABASE_FILE.replace('.', '\\.')}|${EVIDENCE_FOLDER}/[0-9a-f]{2}/[0-9a-f]{64})$`);

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${file} tidak ada: folder ini bukan cadangan yang lengkap`);
  const text = fs.readFileSync(file, 'utf8');
  const head = /^# kepala rantai hash: ([0-9a-f]{64}) \((\d+) jurnal\)$/m.exec(text);
  if (!head) throw new Error(`${file} tidak menyebut kepala rantai hash`);
  const files = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    // Only the names a backup writes: a manifest cannot point outside its folder.
    if (!m || !SAFE_PATH.test(m[2]!)) throw new Error(`${file}: baris tidak dikenal: ${line.slice(0, 120)}`);
    files.set(m[2]!, m[1]!);
  }
  if (!files.has(DATABASE_FILE)) throw new Error(`${file} tidak memuat ${DATABASE_FILE}`);
  return { createdAt: /^# dibuat (.+)$/m.exec(text)?.[1] ?? '', chainHead: head[1]!, entries: Number(head[2]), files };
}

/** Every file the manifest lists, present with the bytes it names; returns what is wrong. */
export function checkManifestFiles(dir: string, m: Manifest): string[] {
  const problems: string[] = [];
  for (const [rel, sha] of m.files) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) problems.push(`${rel} tidak ada`);
    else if (sha256OfFile(file) !== sha) problems.push(`${rel} tidak cocok dengan SHA-256 di MANIFEST (rusak atau diubah)`);
    else if (rel.startsWith(`${EVIDENCE_FOLDER}/`) && path.basename(rel) !== sha) problems.push(`${rel} tidak bernama sesuai isinya`);
  }
  return problems;
}
