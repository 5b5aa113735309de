/**
 * npm run bench:data -- --rts 10628 --out FILE [--seed 2025] [--evidence none|fast|store] [--receipts-per-month 12] [--time-sql]
 * Generates a whole programme year of a city through the application's use cases into a new
 * SQLite file (see scripts/lib/city-year.ts for the story), then runs verify on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app/bootstrap';
import { verifyLedger } from '../src/app/verify-ledger';
import { generateCityYear } from './lib/city-year';
import { timeSqlStatements } from './lib/bench-raw-sql';

const { values } = parseArgs({
  options: {
    rts: { type: 'string', default: '10628' },
    out: { type: 'string' },
    seed: { type: 'string', default: '2025' },
    evidence: { type: 'string', default: 'none' },
    'receipts-per-month': { type: 'string', default: '12' },
    // For `npm run bench -- --data FILE`: December's SPJs are left for the benchmark's deadline rush.
    'leave-last-spj': { type: 'boolean', default: false },
    // How much of the generation is SQLite itself: every statement call timed (adds ~0,2 µs a call).
    'time-sql': { type: 'boolean', default: false },
  },
});
if (!values.out) {
  console.error('Pemakaian: npm run bench:data -- --rts 10628 --out FILE.sqlite [--seed N] [--evidence none|fast|store]');
  process.exit(2);
}
const out = path.resolve(values.out);
if (fs.existsSync(out)) {
  console.error(`${out} sudah ada; pilih nama lain atau hapus dulu.`);
  process.exit(2);
}
const s = bootstrap({ databasePath: out, evidenceDir: `${out}.evidence` });
const sqlTime = values['time-sql'] ? timeSqlStatements() : null;
const t0 = performance.now();
const stats = await generateCityYear(s, { rts: Number(values.rts), seed: Number(values.seed), evidence: values.evidence as 'store' | 'fast' | 'none', receiptsPerMonth: Number(values['receipts-per-month']), leaveLastSpj: values['leave-last-spj'], log: console.log });
const total = (performance.now() - t0) / 1000;
const sql = sqlTime?.();
const v = verifyLedger(s, [], { evidence: values.evidence !== 'none' });
s.db.checkpoint();
s.db.close();
console.log(
  `${stats.rts} RT in ${stats.kelurahan} kelurahan: ${stats.plans} plans, ${stats.tranches} tranches, ${stats.receipts} receipts ` +
    `(${stats.verified} verified, ${stats.rejected} rejected, ${stats.reversed} reversed), ${stats.spj} SPJ, ${stats.evidenceFiles} evidence files`,
);
console.log(`${stats.entries} entries, ${stats.postings} postings in ${total.toFixed(1)} s (${Math.round(stats.entries / total)} entries/s); verify ${v.ok ? 'OK' : 'BROKEN'}`);
if (sql) {
  console.log(
    `SQLite statements: ${sql.statements} (${(sql.statements / stats.receipts).toFixed(1)} per receipt), ${sql.seconds.toFixed(1)} s of the ${total.toFixed(1)} s ` +
      `(${((100 * sql.seconds) / total).toFixed(0)} %), ${((sql.seconds * 1e6) / sql.statements).toFixed(1)} µs each`,
  );
  console.log('The statements that took longest:');
  for (const t of sql.top(15)) console.log(`  ${t.seconds.toFixed(2).padStart(7)} s ${String(t.calls).padStart(8)}× ${t.source.replace(/\s+/g, ' ').slice(0, 220)}`);
}
if (!v.ok) process.exit(1);
