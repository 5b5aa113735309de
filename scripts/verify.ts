/** npm run verify — checks every entry balances, the hash chain and every cached balance. */
import { bootstrap } from '../src/app/bootstrap';
import { verifyLedger } from '../src/app/verify-ledger';
import { loadConfig } from '../src/config';

const s = bootstrap(loadConfig());
const t0 = Date.now();
const r = verifyLedger(s);
s.db.close();
if (r.ok) {
  console.log(`OK: ${r.entries} jurnal, ${r.postings} posting, rantai hash utuh; kepala rantai ${r.head} (${Date.now() - t0} ms)`);
} else {
  console.error(`RUSAK: ${r.firstBrokenEntryId !== null ? `jurnal pertama yang rusak #${r.firstBrokenEntryId}` : 'lihat rincian'}`);
  for (const p of r.problems) console.error(`- ${p}`);
  process.exit(1);
}
