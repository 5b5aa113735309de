/** The early-warning desk (deteksi dini): the ranked risk list, follow-up notes, the refresh and the weekly summary. */
import { followUpRiskFlag } from '../follow-up-risk';
import { readDesk } from '../read-desk';
import { drainInSlices, type DrainOptions } from '../desk-drain';
import { markStale, refreshAll, refreshDirty } from '../risk-refresh';
import type { Services } from '../services';
import { verifyRiskFlags } from '../verify-risk';
import { sendWeeklyDeskSummaries, weeklyDeskSummaries, weeklyDeskSummary, type WeeklyDeskSummary } from '../desk-weekly';
import { bindTo } from './bind';

export function deskArea(s: Services) {
  return {
    ...bindTo(s, {
      page: readDesk,
      followUp: followUpRiskFlag,
      refreshDirty,
      refreshAll,
      markStale,
      verify: verifyRiskFlags,
      weeklySummary: weeklyDeskSummary,
    }),
    /** The server's background refresh: waiting grantees in slices that each hold the event loop ~20 ms, at most ~2 s a call. */
    drainInSlices: (opts?: DrainOptions) => drainInSlices((limit, budgetMs) => refreshDirty(s, limit, budgetMs), opts),
    /** One summary per desk user handed to `deliver` (no outbox). */
    weeklySummaries: (deliver: (summary: WeeklyDeskSummary) => void) => weeklyDeskSummaries(s, deliver),
    /** The weekly summary of each desk into the notification outbox, once per desk user and ISO week (safe to call daily and after a restart). */
    sendWeeklySummaries: () => sendWeeklyDeskSummaries(s),
  };
}
