/** The storage's side of /healthz: a write that is rolled back, and the migrations applied. */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { HealthStore } from '../app/ports';
import { MIGRATIONS_DIR, type Db } from './client';

let shipped: number[] | undefined;

export class HealthRepository implements HealthStore {
  constructor(private readonly db: Db) {}

  probeWrite(): void {
    const { sqlite } = this.db;
    // Between requests nothing holds a transaction on this connection (use cases are synchronous).
    if (sqlite.inTransaction) return;
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      sqlite
        .prepare(`INSERT INTO audit_log (at, actor_name, actor_role, action, target_type, summary) VALUES (?, 'healthz', 'system', 'health.probe', 'none', '{}')`)
        .run(new Date().toISOString());
    } finally {
      sqlite.exec('ROLLBACK');
    }
  }

  pendingMigrations(): number {
    shipped ??= readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((m) => m.folderMillis);
    const last = this.db.sqlite.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null } | undefined;
    const applied = Number(last?.at ?? 0);
    return shipped.filter((when) => when > applied).length;
  }
}
