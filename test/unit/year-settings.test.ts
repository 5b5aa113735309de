/** Settings versions: the one in force on a date, what a new version may change; RW grantee account names. */
import { describe, expect, it } from 'vitest';
import { defaultProgrammeYear, type ProgrammeYear } from '../../src/domain/grants/programme-year';
import { checkSettingsChange, versionInForce } from '../../src/domain/grants/year-settings';
import { accountRefOf, isValidAccountName, rtAccounts, rtCashAccount, rtReturnedAccount } from '../../src/domain/ledger/accounts';
import { rtLabel } from '../../src/domain/registry/rows';
import { codeOf } from '../helpers/errors';

const V = [
  { version: 1, effectiveFrom: '2027-01-01' },
  { version: 2, effectiveFrom: '2027-03-01' },
  { version: 3, effectiveFrom: '2027-03-01' },
  { version: 4, effectiveFrom: '2027-09-01' },
];

describe('versionInForce', () => {
  it.each([
    ['2026-12-31', 1], // before the year: the first version
    ['2027-01-01', 1],
    ['2027-02-28', 1],
    ['2027-03-01', 3], // two versions from one day: the later one
    ['2027-08-31', 3],
    ['2027-09-01', 4],
    ['2027-12-31', 4],
  ])('on %s → version %i', (date, version) => {
    expect(versionInForce(V, date)!.version).toBe(version);
    expect(versionInForce([...V].reverse(), date)!.version).toBe(version);
  });
});

describe('checkSettingsChange', () => {
  const current = defaultProgrammeYear(2027);
  const base = { current, effectiveFrom: '2027-03-01', today: '2027-02-10', latest: { version: 2, effectiveFrom: '2027-02-01' }, moneyMoved: false };
  it.each<[string, Partial<typeof base>, Partial<ProgrammeYear>, string]>([
    ['a rule from a later date', {}, { spjDueDay: 12 }, 'ok'],
    ['a rule from today', { effectiveFrom: '2027-02-10' }, { spjDueDay: 12 }, 'ok'],
    ['a rule from yesterday', { effectiveFrom: '2027-02-09' }, { spjDueDay: 12 }, 'settings_effective_backdated'],
    ['a date before the newest version', { effectiveFrom: '2027-02-10', latest: { version: 2, effectiveFrom: '2027-02-15' } }, { spjDueDay: 12 }, 'settings_effective_before_latest'],
    ['a date in the next year', { effectiveFrom: '2028-01-01' }, { spjDueDay: 12 }, 'settings_effective_outside_year'],
    ['the year moved', {}, { startsOn: '2027-02-01' }, 'settings_field_fixed'],
    ['the year closed through settings', {}, { status: 'closed' }, 'settings_field_fixed'],
    ['the RW amount before money moved', {}, { allocationPerGrantee: { rt: 25_000_000, rw: 3_500_000 } }, 'ok'],
    ['the RW amount after money moved', { moneyMoved: true }, { allocationPerGrantee: { rt: 25_000_000, rw: 3_500_000 } }, 'settings_money_moved'],
    ['the mode after money moved', { moneyMoved: true }, { disbursementMode: 'staged' }, 'settings_money_moved'],
    ['a rule after money moved', { moneyMoved: true }, { meteraiThreshold: 6_000_000 }, 'ok'],
    ['nothing', {}, {}, 'settings_unchanged'],
  ])('%s → %s', (_name, o, change, expected) => {
    expect(codeOf(() => checkSettingsChange({ ...base, ...o, next: { ...current, ...change } }))).toBe(expected);
  });
});

describe('an RW grantee', () => {
  const rw = accountRefOf({ kelurahanCode: '3374050005', rwNumber: 1, number: 0, kind: 'rw' });
  const rt = accountRefOf({ kelurahanCode: '3374050005', rwNumber: 1, number: 1, kind: 'rt' });
  it('has hledger-valid accounts of its own under rw:, an RT keeps its names', () => {
    expect(rtCashAccount(rw)).toBe('aset:rw:3374050005:rw01:kas');
    expect(rtReturnedAccount(rw)).toBe('aset:kota:kasda:pengembalian:rw:3374050005:rw01');
    expect(rtCashAccount(rt)).toBe('aset:rt:3374050005:rw01:rt001:kas');
    expect(rtCashAccount({ kelurahanCode: '3374050005', rwNumber: 1, rtNumber: 1 })).toBe('aset:rt:3374050005:rw01:rt001:kas');
    for (const a of rtAccounts(rw, ['ADM', 'SOS'])) expect(isValidAccountName(a.name), a.name).toBe(true);
  });
  it('is shown as "RW 001", an RT as "RT 001 / RW 001"', () => {
    expect(rtLabel(0, 1)).toBe('RW 001');
    expect(rtLabel(1, 1)).toBe('RT 001 / RW 001');
  });
});
