/**
 * Programmes of a year: the main one (OPS) is the year itself; another (PKK, Perwal 47/2025) is a
 * section of the settings whose grantees are judged by programmeRules' overlay. Abuse first: every
 * bad section is refused with its code.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultProgrammeYear,
  programmeConfigured,
  programmeRules,
  validateProgrammeYear,
  type ProgrammeSection,
  type ProgrammeYear,
} from '../../src/domain/grants/programme-year';
import { demoPkkProgramme, kindLabel, programmePays, programmesOf } from '../../src/domain/grants/programmes';
import { accountRefOf, isValidAccountName, rtAccounts, rtCashAccount, rtLapsedAccount, rtReturnedAccount, rtSpendingAccount, rtUndrawnAccount } from '../../src/domain/ledger/accounts';
import { figuresPerRt, groupLabelOf, groupOfRtKey, rtFigureOf } from '../../src/domain/grants/year-figures';
import { grantGroups, groupsTotalLabel } from '../../src/app/grant-groups';
import { accountLabel } from '../../src/reports/statement-labels';
import { granteeLabel } from '../../src/domain/registry/rows';
import { codeOf } from '../helpers/errors';

const withPkk = (change: (p: ProgrammeSection) => void = () => {}, more: ProgrammeSection[] = []): ProgrammeYear => {
  const p = demoPkkProgramme();
  change(p);
  return { ...defaultProgrammeYear(2026), programmes: [p, ...more] };
};

describe('programmeRules: the rules a programme’s grantees are judged by', () => {
  it('is the year itself for OPS and for a grantee without a programme', () => {
    const y = withPkk();
    expect(programmeRules(y)).toBe(y);
    expect(programmeRules(y, 'OPS')).toBe(y);
  });

  it('overlays the PKK section: its amounts per kind and categories; the rest is the year’s', () => {
    const y = withPkk();
    const pkk = programmeRules(y, 'PKK');
    expect(pkk.allocationPerRt).toBe(10_000_000);
    expect(pkk.allocationPerGrantee).toEqual({ rt: 10_000_000, rw: 5_000_000 });
    expect(pkk.categories.map((c) => c.code)).toEqual(['ADM', 'KEG', 'LAT', 'KON']);
    expect(pkk.categories.find((c) => c.code === 'ADM')!.maxPercentOfAllocation).toBe('5');
    // What the section leaves out is the year's.
    expect(pkk.forbiddenKeywords).toEqual(y.forbiddenKeywords);
    expect(pkk.approvalSteps).toEqual(y.approvalSteps);
    expect(pkk.spjDueDay).toBe(y.spjDueDay);
    expect(pkk.startsOn).toBe(y.startsOn);
    // The OPS rules are untouched.
    expect(y.allocationPerRt).toBe(25_000_000);
    expect(y.categories.map((c) => c.code)).toContain('PRL');
  });

  it('takes the section’s forbidden uses when it sets them', () => {
    const y = withPkk((p) => (p.forbiddenUses = ['honor pengurus PKK']));
    expect(programmeRules(y, 'PKK').forbiddenUses).toEqual(['honor pengurus PKK']);
  });

  it.each([
    ['a programme the year does not configure', defaultProgrammeYear(2026), 'PKK', 'programme_not_configured'],
    ['another code than the one configured', withPkk(), 'DAS', 'programme_not_configured'],
  ])('refuses %s', (_what, y, code, expected) => {
    expect(codeOf(() => programmeRules(y, code))).toBe(expected);
    expect(programmeConfigured(y, code)).toBe(false);
  });

  it('lists the programmes, OPS first, with labels and kinds paid', () => {
    const y = withPkk((p) => (p.granteeKinds = p.granteeKinds.filter((k) => k.kind === 'rt')));
    expect(programmesOf(y).map((p) => p.code)).toEqual(['OPS', 'PKK']);
    expect(kindLabel(y, 'PKK', 'rt')).toBe('PKK RT');
    expect(kindLabel(y, 'OPS', 'rw')).toBe('RW');
    expect(programmePays(y, 'PKK', 'rt')).toBe(true);
    expect(programmePays(y, 'PKK', 'rw')).toBe(false);
    expect(programmePays(y, 'OPS', 'rw')).toBe(true);
  });
});

describe('validateProgrammeYear checks every programme section (attack first)', () => {
  it.each<[string, ProgrammeYear, string]>([
    ['the demo PKK section', withPkk(), 'ok'],
    ['no sections at all', defaultProgrammeYear(2026), 'ok'],
    ['a lower-case code', withPkk((p) => (p.code = 'pkk')), 'programme_code_invalid'],
    ['a one-letter code', withPkk((p) => (p.code = 'P')), 'programme_code_invalid'],
    ['a seven-letter code', withPkk((p) => (p.code = 'PKKPKKP')), 'programme_code_invalid'],
    ['a code with a digit', withPkk((p) => (p.code = 'PKK2')), 'programme_code_invalid'],
    ['OPS reused', withPkk((p) => (p.code = 'OPS')), 'programme_code_invalid'],
    ['RT as a code (reads as a kind in account names)', withPkk((p) => (p.code = 'RT')), 'programme_code_invalid'],
    ['a duplicate code', withPkk(() => {}, [demoPkkProgramme()]), 'programme_code_invalid'],
    ['no name', withPkk((p) => (p.name = ' ')), 'programme_invalid'],
    ['no legal basis', withPkk((p) => (p.legalBasis = '')), 'programme_invalid'],
    ['no grantee kinds', withPkk((p) => (p.granteeKinds = [])), 'programme_invalid'],
    ['an unknown kind', withPkk((p) => (p.granteeKinds = [{ kind: 'kk' as 'rt', label: 'PKK KK', allocationRupiah: 1 }])), 'programme_invalid'],
    ['a kind twice', withPkk((p) => (p.granteeKinds = [p.granteeKinds[0]!, p.granteeKinds[0]!])), 'programme_invalid'],
    ['a kind without a label', withPkk((p) => (p.granteeKinds[0]!.label = '')), 'programme_invalid'],
    ['a zero allocation', withPkk((p) => (p.granteeKinds[0]!.allocationRupiah = 0)), 'grantee_allocation_invalid'],
    ['a fractional allocation', withPkk((p) => (p.granteeKinds[1]!.allocationRupiah = 2_500_000.5)), 'grantee_allocation_invalid'],
    ['a negative allocation', withPkk((p) => (p.granteeKinds[1]!.allocationRupiah = -5_000_000)), 'grantee_allocation_invalid'],
    ['no categories', withPkk((p) => (p.categories = [])), 'categories_empty'],
    ['a bad category code', withPkk((p) => (p.categories[0]!.code = 'AD')), 'category_code_invalid'],
    ['a category twice', withPkk((p) => p.categories.push({ ...p.categories[0]! })), 'category_code_invalid'],
    ['a cap over 100 %', withPkk((p) => (p.categories[0]!.maxPercentOfAllocation = '120')), 'percent_invalid'],
    ['a zero item cap', withPkk((p) => (p.categories[2]!.itemCaps = [{ label: 'Honor', maxRupiah: 0 }])), 'item_cap_invalid'],
    ['an unknown evidence kind', withPkk((p) => (p.categories[1]!.evidence = ['selfie' as 'nota'])), 'evidence_checklist_invalid'],
  ])('%s → %s', (_what, y, expected) => {
    expect(codeOf(() => validateProgrammeYear(y))).toBe(expected);
  });
});

describe('a PKK grantee’s accounts carry the programme’s code; an OPS grantee’s never change', () => {
  const rt = { kelurahanCode: '3374050005', rwNumber: 1, number: 1, kind: 'rt' as const };
  const pkkRt = accountRefOf({ ...rt, programme: 'PKK' });
  const pkkRw = accountRefOf({ ...rt, number: 0, kind: 'rw', programme: 'PKK' });
  it.each([
    ['OPS RT cash', rtCashAccount(accountRefOf({ ...rt, programme: 'OPS' })), 'aset:rt:3374050005:rw01:rt001:kas'],
    ['OPS RW undrawn', rtUndrawnAccount(accountRefOf({ ...rt, number: 0, kind: 'rw' })), 'aset:rw:3374050005:rw01:alokasi'],
    ['PKK RT cash', rtCashAccount(pkkRt), 'aset:pkk:rt:3374050005:rw01:rt001:kas'],
    ['PKK RT spending', rtSpendingAccount(pkkRt, 'KEG'), 'beban:pkk:rt:3374050005:rw01:rt001:keg'],
    ['PKK RW undrawn', rtUndrawnAccount(pkkRw), 'aset:pkk:rw:3374050005:rw01:alokasi'],
    ['PKK RT returned', rtReturnedAccount(pkkRt), 'aset:kota:kasda:pengembalian:pkk:3374050005:rw01:rt001'],
    ['PKK RW lapsed', rtLapsedAccount(pkkRw), 'ekuitas:kota:alokasi-gugur:pkk:rw:3374050005:rw01'],
  ])('%s: %s', (_what, name, expected) => {
    expect(name).toBe(expected);
    expect(isValidAccountName(name)).toBe(true);
  });

  it('reads each back as the PKK grantee’s figure, apart from RT 001’s own', () => {
    expect(rtFigureOf('aset:pkk:rt:3374050005:rw01:rt001:kas')).toEqual({ rtKey: 'pkk:3374050005:rw01:rt001', kind: 'cash' });
    expect(rtFigureOf('beban:pkk:rw:3374050005:rw01:keg')).toEqual({ rtKey: 'pkk:rw:3374050005:rw01', kind: 'spent' });
    expect(rtFigureOf('aset:kota:kasda:pengembalian:pkk:3374050005:rw01:rt001')).toEqual({ rtKey: 'pkk:3374050005:rw01:rt001', kind: 'returned' });
    expect(rtFigureOf('aset:rt:3374050005:rw01:rt001:kas')).toEqual({ rtKey: '3374050005:rw01:rt001', kind: 'cash' });
    expect(rtFigureOf('aset:rw:3374050005:rw01:kas')).toEqual({ rtKey: 'rw:3374050005:rw01', kind: 'cash' });
    const figures = figuresPerRt([
      ...rtAccounts(pkkRt, ['KEG']).map((a) => ({ name: a.name, balance: a.kind === 'undrawn' ? 10_000_000 : 0 })),
      { name: 'aset:rt:3374050005:rw01:rt001:alokasi', balance: 25_000_000 },
    ]);
    expect(figures.get('pkk:3374050005:rw01:rt001')!.allocation).toBe(10_000_000);
    expect(figures.get('3374050005:rw01:rt001')!.allocation).toBe(25_000_000);
  });

  it.each([
    ['aset:pkk:rt:3374050005:rw01:rt001:kas', 'Kas RT — PKK RT 001 / RW 001 Kel. 3374050005'],
    ['beban:rw:3374050005:rw01:sos', 'Belanja Kegiatan sosial kemasyarakatan — RW 001 Kel. 3374050005'],
    ['aset:kota:kasda:pengembalian:pkk:rw:3374050005:rw02', 'Dikembalikan ke Kas Daerah — PKK RW 002 Kel. 3374050005'],
  ])('the statement names %s as %s', (name, label) => {
    expect(accountLabel(name, { kelurahan: new Map(), categories: new Map() })).toBe(label);
  });

  it.each([
    [{ number: 1, rwNumber: 1 }, 'RT 001 / RW 001'],
    [{ number: 1, rwNumber: 1, programme: 'OPS' }, 'RT 001 / RW 001'],
    [{ number: 1, rwNumber: 1, programme: 'PKK' }, 'PKK RT 001 / RW 001'],
    [{ number: 0, rwNumber: 1, programme: 'PKK' }, 'PKK RW 001'],
  ])('labels %o as %s', (g, label) => {
    expect(granteeLabel(g)).toBe(label);
  });
});

describe('grants apart: the group of an account key', () => {
  it.each([
    ['3374050005:rw01:rt001', 'OPS', 'rt', 'Hibah RT'],
    ['rw:3374050005:rw01', 'OPS', 'rw', 'Hibah RW'],
    ['pkk:3374050005:rw01:rt001', 'PKK', 'rt', 'Hibah PKK RT'],
    ['pkk:rw:3374050005:rw02', 'PKK', 'rw', 'Hibah PKK RW'],
  ])('%s → %s %s (%s)', (key, programme, kind, label) => {
    expect(groupOfRtKey(key)).toEqual({ programme, kind });
    expect(groupLabelOf({ programme, kind: kind as 'rt' | 'rw' })).toBe(label);
  });

  it('groups money per programme and kind, RT/RW first; nothing apart for one group', () => {
    const m = (allocated: number) => ({ undrawn: allocated, transit: 0, cash: 0, spent: 0, returned: 0, lapsed: 0, allocated });
    const y = { programmes: [demoPkkProgramme()] };
    expect(grantGroups([{ programme: 'OPS', kind: 'rt', money: m(25) }, { programme: 'OPS', kind: 'rt', money: m(25) }], y)).toEqual([]);
    const g = grantGroups([{ programme: 'PKK', kind: 'rt', money: m(10) }, { programme: 'OPS', kind: 'rw', money: m(3) }, { programme: 'OPS', kind: 'rt', money: m(25) }, { programme: 'OPS', kind: 'rt', money: m(25) }], y);
    expect(g.map((x) => [x.label, x.allocated])).toEqual([['Hibah RT', 50], ['Hibah RW', 3], ['Hibah PKK RT', 10]]);
    expect(groupsTotalLabel(g)).toBe('Jumlah semua program');
    expect(groupsTotalLabel(g.slice(0, 2))).toBe('Jumlah RT dan RW');
  });
});
