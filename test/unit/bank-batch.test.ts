/** The bank batch rules (src/domain/grants/bank-batch.ts) and the bank's CSV file, as tables. */
import { describe, expect, it } from 'vitest';
import { answerBatchRow, batchStatusOf, refuseBatchCancel, refuseReversalInBatch, type BankAnswer, type BatchRowStatus, type BatchStatus } from '../../src/domain/grants/bank-batch';
import { bankBatchCsv } from '../../src/reports/bank-batch-csv';
import { lpjCsv } from '../../src/reports/lpj-formats';
import { codeOf } from '../helpers/errors';

const WINDOW = { earliest: '2026-11-27', latest: '2026-12-03' };
const paid = (o: Partial<Extract<BankAnswer, { outcome: 'paid' }>> = {}): BankAnswer => ({ outcome: 'paid', bankReference: 'BJTG-1', paidOn: '2026-11-28', ...o });

describe('answering a row', () => {
  it.each<[string, BatchRowStatus, BatchStatus, BankAnswer, string]>([
    ['paid with reference and a date in the window', 'sent', 'open', paid(), 'paid'],
    ['paid on the day the batch was made', 'sent', 'open', paid({ paidOn: '2026-11-27' }), 'paid'],
    ['paid today', 'sent', 'open', paid({ paidOn: '2026-12-03' }), 'paid'],
    ['failed with the bank’s reason', 'sent', 'open', { outcome: 'failed', reason: 'Rekening tutup' }, 'failed'],
    ['paid before the batch was made', 'sent', 'open', paid({ paidOn: '2026-11-26' }), 'bank_paid_date_invalid'],
    ['paid tomorrow', 'sent', 'open', paid({ paidOn: '2026-12-04' }), 'bank_paid_date_invalid'],
    ['paid without a reference', 'sent', 'open', paid({ bankReference: '  ' }), 'bank_reference_required'],
    ['failed without a reason', 'sent', 'open', { outcome: 'failed', reason: ' ' }, 'reason_required'],
    ['a row already paid, answered again', 'paid', 'open', paid(), 'batch_row_answered'],
    ['a failed row, answered again as paid', 'failed', 'paid', paid(), 'batch_row_answered'],
    ['a row of a cancelled batch', 'cancelled', 'cancelled', paid(), 'batch_cancelled'],
  ])('%s → %s', (_what, row, batch, answer, expected) => {
    let got = '';
    const code = codeOf(() => {
      got = answerBatchRow({ id: 1, status: row }, { id: 9, status: batch }, answer, WINDOW);
    });
    expect(code === 'ok' ? got : code).toBe(expected);
  });
});

describe('the batch as a whole', () => {
  it.each<[string, BatchStatus, BatchRowStatus[], BatchStatus]>([
    ['a row still waits', 'open', ['paid', 'sent'], 'open'],
    ['every row paid', 'open', ['paid', 'paid'], 'paid'],
    ['paid and failed rows: answered', 'open', ['paid', 'failed'], 'paid'],
    ['all failed: answered, nothing moved', 'open', ['failed'], 'paid'],
    ['cancelled stays cancelled', 'cancelled', ['cancelled'], 'cancelled'],
  ])('%s → %s', (_what, current, rows, expected) => {
    expect(batchStatusOf(current, rows.map((status) => ({ status })))).toBe(expected);
  });

  it.each<[string, BatchStatus, BatchRowStatus[], string, string]>([
    ['unpaid, nothing answered, with a reason', 'open', ['sent', 'sent'], 'Salah kirim', 'ok'],
    ['without a reason', 'open', ['sent'], '  ', 'reason_required'],
    ['one row already answered', 'open', ['failed', 'sent'], 'Salah kirim', 'batch_partly_answered'],
    ['answered whole', 'paid', ['paid'], 'Salah kirim', 'batch_already_paid'],
    ['cancelled already', 'cancelled', ['cancelled'], 'Salah kirim', 'batch_cancelled'],
  ])('cancel: %s → %s', (_what, status, rows, reason, expected) => {
    expect(codeOf(() => refuseBatchCancel({ id: 3, status }, rows.map((r) => ({ status: r })), reason))).toBe(expected);
  });

  it.each<[string, { id: number; status: BatchStatus } | undefined, string]>([
    ['in no batch', undefined, 'ok'],
    ['in an unpaid batch', { id: 4, status: 'open' }, 'tranche_in_unpaid_batch'],
    ['in a cancelled batch (it left it)', { id: 4, status: 'cancelled' }, 'ok'],
  ])('reversing a tranche %s → %s', (_what, batch, expected) => {
    expect(codeOf(() => refuseReversalInBatch(12, batch))).toBe(expected);
  });
});

describe('the bank file escapes spreadsheet formulas in every cell, as the LPJ does', () => {
  const row = (accountName: string) => ({ bankAccount: '2012345678', accountName, amount: 1_500_000, reference: 'DANART-2026-3374050005-T1', description: 'Dana operasional RT Desember 2026' });
  it.each([
    ['=HYPERLINK("http://x","klik")', `"'=HYPERLINK(""http://x"",""klik"")"`],
    ['+62 811', "'+62 811"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['RT 001 / RW 001 Kel. Pleburan', 'RT 001 / RW 001 Kel. Pleburan'],
  ])('%j is written as %j', (name, cell) => {
    const csv = bankBatchCsv([row(name)]);
    expect(csv.split('\n')[0]).toBe('no_rekening,nama_rekening,jumlah,referensi,keterangan');
    expect(csv).toContain(`2012345678,${cell},1500000,DANART-2026-3374050005-T1`);
  });

  it('the LPJ CSV goes through the same function', () => {
    const lpj = lpjCsv({
      year: { year: 2026 },
      categories: [],
      rows: [{ no: 1, label: 'RT 001 / RW 001', chairName: '=cmd|calc', allocation: 1, released: 0, spentByCategory: [], spent: 0, planned: 0, remaining: 1, realisation: '0,0', receipts: 0, unverified: 0, overdueSpj: 0 }],
      totals: { allocation: 1, released: 0, spentByCategory: [], spent: 0, planned: 0, remaining: 1, realisation: '0,0', receipts: 0, unverified: 0, overdueSpj: 0 },
    } as unknown as Parameters<typeof lpjCsv>[0]);
    expect(lpj).toContain("'=cmd|calc");
  });
});
