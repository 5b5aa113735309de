/**
 * The SQL texts better-sqlite3 is asked to prepare while `during` runs: the statements a
 * repository really uses, for tests that hold them to their query plans.
 */
import Database from 'better-sqlite3';
import { vi } from 'vitest';

export function preparedDuring<T>(during: () => T): { sources: string[]; result: T } {
  const sources: string[] = [];
  const original = Database.prototype.prepare;
  const spy = vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, source: string) {
    sources.push(source);
    return original.call(this, source);
  });
  try {
    return { sources, result: during() };
  } finally {
    spy.mockRestore();
  }
}
