/**
 * Year-end close (per kelurahan, or the whole city). Nothing may stand in the way: every blocker
 * of every RT (year-close.ts: missing or unverified SPJs, pending or returned receipts, pending
 * or unpaid tranches, pending plans) is either resolved or cleared by an admin's override with a
 * written reason. Then each RT's remaining cash is returned to Kas Daerah and its undrawn (and in-transit)
 * allocation lapses, each as a ledger entry with its own idempotency key, so running the close
 * twice posts nothing new. When every kelurahan is closed the programme year is closed: it then
 * takes no postings except an admin's correction (correct-closed-year.ts).
 */
import { actorLabel, authorize, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { rtCloseBlockers, uncleared, type CloseBlocker } from '../domain/grants/year-close';
import { rtCashAccount, rtLapsedAccount, rtReturnedAccount, rtTransitAccount, rtUndrawnAccount, rtYearEndAccounts , accountRefOf } from '../domain/ledger/accounts';
import { granteeLabel } from '../domain/registry/rows';
import type { CloseOverrideRow } from './ports';
import { postEntry } from './post-entry';
import { kelurahanInScope, yearOrThrow } from './scope';
import type { Services } from './services';

/** A blocker as the close page lists it: with the RT's labels and the override that clears it, if any. */
export interface RtBlocker extends CloseBlocker {
  kelurahanCode: string;
  kelurahanName: string;
  rtLabel: string;
  override: CloseOverrideRow | null;
}

const allKelurahanCodes = (s: Services) => s.registry.kecamatanList().flatMap((k) => s.registry.kelurahanList(k.code).map((l) => l.code));

/** The last month (YYYY-MM) of a programme year. */
const lastMonthOf = (s: Services, year: number) => yearOrThrow(s, year).endsOn.slice(0, 7);

/** Every blocker of one kelurahan's RTs for the year (overridden or not), from the one domain rule. */
export function kelurahanBlockers(s: Services, year: number, kelurahanCode: string): RtBlocker[] {
  const lastMonth = lastMonthOf(s, year);
  const facts = s.yearClose.factsOfKelurahan(year, kelurahanCode);
  if (!facts.length) return [];
  const rts = new Map(s.registry.rtsOfKelurahan(kelurahanCode).map((r) => [r.id, r]));
  const overrides = new Map(s.yearClose.overrides(year, kelurahanCode).map((o) => [o.blockerKey, o]));
  const out: Array<RtBlocker & { order: number }> = [];
  for (const f of facts) {
    const rt = rts.get(f.rtId);
    const order = rt ? rt.rwNumber * 10_000 + rt.number : Number.MAX_SAFE_INTEGER;
    for (const b of rtCloseBlockers(f, lastMonth)) {
      out.push({
        ...b,
        kelurahanCode,
        kelurahanName: rt?.kelurahanName ?? kelurahanCode,
        rtLabel: rt ? granteeLabel(rt) : `RT #${f.rtId}`,
        override: overrides.get(b.key) ?? null,
        order,
      });
    }
  }
  // In RW, then RT order; within an RT, by what it is about.
  return out.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key)).map(({ order: _order, ...b }) => b);
}

/** The blockers of the kelurahan still to close (one, or every one in the city), in RT order. */
export function closeBlockers(s: Services, year: number, kelurahanCodes: string[] | null): RtBlocker[] {
  const closed = s.tranches.closedKelurahan(year);
  return (kelurahanCodes ?? allKelurahanCodes(s)).filter((c) => !closed.has(c)).flatMap((c) => kelurahanBlockers(s, year, c));
}

/** The blockers no override with a reason clears (what refuses the close). */
export function unclearedBlockers(blockers: RtBlocker[]): RtBlocker[] {
  const overrides = blockers.flatMap((b) => (b.override ? [b.override] : []));
  return uncleared(blockers, overrides);
}

/** An admin clears one blocker with a written reason (stored, audited, shown on the close page and kept with the closed year). */
export function overrideBlocker(s: Services, actor: Actor, cmd: { year: number; blockerKey: string; reason: string }, ip: string | null = null): CloseOverrideRow {
  authorize(actor, 'year.close');
  const year = yearOrThrow(s, cmd.year);
  if (year.status === 'closed') throw fail('year_closed', { year: year.year });
  const reason = cmd.reason.trim();
  if (!reason) throw fail('override_reason_missing', undefined, { reason: 'Wajib diisi.' });
  const rtId = Number(/^rt:(\d+):/.exec(cmd.blockerKey)?.[1]);
  const rt = Number.isSafeInteger(rtId) ? s.registry.findRt(rtId) : undefined;
  if (!rt) throw fail('override_blocker_unknown');
  kelurahanInScope(s, actor, 'year.close', rt.kelurahanCode);
  return s.db.transaction(() => {
    if (s.tranches.isClosed(year.year, rt.kelurahanCode)) throw fail('kelurahan_already_closed', { year: year.year });
    const blocker = kelurahanBlockers(s, year.year, rt.kelurahanCode).find((b) => b.key === cmd.blockerKey);
    if (!blocker) throw fail('override_blocker_unknown');
    if (blocker.override) throw fail('override_exists');
    const row = {
      year: year.year,
      kelurahanCode: rt.kelurahanCode,
      rtId: rt.id,
      blockerKey: blocker.key,
      kind: blocker.kind,
      subject: blocker.subject,
      reason,
      overriddenBy: actorLabel(actor),
      overriddenByUser: actor.userId,
      overriddenAt: s.now().toISOString(),
    };
    const id = s.yearClose.insertOverride(row);
    s.audit.record(actor, ip, {
      action: 'year.close_override',
      targetType: 'programme_year',
      targetId: year.year,
      kelurahanCode: rt.kelurahanCode,
      after: { blocker: blocker.key, kind: blocker.kind, subject: blocker.subject, rt: `${blocker.rtLabel} ${blocker.kelurahanName}`, reason },
    });
    return { id, ...row };
  });
}

export interface CloseResult {
  kelurahanClosed: number;
  returnedRupiah: number;
  lapsedRupiah: number;
  entries: number;
  yearClosed: boolean;
  /** The overrides the close went through on (kept with the closed year). */
  overrides: number;
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
  const result: CloseResult = { kelurahanClosed: 0, returnedRupiah: 0, lapsedRupiah: 0, entries: 0, yearClosed: false, overrides: 0 };
  return s.db.transaction(() => {
    const blockers = closeBlockers(s, year.year, codes);
    const open = unclearedBlockers(blockers);
    if (open.length) throw fail('close_blocked', { count: open.length, rts: new Set(open.map((b) => b.rtId)).size });
    result.overrides = blockers.length;
    const allKelurahan = allKelurahanCodes(s);
    const targets = codes ?? allKelurahan;
    const already = s.tranches.closedKelurahan(year.year);
    const now = s.now().toISOString();
    for (const code of targets) {
      if (already.has(code)) continue;
      for (const rt of s.registry.rtsOfKelurahan(code)) {
        const money = s.balances.ofRt(year.year, rt.id);
        if (money.allocated === 0) continue;
        const ref = accountRefOf(rt);
        s.ledger.ensureAccounts(year.year, rt.id, rtYearEndAccounts(ref));
        const label = `${granteeLabel(rt)} ${rt.kelurahanName}`;
        if (money.cash > 0) {
          postEntry(s, {
            year: year.year, eventType: 'year_end_return', eventRef: `rt:${rt.id}`, description: `Pengembalian sisa kas ${year.year} ke Kas Daerah, ${label}`,
            actor: actorLabel(actor), occurredOn: year.endsOn, idempotencyKey: `year_end_return:${year.year}:${rt.id}`,
            postings: [{ account: rtReturnedAccount(ref), amount: money.cash }, { account: rtCashAccount(ref), amount: -money.cash }],
          });
          result.returnedRupiah += money.cash;
          result.entries += 1;
        }
        // The undrawn allocation lapses, and so does money approved but never paid by the bank
        // (in transit at the close, cleared by an override): it never reached the RT.
        const lapsing = money.undrawn + money.transit;
        if (lapsing > 0) {
          postEntry(s, {
            year: year.year, eventType: 'year_end_lapse', eventRef: `rt:${rt.id}`, description: `Alokasi ${year.year} yang tidak dicairkan gugur, ${label}`,
            actor: actorLabel(actor), occurredOn: year.endsOn, idempotencyKey: `year_end_lapse:${year.year}:${rt.id}`,
            postings: [
              { account: rtLapsedAccount(ref), amount: lapsing },
              ...(money.undrawn > 0 ? [{ account: rtUndrawnAccount(ref), amount: -money.undrawn }] : []),
              ...(money.transit > 0 ? [{ account: rtTransitAccount(ref), amount: -money.transit }] : []),
            ],
          });
          result.lapsedRupiah += lapsing;
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
    s.audit.record(actor, ip, {
      action: 'year.close',
      targetType: 'programme_year',
      targetId: year.year,
      kelurahanCode: cmd.kelurahanCode,
      after: {
        kelurahanClosed: result.kelurahanClosed,
        returned: result.returnedRupiah,
        lapsed: result.lapsedRupiah,
        entries: result.entries,
        yearClosed: result.yearClosed,
        overrides: blockers.map((b) => ({ blocker: b.key, reason: b.override!.reason, by: b.override!.overriddenBy })),
      },
    });
    return result;
  });
}
