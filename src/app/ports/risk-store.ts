/** The early-warning desk's kept flags, the dirty marks that ask for a refresh, and the cross-RT keys. */
import type { EvidenceRef } from '../../domain/risk/flags';
import type { RiskKind } from '../../domain/grants/risk-thresholds';

export interface StoredRiskFlag {
  id: number;
  year: number;
  rtId: number;
  kind: RiskKind;
  severity: number;
  score: number;
  numbers: Record<string, number | string>;
  evidence: EvidenceRef[];
  computedOn: string;
  computedAt: string;
  firstSeenAt: string;
  state: 'open' | 'followed_up';
  followNote: string | null;
  followedBy: string | null;
  followedAt: string | null;
  followedSeverity: number | null;
}

/** What a refresh writes for one flag (the store keeps the follow-up columns it is given). */
export type RiskFlagWrite = Omit<StoredRiskFlag, 'id'>;

export interface RiskLink {
  kind: 'vendor' | 'nota' | 'photo';
  key: string;
  rtId: number;
  kelurahanCode: string;
  receiptId: number;
  num: number | null;
}

export interface RiskGranteeState {
  year: number;
  rtId: number;
  computedOn: string;
  computedAt: string;
  openScore: number;
  flagCount: number;
}

/** A grantee in the desk's ranked list, with where it lives. */
export interface RankedGrantee extends RiskGranteeState {
  kind: 'rt' | 'rw';
  number: number;
  rwNumber: number;
  kelurahanCode: string;
  kelurahanName: string;
  kecamatanCode: string;
}

export interface RankQuery {
  year: number;
  /** null: the whole city. */
  kecamatanCodes: string[] | null;
  kelurahanCode?: string;
  kind?: RiskKind;
  limit: number;
  offset: number;
}

export interface RiskStore {
  /** Up to `limit` dirty grantees, oldest marks first. */
  dirty(limit: number): Array<{ year: number; rtId: number }>;
  dirtyCount(year?: number): number;
  isDirty(year: number, rtId: number): boolean;
  markDirty(year: number, rtIds: readonly number[]): void;
  clearDirty(year: number, rtId: number): void;
  flagsOf(year: number, rtId: number): StoredRiskFlag[];
  flagsOfMany(year: number, rtIds: readonly number[]): StoredRiskFlag[];
  findFlag(id: number): StoredRiskFlag | undefined;
  /** Replaces a grantee's flags (kinds not given are removed) and its state row. */
  saveGrantee(year: number, rtId: number, flags: readonly RiskFlagWrite[], state: Omit<RiskGranteeState, 'year' | 'rtId'>): void;
  stateOf(year: number, rtId: number): RiskGranteeState | undefined;
  states(year: number): RiskGranteeState[];
  linksOf(year: number, rtId: number): RiskLink[];
  replaceLinks(year: number, rtId: number, links: readonly RiskLink[]): void;
  /** Every link of these keys (other grantees' included). */
  linksWithKeys(year: number, kind: RiskLink['kind'], keys: readonly string[]): RiskLink[];
  /**
   * The grantees other than `exceptRtId` holding a number of nota series `key` inside one of
   * `intervals` (closed, from spanIntervals): read from the series' numbers near the asker's,
   * not the whole series.
   */
  notaHoldersWithin(year: number, key: string, intervals: ReadonlyArray<readonly [number, number]>, exceptRtId: number): number[];
  /** The numbers of nota series `key` inside one of `intervals` held by grantees other than `exceptRtId`, as [rtId, num]. */
  notaNumbersWithin(year: number, key: string, intervals: ReadonlyArray<readonly [number, number]>, exceptRtId: number): Array<[number, number]>;
  /** Per vendor key: how many grantees and kelurahan hold it. */
  vendorSpread(year: number, keys: readonly string[]): Array<{ key: string; rts: number; kelurahan: number }>;
  /** Grantees holding any of these keys. */
  rtsHolding(year: number, kind: RiskLink['kind'], keys: readonly string[]): number[];
  /** Of these grantees, those whose kept flags were computed for another day than `day` (or never). */
  computedOtherThan(year: number, rtIds: readonly number[], day: string): number[];
  ranked(q: RankQuery): { rows: RankedGrantee[]; total: number };
  followUp(id: number, f: { note: string; by: string; at: string; severity: number }): void;
  /** Flags first seen, or followed up, since `since` (ISO), in scope. */
  changedSince(year: number, since: string, kecamatanCodes: string[] | null): { fresh: StoredRiskFlag[]; followed: StoredRiskFlag[] };
}
