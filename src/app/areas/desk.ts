/** The early-warning desk (deteksi dini): the ranked risk list, follow-up notes, the refresh and the weekly summary. */
import { notify } from '../notify';
import { todayWib } from '../../domain/calendar';
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
    /** The weekly summary of each desk, into the notification outbox (once per desk and day: the dedupe key). */
    sendWeeklySummaries: () =>
      weeklyDeskSummaries(s, (summary) => {
        if (summary.userId === null) return;
        const userId = summary.userId;
        const today = todayWib(s.now());
        s.db.transaction(() => notify(s, userId, { kind: 'desk_weekly', payload: { weekOf: today, text: summary.text, link: '/pengawas' } }, `desk-weekly:${today}:u${userId}`));
      }),
  };
}
