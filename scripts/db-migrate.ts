/** npm run db:migrate — applies the drizzle-kit migrations in db/ to DATABASE_PATH. */
import { bootstrap } from '../src/app/bootstrap';
import { loadConfig } from '../src/config';

const cfg = loadConfig();
const s = bootstrap(cfg);
console.log(`Migrasi diterapkan pada ${cfg.databasePath}`);
s.db.close();
