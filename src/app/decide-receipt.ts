/**
 * The bendahara decides receipts: verification posts the spending (debit the category, credit
 * the RT's cash) exactly once; return (with what is missing) and rejection release the
 * reservation; a verified receipt is undone only by a reversing entry.
 */
import { actorLabel, type Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { rtCashAccount, rtSpendingAccount , accountRefOf } from '../domain/ledger/accounts';
import { granteeLabel } from '../domain/registry/rows';
import { receiptFacts } from '../domain/ledger/entry-facts';
import { receiptTransition } from '../domain/grants/receipt';
import type { ReceiptRow } from './ports';
import { postEntry, reverseEntry } from './post-entry';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import { cashAvailableFor } from './cash-facts';
import { categoryCapBreach } from '../domain/grants/category-cap';
import { refuseIfClosed, refuseReversalIfClosed } from '../domain/grants/year-window';
import { refuseIfReported } from '../domain/grants/reported-months';
import { bookingDateFor, lastReportedOf } from './spj';
import { refuseOverPlanLine } from './plan-line-facts';
import { tellItemReturned } from './notification-events';

function load(s: Services, actor: Actor, id: number, action: 'receipt.decide' | 'receipt.reverse') {
  const r = s.receipts.find(id);
  if (!r) throw fail('receipt_not_found');
  const rt = rtInScope(s, actor, action, r.rtId);
  return { r, rt, ref: accountRefOf(rt) };
}

export function verifyReceipt(s: Services, actor: Actor, id: number, ip: string | null = null): ReceiptRow {
  return s.db.transaction(() => {
    const { r, rt, ref } = load(s, actor, id, 'receipt.decide');
    // The same treasurer's second click (or a retry after a timeout) is shown the verification already made.
    if (r.status === 'verified' && actor.userId !== null && r.decidedBy === actor.userId) return r;
    const status = receiptTransition(r.status, 'verify', { isSubmitter: r.submittedBy === actor.userId });
    const year = yearOfGrantee(s, rt, r.year);
    refuseIfClosed(year, s.tranches.isClosed(r.year, rt.kelurahanCode));
    refuseIfReported(r.date, lastReportedOf(s, r.rtId, r.year), 'decision');
    // The same rules as at entry, on today's facts: the cash rule (spending posts on its own date,
    // so the cash from that day on must cover it), and the category's share against what is verified.
    const cash = cashAvailableFor(s, rt.id, r.year, r.date, r);
    if (r.amount > cash) throw fail('receipt_exceeds_cash_on_verify', { date: r.date, cash, amount: r.amount });
    const category = year.categories.find((c) => c.code === r.category);
    const verified = s.balances.spentByCategory(r.year, rt.id).get(r.category) ?? 0;
    const breach = category && categoryCapBreach(category, s.balances.ofRt(r.year, rt.id).allocated, verified, r.amount);
    if (category && breach) throw fail('category_limit_exceeded_on_verify', { category: category.name, verified, limit: breach.limit });
    refuseOverPlanLine(s, r, 'verify');
    const { entry } = postEntry(s, {
      year: r.year,
      eventType: 'receipt',
      eventRef: `receipt:${r.id}`,
      description: `${r.description} (${r.vendor}${r.notaNumber ? `, nota ${r.notaNumber}` : ''}) ${granteeLabel(rt)} ${rt.kelurahanName}`,
      actor: actorLabel(actor),
      occurredOn: r.date,
      idempotencyKey: `receipt:${r.id}:verify`,
      facts: receiptFacts({ ...r, evidence: s.receipts.files(r.id).map((f) => f.sha256) }),
      postings: [
        { account: rtSpendingAccount(ref, r.category), amount: r.amount },
        { account: rtCashAccount(ref), amount: -r.amount },
      ],
    });
    s.receipts.update(r.id, { status, decidedBy: actor.userId, decidedAt: s.now().toISOString(), entryId: entry.id, note: null });
    s.audit.record(actor, ip, { action: 'receipt.verify', targetType: 'receipt', targetId: r.id, kelurahanCode: rt.kelurahanCode, before: { status: r.status }, after: { status, amount: r.amount, entryId: entry.id } });
    return s.receipts.find(r.id)!;
  });
}

export function returnReceipt(s: Services, actor: Actor, id: number, note: string, ip: string | null = null): ReceiptRow {
  return decideWithNote(s, actor, id, 'return', note, ip);
}

export function rejectReceipt(s: Services, actor: Actor, id: number, reason: string, ip: string | null = null): ReceiptRow {
  return decideWithNote(s, actor, id, 'reject', reason, ip);
}

function decideWithNote(s: Services, actor: Actor, id: number, action: 'return' | 'reject', note: string, ip: string | null): ReceiptRow {
  return s.db.transaction(() => {
    const { r, rt } = load(s, actor, id, 'receipt.decide');
    const status = receiptTransition(r.status, action, { isSubmitter: r.submittedBy === actor.userId, note });
    s.receipts.update(r.id, { status, decidedBy: actor.userId, decidedAt: s.now().toISOString(), note: note.trim() });
    s.audit.record(actor, ip, { action: `receipt.${action}`, targetType: 'receipt', targetId: r.id, kelurahanCode: rt.kelurahanCode, before: { status: r.status }, after: { status, note: note.trim() } });
    if (action === 'return') tellItemReturned(s, rt, 'receipt', r.id, note);
    return s.receipts.find(r.id)!;
  });
}

export function reverseReceipt(s: Services, actor: Actor, id: number, reason: string, ip: string | null = null): ReceiptRow {
  return s.db.transaction(() => {
    const { r, rt } = load(s, actor, id, 'receipt.reverse');
    const y = yearOfGrantee(s, rt, r.year);
    refuseReversalIfClosed(y, s.tranches.isClosed(r.year, rt.kelurahanCode));
    const status = receiptTransition(r.status, 'reverse', { isSubmitter: false, note: reason });
    if (!r.entryId) throw fail('receipt_not_verified');
    // The correction is a new line on today's date: a reported month is never rewritten.
    const occurredOn = bookingDateFor(s, r.rtId, y);
    const { entry } = reverseEntry(s, { entryId: r.entryId, reason: reason.trim(), actor, occurredOn, idempotencyKey: `receipt:${r.id}:reverse` });
    s.receipts.update(r.id, { status, reversalEntryId: entry.id, note: reason.trim() });
    s.audit.record(actor, ip, { action: 'receipt.reverse', targetType: 'receipt', targetId: r.id, kelurahanCode: rt.kelurahanCode, before: { status: r.status }, after: { status, reversalEntryId: entry.id, reason: reason.trim() } });
    return s.receipts.find(r.id)!;
  });
}
