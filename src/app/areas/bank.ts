/** Bank batches of a kelurahan, and the year-end close. */
import { can, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { todayWib } from '../../domain/calendar';
import { answerBankRow, markBatchPaid } from '../answer-bank-batch';
import { batchCandidates, cancelBankBatch, createBankBatch, downloadBatchCsv, loadBatch } from '../bank-batch';
import { closeBlockers, closeYear } from '../close-year';
import type { Services } from '../services';
import { bindTo } from './bind';
import { kelurahanOptions } from './registry';

/** The bank page of a kelurahan: what can go into the next batch, what is held and why, earlier batches. */
function bankPage(s: Services, actor: Actor, kelurahanCode: string) {
  const { kelurahan, rows } = batchCandidates(s, actor, kelurahanCode, 'bank.view');
  const valid = rows.filter((r) => !r.problem);
  return {
    kelurahan,
    rows,
    validCount: valid.length,
    validTotal: valid.reduce((a, r) => a + r.amount, 0),
    invalid: rows.filter((r) => r.problem),
    batches: s.tranches.batches(kelurahan.code),
    canBatch: can(actor, 'bank.batch', { kelurahanCode: kelurahan.code }),
  };
}

/** A batch with what the signed-in user may do to it (the treasury answers an unpaid batch or cancels it before any answer). */
function batchPage(s: Services, actor: Actor, batchId: number) {
  const model = loadBatch(s, actor, batchId);
  const may = can(actor, 'bank.batch', { kelurahanCode: model.kelurahan.code }) && model.batch.status === 'open';
  const answered = model.rows.some((r) => r.status === 'paid' || r.status === 'failed');
  return {
    ...model,
    rows: model.rows.map((r) => ({ ...r, canAnswer: may && r.status === 'sent' })),
    canAnswer: may,
    canCancel: may && !answered,
    waiting: model.rows.filter((r) => r.status === 'sent').length,
    today: todayWib(s.now()),
  };
}

/** The city treasury's overview: per kelurahan, tranches waiting to be batched and unpaid batches. */
function bankOverview(s: Services, actor: Actor) {
  if (!can(actor, 'bank.batch')) throw fail('forbidden_role');
  const work = s.tranches.bankWork();
  return { work, empty: work.length === 0 };
}

/** The year-end page: the years, the kelurahan (closed or not) and what still blocks the chosen scope. */
function closePage(s: Services, chosen: { year?: number; kelurahanCode?: string }) {
  const years = s.years.years().map((y) => s.years.find(y)!);
  const selectedYear = chosen.year || years.find((y) => y.status === 'open')?.year || years.at(-1)?.year || 0;
  const selectedKel = chosen.kelurahanCode || null;
  const closed = selectedYear ? s.tranches.closedKelurahan(selectedYear) : new Set<string>();
  return {
    years: years.map((y) => ({ year: y.year, status: y.status, selected: y.year === selectedYear })),
    kelurahan: kelurahanOptions(s).map((k) => ({ ...k, closed: closed.has(k.code), selected: k.code === selectedKel })),
    blockers: selectedYear ? closeBlockers(s, selectedYear, selectedKel ? [selectedKel] : null) : [],
    closedCount: closed.size,
  };
}

/** Closes a year (or one kelurahan of it); refused, naming every blocker, while anything still blocks it. */
function closeYearOrRefuse(s: Services, actor: Actor, cmd: { year: number; kelurahanCode: string | null }, ip: string | null) {
  const r = closeYear(s, actor, cmd, ip);
  if (!r.closed) throw fail('close_blocked', { reasons: r.blockers.map((b) => b.message) });
  return r;
}

export function bankArea(s: Services) {
  return bindTo(s, {
    overview: bankOverview,
    page: bankPage,
    createBatch: createBankBatch,
    batch: batchPage,
    download: downloadBatchCsv,
    cancel: cancelBankBatch,
    answerRow: answerBankRow,
    markPaid: markBatchPaid,
    closePage,
    closeYear: closeYearOrRefuse,
  });
}
