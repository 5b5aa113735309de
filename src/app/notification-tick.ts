/**
 * The scheduler tick: the time-based notifications, run by the server every NOTIFY_TICK_MS and
 * idempotent (each has a dedupe key, so a second tick, or a tick after a restart, writes
 * nothing new):
 * - SPJ due within 3 days (once per RT and month),
 * - SPJ overdue (once per RT, month and week late),
 * - money about to lapse at the year's end (at 30, 14, 7 and 1 days left, once each),
 * - the treasurer's daily summary (once per treasurer and day, when something waits).
 */
import { formatBulan, todayWib } from '../domain/calendar';
import { granteeLabel } from '../domain/registry/rows';
import { notify, notifyRt } from './notify';
import type { RtDetail } from './ports';
import type { Services } from './services';
import { spjSchedulesOfKelurahan } from './spj';

const DAY_MS = 86_400_000;
const daysFrom = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
export const SPJ_DUE_SOON_DAYS = 3;
export const LAPSE_STEPS = [1, 7, 14, 30] as const;

/**
 * The tick as slices, each one transaction that says how many notifications it wrote: one per
 * kelurahan, then the treasurers' summaries. The server runs them one per turn of the event loop
 * (`runNotificationTickInSlices`): on the whole city a tick is ~3,7 s of work, which held every
 * request for as long when it ran in one go.
 */
export function notificationTickSlices(s: Services): Array<() => number> {
  const today = todayWib(s.now());
  const year = s.years.current(today);
  if (!year) return [];
  const count = (f: () => void) => {
    const before = s.notifications.total();
    s.db.transaction(f);
    return s.notifications.total() - before;
  };
  const byKel = new Map<string, RtDetail[]>();
  for (const rt of s.registry.activeRts()) {
    const list = byKel.get(rt.kelurahanCode);
    if (list) list.push(rt);
    else byKel.set(rt.kelurahanCode, [rt]);
  }
  const slices: Array<() => number> = [...byKel].map(([kel, rts]) => () =>
      count(() => {
        const schedules = spjSchedulesOfKelurahan(s, kel, year.year);
        const money = s.balances.perRtOfKelurahan(year.year, kel);
        for (const rt of rts) {
          const label = granteeLabel(rt);
          for (const m of schedules.get(rt.id) ?? []) {
            const open = !m.report || m.report.status === 'returned' || m.report.status === 'withdrawn';
            if (!open) continue;
            const left = daysFrom(today, m.due);
            const base = { month: m.month, monthLabel: formatBulan(m.month), dueOn: m.due, rtLabel: label, link: `/rt/${rt.id}/kuitansi` };
            if (left >= 0 && left <= SPJ_DUE_SOON_DAYS) notifyRt(s, rt.id, { kind: 'spj_due_soon', payload: { ...base, daysLeft: left } }, `spj_due_soon:${rt.id}:${m.month}`);
            if (left < 0) notifyRt(s, rt.id, { kind: 'spj_overdue', payload: { ...base, daysLate: -left } }, `spj_overdue:${rt.id}:${m.month}:w${Math.floor((-left - 1) / 7)}`);
          }
          const r = money.get(rt.id);
          const unspent = r ? r.undrawn + r.transit + r.cash : 0;
          const left = daysFrom(today, year.endsOn);
          const step = LAPSE_STEPS.find((d) => left <= d);
          if (unspent > 0 && left >= 0 && step !== undefined) {
            notifyRt(s, rt.id, { kind: 'money_lapsing', payload: { year: year.year, amount: unspent, lapsesOn: year.endsOn, daysLeft: left, rtLabel: label, link: `/rt/${rt.id}` } }, `money_lapsing:${rt.id}:${year.year}:d${step}`);
          }
        }
      }),
  );
  slices.push(() =>
    count(() => {
      for (const t of s.accounts.activeTreasurers()) {
        const kel = s.registry.findKelurahan(t.kelurahanCode);
        if (!kel) continue;
        const c = {
          receipts: s.receipts.pendingOfKelurahan(t.kelurahanCode).length,
          plans: s.plans.submittedOfKelurahan(t.kelurahanCode).length,
          tranches: s.tranches.ofKelurahan(t.kelurahanCode, ['pending']).length,
          spj: s.receipts.spjOfKelurahan(t.kelurahanCode, year.year, ['submitted']).length,
        };
        if (c.receipts + c.plans + c.tranches + c.spj === 0) continue;
        notify(s, t.userId, { kind: 'daily_summary', payload: { date: today, kelurahanName: kel.name, ...c, link: '/antrian' } }, `daily_summary:${t.userId}:${today}`);
      }
    }),
  );
  return slices;
}

/** The whole tick at once (tests, scripts): every slice in turn. */
export function runNotificationTick(s: Services): { written: number } {
  let written = 0;
  for (const slice of notificationTickSlices(s)) written += slice();
  return { written };
}

/** The whole tick, one slice per turn of the event loop, so requests are served between kelurahan; ends early once `stopped()`. */
export async function runNotificationTickInSlices(s: Services, stopped: () => boolean = () => false): Promise<{ written: number }> {
  let written = 0;
  for (const slice of notificationTickSlices(s)) {
    if (stopped()) break;
    written += slice();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { written };
}
