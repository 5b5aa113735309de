/** What /healthz asks the storage: can it write, and is its schema current. */
export interface HealthStore {
  /** Takes the write lock and writes in a transaction that is rolled back (throws when it cannot). */
  probeWrite(): void;
  /** Migrations shipped with the code that the database has not applied. */
  pendingMigrations(): number;
}
