/** src/domain/grants/gates.ts: each tranche gate, its boundary, its switch, and all of them at once. */
import { describe, expect, it } from 'vitest';
import { checkTrancheGates, type TrancheFacts } from '../../src/domain/grants/gates';
import { defaultProgrammeYear, type TrancheGateSettings } from '../../src/domain/grants/programme-year';

const year = defaultProgrammeYear(2026);
const monthly: TrancheFacts = {
  year, today: '2026-09-01', mode: 'monthly', period: '2026-09', amount: 1_000_000, planApproved: true, undrawnAvailable: 24_000_000,
  bankAccount: '2012345678', bankAccountShared: false, kelurahanClosed: false,
  drawnMonths: ['2026-08'], spjStatuses: new Map([['2026-08', 'verified']]), drawnStages: [], verifiedSpending: 0,
};
const staged: TrancheFacts = { ...monthly, mode: 'staged', period: '2', drawnMonths: [], spjStatuses: new Map(), drawnStages: [{ stage: 1, amount: 10_000_001 }], verifiedSpending: 7_500_001 };
const codes = (f: TrancheFacts) => checkTrancheGates(f).map((e) => e.code);
const off = (gate: keyof TrancheGateSettings) => ({ ...year, gates: { ...year.gates, [gate]: false } });

describe('checkTrancheGates', () => {
  it.each<[string, Partial<TrancheFacts>, string[]]>([
    ['a monthly tranche that passes', {}, []],
    ['a staged tranche that passes', staged, []],
    ['the first day of the year', { today: '2026-01-01' }, []],
    ['the last day of the year', { today: '2026-12-31' }, []],
    ['the day before the year', { today: '2025-12-31' }, ['tranche_date_outside_year']],
    ['exactly the undrawn allocation', { amount: 24_000_000 }, []],
    ['a rupiah over it', { amount: 24_000_001 }, ['tranche_exceeds_allocation']],
    ['a bank account with a letter', { bankAccount: '201234567x' }, ['bank_account_invalid']],
    ['the first month (no earlier SPJ)', { drawnMonths: [], spjStatuses: new Map() }, []],
    ['last month’s SPJ submitted, not verified', { spjStatuses: new Map([['2026-08', 'submitted']]) }, ['spj_months_missing']],
    ['a month skipped: August drawn, only November verified, December asked', { period: '2026-12', spjStatuses: new Map([['2026-11', 'verified']]) }, ['spj_months_missing']],
    ['a month without spending reported nil and verified', { period: '2026-10', spjStatuses: new Map([['2026-08', 'verified'], ['2026-09', 'verified']]) }, []],
    ['a closed year', { year: { ...year, status: 'closed' } }, ['year_closed']],
    ['a closed kelurahan in an open year', { kelurahanClosed: true }, ['year_closed']],
    ['staged: a monthly SPJ missing is not the staged gate', { ...staged, drawnMonths: ['2026-08'] }, []],
    ['monthly: a previous stage is not looked at', { drawnStages: [{ stage: 1, amount: 10_000_000 }], verifiedSpending: 0 }, []],
    ['staged: the first stage', { ...staged, period: '1', drawnStages: [], verifiedSpending: 0 }, []],
    ['staged: 75 % rounded up, a rupiah short', { ...staged, verifiedSpending: 7_500_000 }, ['previous_stage_not_accounted']],
    ['staged: all of it accounted', { ...staged, drawnStages: [{ stage: 1, amount: 10_000_000 }], verifiedSpending: 10_000_000 }, []],
    ['staged: stage 3 with stage 1 short too: each stage named', { ...staged, period: '3', drawnStages: [{ stage: 1, amount: 10_000_000 }, { stage: 2, amount: 10_000_000 }], verifiedSpending: 5_000_000 }, ['previous_stage_not_accounted', 'previous_stage_not_accounted']],
    ['staged: stage 3, stage 1 spent, stage 2 at 75 %', { ...staged, period: '3', drawnStages: [{ stage: 1, amount: 10_000_000 }, { stage: 2, amount: 10_000_000 }], verifiedSpending: 17_500_000 }, []],
    ['everything wrong at once', {
      today: '2027-01-02', amount: 30_000_000, planApproved: false, bankAccount: '1', kelurahanClosed: true, spjStatuses: new Map(),
    }, ['year_closed', 'plan_not_approved', 'tranche_date_outside_year', 'tranche_exceeds_allocation', 'bank_account_invalid', 'spj_months_missing']],
  ])('%s → %j', (_name, change, expected) => {
    expect(codes({ ...monthly, ...change })).toEqual(expected);
  });

  it.each<[keyof TrancheGateSettings, Partial<TrancheFacts>]>([
    ['planApproved', { planApproved: false }],
    ['insideYear', { today: '2027-01-02' }],
    ['withinAllocation', { amount: 30_000_000 }],
    ['bankAccountValid', { bankAccount: '1', bankAccountShared: true }],
    ['previousSpjVerified', { spjStatuses: new Map() }],
    ['stageAccounted', { ...staged, verifiedSpending: 0 }],
  ])('the %s gate switched off for the year lets its case through', (gate, change) => {
    expect(codes({ ...monthly, ...change })).toHaveLength(1);
    expect(codes({ ...monthly, ...change, year: off(gate) })).toEqual([]);
  });

  it('cannot switch off a closed year', () => {
    const allOff = { ...year, status: 'closed' as const, gates: { planApproved: false, insideYear: false, withinAllocation: false, bankAccountValid: false, previousSpjVerified: false, stageAccounted: false } };
    expect(codes({ ...monthly, year: allOff })).toEqual(['year_closed']);
  });

  it('refuses with validation errors, and says what is wrong in words', () => {
    expect(checkTrancheGates({ ...monthly, kelurahanClosed: true })[0]!.message).toContain('2026');
    const [shared] = checkTrancheGates({ ...monthly, bankAccountShared: true });
    expect(shared!.message).toContain('2012345678');
    const [invalid] = checkTrancheGates({ ...monthly, bankAccount: '123' });
    expect(invalid!.message).toContain('10 angka');
    const [stage] = checkTrancheGates({ ...staged, verifiedSpending: 7_500_000 });
    expect(stage!.message).toMatch(/Tahap 1 .*Rp7\.500\.000.*Rp7\.500\.001.*75 %/);
    const [spj] = checkTrancheGates({ ...monthly, spjStatuses: new Map() });
    expect(spj!.message).toContain('Agustus 2026');
    const [skipped] = checkTrancheGates({ ...monthly, period: '2026-12', spjStatuses: new Map([['2026-11', 'verified']]) });
    expect(skipped!.message).toContain('SPJ Agustus 2026, September 2026 dan Oktober 2026 belum diverifikasi');
    const [money] = checkTrancheGates({ ...monthly, amount: 24_000_001 });
    expect(money!.message).toMatch(/Rp24\.000\.001.*Rp24\.000\.000/);
    const [date] = checkTrancheGates({ ...monthly, today: '2027-01-02' });
    expect(date!.message).toMatch(/2 Januari 2027.*2026.*1 Januari 2026.*31 Desember 2026/);
    expect(checkTrancheGates({ ...monthly, planApproved: false, amount: 30_000_000 }).map((e) => e.kind)).toEqual(['conflict', 'validation']);
  });
});
