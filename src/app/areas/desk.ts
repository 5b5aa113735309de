/** The early-warning desk (deteksi dini): the ranked risk list, follow-up notes, the refresh and the weekly summary. */
import { followUpRiskFlag } from '../follow-up-risk';
import { readDesk } from '../read-desk';
import { markStale, refreshAll, refreshDirty } from '../risk-refresh';
import type { Services } from '../services';
import { verifyRiskFlags } from '../verify-risk';
import { weeklyDeskSummaries, weeklyDeskSummary, type WeeklyDeskSummary } from '../desk-weekly';
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
    /**
     * The weekly scheduler hook: one summary per desk user handed to `deliver`. The lead wires the
     * notification outbox (issue 19d) as `deliver` at merge (src/http/server.ts calls this).
     */
    weeklySummaries: (deliver: (summary: WeeklyDeskSummary) => void) => weeklyDeskSummaries(s, deliver),
  };
}
