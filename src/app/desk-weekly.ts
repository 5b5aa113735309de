/**
 * The desk's weekly summary: flags first seen in the week, the ten worst grantees of the scope,
 * and what was followed up in the week. `weeklyDeskSummaries` makes one per active desk user
 * (pengawas) and hands it to `deliver`; `sendWeeklyDeskSummaries` writes them into the
 * notification outbox once per user and ISO week (the server calls it daily, src/http/server.ts).
 */
import { actorLabel, systemActor, toActor, type Actor } from '../domain/access';
import { isoWeekKey, todayWib } from '../domain/calendar';
import { explainFlag } from '../domain/risk/explain';
import { RISK_KIND_LABELS } from '../domain/grants/risk-thresholds';
import type { StoredRiskFlag } from './ports';
import { notify } from './notify';
import { refreshDirty } from './risk-refresh';
import type { Services } from './services';

export interface WeeklyDeskSummary {
  /** The desk user it is for (null: the city-wide summary). */
  userId: number | null;
  username: string;
  year: number;
  weekEnding: string;
  scope: string[] | null;
  fresh: Array<{ rtId: number; kind: string; text: string }>;
  worst: Array<{ rtId: number; label: string; score: number }>;
  followed: Array<{ rtId: number; kind: string; note: string | null; by: string | null }>;
  /** Plain text for e-mail or WhatsApp. */
  text: string;
}

const line = (f: StoredRiskFlag) => ({ rtId: f.rtId, kind: RISK_KIND_LABELS[f.kind], text: explainFlag(f) });

/** The summary of one scope (null: the city) for the week ending now. */
export function weeklyDeskSummary(s: Services, scope: string[] | null, who: Pick<Actor, 'userId' | 'username'> = systemActor('desk-weekly')): WeeklyDeskSummary | null {
  const now = s.now();
  const year = s.years.current(todayWib(now));
  if (!year) return null;
  const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const { fresh, followed } = s.risk.changedSince(year.year, since, scope);
  const worst = s.risk.ranked({ year: year.year, kecamatanCodes: scope, limit: 10, offset: 0 }).rows.map((r) => ({
    rtId: r.rtId,
    label: `${r.kind === 'rw' ? `RW ${r.rwNumber}` : `RT ${r.number}/RW ${r.rwNumber}`} ${r.kelurahanName}`,
    score: r.openScore,
  }));
  const summary = {
    userId: who.userId,
    username: who.username,
    year: year.year,
    weekEnding: todayWib(now),
    scope,
    fresh: fresh.map(line),
    worst,
    followed: followed.map((f) => ({ rtId: f.rtId, kind: RISK_KIND_LABELS[f.kind], note: f.followNote, by: f.followedBy })),
  };
  const text = [
    `Ringkasan mingguan meja deteksi dini, pekan sampai ${summary.weekEnding} (tahun ${summary.year}).`,
    `Tanda baru: ${summary.fresh.length}.`,
    ...summary.fresh.slice(0, 20).map((f) => `- ${f.kind}: ${f.text}`),
    `10 penerima dengan skor tertinggi:`,
    ...summary.worst.map((w, i) => `${i + 1}. ${w.label} — skor ${w.score}`),
    `Ditindaklanjuti pekan ini: ${summary.followed.length}.`,
  ].join('\n');
  return { ...summary, text };
}

const deskUsers = (s: Services): Array<Actor & { userId: number }> =>
  s.users
    .list()
    .filter((x) => x.role === 'pengawas' && x.active)
    .map(toActor)
    .filter((a): a is Actor & { userId: number } => a.userId !== null);

const summaryOf = (s: Services, actor: Actor) => weeklyDeskSummary(s, actor.kecamatanCodes, { userId: actor.userId, username: actorLabel(actor) });

/**
 * One summary per active desk user, handed to `deliver`. Drains waiting refreshes first, so the
 * summary reads current flags.
 */
export function weeklyDeskSummaries(s: Services, deliver: (summary: WeeklyDeskSummary) => void): number {
  refreshDirty(s, Number.MAX_SAFE_INTEGER);
  let sent = 0;
  for (const actor of deskUsers(s)) {
    const summary = summaryOf(s, actor);
    if (summary) {
      deliver(summary);
      sent += 1;
    }
  }
  return sent;
}

/** The outbox dedupe key of a desk user's weekly summary: one per user and ISO week (WIB date). */
export const weeklySummaryKey = (userId: number, date: string) => `desk_weekly:${userId}:${isoWeekKey(date)}`;

/**
 * The weekly summary of each desk user into the notification outbox, exactly once per user and
 * ISO week: the outbox's unique dedupe key holds it across calls and restarts, so the scheduler
 * may call this as often as it likes (the first call of a week sends). Users already served this
 * week are skipped before anything is computed. Returns how many were written.
 */
export function sendWeeklyDeskSummaries(s: Services): number {
  const today = todayWib(s.now());
  const due = deskUsers(s).filter((a) => !s.notifications.byDedupeKey(weeklySummaryKey(a.userId, today)));
  if (!due.length) return 0;
  refreshDirty(s, Number.MAX_SAFE_INTEGER);
  let sent = 0;
  for (const actor of due) {
    const summary = summaryOf(s, actor);
    if (!summary) continue;
    const payload = { weekOf: today, text: summary.text, link: '/pengawas' };
    const id = s.db.transaction(() => notify(s, actor.userId, { kind: 'desk_weekly', payload }, weeklySummaryKey(actor.userId, today)));
    if (id !== null) sent += 1;
  }
  return sent;
}
