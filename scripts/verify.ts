/**
 * npm run verify [-- --anchor A ...] [--skip-evidence] [--skip-pixels] — checks every entry
 * balances, the hash chain, every cached balance, the triggers (by their SQL text), the audit
 * log's hash chain and the users, RT bank accounts and year rules against its history, each
 * entry's business record and facts, the signed checkpoints (signature, chain, head at its
 * count), every evidence file against its SHA-256, and every photo's decoded pixels against
 * the fingerprint recorded at upload.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app/bootstrap';
import { verifyAnchors } from '../src/app/verify-anchors';
import { verifyEvidencePixels } from '../src/app/verify-evidence';
import { verifyLedger } from '../src/app/verify-ledger';
import { verifyRiskFlags } from '../src/app/verify-risk';
import { loadConfig } from '../src/config';

// --anchor A (repeatable): something held outside the server: a chain head (64 hex), a printed
// short head with or without its entry count ("a1b2c3d4e5f60718#1234"), a QR code's text, a
// checkpoint's JSON, or a file holding one of these (a checkpoints.jsonl: one per line).
// --skip-evidence: leave out hashing the evidence files (the slow part on a large store).
// --skip-pixels: leave out decoding every photo (slower still: ~5–25 ms a photo).
const { values } = parseArgs({ options: { anchor: { type: 'string', multiple: true }, 'skip-evidence': { type: 'boolean' }, 'skip-pixels': { type: 'boolean' } } });

/** An argument naming a file is replaced by what the file holds (one anchor, or one per line of JSON). */
function anchorTexts(arg: string): string[] {
  if (!/^[0-9a-fA-F]{16,64}/.test(arg) && !arg.trim().startsWith('{') && !arg.startsWith('DANA-RT-CP1|') && fs.existsSync(arg)) {
    const text = fs.readFileSync(arg, 'utf8').trim();
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    return lines.length > 1 && lines.every((l) => l.startsWith('{')) ? lines : [text];
  }
  return [arg];
}

const anchors = (values.anchor ?? []).flatMap(anchorTexts);
const s = bootstrap(loadConfig());
const t0 = Date.now();
const r = verifyLedger(s, [], { evidence: !values['skip-evidence'] });
const anchorProblems = verifyAnchors(s, anchors);
const checkpoints = s.checkpoints.count();
const pixels = values['skip-evidence'] || values['skip-pixels'] ? null : await verifyEvidencePixels(s);
// The early-warning desk's kept flags against a recomputation (src/app/verify-risk.ts).
const risk = verifyRiskFlags(s);
s.db.close();
if (risk.problems.length) {
  r.ok = false;
  r.problems.push(...risk.problems);
}
if (anchorProblems.length) {
  r.ok = false;
  r.problems.push(...anchorProblems);
}
if (pixels?.problems.length) {
  r.ok = false;
  r.problems.push(...pixels.problems);
}
if (r.ok) {
  const files = values['skip-evidence'] ? 'berkas bukti tidak diperiksa' : `${r.evidenceFiles} berkas bukti cocok dengan hash-nya${pixels ? `, ${pixels.photos} foto cocok dengan sidik pikselnya` : ''}`;
  const desk = `; ${risk.checked} penerima: tanda risiko sama dengan hitungan ulang${risk.waiting ? ` (${risk.waiting} menunggu pembaruan)` : ''}`;
  const signed = `${checkpoints} titik periksa bertanda tangan sah${anchors.length ? `, ${anchors.length} jangkar cocok` : ''}`;
  console.log(`OK: ${r.entries} jurnal, ${r.postings} posting, rantai hash utuh; kepala rantai ${r.head}; log audit ${r.auditRows} baris, rantai utuh, kepala ${r.auditHead}; pengguna, rekening RT dan aturan tahun program sesuai riwayat audit; ${signed}; ${files}${desk} (${Date.now() - t0} ms)`);
} else {
  console.error(`RUSAK: ${r.firstBrokenEntryId !== null ? `jurnal pertama yang rusak #${r.firstBrokenEntryId}` : 'lihat rincian'}`);
  for (const p of r.problems) console.error(`- ${p}`);
  process.exit(1);
}
