/**
 * Holds the business records against the facts their entries carry (chain version 2,
 * src/domain/ledger/entry-facts.ts): a receipt's RT, date, category, texts, nota, amount and
 * evidence files; a tranche's RBB lines; the bank account a payment went to. An insider who
 * rewrites a verified receipt's vendor, swaps its photos with another receipt's or redirects a
 * paid row's account in the database file leaves the entry (and its hash) saying otherwise.
 * The facts are rebuilt from the rows by the same builders the use cases post with.
 */
import { bankTransferFacts, factsDiffer, receiptFacts, trancheFacts, type EntryFacts } from '../domain/ledger/entry-facts';
import type { EntryFactRow } from './ports';
import type { Services } from './services';

/** The facts the row's record gives today, or null when no record points to the entry. */
function factsNow(row: EntryFactRow): EntryFacts | null {
  if (row.eventType === 'receipt') return row.receipt && receiptFacts(row.receipt);
  if (row.eventType === 'tranche') return row.tranche && trancheFacts(row.tranche);
  return row.bankRow && bankTransferFacts(row.bankRow);
}

const LIMIT = 20;

export function verifyFacts(s: Services): string[] {
  const problems: string[] = [];
  let count = 0;
  const add = (text: string) => {
    count += 1;
    if (count <= LIMIT) problems.push(text);
  };
  for (const row of s.consistency.entryFactRows()) {
    if (row.facts === null) {
      add(`jurnal #${row.entryId} (${row.eventType}) versi 2 tanpa fakta yang seharusnya dibawanya`);
      continue;
    }
    const now = factsNow(row);
    // No record points to the entry: the provenance checks (consistency-repository.ts) name it.
    if (!now) continue;
    const differ = factsDiffer(JSON.parse(row.facts) as EntryFacts, now);
    if (differ.length) add(`jurnal #${row.entryId}: ${recordName(row)} tidak sama dengan yang dibukukan: ${differ.join(', ')} diubah sesudahnya`);
  }
  if (count > LIMIT) problems.push(`… dan ${count - LIMIT} catatan lain tidak sama dengan jurnalnya`);
  return problems;
}

function recordName(row: EntryFactRow): string {
  if (row.receipt) return `kuitansi #${row.receipt.id}`;
  if (row.tranche) return `pencairan #${row.tranche.id}`;
  return `baris batch bank pencairan #${row.bankRow!.trancheId}`;
}
