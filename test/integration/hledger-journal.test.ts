/**
 * The hledger journal an hledger user accepts as it is (issue 16, item 7): on the demo's city and
 * kelurahan exports (npm run export:journal's journalChunks and the bundle's jurnal-<year>.journal)
 * `hledger check -s` and `hledger check ordereddates` pass, `hledger bal` prints the app's trial
 * balance, ledger-cli still reads the file, and `hledger --date2` (the business date) gives the
 * app's BKU month-end balances.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAuditBundle } from '../../src/app/export-bundle';
import { journalChunks } from '../../src/app/export-journal';
import { readCashBook } from '../../src/app/read-cash-book';
import { yearMonths } from '../../src/domain/grants/tranche';
import { rtCashAccount, accountRefOf } from '../../src/domain/ledger/accounts';
import type { PostedEntry } from '../../src/domain/ledger/entry';
import { toActor } from '../../src/db/user-repository';
import { HledgerJournal } from '../../src/reports/hledger-journal';
import type { Services } from '../helpers/db';
import { tempDbPath } from '../helpers/db';
import { seededApp } from '../helpers/http';

const PLEBURAN = '3374050005';
let s: Services;

beforeAll(async () => {
  s = (await seededApp({}, () => new Date('2026-11-28T03:00:00Z'))).s;
});

const write = (text: string | Buffer) => {
  const file = `${tempDbPath()}.journal`;
  fs.writeFileSync(file, text);
  return file;
};
/** Runs a tool; its exit status and what it printed (hledger says what failed on stderr). */
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};
const hledgerBalances = (file: string, extra: string[] = []) => {
  const out = execFileSync('hledger', ['-f', file, 'bal', '-E', '--flat', '-O', 'csv', '--no-total', ...extra], { encoding: 'utf8' });
  return new Map(
    (parse(out, { columns: true }) as Array<{ account: string; balance: string }>)
      .map((r) => [r.account, Number(r.balance.replace(' IDR', ''))] as const)
      .filter(([, b]) => b !== 0),
  );
};
const trialBalance = (year: number, kel: string | null) => new Map(s.ledger.scopeTrialBalance(year, kel).filter((r) => r.balance !== 0).map((r) => [r.name, r.balance]));

async function bundleJournal(year: number, kel: string | null): Promise<string> {
  const zip = `${tempDbPath()}.zip`;
  const out = fs.createWriteStream(zip);
  const closed = new Promise<void>((r) => out.on('close', () => r()));
  await exportAuditBundle(s, { year, kelurahanCode: kel }, out);
  await closed;
  return write(execFileSync('unzip', ['-p', zip, `jurnal-${year}.journal`]));
}

const SCOPES: Array<[string, number, string | null]> = [
  ['Pleburan 2026', 2026, PLEBURAN],
  ['Pleburan 2025 (closed, corrected after the close)', 2025, PLEBURAN],
  ['the city 2026', 2026, null],
  ['the city 2025', 2025, null],
];

describe('hledger accepts the exported journal as it is', () => {
  it.each(SCOPES)('npm run export:journal, %s: check -s, check ordereddates, bal = the app, ledger-cli reads it', (_what, year, kel) => {
    const file = write([...journalChunks(s, { year, kelurahanCode: kel })].join(''));
    for (const check of [['check', '-s'], ['check', 'ordereddates']]) {
      const r = run('hledger', ['-f', file, ...check]);
      expect(r.status, `hledger ${check.join(' ')}: ${r.out}`).toBe(0);
    }
    expect(hledgerBalances(file)).toEqual(trialBalance(year, kel));
    const ledger = run('ledger', ['-f', file, 'bal', '--flat', '--no-total', 'ekuitas:kota:apbd']);
    expect(ledger.status, ledger.out).toBe(0);
    expect(ledger.out).toContain(`${trialBalance(year, kel).get('ekuitas:kota:apbd')} IDR`);
  });

  it.each([
    ['Pleburan 2026', 2026, PLEBURAN],
    ['the city 2026', 2026, null],
  ] as const)("the bundle's jurnal-<year>.journal, %s: check -s, check ordereddates, bal = the app", async (_what, year, kel) => {
    const file = await bundleJournal(year, kel);
    for (const check of [['check', '-s'], ['check', 'ordereddates']]) {
      const r = run('hledger', ['-f', file, ...check]);
      expect(r.status, `hledger ${check.join(' ')}: ${r.out}`).toBe(0);
    }
    expect(hledgerBalances(file)).toEqual(trialBalance(year, kel));
  });

  it("every account carries its type, as the chart's roots say (aset A, beban X, ekuitas E)", () => {
    const file = write([...journalChunks(s, { year: 2026, kelurahanCode: PLEBURAN })].join(''));
    const declared = execFileSync('hledger', ['-f', file, 'accounts', '--types'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+; type: /) as [string, string]);
    const used = new Set(s.ledger.scopeTrialBalance(2026, PLEBURAN).map((r) => r.name));
    for (const name of used) expect(declared.find(([n]) => n === name)?.[1], name).toBe({ aset: 'A', beban: 'X', ekuitas: 'E' }[name.split(':')[0]!]);
  });
});

describe('two dates: recorded (primary, chain order) and business (date2)', () => {
  it("hledger --date2 gives the app's BKU month-end cash for every RT of the kelurahan and month; the recorded date does not", () => {
    const file = write([...journalChunks(s, { year: 2026, kelurahanCode: PLEBURAN })].join(''));
    const actor = toActor(s.users.findByUsername('bendahara.pleburan')!);
    const year = s.years.find(2026)!;
    const months = yearMonths(year);
    const rts = s.registry.activeRts().filter((r) => r.kelurahanCode === PLEBURAN);
    let compared = 0;
    let primaryDiffers = false;
    for (const month of months) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const end = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      const byBusiness = hledgerBalances(file, ['--date2', '-e', end, 'kas$']);
      const byRecorded = hledgerBalances(file, ['-e', end, 'kas$']);
      for (const rt of rts) {
        const closing = readCashBook(s, actor, rt.id, 2026, month).closing;
        const account = rtCashAccount(accountRefOf(rt));
        expect(byBusiness.get(account) ?? 0, `${account} at the end of ${month}`).toBe(closing);
        if ((byRecorded.get(account) ?? 0) !== closing) primaryDiffers = true;
        if (closing !== 0) compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(3);
    // Receipts dated before the day they were recorded: the two dates are different facts.
    expect(primaryDiffers).toBe(true);
  });
});

describe('the journal writer on its own', () => {
  const entry = (id: number, occurredOn: string, recordedAt: string, postings: Array<[string, number]>): PostedEntry => ({
    id,
    year: 2026,
    eventType: 'receipt',
    eventRef: `receipt:${id}`,
    description: `kuitansi ${id}; dengan | tanda`,
    actor: 'user:2:bendahara',
    occurredOn,
    recordedAt,
    idempotencyKey: `k${id}`,
    postings: postings.map(([account, amount]) => ({ account, amount })),
    reversesEntryId: null,
    reason: null,
    version: 2,
    facts: null,
    prevHash: '0'.repeat(64),
    hash: String(id).padStart(64, '0'),
  });

  it('keeps chain order when the server clock went back: the primary date never decreases, date2 keeps the business date', () => {
    const j = new HledgerJournal({ year: 2026, scope: 'uji', generatedAt: '2026-12-01T00:00:00Z', chainHead: 'x' });
    const text = [
      j.header(),
      j.entry(entry(1, '2026-03-01', '2026-03-05T16:59:00.000Z', [['beban:rt:x:adm', 100], ['aset:rt:x:kas', -100]])),
      // Recorded "earlier" (the clock was set back) and dated earlier still.
      j.entry(entry(2, '2026-02-20', '2026-03-04T01:00:00.000Z', [['beban:rt:x:sos', 50], ['aset:rt:x:kas', -50]])),
      j.entry(entry(3, '2026-03-07', '2026-03-08T01:00:00.000Z', [['ekuitas:kota:apbd', -10], ['aset:rt:x:kas', 10]])),
      j.declarations(),
    ].join('');
    // 16:59 UTC on 5 March is 23:59 WIB: still the 5th; 17:00 UTC would be the 6th.
    expect(text).toContain('2026-03-05=2026-03-01 * kuitansi 1, dengan , tanda');
    expect(text).toContain('2026-03-05=2026-02-20 * kuitansi 2');
    expect(text).toContain('recorded:2026-03-04T01:00:00.000Z');
    expect(text).toContain('2026-03-08=2026-03-07 * kuitansi 3');
    const file = write(text);
    for (const check of [['check', '-s'], ['check', 'ordereddates']]) expect(run('hledger', ['-f', file, ...check]).status).toBe(0);
    // By business date the out-of-order entry comes first (and the dates are out of order there, as they should be).
    expect(run('hledger', ['-f', file, 'check', 'ordereddates', '--date2']).status).not.toBe(0);
    expect(hledgerBalances(file, ['--date2', '-e', '2026-03-01'])).toEqual(new Map([['aset:rt:x:kas', -50], ['beban:rt:x:sos', 50]]));
    expect(text).toMatch(/^account aset:rt:x:kas +; type: A$/m);
    expect(text).toMatch(/^account beban:rt:x:sos +; type: X$/m);
    expect(text).toMatch(/^account ekuitas:kota:apbd +; type: E$/m);
  });

  it('refuses an account whose type it does not know rather than write a journal hledger -s would refuse', () => {
    const j = new HledgerJournal({ year: 2026, scope: 'uji', generatedAt: '2026-12-01T00:00:00Z', chainHead: 'x' });
    j.entry(entry(1, '2026-03-01', '2026-03-05T00:00:00.000Z', [['piutang:rt:x', 100], ['aset:rt:x:kas', -100]]));
    expect(() => j.declarations()).toThrow(/piutang:rt:x/);
  });

  it('an undeclared account fails hledger check -s (the check this journal must pass can fail)', () => {
    const j = new HledgerJournal({ year: 2026, scope: 'uji', generatedAt: '2026-12-01T00:00:00Z', chainHead: 'x' });
    const text = j.header() + j.entry(entry(1, '2026-03-01', '2026-03-05T00:00:00.000Z', [['beban:rt:x:adm', 100], ['aset:rt:x:kas', -100]]));
    expect(run('hledger', ['-f', write(text), 'check', '-s']).out).toContain('undeclared account');
  });
});
