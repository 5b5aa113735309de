/**
 * The audit bundle's format: its version, the columns of its CSVs and the per-RT figures, shared
 * by the writer (audit-bundle.ts) and the checker (verify-bundle), which must not load the
 * writer's PDF and ZIP libraries to read a bundle.
 */
import { figuresPerRt } from '../domain/grants/year-figures';

/**
 * The format new bundles are written in. A file added to the bundle's required files raises it (an
 * auditor's older bundle, without the file, must still be read as what it is): 2 is the layout of
 * journal.jsonl, chain.csv, checkpoints and the records; 3 adds pre-dossier-plans.csv.
 */
export const BUNDLE_FORMAT = 'dana-rt-bundle/3';
/** Every format verify-bundle reads, oldest first; any other is refused. */
export const BUNDLE_FORMATS = ['dana-rt-bundle/2', 'dana-rt-bundle/3'] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];
export const isBundleFormat = (f: string | null): f is BundleFormat => (BUNDLE_FORMATS as readonly string[]).includes(f ?? '');

/**
 * The required files a format added, with what an older bundle without them cannot be checked for
 * (verify-bundle says so in a note: neither a problem nor a silent pass).
 */
export const FILES_SINCE: ReadonlyArray<{ file: string; since: BundleFormat; check: string }> = [
  { file: 'pre-dossier-plans.csv', since: 'dana-rt-bundle/3', check: 'pemeriksaan daftar RAP yang diajukan sebelum berkas diminta (pengecualian berkas, migrasi 0028; RAP tanpa syarat berkas tetap diperiksa terhadap log audit pengajuannya)' },
];

/** The files a bundle of `format` may lack (those a later format added), with their notes. */
export const filesNotInFormat = (format: BundleFormat) => FILES_SINCE.filter((f) => BUNDLE_FORMATS.indexOf(f.since) > BUNDLE_FORMATS.indexOf(format));
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
