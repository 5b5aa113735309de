/** npm start: migrate, seed an empty database, serve. */
import pino from 'pino';
import { openOrSeed } from '../app/first-start';
import { seedDemo } from '../app/seed';
import { createApplication } from '../app/application';
import { loadConfig } from '../config';
import { createApp } from './create-app';

const cfg = loadConfig();
const logger = pino({ level: cfg.logLevel });
const t0 = Date.now();
// A new database is seeded beside the real one and moved into place whole (a crash mid-seed is re-seeded next start).
const { s, seeded } = await openOrSeed(cfg, (fresh) => seedDemo(fresh, { production: cfg.env === 'production' }));
if (seeded) {
  logger.info({ ms: Date.now() - t0, ...seeded }, 'basis data kosong: seed diterapkan');
  if (cfg.env === 'production') logger.warn('Belum ada admin: jalankan `npm run user:create-admin -- USERNAME "Nama"`.');
}
const application = createApplication(s, cfg, logger);
application.auth.deleteExpiredSessions();
// Files whose receipt or plan never committed (a crash, a refused form) are removed after an hour,
// while the server answers (the sweep lists one directory at a time).
const sweep = () =>
  void application.maintenance.sweepEvidence().then(
    (removed) => removed && logger.info({ removed }, 'berkas bukti yatim dihapus'),
    (err: unknown) => logger.error({ err }, 'penyapuan berkas bukti gagal'),
  );
sweep();
setInterval(sweep, 60 * 60_000).unref();
const app = createApp(application, cfg, logger);
const server = app.listen(cfg.port, cfg.host, () => {
  logger.info(`Dana RT berjalan di http://localhost:${cfg.port} (basis data ${cfg.databasePath})`);
});
const stop = () => server.close(() => {
  application.maintenance.close();
  process.exit(0);
});
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
