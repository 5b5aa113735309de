/** The plan-line rule: spending per category held to the approved plan, revisions, the month's RBB flag. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagInWords, holdToPlanLine, lineOf, planLineBreach, planStanding, rbbOverrunFlag, revisionBelowUsed } from '../../src/domain/grants/plan-line';
import type { ReceiptFlag } from '../../src/domain/grants/receipt';
import { codeOf, failureOf } from '../helpers/errors';

const ADM = { code: 'ADM', name: 'Administrasi' };

describe('planLineBreach', () => {
  it.each<[string, number | null, number, number, ReturnType<typeof planLineBreach>]>([
    ['fits with room to spare', 600_000, 0, 500_000, null],
    ['reaches the line exactly', 600_000, 100_000, 500_000, null],
    ['one rupiah over', 600_000, 100_000, 500_001, { planned: 600_000, used: 100_000, adding: 500_001, left: 500_000 }],
    ['the issue: ADM Rp610.000 against Rp600.000', 600_000, 0, 610_000, { planned: 600_000, used: 0, adding: 610_000, left: 600_000 }],
    ['a category the plan does not name (line 0)', 0, 0, 1, { planned: 0, used: 0, adding: 1, left: 0 }],
    ['already over (old records): nothing is left, never negative', 600_000, 700_000, 1, { planned: 600_000, used: 700_000, adding: 1, left: 0 }],
    ['no approved plan: no line to hold to', null, 9_000_000, 9_000_000, null],
    ['a check of what is there (adding 0) at the line', 600_000, 600_000, 0, null],
    ['a check of what is there (adding 0) over the line', 600_000, 600_001, 0, { planned: 600_000, used: 600_001, adding: 0, left: 0 }],
  ])('%s', (_name, planned, used, adding, expected) => {
    expect(planLineBreach(planned, used, adding)).toEqual(expected);
  });

  it('never lets accepted spending exceed the line, whatever the sequence of amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000_000 }), fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 40 }), (planned, amounts) => {
        let used = 0;
        for (const a of amounts) if (!planLineBreach(planned, used, a)) used += a;
        expect(used).toBeLessThanOrEqual(planned);
        // And what is refused would indeed have gone over.
        for (const a of amounts) if (planLineBreach(planned, used, a)) expect(used + a).toBeGreaterThan(planned);
      }),
    );
  });
});

describe('lineOf', () => {
  it('is the category’s line, zero when the plan does not name it, null without a plan', () => {
    const plan = new Map([['ADM', 600_000]]);
    expect(lineOf(plan, 'ADM')).toBe(600_000);
    expect(lineOf(plan, 'PRL')).toBe(0);
    expect(lineOf(null, 'ADM')).toBeNull();
  });
});

describe('holdToPlanLine', () => {
  it('at entry: 422 (validation) with the figures and the amount field message', () => {
    const e = failureOf(() => holdToPlanLine(ADM, 600_000, 0, 610_000, 'entry'));
    expect(e).toMatchObject({ code: 'plan_line_exceeded', kind: 'validation', fields: { amount: 'Sisa rencana Administrasi: Rp600.000.' } });
    expect(e.message).toContain('Belanja Administrasi melebihi rencana anggaran (RAP) yang disetujui: rencana Rp600.000, sudah terpakai Rp0');
    expect(e.message).toContain('kuitansi ini Rp610.000, sisa Rp600.000');
  });

  it('at verification: its own code (a conflict with what is already verified)', () => {
    expect(failureOf(() => holdToPlanLine(ADM, 600_000, 400_000, 300_000, 'verify'))).toMatchObject({ code: 'plan_line_exceeded_on_verify', kind: 'conflict' });
  });

  it('passes what fits, and anything without an approved plan', () => {
    expect(codeOf(() => holdToPlanLine(ADM, 600_000, 0, 600_000, 'entry'))).toBe('ok');
    expect(codeOf(() => holdToPlanLine(ADM, null, 0, 99_000_000, 'verify'))).toBe('ok');
  });
});

describe('planStanding', () => {
  it('per category: plan, verified, held (pending and returned) and left; over only past the line', () => {
    const rows = planStanding(
      [ADM, { code: 'SOS', name: 'Sosial' }, { code: 'PRL', name: 'Peralatan' }],
      new Map([['ADM', 600_000], ['SOS', 5_500_000]]),
      new Map([['ADM', 200_000], ['PRL', 50_000]]),
      new Map([['ADM', 400_000], ['SOS', 100_000]]),
    );
    expect(rows).toEqual([
      { code: 'ADM', name: 'Administrasi', planned: 600_000, spent: 200_000, held: 400_000, left: 0, over: false },
      { code: 'SOS', name: 'Sosial', planned: 5_500_000, spent: 0, held: 100_000, left: 5_400_000, over: false },
      { code: 'PRL', name: 'Peralatan', planned: 0, spent: 50_000, held: 0, left: -50_000, over: true },
    ]);
  });
});

describe('revisionBelowUsed', () => {
  const lines = [
    { category: 'SOS', description: 'a', amount: 3_000_000 },
    { category: 'SOS', description: 'b', amount: 2_000_000 },
    { category: 'PRL', description: 'c', amount: 1_500_000 },
  ];
  it.each<[string, Map<string, number>, ReturnType<typeof revisionBelowUsed>]>([
    ['every category at or above what is used (lines of a category add up)', new Map([['SOS', 5_000_000], ['PRL', 1_000_000]]), null],
    ['a category planned below what is used', new Map([['SOS', 5_000_001]]), { category: 'SOS', planned: 5_000_000, used: 5_000_001 }],
    ['a used category the revision drops', new Map([['ADM', 10_000]]), { category: 'ADM', planned: 0, used: 10_000 }],
    ['a category with nothing used may go', new Map([['ADM', 0]]), null],
  ])('%s', (_name, used, expected) => {
    expect(revisionBelowUsed(lines, used)).toEqual(expected);
  });
});

describe('rbbOverrunFlag', () => {
  it.each<[string, number | null, number, number, string | null]>([
    ['within the month’s line', 1_000_000, 400_000, 600_000, null],
    ['past the month’s line: the figures', 1_000_000, 0, 2_900_000, 'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk Peralatan Rp1.000.000; sudah terpakai Rp0, kuitansi ini Rp2.900.000, lebih Rp1.900.000.'],
    ['an RBB that names no such line (0)', 0, 0, 10_000, 'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk Peralatan Rp0; sudah terpakai Rp0, kuitansi ini Rp10.000, lebih Rp10.000.'],
    ['no RBB filed for the month', null, 50_000, 10_000, 'Melebihi rencana belanja bulanan: tidak ada RBB Oktober 2026; sudah terpakai Rp50.000, kuitansi ini Rp10.000, lebih Rp60.000.'],
  ])('%s', (_name, line, used, adding, message) => {
    const flag = rbbOverrunFlag({ code: 'PRL', name: 'Peralatan' }, '2026-10', line, used, adding);
    // The words with the category's name, and the figures kept beside them (the code, not the name).
    expect(flag).toEqual(message === null ? null : { code: 'rbb_overrun', message, category: 'PRL', month: '2026-10', rbbLine: line, usedInMonth: used, adding });
  });
});

describe('flagInWords: a flag as people read it, the category by the year’s name', () => {
  const names = new Map([['SOS', 'Kegiatan sosial kemasyarakatan'], ['PRL', 'Peralatan kecil']]);
  const nameOf = (code: string) => names.get(code) ?? code;
  it.each<[string, ReceiptFlag, string]>([
    [
      'a flag with its figures: worded again with the name the year gives now',
      rbbOverrunFlag({ code: 'PRL', name: 'Peralatan' }, '2026-10', 1_000_000, 0, 2_900_000)!,
      'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk Peralatan kecil Rp1.000.000; sudah terpakai Rp0, kuitansi ini Rp2.900.000, lebih Rp1.900.000.',
    ],
    [
      'a flag stored as text only, with the code: the code replaced by the name',
      { code: 'rbb_overrun', message: 'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk SOS Rp250.000; sudah terpakai Rp0, kuitansi ini Rp400.000, lebih Rp150.000.' },
      'Melebihi rencana belanja bulanan: RBB Oktober 2026 untuk Kegiatan sosial kemasyarakatan Rp250.000; sudah terpakai Rp0, kuitansi ini Rp400.000, lebih Rp150.000.',
    ],
    [
      'an old text whose month had no RBB names no category: as stored',
      { code: 'rbb_overrun', message: 'Melebihi rencana belanja bulanan: tidak ada RBB Oktober 2026; sudah terpakai Rp50.000, kuitansi ini Rp10.000, lebih Rp60.000.' },
      'Melebihi rencana belanja bulanan: tidak ada RBB Oktober 2026; sudah terpakai Rp50.000, kuitansi ini Rp10.000, lebih Rp60.000.',
    ],
    ['another flag: as stored', { code: 'meterai', message: 'Jumlah Rp1.200.000 ≥ Rp1.000.000: kuitansi wajib bermeterai Rp10.000.' }, 'Jumlah Rp1.200.000 ≥ Rp1.000.000: kuitansi wajib bermeterai Rp10.000.'],
  ])('%s', (_name, flag, words) => {
    const before = structuredClone(flag);
    expect(flagInWords(flag, nameOf).message).toBe(words);
    // The stored flag itself is not changed.
    expect(flag).toEqual(before);
  });
});
