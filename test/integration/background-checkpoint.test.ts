/**
 * The WAL folded by a thread of its own (src/db/background-checkpoint.ts): the writer's commits stop
 * folding only while the thread folds, get their folding back when it stops or fails, and the
 * thread's folds reach the database file while the writer goes on.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startBackgroundCheckpoints, WRITER_AUTOCHECKPOINT_PAGES, WRITER_FALLBACK_PAGES, type FoldReport } from '../../src/db/background-checkpoint';
import { openDatabase } from '../../src/db/client';
import { tempDbPath } from '../helpers/db';

const autocheckpoint = (db: Database.Database) => db.pragma('wal_autocheckpoint', { simple: true }) as number;
const until = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** Pages the log holds beyond what is in the database file, asked from outside (a connection of the test's own, which folds nothing: NOOP is not a mode, so PASSIVE on an empty log). */
const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

function writerWithTable() {
  const file = tempDbPath();
  const db = openDatabase(file);
  db.sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return { file, db };
}

const write = (db: ReturnType<typeof openDatabase>, n: number) => {
  for (let i = 0; i < n; i++) db.transaction(() => db.sqlite.prepare('INSERT INTO t (body) VALUES (?)').run('x'.repeat(3000)));
};

describe('the WAL folded from a thread of its own', () => {
  it('moves the writer\'s own folding to its fallback only once the thread has folded, and back to 1000 pages when stopped', async () => {
    const { db } = writerWithTable();
    expect(autocheckpoint(db.sqlite)).toBe(WRITER_AUTOCHECKPOINT_PAGES);
    const folds: FoldReport[] = [];
    const bg = startBackgroundCheckpoints(db.sqlite, 20, { onFold: (r) => folds.push(r) });
    expect(bg.running()).toBe(false);
    await until(() => bg.running());
    expect(autocheckpoint(db.sqlite)).toBe(WRITER_FALLBACK_PAGES);
    await bg.stop();
    expect(bg.running()).toBe(false);
    expect(autocheckpoint(db.sqlite)).toBe(WRITER_AUTOCHECKPOINT_PAGES);
    expect(folds.length).toBeGreaterThan(0);
    db.close();
  });

  it('folds what the writer commits meanwhile: the log is folded whole without the writer folding, and the file holds every row', async () => {
    const { file, db } = writerWithTable();
    const folds: FoldReport[] = [];
    const bg = startBackgroundCheckpoints(db.sqlite, 20, { onFold: (r) => folds.push(r) });
    await until(() => bg.running());
    // Past SQLite's 1000 pages: with its folding off, the writer alone would leave all of them in the log.
    write(db, 1500);
    // Reports of folds run during the writes arrive now; then two folds run after the last commit.
    await new Promise((r) => setTimeout(r, 100));
    const after = folds.length;
    await until(() => folds.length >= after + 2);
    const last = folds.at(-1)!;
    expect(last.checkpointedFrames).toBe(last.logFrames);
    // 1500 commits of one page stay under the writer's fallback: the thread folded them, while the writes went on.
    expect(autocheckpoint(db.sqlite)).toBe(WRITER_FALLBACK_PAGES);
    await bg.stop();
    // The database file alone (no log beside it) holds every row: copy it without its -wal.
    const copy = `${file}.copy`;
    fs.copyFileSync(file, copy);
    const alone = new Database(copy, { readonly: true });
    expect(alone.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1500);
    alone.close();
    db.close();
  });

  it('commits so fast that one always lands during a fold: the log still starts over, within three times the writer\'s fallback (a reviewer\'s run without it reached 1,3 GB)', async () => {
    const { file, db } = writerWithTable();
    const bg = startBackgroundCheckpoints(db.sqlite, 20);
    await until(() => bg.running());
    const ins = db.sqlite.prepare('INSERT INTO t (body) VALUES (?)');
    let largest = 0;
    let commits = 0;
    const end = Date.now() + 2500;
    while (Date.now() < end) {
      db.transaction(() => ins.run('x'.repeat(3000)));
      commits += 1;
      if (commits % 50 === 0) largest = Math.max(largest, walBytes(file));
      // The thread folds between commits: the event loop turns, nothing waits.
      await new Promise((r) => setImmediate(r));
    }
    await bg.stop();
    db.close();
    expect(commits).toBeGreaterThan(WRITER_FALLBACK_PAGES * 2);
    // A frame is a page of 4096 bytes and a header of 24. The writer's fold begins at the fallback
    // and may find the thread folding (then a later commit tries again), so the log grows by what
    // is committed during one of the thread's folds: measured 4,100–8,000 frames at ~19,000
    // commits/s over 5 s; with no fallback, 651 MB in this test. Three times the fallback at most.
    expect(largest).toBeLessThan(WRITER_FALLBACK_PAGES * 3 * 4120);
  });

  it('the writer folds by itself when nothing folds for it (the default, and a server run with WAL_FOLD_MS=0)', () => {
    const { file, db } = writerWithTable();
    write(db, 1500);
    // The log was folded and started over by the commits themselves: it stays near 1000 pages.
    expect(walBytes(file)).toBeLessThan(1100 * 4200);
    db.close();
  });

  it('a database closed before the thread is ready: nothing throws, the thread is stopped', async () => {
    const { db } = writerWithTable();
    const bg = startBackgroundCheckpoints(db.sqlite, 20);
    db.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(bg.running()).toBe(false);
    await bg.stop();
  });

  it('a thread that cannot open the file is reported and leaves the writer folding by itself', async () => {
    const { file, db } = writerWithTable();
    // The file moves away under the running writer (its handle stays open): the thread finds nothing to open.
    fs.renameSync(file, `${file}.moved`);
    const problems: Error[] = [];
    const bg = startBackgroundCheckpoints(db.sqlite, 20, { onProblem: (e) => problems.push(e) });
    await until(() => problems.length > 0);
    expect(bg.running()).toBe(false);
    expect(autocheckpoint(db.sqlite)).toBe(WRITER_AUTOCHECKPOINT_PAGES);
    await bg.stop();
    db.close();
  });

  it('an in-memory database has no log: nothing starts', async () => {
    const db = openDatabase(':memory:');
    const bg = db.foldInBackground(20);
    expect(bg.running()).toBe(false);
    await bg.stop();
    db.close();
  });
});
