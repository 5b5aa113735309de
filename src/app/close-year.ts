/**
 * Year-end close (per kelurahan, or the whole city): nothing may be pending; then each RT's
 * remaining cash is returned to Kas Daerah and its undrawn allocation lapses, each as a
 * ledger entry with its own idempotency key, so running the close twice posts nothing new.
 * When every kelurahan is closed the programme year is closed: it then takes no postings
 * except an admin's reversal.
 */
import { actorLabel, authorize, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { errorMessage, fail } from '../domain/errors';
import { rtCashAccount, rtLapsedAccount, rtReturnedAccount, rtUndrawnAccount, rtYearEndAccounts } from '../domain/ledger/accounts';
import { rtLabel } from '../domain/registry/rows';
import { postEntry } from './post-entry';
import { kelurahanInScope, yearOrThrow } from './scope';
import type { Services } from './services';

export interface CloseBlocker {
  kind: string;
  count: number;
  message: string;
}

export function closeBlockers(s: Services, year: number, kelurahanCodes: string[] | null): CloseBlocker[] {
  const out: CloseBlocker[] = [];
  const y = s.years.find(year);
  if (y && todayWib(s.now()) < y.finalReportDue) {
    out.push({ kind: 'not_ended', count: 1, message: errorMessage('year_not_ended', { year, closableOn: y.finalReportDue }) });
  }
  const plans = s.plans.countPending(year, kelurahanCodes);
  if (plans) out.push({ kind: 'plan', count: plans, message: `${plans} rencana (RAP) masih menunggu keputusan bendahara.` });
  const pending = s.tranches.countInStatus(year, ['pending'], kelurahanCodes);
  if (pending) out.push({ kind: 'tranche_pending', count: pending, message: `${pending} pencairan masih menunggu persetujuan.` });
  const unpaid = s.tranches.countInStatus(year, ['approved'], kelurahanCodes);
  if (unpaid) out.push({ kind: 'tranche_unpaid', count: unpaid, message: `${unpaid} pencairan disetujui tetapi belum ditandai dibayar bank.` });
  const open = s.spending.openItems(year, kelurahanCodes);
  if (open) out.push({ kind: 'spending', count: open, message: `${open} kuitansi atau SPJ masih menunggu verifikasi.` });
  return out;
}

export interface CloseResult {
  closed: boolean;
  blockers: CloseBlocker[];
  kelurahanClosed: number;
  returnedRupiah: number;
  lapsedRupiah: number;
  entries: number;
  yearClosed: boolean;
}

export function closeYear(s: Services, actor: Actor, cmd: { year: number; kelurahanCode: string | null }, ip: string | null = null): CloseResult {
  authorize(actor, 'year.close');
  const year = yearOrThrow(s, cmd.year);
  if (year.status === 'closed') throw fail('year_closed', { year: year.year });
  const today = todayWib(s.now());
  if (today < year.finalReportDue) {
    throw fail('year_not_ended', { year: year.year, closableOn: year.finalReportDue });
  }
  const codes = cmd.kelurahanCode ? [kelurahanInScope(s, actor, 'year.close', cmd.kelurahanCode).code] : null;
  if (codes && s.tranches.isClosed(year.year, codes[0]!)) throw fail('kelurahan_already_closed', { year: year.year });
  const result: CloseResult = { closed: false, blockers: [], kelurahanClosed: 0, returnedRupiah: 0, lapsedRupiah: 0, entries: 0, yearClosed: false };
  return s.db.transaction(() => {
    result.blockers = closeBlockers(s, year.year, codes);
    if (result.blockers.length) return result;
    const allKelurahan = s.registry.kecamatanList().flatMap((k) => s.registry.kelurahanList(k.code).map((l) => l.code));
    const targets = codes ?? allKelurahan;
    const already = s.tranches.closedKelurahan(year.year);
    const now = s.now().toISOString();
    for (const code of targets) {
      if (already.has(code)) continue;
      for (const rt of s.registry.rtsOfKelurahan(code)) {
        const money = s.balances.ofRt(year.year, rt.id);
        if (money.allocated === 0) continue;
        const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
        s.ledger.ensureAccounts(year.year, rt.id, rtYearEndAccounts(ref));
        const label = `${rtLabel(rt.number, rt.rwNumber)} ${rt.kelurahanName}`;
        if (money.cash > 0) {
          postEntry(s, {
            year: year.year, eventType: 'year_end_return', eventRef: `rt:${rt.id}`, description: `Pengembalian sisa kas ${year.year} ke Kas Daerah, ${label}`,
            actor: actorLabel(actor), occurredOn: year.endsOn, idempotencyKey: `year_end_return:${year.year}:${rt.id}`,
            postings: [{ account: rtReturnedAccount(ref), amount: money.cash }, { account: rtCashAccount(ref), amount: -money.cash }],
          });
          result.returnedRupiah += money.cash;
          result.entries += 1;
        }
        if (money.undrawn > 0) {
          postEntry(s, {
            year: year.year, eventType: 'year_end_lapse', eventRef: `rt:${rt.id}`, description: `Alokasi ${year.year} yang tidak dicairkan gugur, ${label}`,
            actor: actorLabel(actor), occurredOn: year.endsOn, idempotencyKey: `year_end_lapse:${year.year}:${rt.id}`,
            postings: [{ account: rtLapsedAccount(ref), amount: money.undrawn }, { account: rtUndrawnAccount(ref), amount: -money.undrawn }],
          });
          result.lapsedRupiah += money.undrawn;
          result.entries += 1;
        }
      }
      s.tranches.close(year.year, code, actorLabel(actor), now);
      result.kelurahanClosed += 1;
    }
    const closedNow = s.tranches.closedKelurahan(year.year);
    if (allKelurahan.every((c) => closedNow.has(c))) {
      s.years.setStatus(year.year, 'closed');
      result.yearClosed = true;
    }
    result.closed = true;
    s.audit.record(actor, ip, {
      action: 'year.close',
      targetType: 'programme_year',
      targetId: year.year,
      kelurahanCode: cmd.kelurahanCode,
      after: { kelurahanClosed: result.kelurahanClosed, returned: result.returnedRupiah, lapsed: result.lapsedRupiah, entries: result.entries, yearClosed: result.yearClosed },
    });
    return result;
  });
}
