/**
 * A resident sends a complaint from a public page (no sign-in): checked against abuse
 * (abuse.ts), stored with a tracking code, assigned to the kelurahan with its deadline, audited.
 *
 * Invariants:
 * - the sender's address is never stored as it is (a keyed hash counts it) and never audited;
 * - the sender's name and phone are stored for the official only: no audit row, page, CSV or
 *   JSON of the public carries them;
 * - the same message to the same RT or RW within a day gives back the first tracking code and
 *   stores nothing more.
 */
import { createHash, randomBytes } from 'node:crypto';
import { systemActor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { ABUSE_LIMITS, checkForm, checkLimits, stampVerdict } from '../domain/complaints/abuse';
import { complaintDeadlines, normalizeMessage, trackingCodeOf, type ComplaintKind, type ComplaintTargetKind } from '../domain/complaints/complaint';
import { fail } from '../domain/errors';
import { addressKeyOf, stampIssuedAt } from './complaint-keys';
import { assignStep, complaintAssigned, holidaysOf } from './complaint-steps';
import type { ComplaintTarget } from './ports';
import type { Services } from './services';

export const PUBLIC_SENDER = systemActor('warga');
/** Who routes a new complaint to the kelurahan. */
export const ROUTING_ACTOR = systemActor('rute-aduan');

export interface SubmitComplaint {
  target: { kind: ComplaintTargetKind; id: number };
  kind: ComplaintKind;
  message: string;
  senderName: string | null;
  senderPhone: string | null;
  /** The hidden field a person leaves empty. */
  honeypot: string;
  /** The form's signed stamp (complaint-keys.ts). */
  stamp: string;
  /** The client address (req.ip). */
  address: string;
}

const HOUR = 3600_000;

export function submitComplaint(s: Services, cmd: SubmitComplaint): { code: string; duplicate: boolean } {
  const target = s.complaints.findTarget(cmd.target.kind, cmd.target.id);
  if (!target) throw fail('complaint_target_not_found');
  const now = s.now();
  const issued = stampIssuedAt(s, cmd.stamp, cmd.target);
  checkForm({ honeypot: cmd.honeypot, stamp: stampVerdict(issued?.at ?? null, now.getTime(), issued?.source) });
  const messageKey = createHash('sha256').update(normalizeMessage(cmd.message)).digest('hex');
  const addressKey = addressKeyOf(s, cmd.address);
  const since = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const today = todayWib(now);
  const where = { kind: target.kind, rtId: target.rtId, rwId: target.rwId };
  const result = s.db.transaction(() => {
    const first = s.complaints.duplicateOf(messageKey, where, since(ABUSE_LIMITS.duplicateWindowHours * HOUR));
    if (first) return { code: first.code, duplicate: true as const };
    checkLimits({
      addressLastHour: s.complaints.attemptsSince(addressKey, since(HOUR)),
      addressLastDay: s.complaints.attemptsSince(addressKey, since(24 * HOUR)),
      // "Today" in WIB: from the start of the WIB day.
      targetToday: s.complaints.countForTarget(where, new Date(Date.parse(`${today}T00:00:00Z`) - 7 * HOUR).toISOString()),
    });
    s.complaints.recordAttempt(addressKey, now.toISOString());
    return { ...insertComplaint(s, target, cmd), duplicate: false as const };
  });
  if (!result.duplicate) complaintAssigned(s, { id: result.id, code: result.code, level: 0 }, result.to, 'received');
  return { code: result.code, duplicate: result.duplicate };
}

/** What a complaint is, without the web form's checks (the demo seed, an import of complaints taken by phone). */
export type ComplaintFields = Pick<SubmitComplaint, 'kind' | 'message' | 'senderName' | 'senderPhone'>;

/** Records a complaint received now: stored, audited, assigned to the kelurahan (the caller's transaction, or its own). */
export function recordComplaint(s: Services, target: { kind: ComplaintTargetKind; id: number }, cmd: ComplaintFields): { id: number; code: string } {
  const t = s.complaints.findTarget(target.kind, target.id);
  if (!t) throw fail('complaint_target_not_found');
  const r = s.db.transaction(() => insertComplaint(s, t, cmd));
  complaintAssigned(s, { id: r.id, code: r.code, level: 0 }, r.to, 'received');
  return { id: r.id, code: r.code };
}

function insertComplaint(s: Services, target: ComplaintTarget, cmd: ComplaintFields) {
  const now = s.now();
  const today = todayWib(now);
  const messageKey = createHash('sha256').update(normalizeMessage(cmd.message)).digest('hex');
  let code = trackingCodeOf(randomBytes(5));
  // 40 random bits: a clash is rare; draw again rather than fail.
  for (let i = 0; i < 5 && s.complaints.findByCode(code); i++) code = trackingCodeOf(randomBytes(5));
  const [deadlineOn] = complaintDeadlines(today, holidaysOf(s));
  const id = s.complaints.insert({
    code,
    targetKind: target.kind,
    rtId: target.rtId,
    rwId: target.rwId,
    kelurahanCode: target.kelurahanCode,
    kecamatanCode: target.kecamatanCode,
    kind: cmd.kind,
    message: cmd.message,
    senderName: cmd.senderName,
    senderPhone: cmd.senderPhone,
    messageKey,
    receivedAt: now.toISOString(),
    receivedOn: today,
    firstDeadlineOn: deadlineOn,
    level: 0,
    deadlineOn,
    assignedUserId: null,
    assignedRole: 'lurah',
  });
  s.audit.record(PUBLIC_SENDER, null, {
    action: 'complaint.received',
    targetType: 'complaint',
    targetId: id,
    kelurahanCode: target.kelurahanCode,
    kecamatanCode: target.kecamatanCode,
    // Never the sender: whether a name or phone was given, not what.
    after: { code, kind: cmd.kind, targetKind: target.kind, rtId: target.rtId, rwId: target.rwId, messageChars: cmd.message.length, gaveName: cmd.senderName !== null, gavePhone: cmd.senderPhone !== null },
  });
  const c = { id, code, kelurahanCode: target.kelurahanCode, kecamatanCode: target.kecamatanCode };
  const to = assignStep(s, ROUTING_ACTOR, c, 0, deadlineOn);
  s.complaints.setStep(id, { level: 0, deadlineOn, assignedUserId: to.userId, assignedRole: to.role, escalatedAt: null });
  return { code, id, to };
}
