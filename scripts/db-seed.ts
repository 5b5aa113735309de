/** npm run db:seed — seeds an empty database (demo data unless NODE_ENV=production). */
import { bootstrap } from '../src/app/bootstrap';
import { openOrSeed } from '../src/app/first-start';
import { seedDemo } from '../src/app/seed';
import { loadConfig } from '../src/config';

const cfg = loadConfig();
const production = cfg.env === 'production';
const t0 = Date.now();
if (process.argv.includes('--force')) {
  // Fills in what is missing, in place.
  const s = bootstrap(cfg);
  const r = await seedDemo(s, { production });
  console.log(`Seed selesai dalam ${Date.now() - t0} ms: ${r.rts} RT, ${r.users} pengguna demo baru.`);
  s.db.close();
} else {
  // A new database is seeded beside the real one and moved into place whole, as at npm start.
  const { s, seeded } = await openOrSeed(cfg, (fresh) => seedDemo(fresh, { production }));
  if (seeded) console.log(`Seed selesai dalam ${Date.now() - t0} ms: ${seeded.rts} RT, ${seeded.users} pengguna demo baru.`);
  else console.log('Basis data sudah berisi data; seed dilewati (pakai --force untuk melengkapi yang belum ada).');
  s.db.close();
}
