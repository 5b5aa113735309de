/** The programme years kept between page reads: never stale, never frozen at a rolled-back state. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { aProgrammeYear } from '../builders';
import { freshServices } from '../helpers/db';

describe('programme years read by pages', () => {
  it('sees a change committed by another connection (a CLI script) from the next turn of the event loop', async () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    expect(s.years.find(2026)?.status).toBe('open');
    const other = new Database(s.db.sqlite.name);
    other.prepare("UPDATE programme_year SET status = 'closed' WHERE year = 2026").run();
    other.close();
    await new Promise((r) => setImmediate(r));
    expect(s.years.find(2026)?.status).toBe('closed');
    expect(s.years.current('2026-08-01')?.status).toBe('closed');
  });

  it("sees this process's own writes, and keeps nothing read inside a transaction that rolled back", () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    expect(s.years.years()).toEqual([2026]);
    aProgrammeYear(s, 2027);
    expect(s.years.years()).toEqual([2026, 2027]);
    expect(() =>
      s.db.transaction(() => {
        s.years.setStatus(2026, 'closed');
        expect(s.years.find(2026)?.status).toBe('closed');
        throw new Error('rollback');
      }),
    ).toThrow('rollback');
    expect(s.years.find(2026)?.status).toBe('open');
  });

  it('inside a write transaction reads the years once, sees its own writes at once, and keeps nothing past a rollback', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    let reads = 0;
    const stmt = Object.getPrototypeOf(s.db.sqlite.prepare('SELECT 1')) as { all: (...a: unknown[]) => unknown };
    const all = stmt.all;
    stmt.all = function (this: { source: string }, ...a: unknown[]) {
      if (/from "programme_year" order by/.test(this.source)) reads += 1;
      return all.apply(this, a);
    };
    try {
      s.db.transaction(() => {
        for (let i = 0; i < 5; i++) expect(s.years.find(2026)?.status).toBe('open');
        expect(reads).toBe(1);
        s.years.setStatus(2026, 'closed');
        expect(s.years.find(2026)?.status).toBe('closed');
        expect(reads).toBe(2);
      });
      expect(s.years.find(2026)?.status).toBe('closed');
      expect(() =>
        s.db.transaction(() => {
          s.years.setStatus(2026, 'open');
          expect(s.years.find(2026)?.status).toBe('open');
          throw new Error('rollback');
        }),
      ).toThrow('rollback');
      s.db.transaction(() => expect(s.years.find(2026)?.status).toBe('closed'));
      // Another connection's write between two transactions is seen by the next one.
      const other = new Database(s.db.sqlite.name);
      other.prepare("UPDATE programme_year SET status = 'open' WHERE year = 2026").run();
      other.close();
      s.db.transaction(() => expect(s.years.find(2026)?.status).toBe('open'));
    } finally {
      stmt.all = all;
    }
  });

  it('picks the year containing today, else the latest', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    aProgrammeYear(s, 2027);
    const y2026 = s.years.find(2026)!;
    expect(s.years.current(y2026.startsOn)?.year).toBe(2026);
    expect(s.years.current('2040-01-01')?.year).toBe(2027);
  });

  it('shares parsed rules frozen, so no caller can change them for the next page', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    const y = s.years.find(2026)!;
    expect(() => {
      (y.gates as unknown as Record<string, unknown>).spjRequired = false;
    }).toThrow(TypeError);
    expect(s.years.find(2026)!.gates).toEqual(y.gates);
  });
});
