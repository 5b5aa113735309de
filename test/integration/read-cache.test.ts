/** Reports kept between requests: never older than the last commit, never shown outside scope. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postEntry } from '../../src/app/post-entry';
import { readLpj } from '../../src/app/read-lpj';
import { terbilang } from '../../src/domain/money';
import { rtSpendingAccount, rtUndrawnAccount } from '../../src/domain/ledger/accounts';
import { toActor } from '../../src/db/user-repository';
import { aUser } from '../builders';
import { freshServices } from '../helpers/db';
import { seededApp, signedIn } from '../helpers/http';

const PLEBURAN = '3374050005';

describe('ReadCache', () => {
  it('computes again after any commit, here or by another connection, and never inside a transaction', () => {
    const s = freshServices();
    let computed = 0;
    const read = () => s.kept.remember('k', () => ++computed);
    expect([read(), read()]).toEqual([1, 1]);
    s.db.transaction(() => s.db.sqlite.exec("INSERT INTO kecamatan (code, name) VALUES ('9999999', 'Uji')"));
    expect(read()).toBe(2);
    const other = new Database(s.db.sqlite.name);
    other.exec("UPDATE kecamatan SET name = 'Uji Lagi' WHERE code = '9999999'");
    other.close();
    expect([read(), read()]).toEqual([3, 3]);
    s.db.transaction(() => {
      expect([read(), read()]).toEqual([4, 5]);
    });
    // A session's bookkeeping (outside any transaction) does not throw the reports away.
    s.sessions.deleteExpired(new Date().toISOString());
    expect(read()).toBe(6);
    expect(read()).toBe(6);
  });
});

describe('the LPJ page under the cache', () => {
  it('shows a posting committed after it was first opened, and is refused outside scope even when kept', async () => {
    const now = () => new Date('2026-11-28T03:00:00Z');
    const { s, app } = await seededApp({}, now);
    const { agent: bendahara } = await signedIn(app, 'bendahara.pleburan');
    const before = await bendahara.get(`/laporan/lpj/${PLEBURAN}?tahun=2026`);
    expect(before.status).toBe(200);
    const rt = s.registry.activeRts(PLEBURAN)[0]!;
    const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
    s.db.transaction(() =>
      postEntry(s, {
        year: 2026,
        eventType: 'receipt',
        eventRef: 'uji:cache',
        description: 'Belanja uji cache',
        actor: 'system:test',
        occurredOn: '2026-11-02',
        idempotencyKey: 'uji-cache-1',
        postings: [
          { account: rtSpendingAccount(ref, 'SOS'), amount: 123_000 },
          { account: rtUndrawnAccount(ref), amount: -123_000 },
        ],
      }),
    );
    const fresh = readLpj(s, toActor(s.users.findByUsername('bendahara.pleburan')!), PLEBURAN, 2026);
    const after = await bendahara.get(`/laporan/lpj/${PLEBURAN}?tahun=2026`);
    expect(after.text).toContain(terbilang(fresh.totals.spent));
    expect(before.text).not.toContain(terbilang(fresh.totals.spent));

    const { username } = await aUser(s, { role: 'bendahara', kelurahanCode: '3374050006' });
    const { agent: other } = await signedIn(app, username);
    expect((await other.get(`/laporan/lpj/${PLEBURAN}?tahun=2026`)).status).toBe(404);
  });
});
