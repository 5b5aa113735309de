/**
 * The bank batch: approved, not yet paid tranches of a kelurahan, exported for the bank after
 * every account number is checked. Invalid rows are left out and listed, never sinking the
 * batch (in 2025 one wrong account held up a whole kelurahan).
 */
import type { Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { isValidBankAccount, rtLabel } from '../domain/registry/rows';
import { periodLabel } from '../domain/grants/tranche';
import { kelurahanInScope } from './scope';
import type { Services } from './services';

export interface BatchCandidate {
  trancheId: number;
  rtLabel: string;
  bankAccount: string;
  accountName: string;
  amount: number;
  reference: string;
  period: string;
  problem: string | null;
}

export function batchCandidates(s: Services, actor: Actor, kelurahanCode: string): { kelurahan: { code: string; name: string }; rows: BatchCandidate[] } {
  const kel = kelurahanInScope(s, actor, 'bank.batch', kelurahanCode);
  const shared = s.tranches.sharedAccounts();
  const rows = s.tranches.unbatched(kel.code).map(({ tranche: t, rtNumber, rwNumber, bankAccount, rtActive }) => {
    const label = rtLabel(rtNumber, rwNumber);
    const problem = !isValidBankAccount(bankAccount)
      ? 'nomor rekening tidak 10 angka'
      : shared.has(bankAccount)
        ? 'nomor rekening dipakai juga oleh RT lain'
        : !rtActive
          ? 'RT nonaktif'
          : null;
    return {
      trancheId: t.id,
      rtLabel: label,
      bankAccount,
      accountName: `${label} Kel. ${kel.name}`,
      amount: t.amount,
      reference: `DANART-${t.year}-${kel.code}-T${t.id}`,
      period: periodLabel(t.mode, t.period),
      problem,
    };
  });
  return { kelurahan: kel, rows };
}

export function createBankBatch(s: Services, actor: Actor, kelurahanCode: string, ip: string | null = null) {
  if (actor.userId === null) throw fail('forbidden_role');
  return s.db.transaction(() => {
    const { kelurahan, rows } = batchCandidates(s, actor, kelurahanCode);
    const valid = rows.filter((r) => r.problem === null);
    const skipped = rows.filter((r) => r.problem !== null);
    if (valid.length === 0) throw fail('batch_empty');
    const year = s.tranches.find(valid[0]!.trancheId)!.year;
    const total = valid.reduce((a, r) => a + r.amount, 0);
    const batchId = s.tranches.insertBatch(
      { kelurahanCode: kelurahan.code, year, rowCount: valid.length, total, createdBy: actor.userId!, createdAt: s.now().toISOString() },
      valid.map((r) => r.trancheId),
    );
    s.audit.record(actor, ip, {
      action: 'bank_batch.create',
      targetType: 'bank_batch',
      targetId: batchId,
      kelurahanCode: kelurahan.code,
      after: { rows: valid.length, total, skipped: skipped.map((r) => ({ trancheId: r.trancheId, problem: r.problem })) },
    });
    return { batchId, valid, skipped };
  });
}

export function loadBatch(s: Services, actor: Actor, batchId: number) {
  const batch = s.tranches.findBatch(batchId);
  if (!batch) throw fail('batch_not_found');
  const kel = kelurahanInScope(s, actor, 'bank.batch', batch.kelurahanCode);
  const rows = s.tranches.batchTranches(batch.id).map(({ tranche: t, rtNumber, rwNumber, bankAccount }) => ({
    trancheId: t.id,
    rtLabel: rtLabel(rtNumber, rwNumber),
    bankAccount,
    accountName: `${rtLabel(rtNumber, rwNumber)} Kel. ${kel.name}`,
    amount: t.amount,
    reference: `DANART-${t.year}-${kel.code}-T${t.id}`,
    period: periodLabel(t.mode, t.period),
    status: t.status,
  }));
  return { batch, kelurahan: kel, rows };
}

export function markBatchPaid(s: Services, actor: Actor, batchId: number, ip: string | null = null) {
  if (actor.userId === null) throw fail('forbidden_role');
  return s.db.transaction(() => {
    const { batch, kelurahan } = loadBatch(s, actor, batchId);
    if (batch.paidAt) throw fail('batch_already_paid');
    const now = s.now().toISOString();
    s.tranches.markBatchPaid(batch.id, actor.userId!, now);
    s.audit.record(actor, ip, {
      action: 'bank_batch.paid',
      targetType: 'bank_batch',
      targetId: batch.id,
      kelurahanCode: kelurahan.code,
      before: { paidAt: null },
      after: { paidAt: now, rows: batch.rowCount, total: batch.total },
    });
  });
}
