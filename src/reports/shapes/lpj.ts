/** The kelurahan accountability report (LPJ) as its renderers need it; the application fills it. */
import type { ProgrammeYear } from '../../domain/grants/programme-year';

export interface LpjRow {
  no: number;
  rtId: number;
  label: string;
  chairName: string;
  allocation: number;
  released: number;
  spentByCategory: number[];
  spent: number;
  planned: number;
  remaining: number;
  /** Cash returned to Kas Daerah at year end (and by corrections after it). */
  returned: number;
  /** Undrawn allocation that lapsed at year end. */
  lapsed: number;
  receipts: number;
  unverified: number;
  overdueSpj: number;
  realisation: string;
}

export interface LpjTotals extends Omit<LpjRow, 'no' | 'rtId' | 'label' | 'chairName'> {
  spentWords: string;
  allocationWords: string;
}

export interface Lpj {
  kelurahan: { code: string; name: string; kecamatanCode: string; kecamatanName: string };
  year: ProgrammeYear;
  /** The last month counted (YYYY-MM). */
  month: string;
  periodLabel: string;
  months: Array<{ value: string; label: string; selected: boolean }>;
  categories: Array<{ code: string; name: string }>;
  rows: LpjRow[];
  totals: LpjTotals;
  place: string;
  signatures: { bendahara: string | null };
  fileBase: string;
}
