/**
 * The desk's weekly summary (issue 20, item 4) goes into the notification outbox exactly once per
 * desk user and ISO week (WIB): a second call, and a restarted server (fresh Services over the same
 * database file) later in the week, write nothing; the next week (from Monday 00:00 WIB) writes
 * again. The dedupe key `desk_weekly:<userId>:<isoYear>-W<week>` is the outbox's unique index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '../../src/app/application';
import { bootstrap } from '../../src/app/bootstrap';
import { loadConfig } from '../../src/config';
import { aUser } from '../builders';
import { seededServices, type Services } from '../helpers/db';

let now = new Date('2026-10-19T02:00:00Z'); // Monday 19 October 2026, 09:00 WIB: ISO week 2026-W43
const clock = () => now;
let s: Services;
let file: string;
let desks: Array<{ id: number; username: string }>;
const cfg = loadConfig({ loginDelayMs: 0, logLevel: 'silent' });

const send = (on: Services) => createApplication(on, cfg).desk.sendWeeklySummaries();
const outbox = (on: Services) =>
  on.db.sqlite.prepare(`SELECT user_id AS userId, dedupe_key AS dedupeKey, payload FROM notifications WHERE kind = 'desk_weekly' ORDER BY id`).all() as Array<{ userId: number; dedupeKey: string; payload: string }>;

beforeAll(async () => {
  s = await seededServices(clock);
  file = s.db.sqlite.name;
  // A second desk (a kecamatan of its own) and the city-wide admin's are not the same user.
  await aUser(s, { role: 'pengawas', username: 'pengawas.mijen', kecamatanCodes: ['3374010'] });
  desks = s.db.sqlite.prepare(`SELECT id, username FROM users WHERE role = 'pengawas' AND active = 1 ORDER BY id`).all() as typeof desks;
});
afterAll(() => s.db.close());

describe('weekly summary: once per desk user per ISO week, even across restarts', () => {
  it('the first call of the week writes one per desk user; a second call writes nothing', () => {
    expect(desks.map((d) => d.username)).toContain('pengawas.semarangselatan');
    expect(desks.length).toBeGreaterThanOrEqual(2);
    expect(outbox(s)).toEqual([]);

    expect(send(s)).toBe(desks.length);
    const first = outbox(s);
    expect(first.map((n) => n.dedupeKey).sort()).toEqual(desks.map((d) => `desk_weekly:${d.id}:2026-W43`).sort());
    expect(first.map((n) => n.userId).sort()).toEqual(desks.map((d) => d.id).sort());
    const payload = JSON.parse(first[0]!.payload) as { weekOf: string; text: string; link: string };
    expect(payload).toMatchObject({ weekOf: '2026-10-19', link: '/pengawas' });
    expect(payload.text).toContain('Ringkasan mingguan meja deteksi dini');

    now = new Date('2026-10-19T09:00:00Z');
    expect(send(s)).toBe(0);
    expect(outbox(s)).toEqual(first);
  });

  it('a restarted server later in the week (fresh Services over the same file) writes nothing', () => {
    const before = outbox(s);
    s.db.close();
    now = new Date('2026-10-22T01:00:00Z'); // Thursday
    s = bootstrap({ databasePath: file, evidenceDir: `${file}.evidence` }, clock);
    expect(send(s)).toBe(0);
    // Sunday 25 October, 23:30 WIB (16:30 UTC): still week 43.
    now = new Date('2026-10-25T16:30:00Z');
    s.db.close();
    s = bootstrap({ databasePath: file, evidenceDir: `${file}.evidence` }, clock);
    expect(send(s)).toBe(0);
    expect(outbox(s)).toEqual(before);
  });

  it('the next ISO week (Monday 00:00 WIB) writes one again per desk user, once', () => {
    now = new Date('2026-10-25T17:00:00Z'); // Monday 26 October, 00:00 WIB: 2026-W44
    expect(send(s)).toBe(desks.length);
    expect(send(s)).toBe(0);
    s.db.close();
    s = bootstrap({ databasePath: file, evidenceDir: `${file}.evidence` }, clock);
    expect(send(s)).toBe(0);
    const keys = outbox(s).map((n) => n.dedupeKey);
    expect(keys.sort()).toEqual([...desks.map((d) => `desk_weekly:${d.id}:2026-W43`), ...desks.map((d) => `desk_weekly:${d.id}:2026-W44`)].sort());
    for (const d of desks) expect(outbox(s).filter((n) => n.userId === d.id)).toHaveLength(2);
  });

  it('a desk user added mid-week gets that week’s summary; the others are not sent again', async () => {
    const { id } = await aUser(s, { role: 'pengawas', username: 'pengawas.baru', kecamatanCodes: ['3374050'] });
    now = new Date('2026-10-28T02:00:00Z'); // Wednesday of week 44
    expect(send(s)).toBe(1);
    expect(outbox(s).at(-1)!.dedupeKey).toBe(`desk_weekly:${id}:2026-W44`);
    expect(send(s)).toBe(0);
  });
});
