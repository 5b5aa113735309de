/**
 * The business facts an entry rests on, bound into its hash from chain version 2 on.
 *
 * A journal entry moves money between accounts; the postings alone do not say what was bought,
 * from whom, with which nota and photos, on which plan lines, or into which bank account. Those
 * facts live in business tables that an insider with the database file could rewrite without
 * touching the ledger. From version 2 on the entry carries them, so the chain covers them and
 * `verify` holds the business tables against them (factsOf… below rebuilds them from the rows).
 *
 * Invariants:
 * - each builder returns a plain object whose keys come in one fixed order (JSON.stringify of it
 *   is the canonical form) and whose values are strings, integers, nulls or arrays of them;
 * - lists are sorted (evidence hashes, plan lines), so the same facts always give the same text;
 * - sameFacts compares canonical texts: any changed field, added or removed file differs.
 */

export interface ReceiptFacts {
  kind: 'receipt';
  receipt: number;
  rt: number;
  date: string;
  category: string;
  description: string;
  vendor: string;
  nota: string | null;
  amount: number;
  /** SHA-256 of each evidence file, sorted. */
  evidence: string[];
}

export interface TrancheFacts {
  kind: 'tranche';
  tranche: number;
  rt: number;
  /** The RBB lines: [category, description, amount], sorted by category, description, amount. */
  lines: Array<[string, string, number]>;
}

export interface BankTransferFacts {
  kind: 'bank_transfer';
  tranche: number;
  rt: number;
  batch: number;
  /** The account the bank paid into, as the batch file named it. */
  bankAccount: string;
}

export type EntryFacts = ReceiptFacts | TrancheFacts | BankTransferFacts;

export function receiptFacts(r: {
  id: number;
  rtId: number;
  date: string;
  category: string;
  description: string;
  vendor: string;
  notaNumber: string | null;
  amount: number;
  evidence: readonly string[];
}): ReceiptFacts {
  return {
    kind: 'receipt',
    receipt: r.id,
    rt: r.rtId,
    date: r.date,
    category: r.category,
    description: r.description,
    vendor: r.vendor,
    nota: r.notaNumber ?? null,
    amount: r.amount,
    evidence: [...r.evidence].sort(),
  };
}

export function trancheFacts(t: { id: number; rtId: number; lines: ReadonlyArray<{ category: string; description: string; amount: number }> }): TrancheFacts {
  const lines = t.lines.map((l): [string, string, number] => [l.category, l.description, l.amount]);
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  lines.sort((a, b) => text(a[0], b[0]) || text(a[1], b[1]) || a[2] - b[2]);
  return { kind: 'tranche', tranche: t.id, rt: t.rtId, lines };
}

export function bankTransferFacts(p: { trancheId: number; rtId: number; batchId: number; bankAccount: string }): BankTransferFacts {
  return { kind: 'bank_transfer', tranche: p.trancheId, rt: p.rtId, batch: p.batchId, bankAccount: p.bankAccount };
}

/** The canonical text of facts (what the hash covers), or 'null'. */
export function factsText(f: EntryFacts | null | undefined): string {
  return JSON.stringify(f ?? null);
}

/**
 * The fields where the facts an entry carries differ from the facts rebuilt from today's
 * business rows (empty when they agree). Names are Indonesian, for verify's report.
 */
export function factsDiffer(stored: EntryFacts, now: EntryFacts): string[] {
  if (stored.kind !== now.kind) return ['jenis'];
  const a = stored as unknown as Record<string, unknown>;
  const b = now as unknown as Record<string, unknown>;
  const names: Record<string, string> = {
    receipt: 'kuitansi',
    tranche: 'pencairan',
    rt: 'RT',
    date: 'tanggal',
    category: 'kategori',
    description: 'uraian',
    vendor: 'toko/penyedia',
    nota: 'nomor nota',
    amount: 'jumlah',
    evidence: 'berkas bukti',
    lines: 'baris RBB',
    batch: 'berkas bank',
    bankAccount: 'rekening tujuan',
  };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) if (k !== 'kind' && JSON.stringify(a[k]) !== JSON.stringify(b[k])) out.push(names[k] ?? k);
  return out;
}
