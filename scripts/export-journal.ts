/** npm run export:journal -- --year 2025 [--kelurahan CODE] [--out FILE] — the journal in hledger format. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { bootstrap } from '../src/app/bootstrap';
import { journalChunks, journalFileName } from '../src/app/export-journal';
import { loadConfig } from '../src/config';

const { values } = parseArgs({ options: { year: { type: 'string' }, kelurahan: { type: 'string' }, out: { type: 'string' } } });
const year = Number(values.year);
if (!Number.isInteger(year)) {
  console.error('Pemakaian: npm run export:journal -- --year 2026 [--kelurahan 3374050005] [--out FILE]');
  process.exit(2);
}
const s = bootstrap(loadConfig());
if (!s.years.find(year)) {
  console.error(`Tahun program ${year} tidak ada.`);
  process.exit(1);
}
const scope = { year, kelurahanCode: values.kelurahan ?? null };
if (scope.kelurahanCode && !s.registry.findKelurahan(scope.kelurahanCode)) {
  console.error(`Kelurahan ${scope.kelurahanCode} tidak dikenal.`);
  process.exit(1);
}
const out = values.out ?? journalFileName(s, scope);
const fd = fs.openSync(out, 'w');
let entries = 0;
for (const chunk of journalChunks(s, scope)) {
  fs.writeSync(fd, chunk);
  // The header and the account declarations are chunks too; a transaction starts with its date.
  if (/^\d/.test(chunk)) entries += 1;
}
fs.closeSync(fd);
s.db.close();
console.log(`${entries} jurnal ditulis ke ${out}`);
