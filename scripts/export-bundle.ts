/** npm run export:bundle -- --year 2026 [--kelurahan CODE] --out FILE.zip — the auditor's bundle from the command line. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app/bootstrap';
import { exportAuditBundle } from '../src/app/export-bundle';
import { loadConfig } from '../src/config';

const { values } = parseArgs({ options: { year: { type: 'string' }, kelurahan: { type: 'string' }, out: { type: 'string' } } });
const year = Number(values.year);
if (!Number.isInteger(year) || !values.out) {
  console.error('Pemakaian: npm run export:bundle -- --year 2026 [--kelurahan 3374050005] --out FILE.zip');
  process.exit(2);
}
const s = bootstrap(loadConfig());
const t0 = Date.now();
const out = fs.createWriteStream(values.out);
const done = new Promise<void>((r) => out.on('close', () => r()));
let shown = '';
try {
  await exportAuditBundle(s, { year, kelurahanCode: values.kelurahan ?? null }, out, (p) => {
    const line = `${p.step}: ${Math.floor((100 * p.done) / Math.max(1, p.total))} %`;
    if (process.stderr.isTTY && line !== shown) process.stderr.write(`\r${(shown = line).padEnd(60)}`);
  });
} catch (e) {
  // No half-written bundle left behind: a ZIP without its evidence must not pass as one.
  out.destroy();
  await done;
  fs.rmSync(values.out, { force: true });
  s.db.close();
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.error(`GAGAL: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof Error && e.message.includes('EVIDENCE_DIR')) console.error(`EVIDENCE_DIR sekarang: ${s.evidence.dir}`);
  process.exit(1);
}
await done;
if (process.stderr.isTTY) process.stderr.write('\n');
s.db.close();
console.log(`Bundel ditulis ke ${values.out} (${fs.statSync(values.out).size} byte) dalam ${Date.now() - t0} ms`);
