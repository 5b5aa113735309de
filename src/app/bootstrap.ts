/**
 * The composition root: opens the configured database (SQLite, the one storage engine today),
 * applies migrations and returns the services on its storage.
 */
import type { Config } from '../config';
import { migrateDatabase, openDatabase, openReadSnapshot } from '../db/client';
import { sqliteStorage, type SqliteStorage } from '../db/storage';
import { createServices, type Services } from './services';

export function bootstrap(cfg: Pick<Config, 'databasePath'> & Partial<Pick<Config, 'evidenceDir' | 'signingKeyPath'>>, now?: () => Date): SqliteStorage & Services {
  const db = openDatabase(cfg.databasePath);
  migrateDatabase(db);
  return createServices(sqliteStorage(db, now), now, cfg.evidenceDir, cfg.signingKeyPath);
}

/**
 * The services on a read-only connection holding one snapshot of an existing, migrated database
 * (the child process that builds an audit bundle: it never writes and never migrates).
 */
export function bootstrapReadOnly(cfg: Pick<Config, 'databasePath' | 'evidenceDir'> & Partial<Pick<Config, 'signingKeyPath'>>, now?: () => Date): SqliteStorage & Services {
  return createServices(sqliteStorage(openReadSnapshot(cfg.databasePath), now), now, cfg.evidenceDir, cfg.signingKeyPath);
}
