/**
 * The monthly SPJ: the RT chair submits a month, the bendahara verifies it once every receipt
 * of the month is decided and the cash book reconciles with the ledger. A verified SPJ is what
 * the next monthly tranche waits for.
 */
import type { Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { nextMonth, periodLabel, previousMonth, yearMonths } from '../domain/grants/tranche';
import { drawnMonth, monthsNotSubmittedBefore } from '../domain/grants/spj-gate';
import { checkReconciled, daysBetween, daysLateOn, spjDueDate, spjSubmittableOn, spjTransition, type CashBook } from '../domain/grants/spj';
import { bookingDate, lastReportedMonth, refuseIfLaterReported } from '../domain/grants/reported-months';
import type { RtDetail, SpjRow } from './ports';
import { checkCommentBody } from '../domain/comments';
import type { TrancheRow } from './ports';
import type { ProgrammeYear } from '../domain/grants/programme-year';
import { rtInScope, yearOfGrantee, yearOrThrow } from './scope';
import { tellItemReturned } from './notification-events';
import { clampToYear, refuseIfClosed } from '../domain/grants/year-window';
import type { Services } from './services';


/** The month's cash book as the ledger has it (one query; what `verify` compares a verified SPJ with). */
export function monthCashBook(s: Services, rtId: number, year: number, month: string): { book: CashBook; spendingPosted: number } {
  const flows = s.ledger.rtMonthFlows(year, rtId, `${month}-01`, `${nextMonth(month)}-01`);
  return { book: { opening: flows.opening, received: flows.received, spent: flows.spent, closing: flows.closing }, spendingPosted: flows.spendingPosted };
}

/** The month's cash book from the ledger, and whether the receipts agree with it. */
export function spjBook(s: Services, rtId: number, year: number, month: string) {
  const { book, spendingPosted } = monthCashBook(s, rtId, year, month);
  const receiptsVerified = receiptsPostedIn(s, rtId, year, month);
  return { book, receiptsVerified, spendingPosted, reconciled: receiptsVerified === spendingPosted };
}

/**
 * What the receipts booked in a month: those verified with a date in it (also when reversed
 * later: their spending stays in the month), less the receipts whose reversal is booked in it.
 * This is what the ledger's spending of the month must equal; counting only receipts still
 * verified would leave a month whose receipt was reversed later unable to reconcile for ever.
 */
function receiptsPostedIn(s: Services, rtId: number, year: number, month: string): number {
  let total = s.receipts.verifiedTotal(rtId, year, month);
  for (const r of s.receipts.ofRt(rtId, year)) {
    if (r.status !== 'reversed' || !r.entryId) continue;
    if (r.date.slice(0, 7) === month) total += r.amount;
    const reversal = r.reversalEntryId ? s.ledger.findById(r.reversalEntryId) : undefined;
    if (reversal && reversal.occurredOn.slice(0, 7) === month) total -= r.amount;
  }
  return total;
}

/** An RT's last reported month (YYYY-MM): its books are closed through it (reported-months.ts). */
export function lastReportedOf(s: Services, rtId: number, year: number): string | null {
  return lastReportedMonth(s.receipts.spjOfRt(rtId, year));
}

/**
 * The date money decided today is booked on for an RT: today moved into the year, and never
 * in a month the RT has already reported (reported-months.ts).
 */
export function bookingDateFor(s: Services, rtId: number, year: ProgrammeYear): string {
  return bookingDate(clampToYear(todayWib(s.now()), year), year, lastReportedOf(s, rtId, year.year));
}

/** Receipts of a month that keep its SPJ from being sent: waiting for the treasurer, or returned to the chair. */
export function openReceiptsOf(s: Services, rtId: number, year: number, month: string) {
  const receipts = s.receipts.inMonth(rtId, year, month);
  return { pending: receipts.filter((r) => r.status === 'pending'), returned: receipts.filter((r) => r.status === 'returned') };
}

export function submitSpj(s: Services, actor: Actor, cmd: { rtId: number; year: number; month: string }, ip: string | null = null): SpjRow {
  const rt = rtInScope(s, actor, 'spj.submit', cmd.rtId);
  const year = yearOfGrantee(s, rt, cmd.year);
  return sendSpj(s, actor, rt, year, cmd.month, 'submit', ip);
}

/**
 * "Kirim ulang": the chair sends a returned SPJ again, after fixing the month's receipts, with an
 * optional reply that lands in the SPJ's comment thread. Refused, and figures and lateness
 * recomputed, exactly as at the first sending (sendSpj).
 */
export function resendSpj(s: Services, actor: Actor, cmd: { id: number; reply?: string }, ip: string | null = null): SpjRow {
  const found = s.receipts.spjById(cmd.id);
  if (!found) throw fail('spj_not_found');
  const rt = rtInScope(s, actor, 'spj.submit', found.rtId);
  const year = yearOfGrantee(s, rt, found.year);
  const reply = cmd.reply?.trim() ? checkCommentBody(cmd.reply) : null;
  // The reply is stored and audited in the transaction that sends the SPJ.
  return sendSpj(s, actor, rt, year, found.month, 'resend', ip, (sent) => {
    if (!reply || actor.userId === null) return;
    const commentId = s.comments.insert({ itemKind: 'spj', itemId: sent.id, authorId: actor.userId, body: reply, createdAt: s.now().toISOString() });
    s.audit.record(actor, ip, { action: 'comment.add', targetType: 'spj', targetId: sent.id, kelurahanCode: rt.kelurahanCode, after: { commentId, body: reply } });
  });
}

/**
 * Sends a month's SPJ (first time, or again after a withdrawal or a return): the month must be
 * sendable, the earlier months sent, no receipt of the month open; the figures come from the
 * ledger and the lateness from today against the due date. One function for both ways in.
 */
function sendSpj(
  s: Services,
  actor: Actor,
  rt: RtDetail,
  year: ProgrammeYear,
  month: string,
  action: 'submit' | 'resend',
  ip: string | null,
  alsoInTransaction: (sent: SpjRow) => void = () => {},
): SpjRow {
  const today = todayWib(s.now());
  if (!yearMonths(year).includes(month) || !spjSubmittableOn(year, month, today)) {
    throw fail('spj_month_invalid', undefined, { month: 'Bulan tidak valid.' });
  }
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  return s.db.transaction(() => {
    const existing = s.receipts.spj(rt.id, year.year, month);
    const status = spjTransition(existing?.status ?? null, action, { isSubmitter: false, undecidedReceipts: 0 });
    // In month order: no month since the first drawn one is skipped (spj-gate.ts).
    const drawn = s.tranches.ofRt(rt.id, year.year).filter((t) => t.status === 'approved' || t.status === 'paid');
    const spjStatuses = new Map(s.receipts.spjOfRt(rt.id, year.year).map((r) => [r.month, r.status]));
    const [first, ...rest] = monthsNotSubmittedBefore(drawn.map(drawnMonth).filter((m) => m !== null), spjStatuses, month);
    if (first) throw fail('spj_earlier_month_missing', { months: [first, ...rest] }, { month: `Ajukan dulu SPJ ${periodLabel('monthly', first)}.` });
    // A report with receipts still open would close the month on them: they could never be
    // re-sent or verified again.
    const open = openReceiptsOf(s, rt.id, year.year, month);
    if (open.pending.length || open.returned.length) {
      throw fail('spj_receipts_open', { month, pending: open.pending.length, returned: open.returned.length }, { month: 'Masih ada kuitansi bulan ini yang terbuka.' });
    }
    const { book } = spjBook(s, rt.id, year.year, month);
    const receipts = s.receipts.inMonth(rt.id, year.year, month).filter((r) => r.status === 'verified');
    const fields = {
      status,
      openingCash: book.opening,
      received: book.received,
      spent: book.spent,
      closingCash: book.closing,
      receiptCount: receipts.length,
      submittedBy: actor.userId,
      submittedAt: s.now().toISOString(),
      decidedBy: null,
      decidedAt: null,
      daysLate: daysLateOn(spjDueDate(year, month), today),
    };
    const id = existing ? (s.receipts.updateSpj(existing.id, fields), existing.id) : s.receipts.insertSpj({ rtId: rt.id, year: year.year, month, ...fields });
    s.audit.record(actor, ip, { action: action === 'resend' ? 'spj.resend' : 'spj.submit', targetType: 'spj', targetId: id, kelurahanCode: rt.kelurahanCode, before: existing ? { status: existing.status, note: existing.note } : null, after: { month, status, receipts: receipts.length, daysLate: fields.daysLate } });
    const sent = s.receipts.spjById(id)!;
    alsoInTransaction(sent);
    return sent;
  });
}

/** The chair takes back a sent SPJ nobody verified yet (the latest one), to add what was forgotten. */
export function withdrawSpj(s: Services, actor: Actor, id: number, ip: string | null = null): SpjRow {
  const found = s.receipts.spjById(id);
  if (!found) throw fail('spj_not_found');
  const rt = rtInScope(s, actor, 'spj.submit', found.rtId);
  return s.db.transaction(() => {
    const spj = s.receipts.spjById(id)!;
    refuseIfClosed(yearOfGrantee(s, rt, spj.year), s.tranches.isClosed(spj.year, rt.kelurahanCode));
    const status = spjTransition(spj.status, 'withdraw', { isSubmitter: true, undecidedReceipts: 0 });
    refuseIfLaterReported(spj.month, lastReportedOf(s, spj.rtId, spj.year));
    s.receipts.updateSpj(spj.id, { status });
    s.audit.record(actor, ip, { action: 'spj.withdraw', targetType: 'spj', targetId: spj.id, kelurahanCode: rt.kelurahanCode, before: { status: spj.status }, after: { status, month: spj.month } });
    return s.receipts.spjById(spj.id)!;
  });
}

/** Where an SPJ lives (its RT and month), for someone who may see that RT; 404 outside their scope. */
export function locateSpj(s: Services, actor: Actor, id: number): { rtId: number; month: string } {
  const spj = s.receipts.spjById(id);
  if (!spj) throw fail('spj_not_found');
  rtInScope(s, actor, 'rt.view', spj.rtId);
  return { rtId: spj.rtId, month: spj.month };
}

function loadSpj(s: Services, actor: Actor, id: number) {
  const spj = s.receipts.spjById(id);
  if (!spj) throw fail('spj_not_found');
  return { spj, rt: rtInScope(s, actor, 'spj.decide', spj.rtId) };
}

export function verifySpj(s: Services, actor: Actor, id: number, ip: string | null = null): SpjRow {
  return s.db.transaction(() => {
    const { spj, rt } = loadSpj(s, actor, id);
    const undecided = s.receipts.inMonth(spj.rtId, spj.year, spj.month).filter((r) => r.status === 'pending' || r.status === 'returned').length;
    const status = spjTransition(spj.status, 'verify', { isSubmitter: spj.submittedBy === actor.userId, undecidedReceipts: undecided });
    const { book, reconciled, receiptsVerified, spendingPosted } = spjBook(s, spj.rtId, spj.year, spj.month);
    checkReconciled(book, s.ledger.rtMonthFlows(spj.year, spj.rtId, `${spj.month}-01`, `${nextMonth(spj.month)}-01`).closing);
    // The receipts must be exactly the spending in the ledger, the cash never negative, and the
    // month must start where the previous verified month ended.
    if (!reconciled) throw fail('spj_receipts_not_posted', { verified: receiptsVerified, posted: spendingPosted });
    if (book.closing < 0) throw fail('spj_closing_negative', { closing: book.closing });
    const previous = s.receipts.spj(spj.rtId, spj.year, previousMonth(spj.month));
    if (previous?.status === 'verified' && previous.closingCash !== book.opening) {
      throw fail('spj_opening_mismatch', { opening: book.opening, previousClosing: previous.closingCash });
    }
    const verifiedCount = s.receipts.inMonth(spj.rtId, spj.year, spj.month).filter((r) => r.status === 'verified').length;
    s.receipts.updateSpj(spj.id, { status, decidedBy: actor.userId, decidedAt: s.now().toISOString(), note: null, openingCash: book.opening, received: book.received, spent: book.spent, closingCash: book.closing, receiptCount: verifiedCount });
    // What the chair submitted and what was verified, both kept in the log.
    s.audit.record(actor, ip, {
      action: 'spj.verify',
      targetType: 'spj',
      targetId: spj.id,
      kelurahanCode: rt.kelurahanCode,
      before: { status: spj.status, opening: spj.openingCash, received: spj.received, spent: spj.spent, closing: spj.closingCash, receipts: spj.receiptCount },
      after: { status, month: spj.month, opening: book.opening, received: book.received, spent: book.spent, closing: book.closing, receipts: verifiedCount },
    });
    return s.receipts.spjById(spj.id)!;
  });
}

export function returnSpj(s: Services, actor: Actor, id: number, note: string, ip: string | null = null): SpjRow {
  return s.db.transaction(() => {
    const { spj, rt } = loadSpj(s, actor, id);
    const status = spjTransition(spj.status, 'return', { isSubmitter: spj.submittedBy === actor.userId, undecidedReceipts: 0, note });
    refuseIfLaterReported(spj.month, lastReportedOf(s, spj.rtId, spj.year));
    s.receipts.updateSpj(spj.id, { status, decidedBy: actor.userId, decidedAt: s.now().toISOString(), note: note.trim() });
    s.audit.record(actor, ip, { action: 'spj.return', targetType: 'spj', targetId: spj.id, kelurahanCode: rt.kelurahanCode, before: { status: spj.status }, after: { status, note: note.trim() } });
    tellItemReturned(s, rt, 'spj', spj.id, note);
    return s.receipts.spjById(spj.id)!;
  });
}

/**
 * The months an RT owes an SPJ for: from its first drawn tranche to last month. Each with its
 * status, due date, and how many days late it is if it is not submitted by then.
 */
export function spjSchedule(s: Services, rtId: number, year: number) {
  const y = yearOrThrow(s, year);
  return scheduleOf(y, todayWib(s.now()), s.tranches.ofRt(rtId, year), s.receipts.spjOfRt(rtId, year));
}

/** The schedules of every RT of a kelurahan, from two queries (the LPJ needs them all). */
export function spjSchedulesOfKelurahan(s: Services, kelurahanCode: string, year: number): Map<number, ReturnType<typeof scheduleOf>> {
  const y = yearOrThrow(s, year);
  const today = todayWib(s.now());
  const tranchesByRt = new Map<number, DrawnTranche[]>();
  for (const t of s.tranches.drawnOfKelurahan(kelurahanCode, year)) tranchesByRt.set(t.rtId, [...(tranchesByRt.get(t.rtId) ?? []), t]);
  const spjByRt = new Map<number, SpjRow[]>();
  for (const r of s.receipts.allSpjOfKelurahan(kelurahanCode, year)) spjByRt.set(r.rtId, [...(spjByRt.get(r.rtId) ?? []), r]);
  const out = new Map<number, ReturnType<typeof scheduleOf>>();
  for (const rtId of new Set([...tranchesByRt.keys(), ...spjByRt.keys()])) out.set(rtId, scheduleOf(y, today, tranchesByRt.get(rtId) ?? [], spjByRt.get(rtId) ?? []));
  return out;
}

/** Which months an RT must report (from its first drawn month to last month), when each is due and how late. */
type DrawnTranche = Pick<TrancheRow, 'status' | 'mode' | 'period' | 'decidedAt'>;

export function scheduleOf(y: ProgrammeYear, today: string, tranches: DrawnTranche[], spj: SpjRow[]) {
  const drawn = tranches.filter((t) => t.status === 'approved' || t.status === 'paid');
  const first = drawn.map(drawnMonth).filter((m) => m !== null).sort()[0];
  const reports = new Map(spj.map((r) => [r.month, r]));
  return yearMonths(y)
    .filter((m) => (first !== undefined && m >= first && spjSubmittableOn(y, m, today)) || reports.has(m))
    .map((month) => {
      const report = reports.get(month) ?? null;
      const due = spjDueDate(y, month);
      // Sent: the lateness on record at its sending. Not sent (or taken back): late until today.
      const open = !report || report.status === 'returned' || report.status === 'withdrawn';
      const late = open ? (today > due ? daysBetween(due, today) : 0) : report.daysLate;
      return { month, report, due, daysLate: late };
    });
}
