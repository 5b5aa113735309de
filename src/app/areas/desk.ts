/** The early-warning desk (deteksi dini): the ranked risk list, follow-up notes, the refresh and the weekly summary. */
import { followUpRiskFlag } from '../follow-up-risk';
import { readDesk } from '../read-desk';
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
    /** One summary per desk user handed to `deliver` (no outbox). */
    weeklySummaries: (deliver: (summary: WeeklyDeskSummary) => void) => weeklyDeskSummaries(s, deliver),
    /** The weekly summary of each desk into the notification outbox, once per desk user and ISO week (safe to call daily and after a restart). */
    sendWeeklySummaries: () => sendWeeklyDeskSummaries(s),
  };
}
