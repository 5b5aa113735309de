import { describe, expect, it } from 'vitest';
import { ageInDays, badgesByPage, workLines, type WorkCount } from '../../src/domain/home/work-summary';

const counts: WorkCount[] = [
  { kind: 'receipts', count: 3, oldestAt: '2026-11-30T20:00:00.000Z' },
  { kind: 'spj', count: 1, oldestAt: '2026-12-05T01:00:00.000Z' },
  { kind: 'plans', count: 0, oldestAt: null },
  { kind: 'tranches', count: 2, oldestAt: '2026-12-01T03:00:00.000Z' },
  { kind: 'steps', count: 4, oldestAt: '2026-11-20T03:00:00.000Z' },
  { kind: 'bank', count: 5, oldestAt: '2026-12-06T03:00:00.000Z' },
];

describe('workLines: each role sees its own work', () => {
  it.each([
    // Her queue (/antrian) lists every kind: its badge is all of her work, as the page's total.
    ['bendahara', ['receipts', 'spj', 'plans', 'tranches'], { '/verifikasi': 4, '/antrian': 6 }],
    ['lurah', ['steps'], { '/persetujuan': 4 }],
    ['camat', ['steps'], { '/persetujuan': 4 }],
    ['bpkad', ['bank'], { '/bank': 5 }],
    ['auditor', [], {}],
    ['ketua_rt', [], {}],
  ] as const)('%s', (role, kinds, badges) => {
    const lines = workLines(role, counts, '2026-12-06');
    expect(lines.map((l) => l.kind)).toEqual(kinds);
    expect(Object.fromEntries(badgesByPage(lines, role))).toEqual(badges);
  });

  it.each([
    // 2026-11-30T20:00Z is 1 December in WIB: 5 days before 6 December.
    ['receipts', 5],
    ['spj', 1],
    ['plans', null],
    ['tranches', 5],
  ] as const)('the oldest %s is %s days old (WIB dates; none when nothing waits)', (kind, days) => {
    expect(workLines('bendahara', counts, '2026-12-06').find((l) => l.kind === kind)!.oldestDays).toBe(days);
  });

  it('names whose step an admin line counts', () => {
    const [l] = workLines('admin', [{ kind: 'plans', count: 1, oldestAt: null, who: 'menunggu lurah' }], '2026-12-06');
    expect(l!.label).toBe('RAP menunggu (menunggu lurah)');
  });

  it.each([
    [null, null],
    ['2026-12-06', 0],
    ['2026-12-07', 0],
    ['2026-12-01', 5],
  ] as const)('ageInDays(%s) = %s', (at, days) => expect(ageInDays(at, '2026-12-06')).toBe(days));
});
