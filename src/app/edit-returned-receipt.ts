/**
 * The chair edits a returned receipt in full (date, amount, vendor, nota number, description,
 * category, items) and sends it again. The same rules as at entry run on the edited receipt
 * (checkReceipt, the plan line, the month lock, the year window); the audit row keeps the
 * receipt before and after. A returned receipt has no ledger entry (its cash is held by its
 * status, cash-facts.ts), so nothing is posted or reversed: verification posts it later.
 */
import { actorLabel, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { checkReceipt, receiptTransition, type EvidenceKind, type ReceiptDraft, type ReceiptFlag } from '../domain/grants/receipt';
import { refuseIfClosed } from '../domain/grants/year-window';
import { cashAvailableFor } from './cash-facts';
import { rbbFlags, refuseOverPlanLine } from './plan-line-facts';
import type { ReceiptRow } from './ports';
import { refuseIfMonthReported } from './record-receipt';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';

export interface EditReceiptCommand extends Omit<ReceiptDraft, 'evidenceKinds'> {
  receiptId: number;
  /** The decision time the edit form showed (the receipt's decidedAt): a stale form is refused. */
  seenDecidedAt: string;
}

const snapshot = (r: ReceiptRow, items: ReceiptDraft['items']) => ({
  status: r.status, date: r.date, category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.notaNumber, amount: r.amount, items,
});

/** Edits a returned receipt and sends it back to the treasurer (pending). */
export function editReturnedReceipt(s: Services, actor: Actor, cmd: EditReceiptCommand, ip: string | null = null): ReceiptRow {
  const found = s.receipts.find(cmd.receiptId);
  if (!found) throw fail('receipt_not_found');
  const rt = rtInScope(s, actor, 'receipt.record', found.rtId);
  const year = yearOfGrantee(s, rt, found.year);
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  return s.db.transaction(() => {
    const before = s.receipts.find(cmd.receiptId)!;
    const status = receiptTransition(before.status, 'resubmit', { isSubmitter: false });
    if ((before.decidedAt ?? '') !== cmd.seenDecidedAt) throw fail('item_changed_since_opened');
    // Neither the month it was in nor the month it moves to may be reported already.
    refuseIfMonthReported(s, before.rtId, before.year, before.date);
    refuseIfMonthReported(s, before.rtId, before.year, cmd.date);
    const itemsBefore = s.receipts.items(before.id);
    // Write the edit first (still returned), so every fact below counts the edited receipt as its own hold.
    s.receipts.update(before.id, { date: cmd.date, category: cmd.category, description: cmd.description, vendor: cmd.vendor, notaNumber: cmd.notaNumber, amount: cmd.amount });
    s.receipts.replaceItems(before.id, cmd.items);
    const r = s.receipts.find(before.id)!;
    const money = s.balances.ofRt(r.year, r.rtId);
    const sameNota = s.receipts.sameNota(r, r.id);
    const evidenceKinds = [...new Set(s.receipts.files(r.id).map((f) => f.kind as EvidenceKind))];
    const flags = checkReceipt(
      { date: r.date, category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.notaNumber, amount: r.amount, items: cmd.items, evidenceKinds },
      { year, today: todayWib(s.now()), allocation: money.allocated, cashAvailable: cashAvailableFor(s, r.rtId, r.year, r.date, r), adminUsed: s.receipts.usedInCategory(r.rtId, r.year, r.category) - r.amount, sameNota: sameNota ? { receiptId: sameNota } : null },
    );
    refuseOverPlanLine(s, r, 'entry');
    flags.push(...rbbFlags(s, year, r));
    // Photo flags stay (the files did not change); the rules' flags are judged again.
    const kept = (JSON.parse(before.flags) as ReceiptFlag[]).filter((f) => f.code === 'similar_photo');
    const now = s.now().toISOString();
    s.receipts.update(r.id, { status, submittedAt: now, flags: JSON.stringify([...flags, ...kept]) });
    s.audit.record(actor, ip, {
      action: 'receipt.edit_resubmit',
      targetType: 'receipt',
      targetId: r.id,
      kelurahanCode: rt.kelurahanCode,
      before: { ...snapshot(before, itemsBefore), note: before.note },
      after: { ...snapshot({ ...r, status }, cmd.items), by: actorLabel(actor) },
    });
    return s.receipts.find(r.id)!;
  });
}
