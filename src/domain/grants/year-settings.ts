/**
 * Versions of a programme year's settings: which one is in force on a date, and what a new
 * version may change.
 *
 * Invariants:
 * - the version in force on a date is the newest whose effectiveFrom is on or before it (the
 *   first version when none is): a decision is judged by the version in force on its date, so a
 *   later change never re-judges it;
 * - a new version takes effect today or later, never before the newest version's date, and
 *   inside the year: nothing already decided falls under it;
 * - the year's number, dates and status are never a setting; the allocation per grantee kind and
 *   the disbursement mode change only while no money of the year has been booked (so do another
 *   programme's kinds and amounts, and such a programme is not removed then; a new one may be added).
 */
import { fail } from '../errors';
import type { ProgrammeYear } from './programme-year';

/** Every setting of a year: what a version stores. */
export type YearSettings = Omit<ProgrammeYear, 'year' | 'status'>;

export interface YearVersion {
  year: number;
  version: number;
  effectiveFrom: string;
  /** The settings as stored (JSON text). */
  settings: string;
  createdBy: string;
  createdAt: string;
}

/** Fields a version never changes. */
export const FIXED_FIELDS = ['year', 'status', 'startsOn', 'endsOn'] as const;
/** Fields a version changes only while no money of the year has moved. */
export const MONEY_FIELDS = ['allocationPerRt', 'allocationPerGrantee', 'disbursementMode', 'stagePercents'] as const;

const FIELD_LABELS: Record<string, string> = {
  year: 'Tahun',
  status: 'Status tahun',
  startsOn: 'Tanggal mulai',
  endsOn: 'Tanggal selesai',
  allocationPerRt: 'Alokasi per RT',
  allocationPerGrantee: 'Alokasi per jenis penerima',
  disbursementMode: 'Cara pencairan',
  stagePercents: 'Persentase tahap',
};

export function settingsOf(y: ProgrammeYear): YearSettings {
  const { year: _year, status: _status, ...settings } = y;
  return settings;
}

/** The version in force on `date` (YYYY-MM-DD), from versions in any order; undefined when none. */
export function versionInForce<V extends Pick<YearVersion, 'version' | 'effectiveFrom'>>(versions: readonly V[], date: string): V | undefined {
  let best: V | undefined;
  let first: V | undefined;
  for (const v of versions) {
    if (!first || v.version < first.version) first = v;
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version))) best = v;
  }
  return best ?? first;
}

/** The newest version (highest number). */
export const latestVersion = <V extends Pick<YearVersion, 'version'>>(versions: readonly V[]): V | undefined =>
  versions.reduce<V | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Refuses a change the rules above forbid. `current` is the newest version's year, `next` the
 * year as it would be; `latest` the newest version's date and number.
 */
export function checkSettingsChange(o: {
  current: ProgrammeYear;
  next: ProgrammeYear;
  effectiveFrom: string;
  today: string;
  latest: { version: number; effectiveFrom: string };
  moneyMoved: boolean;
}): void {
  const { current, next, effectiveFrom } = o;
  for (const f of FIXED_FIELDS) if (!same(current[f], next[f])) throw fail('settings_field_fixed', { field: FIELD_LABELS[f]! });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) || effectiveFrom < current.startsOn || effectiveFrom > current.endsOn) {
    throw fail('settings_effective_outside_year', { startsOn: current.startsOn, endsOn: current.endsOn }, { effectiveFrom: 'Di luar tahun program.' });
  }
  if (effectiveFrom < o.today) throw fail('settings_effective_backdated', { effectiveFrom, today: o.today }, { effectiveFrom: 'Paling awal hari ini.' });
  if (effectiveFrom < o.latest.effectiveFrom) {
    throw fail('settings_effective_before_latest', { effectiveFrom, latest: o.latest.effectiveFrom, version: o.latest.version }, { effectiveFrom: 'Sebelum versi terakhir.' });
  }
  if (o.moneyMoved) {
    for (const f of MONEY_FIELDS) if (!same(current[f], next[f])) throw fail('settings_money_moved', { year: current.year, what: FIELD_LABELS[f]! });
    // A programme already configured keeps its amounts (and stays) once money moved; a new one may be added.
    for (const p of current.programmes ?? []) {
      const after = (next.programmes ?? []).find((q) => q.code === p.code);
      if (!after || !same(p.granteeKinds.map((k) => [k.kind, k.allocationRupiah]), after.granteeKinds.map((k) => [k.kind, k.allocationRupiah]))) {
        throw fail('settings_money_moved', { year: current.year, what: `Alokasi program ${p.code}` });
      }
    }
  }
  if (same(settingsOf(current), settingsOf(next))) throw fail('settings_unchanged');
}
