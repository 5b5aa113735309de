/**
 * The yearly storage quota of an RT (EVIDENCE_QUOTA_MB_PER_RT_YEAR, 500 MB by default): the
 * distinct files its receipts (any status: a rejected receipt's files stay on disk) and its plans
 * of a programme year hold. Checked three times: before any file is read (already full), after
 * the files streamed into the quarantine (their sizes known), and inside the transaction that
 * commits them (two uploads of one RT at once cannot both pass). The use is one range of a table
 * kept by triggers (db/0032); `verify` holds that table to the records (verifyEvidenceUsage).
 */
import { fail } from '../domain/errors';
import type { UsageRow } from './ports';
import type { Services } from './services';

export function refuseOverQuota(s: Services, rtId: number, year: number, limitBytes: number | undefined, files: ReadonlyArray<{ sha256?: string; size: number }> = []): void {
  if (limitBytes === undefined) return;
  const used = s.evidenceFiles.bytesUsedBy(rtId, year);
  const seen = new Set<string>();
  let add = 0;
  for (const f of files) {
    if (f.sha256 && (seen.has(f.sha256) || s.evidenceFiles.find(f.sha256))) continue;
    if (f.sha256) seen.add(f.sha256);
    add += f.size;
  }
  if (used + add > limitBytes || (files.length === 0 && used >= limitBytes)) {
    throw fail('evidence_quota_exceeded', { year, usedBytes: used, addBytes: add, limitBytes });
  }
}

/** Where the kept quota use (evidence_usage) differs from the records that hold the files: each row missing, sized otherwise or left over, named. */
export function verifyEvidenceUsage(s: Services, limit = 20): string[] {
  const { missing, extra } = s.evidenceFiles.usageDrift(limit);
  const name = (u: UsageRow) => `RT #${u.rtId} tahun ${u.year}, berkas ${u.sha256.slice(0, 12)}… (${u.size} byte)`;
  return [
    ...missing.map((u) => `kuota bukti ${name(u)}: dipegang catatan tetapi tidak terhitung dalam pemakaian tersimpan`),
    ...extra.map((u) => `kuota bukti ${name(u)}: terhitung dalam pemakaian tersimpan tetapi tidak dipegang catatan mana pun`),
  ];
}
