/** npm run db:seed — seeds an empty database (demo data unless NODE_ENV=production). */
import { bootstrap } from '../src/app/bootstrap';
import { isEmpty, seedDemo } from '../src/app/seed';
import { loadConfig } from '../src/config';

const cfg = loadConfig();
const s = bootstrap(cfg);
if (!isEmpty(s) && !process.argv.includes('--force')) {
  console.log('Basis data sudah berisi data; seed dilewati (pakai --force untuk melengkapi yang belum ada).');
} else {
  const t0 = Date.now();
  const r = await seedDemo(s, { production: cfg.env === 'production' });
  console.log(`Seed selesai dalam ${Date.now() - t0} ms: ${r.rts} RT, ${r.users} pengguna demo baru.`);
}
s.db.close();
