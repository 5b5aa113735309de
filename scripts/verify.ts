/**
 * npm run verify [-- --anchor HASH] [--skip-evidence] — checks every entry balances, the hash
 * chain, every cached balance, the triggers, each entry's business record, and every evidence
 * file against its SHA-256.
 */
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app/bootstrap';
import { verifyLedger } from '../src/app/verify-ledger';
import { loadConfig } from '../src/config';

// --anchor HASH (repeatable): a chain head recorded earlier, e.g. from an export's MANIFEST.
// --skip-evidence: leave out hashing the evidence files (the slow part on a large store).
const { values } = parseArgs({ options: { anchor: { type: 'string', multiple: true }, 'skip-evidence': { type: 'boolean' } } });
const bad = (values.anchor ?? []).filter((a) => !/^[0-9a-f]{64}$/.test(a));
if (bad.length) {
  console.error(`--anchor harus hash SHA-256 (64 karakter heksadesimal): ${bad.join(', ')}`);
  process.exit(2);
}
const s = bootstrap(loadConfig());
const t0 = Date.now();
const r = verifyLedger(s, values.anchor ?? [], { evidence: !values['skip-evidence'] });
s.db.close();
if (r.ok) {
  const files = values['skip-evidence'] ? 'berkas bukti tidak diperiksa' : `${r.evidenceFiles} berkas bukti cocok dengan hash-nya`;
  console.log(`OK: ${r.entries} jurnal, ${r.postings} posting, rantai hash utuh; kepala rantai ${r.head}; ${files} (${Date.now() - t0} ms)`);
} else {
  console.error(`RUSAK: ${r.firstBrokenEntryId !== null ? `jurnal pertama yang rusak #${r.firstBrokenEntryId}` : 'lihat rincian'}`);
  for (const p of r.problems) console.error(`- ${p}`);
  process.exit(1);
}
