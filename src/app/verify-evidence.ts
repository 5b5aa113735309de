/**
 * Checks the evidence store against the database, for `npm run verify`: every stored file's
 * bytes must still hash to the SHA-256 that names it, with the recorded size. A file replaced,
 * truncated or deleted on disk is named with the receipts and plans that use it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Services } from './services';

export interface EvidenceReport {
  files: number;
  bytes: number;
  problems: string[];
}

/** SHA-256 of a file read in chunks (memory stays flat for a 10 MB photo or a whole city). */
export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function verifyEvidence(s: Services, limit = 20): EvidenceReport {
  const report: EvidenceReport = { files: 0, bytes: 0, problems: [] };
  const problem = (sha: string, why: string) => {
    if (report.problems.length >= limit) return;
    const users = s.evidenceFiles.usedBy(sha);
    report.problems.push(`berkas bukti ${sha}${users.length ? ` (${users.join(', ')})` : ''}: ${why}`);
  };
  for (const f of s.evidenceFiles.iterate()) {
    report.files += 1;
    const file = s.evidence.pathOf(f.sha256);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      problem(f.sha256, `tidak ada di ${s.evidence.dir} (dihapus atau dipindah)`);
      continue;
    }
    report.bytes += size;
    if (size !== f.size) {
      problem(f.sha256, `ukurannya ${size} byte, tercatat ${f.size} byte (isi diganti atau terpotong)`);
      continue;
    }
    if (sha256OfFile(file) !== f.sha256) problem(f.sha256, 'isinya tidak cocok lagi dengan SHA-256 namanya (isi diganti atau rusak)');
  }
  return report;
}
