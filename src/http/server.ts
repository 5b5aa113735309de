/** npm start: migrate, seed an empty database, serve; on SIGTERM/SIGINT finish what is in flight and stop cleanly. */
import { todayWib } from '../domain/calendar';
import pino from 'pino';
import { openOrSeed } from '../app/first-start';
import { seedDemo } from '../app/seed';
import { createApplication } from '../app/application';
import { loadConfig, type Config } from '../config';
import { createApp } from './create-app';
import { startLoopDelayMonitor } from './loop-delay';

let cfg: Config;
try {
  cfg = loadConfig();
} catch (e) {
  // A wrong setting (TRUST_PROXY=true, a bad number) stops the start with the reason, not a stack.
  console.error(`Konfigurasi tidak valid: ${(e as Error).message}`);
  process.exit(1);
}
const logger = pino({ level: cfg.logLevel });
const t0 = Date.now();
// A new database is seeded beside the real one and moved into place whole (a crash mid-seed is re-seeded next start).
const { s, seeded } = await openOrSeed(cfg, (fresh) => seedDemo(fresh, { production: cfg.env === 'production' }));
if (seeded) {
  logger.info({ ms: Date.now() - t0, ...seeded }, 'basis data kosong: seed diterapkan');
  if (cfg.env === 'production') logger.warn('Belum ada admin: jalankan `npm run user:create-admin -- USERNAME "Nama"`.');
}
const application = createApplication(s, cfg, logger);
// Signed checkpoints: the first one at the first start, then at least daily (at start when the
// latest is older than a day, and on an hourly look). A key file that cannot be used stops the start.
const checkpointWhenDue = () => {
  const c = application.checkpoints.ensureRecent();
  if (c) logger.info({ seq: c.seq, entryCount: c.entryCount, head: c.head, reason: c.reason }, 'titik periksa buku besar ditandatangani');
};
try {
  checkpointWhenDue();
} catch (e) {
  console.error(`Titik periksa tidak dapat ditandatangani: ${(e as Error).message}`);
  process.exit(1);
}
setInterval(() => {
  try {
    checkpointWhenDue();
  } catch (err) {
    logger.error({ err }, 'titik periksa harian gagal ditandatangani');
  }
}, 60 * 60_000).unref();
application.auth.deleteExpiredSessions();
// Files whose receipt or plan never committed (a crash, a refused form) are removed after an hour,
// while the server answers (the sweep lists one directory at a time).
const sweep = () =>
  void application.maintenance.sweepEvidence().then(
    (removed) => removed && logger.info({ removed }, 'berkas bukti yatim dihapus'),
    (err: unknown) => logger.error({ err }, 'penyapuan berkas bukti gagal'),
  );
// Uploads left in the quarantine by a crash (no request is in flight yet): removed now.
await application.maintenance.clearQuarantine();
sweep();
setInterval(sweep, 60 * 60_000).unref();
// The WAL folded back into the database file on a schedule (besides after each export), without
// waiting for readers: frames a long download's snapshot still needs stay until it ends or is cut.
if (cfg.walCheckpointSeconds > 0) {
  setInterval(() => {
    try {
      const r = application.maintenance.walCheckpoint();
      if (r.logFrames > r.checkpointedFrames) logger.debug({ ...r, openSnapshots: application.maintenance.openSnapshots() }, 'WAL belum terlipat seluruhnya (ada pembaca)');
    } catch (err) {
      logger.warn({ err }, 'checkpoint WAL gagal');
    }
  }, cfg.walCheckpointSeconds * 1000).unref();
}
// The WAL folded by a thread of its own every WAL_FOLD_MS, not inside the commits of the thread
// that serves requests (src/db/background-checkpoint.ts); a thread that fails gives the commits
// their own folding back.
const folding = cfg.walFoldMs > 0 ? application.maintenance.foldInBackground(cfg.walFoldMs, (err) => logger.error({ err }, 'utas checkpoint WAL berhenti: commit kembali melipat WAL sendiri')) : null;
// The notification outbox's delivery worker and scheduler tick (NOTIFY_WORKER_MS, NOTIFY_TICK_MS).
application.notifications.start();
// Aduan warga: complaints unanswered past their step's deadline escalate (kecamatan desk, then
// the city) at start and every 15 minutes; bounded per tick, idempotent. Pages show the step at read time anyway.
const escalate = () => {
  try {
    const n = application.complaints.escalateDue();
    if (n) logger.info({ escalated: n }, 'aduan warga dialihkan karena lewat tenggat');
  } catch (err) {
    logger.error({ err }, 'eskalasi aduan gagal');
  }
};
escalate();
setInterval(escalate, 15 * 60_000).unref();
// The early-warning desk (deteksi dini): every 10 s the waiting refreshes are drained in slices of
// ~20 ms (requests run between slices), at most ~2 s a tick; once a day the grantees computed before
// today are marked (time moves SPJ delays); the weekly summary, at the first tick of each day that
// finds nothing waiting (so it reads current flags without draining the city in one go).
let deskDay = '';
let deskWeek = '';
let deskBusy = false;
setInterval(() => {
  if (deskBusy) return;
  deskBusy = true;
  void (async () => {
    const today = todayWib(new Date());
    if (today !== deskDay) {
      deskDay = today;
      application.desk.markStale();
    }
    const drained = await application.desk.drainInSlices();
    if (deskWeek !== today && drained.waiting === 0) {
      deskWeek = today;
      // Each desk's weekly summary goes to its pengawas through the notification outbox, once per user and
      // ISO week (the outbox's dedupe key, so a restart or a Monday missed while down neither repeats nor skips it).
      const sent = application.desk.sendWeeklySummaries();
      if (sent) logger.info({ desks: sent }, 'ringkasan mingguan meja pengawasan dikirim ke kotak keluar');
    }
  })()
    .catch((err: unknown) => logger.error({ err }, 'pembaruan tanda risiko gagal'))
    .finally(() => {
      deskBusy = false;
    });
}, 10_000).unref();
startLoopDelayMonitor();
const app = createApp(application, cfg, logger);
const server = app.listen(cfg.port, cfg.host, () => {
  logger.info(`Dana RT berjalan di http://localhost:${cfg.port} (basis data ${cfg.databasePath})`);
});

/**
 * Graceful stop: accept no new connection, let requests in flight finish (at most
 * SHUTDOWN_TIMEOUT_MS, then their connections are cut), fold the WAL into the database file,
 * close it, exit 0. Keep-alive connections are closed as soon as they fall idle.
 */
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  const t = Date.now();
  logger.info({ signal }, 'berhenti: tidak menerima permintaan baru, menyelesaikan yang sedang berjalan');
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => {
    logger.warn({ afterMs: cfg.shutdownTimeoutMs }, 'batas waktu berhenti: koneksi yang tersisa diputus');
    server.closeAllConnections();
  }, cfg.shutdownTimeoutMs);
  void application.notifications.stop();
  server.close(async () => {
    clearInterval(idle);
    clearTimeout(cut);
    await folding?.stop();
    try {
      application.maintenance.checkpoint();
      application.maintenance.close();
    } catch (err) {
      logger.error({ err }, 'menutup basis data gagal');
      process.exit(1);
    }
    logger.info({ ms: Date.now() - t }, 'server berhenti dengan bersih');
    process.exit(0);
  });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
