/** The file a bank batch sends to the bank: one row per transfer, formula cells escaped. */
import { csvTable } from './csv-writer';

export interface BankCsvRow {
  bankAccount: string;
  accountName: string;
  amount: number;
  reference: string;
  description: string;
}

export const BANK_CSV_COLUMNS = ['no_rekening', 'nama_rekening', 'jumlah', 'referensi', 'keterangan'] as const;

export function bankBatchCsv(rows: readonly BankCsvRow[]): string {
  return csvTable(BANK_CSV_COLUMNS, rows.map((r) => [r.bankAccount, r.accountName, r.amount, r.reference, r.description]));
}
