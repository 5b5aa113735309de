/**
 * The health of the running server for a load balancer or systemd (GET /healthz): the database
 * answers and takes a write (rolled back: the check leaves nothing behind), every shipped
 * migration is applied, the evidence store takes a file, and both filesystems have more free
 * space than HEALTH_MIN_FREE_MB. Each check says what failed, in a few words, never a secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { Services } from './services';

export interface Health {
  ok: boolean;
  /** 'ok' or what is wrong, per check. */
  checks: { database: string; migrations: string; evidence: string; disk: string };
  freeMb: { database: number; evidence: number };
}

const reason = (e: unknown) => ((e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e)).slice(0, 80);

function freeMbOf(dir: string): number {
  const st = fs.statfsSync(dir);
  return Math.floor((st.bavail * st.bsize) / 1024 / 1024);
}

export function checkHealth(s: Services, cfg: Pick<Config, 'healthMinFreeMb'>): Health {
  const checks: Health['checks'] = { database: 'ok', migrations: 'ok', evidence: 'ok', disk: 'ok' };
  try {
    s.health.probeWrite();
  } catch (e) {
    checks.database = `tidak dapat menulis: ${reason(e)}`;
  }
  try {
    const pending = s.health.pendingMigrations();
    if (pending > 0) checks.migrations = `${pending} migrasi belum diterapkan`;
  } catch (e) {
    checks.migrations = `tidak terbaca: ${reason(e)}`;
  }
  try {
    fs.mkdirSync(s.evidence.dir, { recursive: true });
    const probe = path.join(s.evidence.dir, `.healthz-${process.pid}`);
    const fd = fs.openSync(probe, 'w');
    try {
      fs.writeSync(fd, 'ok');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(probe, { force: true });
    }
  } catch (e) {
    checks.evidence = `tidak dapat menulis: ${reason(e)}`;
  }
  const freeMb = { database: -1, evidence: -1 };
  try {
    freeMb.database = s.db.file === ':memory:' ? Infinity : freeMbOf(path.dirname(s.db.file));
    freeMb.evidence = freeMbOf(fs.existsSync(s.evidence.dir) ? s.evidence.dir : path.dirname(s.evidence.dir));
    const low = Object.entries(freeMb).filter(([, mb]) => mb < cfg.healthMinFreeMb);
    if (low.length) checks.disk = `ruang kosong di bawah ${cfg.healthMinFreeMb} MB: ${low.map(([k, mb]) => `${k} ${mb} MB`).join(', ')}`;
  } catch (e) {
    checks.disk = `tidak terbaca: ${reason(e)}`;
  }
  return { ok: Object.values(checks).every((c) => c === 'ok'), checks, freeMb };
}
