/** The audit log: append-only, written inside the transaction of the change it records. */
import type { Actor } from '../../domain/access';
import type { AuditChainLine, ChainedAuditRow } from '../../domain/audit/audit-chain';
import type { PresentState, YearRulesRow } from '../../domain/audit/audited-state';

/** What a use case records about a change (who and when come from the actor and the clock). */
export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  kelurahanCode?: string | null;
  kecamatanCode?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  kelurahanCode?: string;
  from?: string;
  to?: string;
  /** Restrict to these kecamatan (an auditor with a limited scope). */
  kecamatanCodes?: string[] | null;
  page: number;
  pageSize: number;
}

/** A row of the audit log as stored. */
export interface AuditRow {
  id: number;
  /** ISO timestamp. */
  at: string;
  actorUserId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string | null;
  kelurahanCode: string | null;
  kecamatanCode: string | null;
  /** JSON {before, after}: a summary, never a password or a token. */
  summary: string;
  ip: string | null;
  /** The hash chain (src/domain/audit/audit-chain.ts); null before the chain began. */
  prevHash: string | null;
  hash: string | null;
}

/** One page of the audit log, newest first, and how many rows match in all. */
export interface AuditPage {
  total: number;
  rows: AuditRow[];
}

export interface AuditStore {
  record(actor: Actor, ip: string | null, r: AuditRecord, at?: Date): void;
  list(f: AuditFilter): AuditPage;
  /** The history of some records (plans, tranches), oldest first. */
  forTargets(targetType: string, ids: Array<number | string>): AuditRow[];
  actions(): string[];
  count(action?: string): number;
  /** The last chained row (id and hash), e.g. for a checkpoint to sign; undefined before the chain began. */
  chainHead(): { id: number; hash: string } | undefined;
  /** The hash of audit row `id`, or null when there is no such row or it has no hash. */
  chainHashOf(id: number): string | null;
  /** Every row in id order with its hash columns (verify walks them). */
  iterateChain(): Iterable<ChainedAuditRow>;
  /** Every row in id order as a bundle's audit-log.jsonl carries it (auditJsonlLine); kelurahanCode null = all in scope. */
  chainLines(kelurahanCode: string | null): Iterable<AuditChainLine>;
  /** Users, RT bank accounts and programme years as the tables hold them now. */
  presentState(): PresentState;
  /** A programme year's stored columns (rules as stored), for its audit row. */
  yearRulesRow(year: number): YearRulesRow | undefined;
}
