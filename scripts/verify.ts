/**
 * npm run verify [-- --anchor HASH] [--skip-evidence] [--skip-pixels] — checks every entry
 * balances, the hash chain, every cached balance, the triggers (by their SQL text), the audit
 * log's hash chain and the users, RT bank accounts and year rules against its history, each entry's business record,
 * every evidence file against its SHA-256, and every photo's decoded pixels against the
 * fingerprint recorded at upload.
 */
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app/bootstrap';
import { verifyEvidencePixels } from '../src/app/verify-evidence';
import { verifyLedger } from '../src/app/verify-ledger';
import { loadConfig } from '../src/config';

// --anchor HASH (repeatable): a chain head recorded earlier, e.g. from an export's MANIFEST.
// --skip-evidence: leave out hashing the evidence files (the slow part on a large store).
// --skip-pixels: leave out decoding every photo (slower still: ~5–25 ms a photo).
const { values } = parseArgs({ options: { anchor: { type: 'string', multiple: true }, 'skip-evidence': { type: 'boolean' }, 'skip-pixels': { type: 'boolean' } } });
const bad = (values.anchor ?? []).filter((a) => !/^[0-9a-f]{64}$/.test(a));
if (bad.length) {
  console.error(`--anchor harus hash SHA-256 (64 karakter heksadesimal): ${bad.join(', ')}`);
  process.exit(2);
}
const s = bootstrap(loadConfig());
const t0 = Date.now();
const r = verifyLedger(s, values.anchor ?? [], { evidence: !values['skip-evidence'] });
const pixels = values['skip-evidence'] || values['skip-pixels'] ? null : await verifyEvidencePixels(s);
s.db.close();
if (pixels?.problems.length) {
  r.ok = false;
  r.problems.push(...pixels.problems);
}
if (r.ok) {
  const files = values['skip-evidence'] ? 'berkas bukti tidak diperiksa' : `${r.evidenceFiles} berkas bukti cocok dengan hash-nya${pixels ? `, ${pixels.photos} foto cocok dengan sidik pikselnya` : ''}`;
  console.log(`OK: ${r.entries} jurnal, ${r.postings} posting, rantai hash utuh; kepala rantai ${r.head}; log audit ${r.auditRows} baris, rantai utuh, kepala ${r.auditHead}; pengguna, rekening RT dan aturan tahun program sesuai riwayat audit; ${files} (${Date.now() - t0} ms)`);
} else {
  console.error(`RUSAK: ${r.firstBrokenEntryId !== null ? `jurnal pertama yang rusak #${r.firstBrokenEntryId}` : 'lihat rincian'}`);
  for (const p of r.problems) console.error(`- ${p}`);
  process.exit(1);
}
