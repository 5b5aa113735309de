/**
 * npm run bench:allocate -- [--rts 10628] — measures importing a whole city's RTs and posting
 * the year's allocation through the application's own use cases, on a temporary database,
 * and then `verify`. Prints one line per step.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { allocateYear } from '../src/app/allocate-year';
import { bootstrap } from '../src/app/bootstrap';
import { assertImportOk, importRts, importWilayah } from '../src/app/import-registry';
import { createProgrammeYear } from '../src/app/create-programme-year';
import { SEED_DIR } from '../src/app/seed';
import { verifyLedger } from '../src/app/verify-ledger';
import { systemActor } from '../src/domain/access';

const { values } = parseArgs({ options: { rts: { type: 'string', default: '10628' }, keep: { type: 'string' } } });
const total = Number(values.rts);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-bench-'));
// --keep FILE: keep the city database (for measuring exports on it).
const s = bootstrap({ databasePath: values.keep ? path.resolve(values.keep) : path.join(dir, 'bench.sqlite') });
const actor = systemActor('bench');
const time = <T>(label: string, fn: () => T): T => {
  const t0 = process.hrtime.bigint();
  const r = fn();
  console.log(`${label.padEnd(34)} ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0).padStart(7)} ms`);
  return r;
};

const wilayah = fs.readFileSync(path.join(SEED_DIR, 'semarang-wilayah.csv'), 'utf8');
time('import wilayah (172 kelurahan)', () => assertImportOk(importWilayah(s, actor, wilayah)));
const kelurahan = wilayah.trim().split('\n').slice(1).map((l) => l.split(',')[2]!);
const lines = ['kelurahan_code,rw,rt,chair_name,bank_account'];
for (let i = 0; i < total; i++) {
  const k = kelurahan[i % kelurahan.length]!;
  const n = Math.floor(i / kelurahan.length);
  lines.push(`${k},${Math.floor(n / 8) + 1},${(n % 8) + 1},Ketua ${i},${String(2000000000 + i)}`);
}
time(`import ${total} RTs`, () => assertImportOk(importRts(s, actor, lines.join('\n'))));
createProgrammeYear(s, actor, 2026);
const r = time(`allocate ${total} RTs`, () => allocateYear(s, actor, { year: 2026 }));
time('allocate again (idempotent)', () => allocateYear(s, actor, { year: 2026 }));
const v = time('verify', () => verifyLedger(s));
console.log(`posted ${r.posted} entries, Rp${r.totalRupiah.toLocaleString('id-ID')}; verify ${v.ok ? 'OK' : 'BROKEN'} (${v.entries} entries)`);
s.db.close();
fs.rmSync(dir, { recursive: true, force: true });
