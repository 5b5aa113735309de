/** npm run allocate -- --year 2026 [--kelurahan CODE] — posts the year's allocation, idempotently. */
import { parseArgs } from 'node:util';
import { allocateYear } from '../src/app/allocate-year';
import { bootstrap } from '../src/app/bootstrap';
import { systemActor } from '../src/domain/access';
import { loadConfig } from '../src/config';

const { values } = parseArgs({ options: { year: { type: 'string' }, kelurahan: { type: 'string' } } });
const year = Number(values.year);
if (!Number.isInteger(year)) {
  console.error('Pemakaian: npm run allocate -- --year 2026 [--kelurahan 3374050005]');
  process.exit(2);
}
const s = bootstrap(loadConfig());
const t0 = Date.now();
const r = allocateYear(s, systemActor('cli:allocate'), { year, kelurahanCode: values.kelurahan });
s.db.close();
console.log(`${r.posted} alokasi baru (Rp${r.totalRupiah.toLocaleString('id-ID')}), ${r.alreadyAllocated} sudah ada; ${Date.now() - t0} ms`);
