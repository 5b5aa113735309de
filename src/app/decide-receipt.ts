/**
 * The bendahara decides receipts: verification posts the spending (debit the category, credit
 * the RT's cash) exactly once; return (with what is missing) and rejection release the
 * reservation; a verified receipt is undone only by a reversing entry.
 */
import { actorLabel, type Actor } from '../domain/access';
import { conflict, notFound } from '../domain/errors';
import { rtCashAccount, rtSpendingAccount } from '../domain/ledger/accounts';
import { formatRupiah } from '../domain/money';
import { rtLabel } from '../domain/registry/rows';
import { receiptTransition } from '../domain/grants/receipt';
import type { ReceiptRow } from '../db/receipt-repository';
import { postEntry, reverseEntry } from './post-entry';
import { rtInScope } from './scope';
import type { Services } from './services';

function load(s: Services, actor: Actor, id: number, action: 'receipt.decide' | 'receipt.reverse') {
  const r = s.receipts.find(id);
  if (!r) throw notFound('receipt_not_found', 'Kuitansi tidak ditemukan.');
  const rt = rtInScope(s, actor, action, r.rtId);
  return { r, rt, ref: { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number } };
}

export function verifyReceipt(s: Services, actor: Actor, id: number, ip: string | null = null): ReceiptRow {
  return s.db.transaction(() => {
    const { r, rt, ref } = load(s, actor, id, 'receipt.decide');
    const status = receiptTransition(r.status, 'verify', { isSubmitter: r.submittedBy === actor.userId });
    const cash = s.balances.ofRt(r.year, rt.id).cash;
    if (r.amount > cash) throw conflict('receipt_exceeds_cash', `Kas RT ${formatRupiah(cash)} tidak cukup untuk ${formatRupiah(r.amount)}.`);
    const { entry } = postEntry(s, {
      year: r.year,
      eventType: 'receipt',
      eventRef: `receipt:${r.id}`,
      description: `${r.description} (${r.vendor}${r.notaNumber ? `, nota ${r.notaNumber}` : ''}) ${rtLabel(rt.number, rt.rwNumber)} ${rt.kelurahanName}`,
      actor: actorLabel(actor),
      occurredOn: r.date,
      idempotencyKey: `receipt:${r.id}:verify`,
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
    return s.receipts.find(r.id)!;
  });
}

export function reverseReceipt(s: Services, actor: Actor, id: number, reason: string, ip: string | null = null): ReceiptRow {
  return s.db.transaction(() => {
    const { r, rt } = load(s, actor, id, 'receipt.reverse');
    const status = receiptTransition(r.status, 'reverse', { isSubmitter: false, note: reason });
    if (!r.entryId) throw conflict('receipt_not_verified', 'Kuitansi ini belum pernah diposting.');
    const spj = s.receipts.spj(r.rtId, r.year, r.date.slice(0, 7));
    if (spj?.status === 'verified') {
      throw conflict('spj_already_verified', `SPJ ${r.date.slice(0, 7)} sudah diverifikasi; koreksi dicatat di bulan berjalan sebagai kuitansi baru.`);
    }
    const { entry } = reverseEntry(s, { entryId: r.entryId, reason: reason.trim(), actor, occurredOn: r.date, idempotencyKey: `receipt:${r.id}:reverse` });
    s.receipts.update(r.id, { status, reversalEntryId: entry.id, note: reason.trim() });
    s.audit.record(actor, ip, { action: 'receipt.reverse', targetType: 'receipt', targetId: r.id, kelurahanCode: rt.kelurahanCode, before: { status: r.status }, after: { status, reversalEntryId: entry.id, reason: reason.trim() } });
    return s.receipts.find(r.id)!;
  });
}
