/**
 * Grants apart and together: one grouping for every page and report that shows them (city,
 * kecamatan, kelurahan, LPJ, statement). A group is a programme and a grantee kind: RT, RW (the
 * RT/RW grant, OPS), then each other programme's kinds as its settings label them (PKK RT, PKK RW).
 *
 * Invariants:
 * - the groups' sums add up to the total they are shown with (every grantee in exactly one group);
 * - nothing is shown apart while a single group exists (an area of RTs only reads as before).
 */
import { isMainProgramme, type ProgrammeYear } from '../domain/grants/programme-year';
import { kindLabel } from '../domain/grants/programmes';
import type { RtMoney } from './ports';

export interface GrantGroupRow {
  programme: string;
  kind: 'rt' | 'rw';
  money: RtMoney;
}

export interface GrantGroup extends RtMoney {
  key: string;
  label: string;
  drawn: number;
}

const ZERO: RtMoney = { undrawn: 0, transit: 0, cash: 0, spent: 0, returned: 0, lapsed: 0, allocated: 0 };
/** Two sums of money added field by field (groups, totals, the dashboards' area totals). */
export const addMoney = (a: RtMoney, b: RtMoney): RtMoney => ({
  undrawn: a.undrawn + b.undrawn,
  transit: a.transit + b.transit,
  cash: a.cash + b.cash,
  spent: a.spent + b.spent,
  returned: a.returned + b.returned,
  lapsed: a.lapsed + b.lapsed,
  allocated: a.allocated + b.allocated,
});

/** "Hibah RT", "Hibah RW", "Hibah PKK RT" … */
export const groupLabel = (y: Pick<ProgrammeYear, 'programmes'> | undefined, programme: string, kind: 'rt' | 'rw') => `Hibah ${kindLabel(y, programme, kind)}`;

const rank = (p: string, k: string) => `${isMainProgramme(p) ? '0' : `1${p}`}:${k}`;

/** The groups present, in order (OPS RT, OPS RW, then the others by code), each keyed "OPS:rt"; [] for one group. */
export function grantGroupKeys(rows: Iterable<{ programme: string; kind: 'rt' | 'rw' }>, y: Pick<ProgrammeYear, 'programmes'> | undefined): Array<{ key: string; label: string; programme: string; kind: 'rt' | 'rw' }> {
  const seen = new Map<string, { programme: string; kind: 'rt' | 'rw' }>();
  for (const r of rows) seen.set(`${r.programme}:${r.kind}`, { programme: r.programme, kind: r.kind });
  if (seen.size < 2) return [];
  return [...seen.entries()]
    .sort(([, a], [, b]) => rank(a.programme, a.kind).localeCompare(rank(b.programme, b.kind)))
    .map(([key, g]) => ({ key, label: groupLabel(y, g.programme, g.kind), ...g }));
}

/** The rows summed per programme and kind, in the order of grantGroupKeys; [] for one group. */
export function grantGroups(rows: readonly GrantGroupRow[], y: Pick<ProgrammeYear, 'programmes'> | undefined): GrantGroup[] {
  return grantGroupKeys(rows, y).map(({ key, label }) => {
    const money = rows.filter((r) => `${r.programme}:${r.kind}` === key).reduce((a, r) => addMoney(a, r.money), ZERO);
    return { key, label, ...money, drawn: money.transit + money.cash + money.spent };
  });
}

/** The total row's label: "Jumlah RT dan RW" for the RT/RW grant alone, else every programme's. */
export const groupsTotalLabel = (groups: ReadonlyArray<{ key: string }>) =>
  groups.every((g) => g.key.startsWith('OPS:')) ? 'Jumlah RT dan RW' : 'Jumlah semua program';
