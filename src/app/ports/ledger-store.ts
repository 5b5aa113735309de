/**
 * Storage of accounts, journal entries and postings. The caller holds the transaction; an entry
 * arrives with its id, hash and account ids already computed by the use case.
 */
import type { AccountSpec } from '../../domain/ledger/accounts';
import type { PostedEntry } from '../../domain/ledger/entry';
import type { YearStatus } from '../../domain/grants/programme-year';

export interface AccountRow {
  id: number;
  year: number;
  name: string;
  kind: string;
  rtId: number | null;
  category: string | null;
  /** Cache of the sum of the account's postings, kept in the posting transaction. */
  balance: number;
}

/** The last entry of the hash chain. */
export interface ChainHead {
  id: number;
  hash: string;
}

/** An entry as streamed for verify and exports, with the totals stored beside it. */
export type EntryWithTotals = PostedEntry & { postingCount: number; debitTotal: number };

/** An RT's cash and spending in a month, from the postings by business date. */
export interface RtMonthFlows {
  /** Cash at the start of the month. */
  opening: number;
  received: number;
  spent: number;
  /** Cash at the end of the month. */
  closing: number;
  /** What was posted to the RT's spending categories in the month. */
  spendingPosted: number;
}

export interface LedgerRowCounts {
  entries: number;
  postings: number;
  accounts: number;
}

/** An account whose cached balance differs from the sum of its postings. */
export interface BalanceMismatch {
  name: string;
  year: number;
  cached: number;
  derived: number;
}

export interface AccountBalance {
  name: string;
  balance: number;
}

/** A posting on an RT's cash account: one line of its cash book (BKU). */
export interface CashBookLine {
  entryId: number;
  date: string;
  eventType: string;
  eventRef: string;
  description: string;
  amount: number;
}

export interface LedgerStore {
  ensureAccounts(year: number, rtId: number | null, specs: readonly AccountSpec[]): void;
  accountByName(year: number, name: string): AccountRow | undefined;
  yearStatus(year: number): YearStatus | undefined;
  head(): ChainHead | undefined;
  findByKey(key: string): PostedEntry | undefined;
  findById(id: number): PostedEntry | undefined;
  findReversalOf(id: number): PostedEntry | undefined;
  /** Inserts an entry whose id, hash and account ids the caller has already computed. */
  insert(e: PostedEntry, accountIds: number[], debitTotal: number): void;
  /** Streams every entry with its postings in id order (for verify and exports). */
  iterateEntries(): Generator<EntryWithTotals>;
  /** The migrations' triggers checked by their SQL text (src/db/triggers.ts): missing, altered, unexpected. */
  triggerProblems(): TriggerProblems;
  hasHash(hash: string): boolean;
  /**
   * An RT's cash and spending in a month, from the postings by business date: the cash at the
   * start and end, what came in and went out, and the spending posted to its categories.
   */
  rtMonthFlows(year: number, rtId: number, monthStart: string, nextMonthStart: string): RtMonthFlows;
  orphanPostings(): number;
  /** How many rows the ledger holds, all years (what a generated city or a benchmark reports). */
  rowCounts(): LedgerRowCounts;
  /** How many entries a scope's export holds (for its progress bar). */
  countInScope(year: number, kelurahanCode: string | null): number;
  /** Accounts whose cached balance differs from the sum of their postings. */
  balanceMismatches(limit?: number): BalanceMismatch[];
  /**
   * Entries of a year in id order, optionally only those touching a kelurahan's RTs, each with
   * its postings: streamed, so a city-year never sits in memory.
   */
  entriesInScope(year: number, kelurahanCode: string | null): Generator<PostedEntry>;
  /** The lowest entry id of a scope (null when it has none). */
  firstIdInScope(year: number, kelurahanCode: string | null): number | null;
  /**
   * The chain skeleton of the ids from..to (inclusive), in id order: every entry's id, previous
   * hash and hash, and whether it belongs to the scope. Streamed.
   */
  chainSkeleton(from: number, to: number, year: number, kelurahanCode: string | null): Generator<ChainLink>;
  /** Balances per account over the entries of a scope (the trial balance an export must reproduce). */
  scopeTrialBalance(year: number, kelurahanCode: string | null): AccountBalance[];
  /** The postings on an RT's cash account in a date range, in order: the lines of its cash book (BKU). */
  cashBookLines(year: number, rtId: number, from: string, before: string): CashBookLine[];
  /**
   * The lowest cash balance of an RT from a day on (the running balance by business date):
   * spending dated on that day must fit under it, or the cash book would go negative later.
   */
  minCashFrom(year: number, rtId: number, from: string): number;
  /** Trial balance of a year from postings (not from the cache). */
  trialBalance(year: number): AccountBalance[];
}

/** What verify finds of the triggers, by name. */
export interface TriggerProblems {
  missing: string[];
  /** Present under the expected name with another text (a no-op in its place). */
  altered: string[];
  /** Present and not expected (a trigger of its own can rewrite what is inserted). */
  unexpected: string[];
}

/** One link of the chain as a bundle's chain.csv lists it. */
export interface ChainLink {
  id: number;
  prevHash: string;
  hash: string;
  inScope: 0 | 1;
}
