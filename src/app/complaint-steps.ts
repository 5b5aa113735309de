/**
 * A complaint's steps: who holds it (routing.ts), until when (complaint.ts), and the escalation
 * the server's tick writes when a step's deadline passes unanswered.
 *
 * Invariants:
 * - every step taken writes its audit rows in the transaction that takes it (received, assigned,
 *   escalated, answered, published); escalation is the system's act;
 * - the tick is idempotent (a complaint already at the step the deadlines put it at is left
 *   alone) and bounded (at most `limit` complaints a call);
 * - the step written is the one complaintStage computes from the date received, never one
 *   counted from when the tick happened to run.
 */
import { systemActor, type Actor, type Role } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { complaintStage, type ComplaintLevel } from '../domain/complaints/complaint';
import { assigneeFor, type Assignment } from '../domain/complaints/routing';
import type { ComplaintRow } from './ports';
import type { Services } from './services';
import { notify } from './notify';

export const ESCALATION_ACTOR = systemActor('eskalasi-aduan');

/** Every holiday of every programme year (a deadline may run into the next year). */
export function holidaysOf(s: Services): Set<string> {
  const out = new Set<string>();
  for (const year of s.years.years()) for (const d of s.years.find(year)?.holidays ?? []) out.add(d);
  return out;
}

/**
 * THE place where a complaint is handed to a user (assigned at receipt, or escalated). The lead
 * wires the notification outbox here (issue 19d): "a complaint was assigned/escalated to user X".
 * Called after the transaction that assigned it has committed.
 */
export function complaintAssigned(s: Services, c: { id: number; code: string; level: ComplaintLevel }, to: Assignment, reason: 'received' | 'escalated'): void {
  if (to.userId === null) return;
  const userId = to.userId;
  // Its own small transaction: the outbox row (one per complaint, step and official).
  s.db.transaction(() => notify(s, userId, { kind: 'complaint_assigned', payload: { code: c.code, reason, link: `/aduan/${c.id}` } }, `complaint:${c.id}:${c.level}:u${userId}`));
}

/** The assignment of a step, with its audit row (inside the caller's transaction). */
export function assignStep(s: Services, actor: Actor, c: Pick<ComplaintRow, 'id' | 'code' | 'kelurahanCode' | 'kecamatanCode'>, level: ComplaintLevel, deadlineOn: string): Assignment {
  const to = assigneeFor(level, c, s.complaints.officials());
  s.audit.record(actor, null, {
    action: 'complaint.assigned',
    targetType: 'complaint',
    targetId: c.id,
    kelurahanCode: c.kelurahanCode,
    kecamatanCode: c.kecamatanCode,
    after: { code: c.code, level, userId: to.userId, role: to.role, deadlineOn },
  });
  return to;
}

/**
 * Brings one unanswered complaint to the step its deadlines put it at on `today` (inside a
 * transaction): an escalation row per step passed, then the assignment. Returns the new holder, or
 * null when nothing changed.
 */
export function bringUpToDate(s: Services, c: ComplaintRow, today: string, holidays: ReadonlySet<string>): { level: ComplaintLevel; to: Assignment } | null {
  if (c.answeredAt) return null;
  const stage = complaintStage(c, today, holidays);
  if (stage.level <= c.level) return null;
  const now = s.now().toISOString();
  for (let level = (c.level + 1) as ComplaintLevel; level <= stage.level; level = (level + 1) as ComplaintLevel) {
    s.audit.record(ESCALATION_ACTOR, null, {
      action: 'complaint.escalated',
      targetType: 'complaint',
      targetId: c.id,
      kelurahanCode: c.kelurahanCode,
      kecamatanCode: c.kecamatanCode,
      before: { level: level - 1 },
      after: { code: c.code, level, missedDeadline: complaintStage(c, today, holidays).firstDeadlineOn },
    });
  }
  const to = assignStep(s, ESCALATION_ACTOR, c, stage.level, stage.deadlineOn);
  s.complaints.setStep(c.id, { level: stage.level, deadlineOn: stage.deadlineOn, assignedUserId: to.userId, assignedRole: to.role, escalatedAt: now });
  return { level: stage.level, to };
}

/** The scheduler's tick: escalates the complaints whose step's deadline has passed (at most `limit`). */
export function escalateComplaints(s: Services, limit = 200): number {
  const today = todayWib(s.now());
  const holidays = holidaysOf(s);
  const moved: Array<{ c: ComplaintRow; level: ComplaintLevel; to: Assignment }> = [];
  s.db.transaction(() => {
    for (const c of s.complaints.unansweredPastStepDeadline(today, limit)) {
      const r = bringUpToDate(s, c, today, holidays);
      if (r) moved.push({ c, ...r });
      else {
        // The holiday list changed since: the step is the same, its deadline is counted again (no escalation).
        const stage = complaintStage(c, today, holidays);
        if (stage.level === c.level && stage.deadlineOn !== c.deadlineOn) {
          s.complaints.setStep(c.id, { level: c.level, deadlineOn: stage.deadlineOn, assignedUserId: c.assignedUserId, assignedRole: c.assignedRole as Role, escalatedAt: c.escalatedAt });
        }
      }
    }
    s.complaints.pruneAttempts(new Date(s.now().getTime() - 2 * 86_400_000).toISOString(), 1000);
  });
  for (const m of moved) complaintAssigned(s, { id: m.c.id, code: m.c.code, level: m.level }, m.to, 'escalated');
  return moved.length;
}
