/** Fresh databases for tests: each test gets its own SQLite file, migrated (and seeded on request). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../../src/app/bootstrap';
import { seedDemo } from '../../src/app/seed';
import { createServices, type Services as AppServices } from '../../src/app/services';
import { openDatabase } from '../../src/db/client';
import { sqliteStorage, type SqliteStorage } from '../../src/db/storage';
import { afterAll } from 'vitest';

/** The services as tests hold them: the application's, still on the SQLite handle (tests may reach the file). */
export type Services = SqliteStorage & AppServices;

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-test-'));
// The test file's databases go when the file is done (its after-hooks run first: this one was
// registered at import, before any of the file's own). Set KEEP_TEST_DBS=1 to look at them.
afterAll(() => {
  if (!process.env.KEEP_TEST_DBS) fs.rmSync(TMP, { recursive: true, force: true });
});
let counter = 0;

export function tempDbPath(): string {
  counter += 1;
  return path.join(TMP, `db-${process.pid}-${counter}.sqlite`);
}

/** A migrated, empty database. */
export function freshServices(now?: () => Date): Services {
  const file = tempDbPath();
  return bootstrap({ databasePath: file, evidenceDir: `${file}.evidence` }, now);
}

let template: Promise<string> | undefined;

/** The demo seed, built once per worker and copied for each test (tests share no state). */
async function seededTemplate(): Promise<string> {
  const file = tempDbPath();
  const s = bootstrap({ databasePath: file, evidenceDir: `${file}.evidence` });
  await seedDemo(s, { production: false });
  s.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  s.db.close();
  return file;
}

export async function seededServices(now?: () => Date): Promise<Services> {
  template ??= seededTemplate();
  const file = tempDbPath();
  const source = await template;
  fs.copyFileSync(source, file);
  if (fs.existsSync(`${source}.evidence`)) fs.cpSync(`${source}.evidence`, `${file}.evidence`, { recursive: true });
  return createServices(sqliteStorage(openDatabase(file), now), now, `${file}.evidence`);
}
