/** The shapes the public pages' renderers take (issue 20); src/app/read-public.ts fills them. */
import type { ProgrammeYear } from '../../domain/grants/programme-year';
import type { PublicReceipt } from '../../domain/public/disclosure';

export interface Crumb {
  label: string;
  href: string;
}

export interface Punctuality {
  owed: number;
  onTime: number;
  late: number;
  missing: number;
  onTimePercent: number | null;
}

export interface PublicAreaRow {
  label: string;
  href: string;
  allocated: number;
  drawn: number;
  spent: number;
  /** Percent of the allocation spent (verified receipts). */
  absorption: number;
  spj: Punctuality;
  code?: string;
  grantees?: number;
  rwNumber?: number;
  kind?: 'rt' | 'rw';
}

export interface PublicTotals {
  allocated: number;
  drawn: number;
  spent: number;
  absorption: number;
  spj: Punctuality;
}

export interface PublicBooks {
  money: { allocated: number; drawn: number; spent: number; cash: number; returned: number; lapsed: number; absorption: number };
  plan: Array<{ code: string; name: string; planned: number; spent: number; percent: number }>;
  planTotal: number;
  receipts: Array<PublicReceipt & { categoryName: string }>;
  tranches: Array<{ period: string; mode: string; amount: number; paid: boolean; paidAt: string | null; approvedAt: string | null }>;
  received: number;
  spj: Array<{ month: string; due: string; status: string | null; statusLabel: string; daysLate: number }>;
  punctuality: Punctuality;
}

export interface PublicCheckpoint {
  seq: number;
  signedAt: string;
  entryCount: number;
  head: string;
}

export interface PublicAreaModel {
  level: 'kota' | 'kecamatan' | 'kelurahan';
  name: string;
  year: ProgrammeYear;
  rows: PublicAreaRow[];
  rwRows?: Array<PublicTotals & { label: string; href: string; grantees: number }>;
  totals: PublicTotals;
  crumbs: Crumb[];
}

export interface PublicGranteeModel {
  level: 'rt';
  name: string;
  place: { kelurahanCode: string; kelurahanName: string; kecamatanCode: string; kecamatanName: string; rwNumber: number; rtNumber: number; kind: 'rt' | 'rw' };
  target: { kind: 'rt' | 'rw'; id: number };
  year: ProgrammeYear;
  books: PublicBooks;
  checkpoint: PublicCheckpoint | null;
  crumbs: Crumb[];
}

export interface PublicRwModel {
  level: 'rw';
  name: string;
  place: { kelurahanCode: string; kelurahanName: string; kecamatanName: string; rwNumber: number };
  target: { kind: 'rw'; id: number } | null;
  year: ProgrammeYear;
  rows: PublicAreaRow[];
  totals: PublicTotals;
  books: PublicBooks | null;
  checkpoint: PublicCheckpoint | null;
  crumbs: Crumb[];
}
