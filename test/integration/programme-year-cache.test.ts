/** The programme years kept between page reads: never stale, never frozen at a rolled-back state. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { aProgrammeYear } from '../builders';
import { freshServices } from '../helpers/db';
import { triggerProblems } from '../../src/db/triggers';

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

  it('reads the years once until a year changes: not again after commits of other data, nor inside transactions; its own change at once; nothing past a rollback', () => {
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
      expect(s.years.find(2026)?.status).toBe('open');
      const first = reads;
      // Commits of other data (every upload commits) leave the kept years in place.
      for (let i = 0; i < 3; i++) s.db.transaction(() => s.db.sqlite.prepare(`INSERT INTO risk_dirty (year, rt_id) VALUES (2026, ?) ON CONFLICT DO NOTHING`).run(9000 + i));
      s.db.transaction(() => {
        for (let i = 0; i < 5; i++) expect(s.years.find(2026)?.status).toBe('open');
      });
      expect(s.years.find(2026)?.status).toBe('open');
      expect(reads).toBe(first);
      s.db.transaction(() => {
        s.years.setStatus(2026, 'closed');
        expect(s.years.find(2026)?.status).toBe('closed');
        expect(s.years.find(2026)?.status).toBe('closed');
        expect(reads).toBe(first + 1);
      });
      expect(s.years.find(2026)?.status).toBe('closed');
      // A rolled-back change: its counter move goes back too, and the next real change reaches the
      // same counter value; the value read inside the rolled-back transaction must not come back.
      expect(() =>
        s.db.transaction(() => {
          s.years.setStatus(2026, 'open');
          expect(s.years.find(2026)?.status).toBe('open');
          throw new Error('rollback');
        }),
      ).toThrow('rollback');
      expect(s.years.find(2026)?.status).toBe('closed');
      s.db.transaction(() => expect(s.years.find(2026)?.status).toBe('closed'));
      s.db.transaction(() => s.db.sqlite.prepare(`UPDATE programme_year SET spj_due_day = spj_due_day WHERE year = 2026`).run());
      expect(s.years.find(2026)?.status).toBe('closed');
      // Another connection's write (a CLI script, a hand edit) is seen at once, inside a transaction too.
      const other = new Database(s.db.sqlite.name);
      other.prepare("UPDATE programme_year SET status = 'open' WHERE year = 2026").run();
      other.close();
      s.db.transaction(() => expect(s.years.find(2026)?.status).toBe('open'));
      // A raw write on this very connection, outside the repository, is seen at once too.
      s.db.sqlite.prepare("UPDATE programme_year SET status = 'closed' WHERE year = 2026").run();
      expect(s.years.find(2026)?.status).toBe('closed');
      s.db.sqlite.prepare('INSERT INTO programme_year_versions (year, version, effective_from, settings, created_by, created_at) SELECT year, 99, starts_on, rules, ?, ? FROM programme_year WHERE year = 2026').run('test', '2026-01-01T00:00:00Z');
      expect(s.years.versions(2026).map((v) => v.version)).toContain(99);
    } finally {
      stmt.all = all;
    }
  });

  it('a counter row deleted by hand keeps nothing: every read is made afresh, and another connection\'s change is seen', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    expect(s.years.find(2026)?.status).toBe('open');
    const other = new Database(s.db.sqlite.name);
    other.prepare('DELETE FROM year_settings_epoch').run();
    other.prepare("UPDATE programme_year SET status = 'closed' WHERE year = 2026").run();
    other.close();
    expect(s.years.find(2026)?.status).toBe('closed');
    s.db.transaction(() => expect(s.years.find(2026)?.status).toBe('closed'));
  });

  it('a counter trigger dropped by hand is named by verify (the kept years would go stale)', () => {
    const s = freshServices();
    aProgrammeYear(s, 2026);
    s.db.sqlite.exec('DROP TRIGGER year_settings_epoch_year_update');
    expect(triggerProblems(s.db).missing).toEqual(['year_settings_epoch_year_update']);
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
