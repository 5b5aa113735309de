/** The kelurahan accountability report (LPJ) as its renderers need it; the application fills it. */
import type { ProgrammeYear } from '../../domain/grants/programme-year';
import type { OfficeHeader, Official } from './cash-book';

/** One spending category of the kelurahan: the approved plans (RAP), what was spent, and the plan left. */
export interface LpjCategory {
  code: string;
  name: string;
  planned: number;
  spent: number;
  /** planned − spent (negative: spent beyond the plan of the category). */
  remaining: number;
  realisation: string;
}

export interface LpjRow {
  no: number;
  rtId: number;
  /** The grantee's programme and kind ("OPS:rt", "PKK:rt"): the group of the subtotals. */
  group: string;
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

export interface LpjTotals extends Omit<LpjRow, 'no' | 'rtId' | 'label' | 'chairName' | 'group'> {
  spentWords: string;
  allocationWords: string;
}

export interface Lpj {
  kelurahan: { code: string; name: string; kecamatanCode: string; kecamatanName: string };
  year: ProgrammeYear;
  /** The grants of the report as its title names them: "DANA OPERASIONAL RT", or every programme among the grantees (grant-titles.ts grantsTitleOf). */
  grantTitle: string;
  /** The last month counted (YYYY-MM). */
  month: string;
  periodLabel: string;
  /** The chairs' column heading: "Ketua RT" (one kind of grantee) or "Ketua" (RTs, RWs, PKK groups together). */
  chairHeading: string;
  months: Array<{ value: string; label: string; selected: boolean }>;
  categories: Array<{ code: string; name: string }>;
  rows: LpjRow[];
  totals: LpjTotals;
  /** Per category: plan, realised, and the plan left (the money returned to Kas Daerah is not per category: see totals). */
  byCategory: LpjCategory[];
  /** Grants apart (RT, RW, PKK RT, …), each a subtotal of the rows; empty when the kelurahan has one group. */
  groups: Array<{ label: string; count: number; allocation: number; released: number; spent: number; remaining: number; returned: number; lapsed: number }>;
  /** "Jumlah RT dan RW", or "Jumlah semua program" when another programme is among the groups. */
  groupsTotalLabel: string;
  /** The plan left over all categories: totals.planned − totals.spent. */
  planLeft: number;
  place: string;
  office: OfficeHeader;
  /** The document number (nomor surat) of a PDF or XLSX, issued at its first download; null on screen. */
  number: string | null;
  signatures: { bendahara: string | null; bendaharaNip: string | null; lurah: Official };
  fileBase: string;
}
