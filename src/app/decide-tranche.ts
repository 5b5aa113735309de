/**
 * The bendahara decides tranches: approval posts the ledger entry (debit the RT's money in
 * transit, credit its undrawn allocation) exactly once, even when two treasurers click together;
 * the bank's answer later moves it to the RT's cash (answer-bank-batch.ts). Rejection releases
 * the reservation; an approved tranche is undone only by a reversal, never while it waits in an
 * unpaid bank batch.
 */
import { actorLabel, type Actor } from '../domain/access';
import { fail, isDomainError } from '../domain/errors';
import { rtTransitAccount, rtTransitAccounts, rtUndrawnAccount , accountRefOf } from '../domain/ledger/accounts';
import { refuseReversalInBatch } from '../domain/grants/bank-batch';
import { formatRupiah } from '../domain/money';
import { granteeLabel } from '../domain/registry/rows';
import { periodLabel, trancheTransition } from '../domain/grants/tranche';
import type { TrancheRow } from './ports';
import { alreadyTookStep, refuseSendBackOutOfTurn, takeApprovalStep, type ApprovalTarget } from './approval-steps';
import { checkTrancheGates } from '../domain/grants/gates';
import { postEntry, reverseEntry } from './post-entry';
import { trancheFacts as trancheEntryFacts } from '../domain/ledger/entry-facts';
import { refuseFailedGates } from './request-tranche';
import { trancheFacts } from './tranche-facts';
import { rtInScope, yearOfGrantee, yearOrThrow } from './scope';
import type { Services } from './services';
import { cashFactsOf } from './cash-facts';
import { cashAvailable } from '../domain/grants/cash';
import { refuseIfClosed, refuseReversalIfClosed } from '../domain/grants/year-window';
import { bookingDateFor } from './spj';
import { tellSentBack, tellTrancheApproved } from './notification-events';

function load(s: Services, actor: Actor, id: number, action: 'tranche.decide' | 'tranche.reverse' | 'approval.step') {
  const t = s.tranches.find(id);
  if (!t) throw fail('tranche_not_found');
  const rt = rtInScope(s, actor, action, t.rtId);
  return { t, rt, ref: accountRefOf(rt) };
}

/** Today in the year, never in a month the RT has already reported. */
function businessDate(s: Services, rtId: number, year: number): string {
  return bookingDateFor(s, rtId, yearOrThrow(s, year));
}

/** The chain's round of a tranche: its request (a tranche is requested once). */
export const trancheApproval = (t: TrancheRow, kelurahanCode: string): ApprovalTarget => ({
  type: 'tranche',
  id: t.id,
  year: t.year,
  round: t.requestedAt,
  submittedBy: t.requestedBy,
  kelurahanCode,
});

/**
 * The actor's step of the chain of approval (the treasurer verifies, the lurah approves, the
 * camat knows, as the year configures). Only the last configured step posts the ledger entry
 * (debit in transit, credit undrawn) and makes the tranche approved; before it, the tranche
 * stays pending and reserves its amount.
 */
export function approveTranche(s: Services, actor: Actor, id: number, ip: string | null = null): TrancheRow {
  return s.db.transaction(() => {
    const { t, rt, ref } = load(s, actor, id, actor.role === 'lurah' || actor.role === 'camat' ? 'approval.step' : 'tranche.decide');
    // The same hand's second click (or a retry after a timeout) is shown what it already did.
    if ((t.status === 'approved' || t.status === 'paid') && actor.userId !== null && t.decidedBy === actor.userId) return t;
    const target = trancheApproval(t, rt.kelurahanCode);
    if (t.status === 'pending' && alreadyTookStep(s, actor, target)) return t;
    const status = trancheTransition(t.status, 'approve', { isRequester: t.requestedBy === actor.userId });
    // The gates again, as they stand now (an SPJ may have been returned since the request).
    const failures = checkTrancheGates(trancheFacts(s, rt, yearOfGrantee(s, rt, t.year), t));
    refuseFailedGates(failures);
    const { completes } = takeApprovalStep(s, actor, target, ip);
    if (!completes) return s.tranches.find(t.id)!;
    s.ledger.ensureAccounts(t.year, rt.id, rtTransitAccounts(ref));
    const { entry } = postEntry(s, {
      year: t.year,
      eventType: 'tranche',
      eventRef: `tranche:${t.id}`,
      description: `Pencairan ${periodLabel(t.mode, t.period)} ${granteeLabel(rt)} ${rt.kelurahanName}`,
      actor: actorLabel(actor),
      occurredOn: businessDate(s, t.rtId, t.year),
      idempotencyKey: `tranche:${t.id}:approve`,
      facts: trancheEntryFacts({ id: t.id, rtId: t.rtId, lines: s.tranches.lines(t.id) }),
      postings: [
        { account: rtTransitAccount(ref), amount: t.amount },
        { account: rtUndrawnAccount(ref), amount: -t.amount },
      ],
    });
    const now = s.now().toISOString();
    s.tranches.update(t.id, { status, decidedBy: actor.userId, decidedAt: now, entryId: entry.id });
    s.audit.record(actor, ip, {
      action: 'tranche.approve',
      targetType: 'tranche',
      targetId: t.id,
      kelurahanCode: rt.kelurahanCode,
      before: { status: t.status },
      after: { status, amount: t.amount, entryId: entry.id },
    });
    tellTrancheApproved(s, rt, t);
    return s.tranches.find(t.id)!;
  });
}

export function rejectTranche(s: Services, actor: Actor, id: number, reason: string, ip: string | null = null): TrancheRow {
  return sendBackTranche(s, actor, id, reason, 'reject', ip);
}

/** Returns a pending tranche to its chair to fix: she requests the period again, and the chain starts over. */
export function returnTranche(s: Services, actor: Actor, id: number, reason: string, ip: string | null = null): TrancheRow {
  return sendBackTranche(s, actor, id, reason, 'return', ip);
}

/**
 * Sends a pending tranche back (returned to fix, or rejected for good): by the treasurer, or by
 * the lurah or the camat when the next step of the chain is theirs. Either way its reservation
 * is released; the decider's name and NIP are audited and the chair (and, when a later approver
 * decided, the treasurer) is told why.
 */
function sendBackTranche(s: Services, actor: Actor, id: number, reason: string, action: 'return' | 'reject', ip: string | null): TrancheRow {
  return s.db.transaction(() => {
    const { t, rt } = load(s, actor, id, actor.role === 'lurah' || actor.role === 'camat' ? 'approval.step' : 'tranche.decide');
    const status = trancheTransition(t.status, action, { isRequester: t.requestedBy === actor.userId, reason });
    refuseSendBackOutOfTurn(s, actor, trancheApproval(t, rt.kelurahanCode));
    const by = actor.userId === null ? undefined : s.users.findById(actor.userId);
    s.tranches.update(t.id, { status, decidedBy: actor.userId, decidedAt: s.now().toISOString(), reason: reason.trim() });
    s.audit.record(actor, ip, {
      action: `tranche.${action}`,
      targetType: 'tranche',
      targetId: t.id,
      kelurahanCode: rt.kelurahanCode,
      before: { status: t.status },
      after: { status, reason: reason.trim(), ...(by ? { name: by.displayName, nip: by.nip, role: by.role } : {}) },
    });
    tellSentBack(s, rt, actor, { itemType: 'tranche', itemId: t.id, outcome: status === 'returned' ? 'returned' : 'rejected', note: reason, link: `/rt/${rt.id}/pencairan` });
    return s.tranches.find(t.id)!;
  });
}

export interface BulkResult {
  id: number;
  ok: boolean;
  message: string;
}

/** Approves a selection; each item in its own transaction, so one bad item does not block the rest. */
export function approveTranches(s: Services, actor: Actor, ids: number[], ip: string | null = null): BulkResult[] {
  return [...new Set(ids)].map((id) => {
    try {
      const t = approveTranche(s, actor, id, ip);
      return { id, ok: true, message: `Pencairan #${id} (${formatRupiah(t.amount)}) ${t.status === 'pending' ? 'diverifikasi; menunggu langkah berikutnya' : 'disetujui'}.` };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return { id, ok: false, message: `Pencairan #${id}: ${e.message}` };
    }
  });
}

/**
 * Whether a tranche's approval put its money in transit (every approval since the in-transit
 * account exists) rather than straight into the RT's cash (approvals recorded before it).
 */
export function approvedIntoTransit(s: Services, entryId: number, ref: Parameters<typeof rtTransitAccount>[0]): boolean {
  const account = rtTransitAccount(ref);
  return !!s.ledger.findById(entryId)?.postings.some((p) => p.account === account && p.amount > 0);
}

/** Undoes an approved tranche with a reversing entry: from in transit (or, for an old approval, the RT's cash, which must still hold it). */
export function reverseTranche(s: Services, actor: Actor, id: number, reason: string, ip: string | null = null): TrancheRow {
  return s.db.transaction(() => {
    const { t, rt, ref } = load(s, actor, id, 'tranche.reverse');
    refuseReversalIfClosed(yearOfGrantee(s, rt, t.year), s.tranches.isClosed(t.year, rt.kelurahanCode));
    const status = trancheTransition(t.status, 'reverse', { isRequester: false, reason });
    if (!t.entryId) throw fail('tranche_not_reversible');
    // The bank may be paying it: the batch is cancelled whole or answered first.
    refuseReversalInBatch(t.id, t.batchId ? s.tranches.findBatch(t.batchId) : undefined);
    if (!approvedIntoTransit(s, t.entryId, ref)) {
      // An approval recorded before the in-transit account: the money leaves the ledger's cash, which must still cover what receipts hold.
      const facts = cashFactsOf(s, rt.id, t.year);
      const after = cashAvailable({ ...facts, ledgerCashFrom: facts.ledgerCashFrom - t.amount });
      if (after < 0) throw fail('cash_insufficient', { free: cashAvailable(facts), amount: t.amount });
    }
    const { entry } = reverseEntry(s, { entryId: t.entryId, reason: reason.trim(), actor, occurredOn: businessDate(s, t.rtId, t.year), idempotencyKey: `tranche:${t.id}:reverse` });
    s.tranches.update(t.id, { status, reversalEntryId: entry.id, reason: reason.trim() });
    s.audit.record(actor, ip, {
      action: 'tranche.reverse',
      targetType: 'tranche',
      targetId: t.id,
      kelurahanCode: rt.kelurahanCode,
      before: { status: t.status, entryId: t.entryId },
      after: { status, reversalEntryId: entry.id, reason: reason.trim() },
    });
    return s.tranches.find(t.id)!;
  });
}
