import { describe, expect, it } from 'vitest';
import { chairNeeds, whenLabel, type ChairFacts } from '../../src/domain/home/perlu-tindakan';

const base: ChairFacts = {
  today: '2026-04-05',
  year: { year: 2026, endsOn: '2026-12-31', closed: false },
  returned: [],
  spj: [],
  money: { undrawn: 0, transit: 0, cash: 0 },
  categories: [],
};
const facts = (o: Partial<ChairFacts>): ChairFacts => ({ ...base, ...o });

describe('chairNeeds: SPJ due dates', () => {
  it.each([
    // [what, spj rows, today, expected (month, daysLeft, overdue) in order]
    ['nothing owed', [], '2026-04-05', []],
    ['due in 5 days', [{ month: '2026-03', due: '2026-04-10', sent: false }], '2026-04-05', [['2026-03', 5, false]]],
    ['due today', [{ month: '2026-03', due: '2026-04-10', sent: false }], '2026-04-10', [['2026-03', 0, false]]],
    ['overdue 3 days', [{ month: '2026-03', due: '2026-04-10', sent: false }], '2026-04-13', [['2026-03', -3, true]]],
    ['a sent one is not owed', [{ month: '2026-03', due: '2026-04-10', sent: true }], '2026-04-13', []],
    [
      'most urgent first',
      [
        { month: '2026-04', due: '2026-05-10', sent: false },
        { month: '2026-02', due: '2026-03-10', sent: false },
        { month: '2026-03', due: '2026-04-10', sent: true },
      ],
      '2026-04-05',
      [['2026-02', -26, true], ['2026-04', 35, false]],
    ],
  ] as const)('%s', (_what, spj, today, expected) => {
    const n = chairNeeds(facts({ today, spj: [...spj] }));
    expect(n.spjDue.map((s) => [s.month, s.daysLeft, s.overdue])).toEqual(expected);
  });

  it('says the month and the time in words', () => {
    const [d] = chairNeeds(facts({ today: '2026-04-13', spj: [{ month: '2026-03', due: '2026-04-10', sent: false }] })).spjDue;
    expect(d).toMatchObject({ monthLabel: 'Maret 2026', when: 'terlambat 3 hari' });
  });

  it.each([
    [0, 'hari ini'],
    [1, '1 hari lagi'],
    [-1, 'terlambat 1 hari'],
  ])('whenLabel(%i) = %s', (days, label) => expect(whenLabel(days)).toBe(label));
});

describe('chairNeeds: money that will lapse', () => {
  it.each([
    ['undrawn + transit + cash lapse at year end', { undrawn: 20_000_000, transit: 1_000_000, cash: 1_350_000 }, '2026-04-05', false, 'Rp22.350.000 akan hangus 31 Desember 2026'],
    ['nothing left: nothing lapses', { undrawn: 0, transit: 0, cash: 0 }, '2026-04-05', false, null],
    ['a closed year: nothing more lapses', { undrawn: 5, transit: 0, cash: 0 }, '2026-04-05', true, null],
    ['after the year end: nothing more to warn of', { undrawn: 5, transit: 0, cash: 0 }, '2027-01-01', false, null],
    ['on the last day it still warns', { undrawn: 0, transit: 0, cash: 150_000 }, '2026-12-31', false, 'Rp150.000 akan hangus 31 Desember 2026'],
  ] as const)('%s', (_what, money, today, closed, message) => {
    const n = chairNeeds(facts({ today, money, year: { ...base.year, closed } }));
    expect(n.lapse?.message ?? null).toBe(message);
    if (message) expect(n.lapse!.daysLeft).toBe(Math.round((Date.parse('2026-12-31') - Date.parse(today)) / 86_400_000));
  });
});

describe('chairNeeds: returned items and the count', () => {
  it('lists returned items oldest first with their age, and counts an SPJ once', () => {
    const n = chairNeeds(
      facts({
        today: '2026-04-10',
        returned: [
          { kind: 'receipt', id: 9, what: 'Kuitansi #9', reason: 'Foto kurang', returnedAt: '2026-04-08T03:00:00.000Z', href: '/kuitansi/9' },
          { kind: 'spj', id: 2, what: 'SPJ Februari 2026', reason: 'Saldo', returnedAt: '2026-04-01T20:00:00.000Z', href: '/spj/2' },
        ],
        spj: [
          { month: '2026-02', due: '2026-03-10', sent: false, returned: true },
          { month: '2026-03', due: '2026-04-10', sent: false },
        ],
      }),
    );
    // 2026-04-01T20:00Z is 2 April in WIB: 8 days before 10 April.
    expect(n.returned.map((r) => [r.kind, r.id, r.ageDays])).toEqual([['spj', 2, 8], ['receipt', 9, 2]]);
    expect(n.count).toBe(3);
  });
});

describe('chairNeeds: a bar per category', () => {
  it.each([
    ['planned, part spent, part held', { planned: 1_000_000, spent: 400_000, held: 100_000 }, { left: 500_000, over: false }],
    ['fully used', { planned: 1_000_000, spent: 1_000_000, held: 0 }, { left: 0, over: false }],
    ['over the plan: left is zero, marked over', { planned: 500_000, spent: 400_000, held: 200_000 }, { left: 0, over: true }],
  ] as const)('%s', (_what, c, expected) => {
    const [bar] = chairNeeds(facts({ categories: [{ code: 'SOS', name: 'Kegiatan sosial kemasyarakatan', ...c }] })).bars;
    expect(bar).toMatchObject({ name: 'Kegiatan sosial kemasyarakatan', ...expected });
  });

  it('leaves out a category neither planned nor used', () => {
    const n = chairNeeds(facts({ categories: [{ code: 'PRL', name: 'Peralatan', planned: 0, spent: 0, held: 0 }] }));
    expect(n.bars).toEqual([]);
  });
});
