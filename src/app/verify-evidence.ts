/**
 * Checks the evidence store against the database, for `npm run verify`: every stored file's
 * bytes must still hash to the SHA-256 that names it, with the recorded size, and every photo's
 * decoded pixels must still give the fingerprint recorded for it (the same function as at
 * upload). A file replaced, truncated or deleted on disk is named with the receipts and plans
 * that use it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fingerprintImage } from './image-fingerprint';
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

export interface PixelReport {
  photos: number;
  problems: string[];
}

/**
 * Decodes every photo with a recorded fingerprint and recomputes it (asynchronous: libvips decodes
 * on its thread pool, `parallel` at a time). A file missing on disk is verifyEvidence's to report.
 */
export async function verifyEvidencePixels(s: Services, limit = 20, parallel = 4): Promise<PixelReport> {
  const report: PixelReport = { photos: 0, problems: [] };
  const problem = (sha: string, why: string) => {
    if (report.problems.length >= limit) return;
    const users = s.evidenceFiles.usedBy(sha);
    report.problems.push(`berkas bukti ${sha}${users.length ? ` (${users.join(', ')})` : ''}: ${why}`);
  };
  const check = async (f: { sha256: string; pixelSha256: string; phash: string }) => {
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(s.evidence.pathOf(f.sha256));
    } catch {
      return;
    }
    report.photos += 1;
    const now = await fingerprintImage(bytes).catch(() => null);
    if (!now) problem(f.sha256, 'gambarnya tidak dapat dibaca lagi (rusak)');
    else if (now.pixelSha256 !== f.pixelSha256) problem(f.sha256, 'piksel gambarnya tidak cocok lagi dengan sidik piksel yang tercatat (gambar diganti)');
    else if (now.phash !== f.phash) problem(f.sha256, `sidik kemiripan gambarnya ${now.phash}, tercatat ${f.phash}`);
  };
  const running = new Set<Promise<void>>();
  for (const f of s.evidenceFiles.iterateFingerprinted()) {
    const p: Promise<void> = check(f).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= parallel) await Promise.race(running);
  }
  await Promise.all(running);
  return report;
}
