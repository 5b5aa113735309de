/** The registry: kecamatan → kelurahan → RW → RT. */
import type { RtRow, WilayahRow } from '../../domain/registry/rows';

/** An RT with the numbers and names of the areas it belongs to. */
export interface RtDetail {
  id: number;
  number: number;
  rwId: number;
  rwNumber: number;
  kelurahanCode: string;
  kelurahanName: string;
  kecamatanCode: string;
  kecamatanName: string;
  chairName: string;
  secretaryName: string | null;
  treasurerName: string | null;
  bankAccount: string;
  active: boolean;
  /** An RT, or an RW grantee (number 0 under its RW). */
  kind: 'rt' | 'rw';
  /** The programme that pays it: 'OPS' (the RT/RW grant), or another configured one (e.g. 'PKK'). */
  programme: string;
}

/** What an admin may change on an RT. */
export interface RtEditable {
  chairName: string;
  secretaryName: string | null;
  treasurerName: string | null;
  bankAccount: string;
}

export interface KecamatanRow {
  code: string;
  name: string;
}

export interface KecamatanSummary {
  code: string;
  name: string;
  kelurahanCount: number;
  rtCount: number;
  activeRtCount: number;
}

export interface KelurahanSummary {
  code: string;
  name: string;
  rwCount: number;
  rtCount: number;
  activeRtCount: number;
}

/** A kelurahan with the name of its kecamatan. */
export interface KelurahanDetail {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
}

export type AreaChange = 'inserted' | 'renamed' | 'same';

/** What an upsert of a wilayah row changed (for the audit log). */
export interface WilayahUpsert {
  kecamatan: AreaChange;
  kelurahan: AreaChange;
}

/** What an upsert of an RT row changed, and the RT as it was before an update. */
export interface RtUpsert {
  id: number;
  change: 'inserted' | 'updated' | 'same';
  before?: RtEditable;
}

export interface RegistryCounts {
  kecamatan: number;
  kelurahan: number;
  rw: number;
  rt: number;
  activeRt: number;
}

export interface RegistryStore {
  /** Every kecamatan with its counts. */
  kecamatanList(): KecamatanSummary[];
  findKecamatan(code: string): KecamatanRow | undefined;
  /** A kecamatan's kelurahan with their counts. */
  kelurahanList(kecamatanCode: string): KelurahanSummary[];
  findKelurahan(code: string): KelurahanDetail | undefined;
  /** Kelurahan of this name (any letter case), with their kecamatan: more than one when two kecamatan share a name. */
  kelurahanByName(name: string): KelurahanDetail[];
  kelurahanExists(code: string): boolean;
  rtsOfKelurahan(kelurahanCode: string): RtDetail[];
  findRt(id: number): RtDetail | undefined;
  /** The grantee at these numbers in a programme (default OPS: a PKK group never answers for its RT). */
  findRtByNumbers(kelurahanCode: string, rwNumber: number, rtNumber: number, programme?: string): RtDetail | undefined;
  /** Active RTs (optionally of one kelurahan), for allocation. */
  activeRts(kelurahanCode?: string): RtDetail[];
  /** Inserts or renames; returns what changed (for the audit log). */
  upsertWilayah(r: WilayahRow): WilayahUpsert;
  ensureRw(kelurahanCode: string, number: number): number;
  /** Inserts an RT, or updates its chair and bank account; returns the before state if it changed. */
  upsertRt(r: Omit<RtRow, 'line'>): RtUpsert;
  updateRt(id: number, fields: RtEditable): void;
  /** Inserts a grantee row of a programme (an RW's own is number 0 under the RW, kind 'rw'); returns its id. */
  insertGrantee(g: { kelurahanCode: string; rwNumber: number; number: number; kind: 'rt' | 'rw'; programme: string }, fields: { chairName: string; bankAccount: string }): number;
  setRtActive(id: number, active: boolean): void;
  /** bank account -> "kelurahan/rw/rt" of the RT holding it ("kelurahan/rw/rt/PKK" for another programme's grantee). */
  bankAccountHolders(): Map<string, string>;
  counts(): RegistryCounts;
  kecamatanCodes(): string[];
}
