/**
 * The first start of a new install: the seed takes seconds and many transactions, so it is
 * built in a side file and moved into place whole. A crash during the seed leaves the
 * database blank (or absent), and the next start simply seeds again; it never leaves a
 * half-seeded database that looks seeded (no RTs, no users, a year missing) and would need
 * manual repair.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { bootstrap } from './bootstrap';
import { isEmpty } from './seed';
import type { Services } from './services';

/** Nothing at all yet: no wilayah, no year, no user (an admin created before the first start counts). */
function isBlank(s: Services): boolean {
  return isEmpty(s) && s.users.count() === 0;
}

const sidecars = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens the configured database; a blank one is replaced by a freshly seeded one (built beside
 * it, then renamed over it). `seeded` is what the seed returned, when it ran.
 */
export async function openOrSeed<T>(
  cfg: Pick<Config, 'databasePath' | 'evidenceDir'>,
  seed: (s: Services) => Promise<T>,
): Promise<{ s: Services; seeded?: T }> {
  const s = bootstrap(cfg);
  if (!isEmpty(s)) return { s };
  if (!isBlank(s)) return { s, seeded: await seed(s) };
  s.db.close();
  const side = `${cfg.databasePath}.seeding`;
  for (const f of sidecars(side)) fs.rmSync(f, { force: true });
  const fresh = bootstrap({ databasePath: side, evidenceDir: cfg.evidenceDir });
  let seeded: T;
  try {
    seeded = await seed(fresh);
    fresh.db.checkpoint();
  } finally {
    fresh.db.close();
  }
  // The blank database was closed above; its WAL, if any, holds only the migrations.
  for (const f of sidecars(cfg.databasePath).slice(1)) fs.rmSync(f, { force: true });
  fs.renameSync(side, cfg.databasePath);
  syncDir(path.dirname(cfg.databasePath));
  return { s: bootstrap(cfg), seeded };
}
