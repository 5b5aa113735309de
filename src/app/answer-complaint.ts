/**
 * An official answers a complaint: the answer is published at once, with the question, on the
 * RT's (or RW's) public page and the tracking page. Never the sender.
 *
 * Invariants:
 * - only a role with complaint.answer whose scope holds the complaint's kelurahan or kecamatan
 *   answers it (the kelurahan may still answer after an escalation);
 * - a complaint is answered once (a second answer is a conflict; the database refuses to change
 *   a published answer);
 * - a complaint past its deadline is first brought to its step (escalation rows by the system),
 *   then answered: the audit log tells the order as it happened.
 */
import { actorLabel, authorize, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { bringUpToDate, holidaysOf } from './complaint-steps';
import type { Services } from './services';

export function answerComplaint(s: Services, actor: Actor, id: number, answer: string, ip: string | null): { code: string } {
  authorize(actor, 'complaint.answer');
  const c = s.complaints.find(id);
  if (!c) throw fail('not_in_scope');
  authorize(actor, 'complaint.answer', { kelurahanCode: c.kelurahanCode, kecamatanCode: c.kecamatanCode });
  const now = s.now();
  const today = todayWib(now);
  s.db.transaction(() => {
    const row = s.complaints.find(id)!;
    if (row.answeredAt) throw fail('complaint_already_answered');
    const moved = bringUpToDate(s, row, today, holidaysOf(s));
    const at = now.toISOString();
    s.complaints.setAnswer(id, { answer, answeredAt: at, answeredOn: today, answeredByUserId: actor.userId, answeredByRole: actor.role, publishedAt: at });
    const scope = { targetType: 'complaint', targetId: id, kelurahanCode: c.kelurahanCode, kecamatanCode: c.kecamatanCode };
    s.audit.record(actor, ip, { action: 'complaint.answered', ...scope, after: { code: c.code, answerChars: answer.length, by: actorLabel(actor), level: moved?.level ?? row.level } });
    s.audit.record(actor, ip, { action: 'complaint.published', ...scope, after: { code: c.code, publishedAt: at } });
  });
  // Brought to its step and answered at once: nobody is told of an escalation already answered.
  return { code: c.code };
}
