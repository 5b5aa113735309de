/**
 * The bank batch: approved tranches of a kelurahan not yet in a batch, sent to the bank by the
 * city's treasury (BPKAD) after every account number is checked. Invalid rows are left out and
 * listed, never sinking the batch (in 2025 one wrong account held up a whole kelurahan).
 *
 * A batch is a fixed record: its rows (account number and name as they stood that day) and the
 * CSV file made from them are stored with the file's SHA-256 when it is made; every download
 * serves those bytes and is audited. An unpaid batch is cancelled whole, or answered row by row
 * (answer-bank-batch.ts).
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { isValidBankAccount } from '../domain/registry/rows';
import { periodLabel } from '../domain/grants/tranche';
import { BATCH_ROW_LABELS, batchRowReference, refuseBatchCancel } from '../domain/grants/bank-batch';
import { bankBatchCsv } from '../reports/bank-batch-csv';
import type { NewBatchRow } from './ports';
import { grantWordsOf, granteeLabels, kelurahanInScope } from './scope';
import { isMainProgramme } from '../domain/grants/programme-year';
import type { Services } from './services';

export interface BatchCandidate extends NewBatchRow {
  period: string;
  problem: string | null;
}

export function batchCandidates(s: Services, actor: Actor, kelurahanCode: string, action: 'bank.view' | 'bank.batch' = 'bank.batch'): { kelurahan: { code: string; name: string }; rows: BatchCandidate[] } {
  const kel = kelurahanInScope(s, actor, action, kelurahanCode);
  const shared = s.tranches.sharedAccounts();
  const labelOf = granteeLabels(s);
  const rows = s.tranches.unbatched(kel.code).map(({ tranche: t, bankAccount, rtActive }) => {
    const label = labelOf(t.rtId);
    const problem = !isValidBankAccount(bankAccount)
      ? 'nomor rekening tidak 10 angka'
      : shared.has(bankAccount)
        ? 'nomor rekening dipakai juga oleh RT lain'
        : !rtActive
          ? 'RT nonaktif'
          : null;
    const period = periodLabel(t.mode, t.period);
    return {
      trancheId: t.id,
      rtId: t.rtId,
      rtLabel: label,
      bankAccount,
      accountName: `${label} Kel. ${kel.name}`,
      amount: t.amount,
      reference: batchRowReference(t.year, kel.code, t.id),
      description: transferNote(s, t.rtId, t.year, period),
      period,
      problem,
    };
  });
  return { kelurahan: kel, rows };
}

/** The transfer's note: the RT/RW grant's as always, another programme's grantee paid under its programme's name. */
function transferNote(s: Services, rtId: number, year: number, period: string): string {
  const g = s.registry.findRt(rtId);
  return g && !isMainProgramme(g.programme) ? `${grantWordsOf(s, g, year).name} ${period}` : `Dana operasional RT ${period}`;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function createBankBatch(s: Services, actor: Actor, kelurahanCode: string, ip: string | null = null) {
  if (actor.userId === null) throw fail('forbidden_role');
  return s.db.transaction(() => {
    const { kelurahan, rows } = batchCandidates(s, actor, kelurahanCode);
    const valid = rows.filter((r) => r.problem === null);
    const skipped = rows.filter((r) => r.problem !== null);
    if (valid.length === 0) throw fail('batch_empty');
    const year = s.tranches.find(valid[0]!.trancheId)!.year;
    const total = valid.reduce((a, r) => a + r.amount, 0);
    const stored: NewBatchRow[] = valid.map(({ period: _p, problem: _x, ...row }) => row);
    const csv = Buffer.from(bankBatchCsv(stored), 'utf8');
    const csvSha256 = sha256(csv);
    const batchId = s.tranches.insertBatch(
      { kelurahanCode: kelurahan.code, year, rowCount: valid.length, total, createdBy: actor.userId!, createdAt: s.now().toISOString(), csvFile: csv, csvSha256 },
      stored,
    );
    s.audit.record(actor, ip, {
      action: 'bank_batch.create',
      targetType: 'bank_batch',
      targetId: batchId,
      kelurahanCode: kelurahan.code,
      after: { status: 'open', rows: valid.length, total, csvSha256, tranches: valid.map((r) => r.trancheId), skipped: skipped.map((r) => ({ trancheId: r.trancheId, problem: r.problem })) },
    });
    return { batchId, valid, skipped, csvSha256 };
  });
}

/** A batch with its stored rows as the bank got them (never today's account numbers). */
export function loadBatch(s: Services, actor: Actor, batchId: number, action: 'bank.view' | 'bank.batch' = 'bank.view') {
  const batch = s.tranches.findBatch(batchId);
  if (!batch) throw fail('batch_not_found');
  const kel = kelurahanInScope(s, actor, action, batch.kelurahanCode);
  const rows = s.tranches.batchRows(batch.id).map((r) => ({ ...r, statusLabel: BATCH_ROW_LABELS[r.status] }));
  return { batch, kelurahan: kel, rows };
}

/**
 * The stored CSV of a batch, audited. A batch made before files were stored gets its file made
 * once, from its stored rows, at its first download; from then on that file is served.
 */
export function downloadBatchCsv(s: Services, actor: Actor, batchId: number, ip: string | null = null) {
  return s.db.transaction(() => {
    const { batch, kelurahan, rows } = loadBatch(s, actor, batchId);
    let csv = s.tranches.batchFile(batch.id);
    if (!csv) {
      csv = Buffer.from(bankBatchCsv(rows), 'utf8');
      s.tranches.storeBatchFile(batch.id, csv, sha256(csv));
    }
    const digest = sha256(csv);
    s.audit.record(actor, ip, { action: 'bank_batch.download', targetType: 'bank_batch', targetId: batch.id, kelurahanCode: kelurahan.code, after: { csvSha256: digest, bytes: csv.length } });
    return { csv, sha256: digest, fileName: `bank-${batch.year}-${kelurahan.name.replace(/[^A-Za-z0-9]+/g, '-')}-batch-${batch.id}.csv` };
  });
}

/** Cancels an unpaid batch whole (before the bank answered any row): its tranches go back to be batched. */
export function cancelBankBatch(s: Services, actor: Actor, batchId: number, reason: string, ip: string | null = null) {
  if (actor.userId === null) throw fail('forbidden_role');
  return s.db.transaction(() => {
    const { batch, kelurahan, rows } = loadBatch(s, actor, batchId, 'bank.batch');
    refuseBatchCancel(batch, rows, reason);
    const now = s.now().toISOString();
    for (const r of rows) {
      s.tranches.updateBatchRow(r.id, { status: 'cancelled' });
      s.tranches.update(r.trancheId, { batchId: null });
    }
    s.tranches.updateBatch(batch.id, { status: 'cancelled', cancelledBy: actor.userId, cancelledAt: now, cancelReason: reason.trim() });
    s.audit.record(actor, ip, {
      action: 'bank_batch.cancel',
      targetType: 'bank_batch',
      targetId: batch.id,
      kelurahanCode: kelurahan.code,
      before: { status: batch.status },
      after: { status: 'cancelled', reason: reason.trim(), tranches: rows.map((r) => r.trancheId) },
    });
  });
}
