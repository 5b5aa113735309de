/**
 * The composition root: opens the configured database (SQLite, the one storage engine today),
 * applies migrations and returns the services on its storage.
 */
import type { Config } from '../config';
import { migrateDatabase, openDatabase } from '../db/client';
import { sqliteStorage, type SqliteStorage } from '../db/storage';
import { createServices, type Services } from './services';

export function bootstrap(cfg: Pick<Config, 'databasePath'> & Partial<Pick<Config, 'evidenceDir'>>, now?: () => Date): SqliteStorage & Services {
  const db = openDatabase(cfg.databasePath);
  migrateDatabase(db);
  return createServices(sqliteStorage(db, now), now, cfg.evidenceDir);
}
