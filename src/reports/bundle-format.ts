/**
 * The audit bundle's format: its version, the columns of its CSVs and the per-RT figures, shared
 * by the writer (audit-bundle.ts) and the checker (verify-bundle), which must not load the
 * writer's PDF and ZIP libraries to read a bundle.
 */
import { figuresPerRt } from '../domain/grants/year-figures';

export const BUNDLE_FORMAT = 'dana-rt-bundle/2';
export const CHAIN_COLUMNS = ['id', 'prev_hash', 'hash', 'in_scope'];
export const POSTING_COLUMNS = ['entry_id', 'line', 'account', 'amount'];
export const RECEIPT_COLUMNS = ['id', 'rt_id', 'kelurahan', 'date', 'category', 'description', 'vendor', 'nota_number', 'amount', 'status', 'entry_id', 'reversal_entry_id', 'files', 'flags', 'verifier', 'verified_at', 'note'];

export const JOURNAL_COLUMNS = ['id', 'year', 'occurred_on', 'event_type', 'event_ref', 'description', 'actor', 'recorded_at', 'idempotency_key', 'reverses_entry_id', 'reason', 'prev_hash', 'hash', 'version', 'facts'];

/** The statement PDF lists at most this many receipts and entries; the CSVs hold them all. */
export const PDF_LIST_LIMIT = 3000;

/**
 * Per RT (from its account names, year-figures.ts): allocation, undrawn, in transit (approved, not
 * yet paid by the bank), cash, spent, returned to Kas Daerah and lapsed. The allocation is what the
 * parts add up to, so after the close it is still the full allocation (the year-end accounts live
 * under the city's accounts, named per RT).
 */
export const RT_SUMMARY_COLUMNS = ['rt', 'allocation', 'undrawn', 'transit', 'cash', 'spent', 'returned', 'lapsed'];
export function perRt(balances: Array<{ name: string; balance: number }>): Array<[string, number, number, number, number, number, number, number]> {
  return [...figuresPerRt(balances)].map(([key, f]) => [key.replace(/:/g, ' '), f.allocation, f.undrawn, f.transit, f.cash, f.spent, f.returned, f.lapsed]);
}
