/** Opens the configured database, applies migrations and returns the services. */
import type { Config } from '../config';
import { migrateDatabase, openDatabase } from '../db/client';
import { createServices, type Services } from './services';

export function bootstrap(cfg: Pick<Config, 'databasePath'> & Partial<Pick<Config, 'evidenceDir'>>, now?: () => Date): Services {
  const db = openDatabase(cfg.databasePath);
  migrateDatabase(db);
  return createServices(db, now, cfg.evidenceDir);
}
