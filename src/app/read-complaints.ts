/**
 * Complaints as pages show them: the public form's context, the tracking page, the published
 * answers of an RT's or RW's page, the officials' inbox and one complaint for its answer.
 * Every step shown is complaintStage's on today's date, so a complaint past its deadline shows
 * escalated before the server's tick has written it.
 *
 * Privacy: the sender's name and phone appear only in `detail`, for an official whose scope holds
 * the complaint; the public views never read them.
 */
import { authorize, ROLE_LABELS, roleMay, type Actor, type Role } from '../domain/access';
import { formatTanggal, todayWib } from '../domain/calendar';
import { COMPLAINT_KIND_LABELS, complaintStage, LEVEL_LABELS, normalizeTrackingCode, type ComplaintStage, type ComplaintTargetKind } from '../domain/complaints/complaint';
import type { StampSource } from '../domain/complaints/abuse';
import { fail } from '../domain/errors';
import { formStamp } from './complaint-keys';
import { holidaysOf } from './complaint-steps';
import type { ComplaintRow, ComplaintScope, ComplaintTarget } from './ports';
import type { Services } from './services';

const pad = (n: number) => String(n).padStart(3, '0');

export function targetLabel(t: ComplaintTarget): string {
  const rw = `RW ${pad(t.rwNumber)}`;
  return `${t.kind === 'rt' && t.rtNumber !== null ? `RT ${pad(t.rtNumber)} / ${rw}` : rw}, Kelurahan ${t.kelurahanName}`;
}

/** The public page of a target (issue 20: /publik/rt/{kelurahan}/{RW}/{RT}; an RW's /publik/rw/{kelurahan}/{RW}). */
export function publicPathOf(t: ComplaintTarget): string {
  return t.kind === 'rt' && t.rtNumber !== null ? `/publik/rt/${t.kelurahanCode}/${t.rwNumber}/${t.rtNumber}` : `/publik/rw/${t.kelurahanCode}/${t.rwNumber}`;
}

const roleLabel = (r: string | null) => (r && r in ROLE_LABELS ? ROLE_LABELS[r as Role] : (r ?? ''));

function stageText(st: ComplaintStage): string {
  if (st.answered) return 'Sudah dijawab';
  return st.level === 0 ? 'Menunggu jawaban kelurahan' : `Dialihkan ke ${LEVEL_LABELS[st.level].toLowerCase()}`;
}

function daysLeftText(st: ComplaintStage): string {
  if (st.answered) return '';
  if (st.daysLeft > 0) return `${st.daysLeft} hari kerja lagi`;
  if (st.daysLeft === 0) return 'tenggat hari ini';
  return `lewat ${-st.daysLeft} hari kerja`;
}

/** The form's context: the target, its page and a fresh signed stamp ('page' inside a cached public page, 'form' for one visitor). */
export function complaintFormContext(s: Services, target: { kind: ComplaintTargetKind; id: number }, source: StampSource = 'form') {
  const t = s.complaints.findTarget(target.kind, target.id);
  if (!t) throw fail('complaint_target_not_found');
  return { targetKind: target.kind, targetId: target.id, publicPath: publicPathOf(t), targetLabel: targetLabel(t), stamp: formStamp(s, target, source) };
}

/** The tracking page: status, deadline, and the question with its answer once published. Never the sender. */
export function trackComplaint(s: Services, typedCode: string) {
  const code = normalizeTrackingCode(typedCode);
  const c = code ? s.complaints.findByCode(code) : undefined;
  if (!c) throw fail('complaint_not_found');
  const t = s.complaints.findTarget(c.targetKind, c.targetKind === 'rt' ? c.rtId! : c.rwId)!;
  const st = complaintStage(c, todayWib(s.now()), holidaysOf(s));
  const published = c.publishedAt !== null;
  return {
    code: c.code,
    kindLabel: COMPLAINT_KIND_LABELS[c.kind],
    targetLabel: targetLabel(t),
    publicPath: publicPathOf(t),
    receivedOn: formatTanggal(c.receivedOn),
    statusText: stageText(st),
    stepLabel: LEVEL_LABELS[st.level],
    escalated: st.level > 0,
    answered: published,
    deadlineOn: formatTanggal(st.deadlineOn),
    daysLeftText: daysLeftText(st),
    question: published ? c.message : null,
    answer: published ? c.answer : null,
    answeredOn: c.answeredOn ? formatTanggal(c.answeredOn) : null,
    answeredByRole: roleLabel(c.answeredByRole),
  };
}

/** The published answers of an RT's or RW's public page (the aduan-answers partial's `aduanAnswers`). */
export function publicAnswers(s: Services, target: { kind: ComplaintTargetKind; id: number }, limit = 50) {
  return s.complaints.published(target, limit).map((c) => ({
    kind: COMPLAINT_KIND_LABELS[c.kind],
    receivedOn: formatTanggal(c.receivedOn),
    question: c.message,
    answer: c.answer ?? '',
    answeredOn: c.answeredOn ? formatTanggal(c.answeredOn) : '',
    answeredByRole: roleLabel(c.answeredByRole),
  }));
}

/** The complaints an official's inbox holds: the kelurahan's, the kecamatan's, or the city's. */
function scopeOf(actor: Actor): ComplaintScope {
  if (actor.role === 'lurah' || actor.role === 'bendahara') return { kelurahanCode: actor.kelurahanCode ?? '-' };
  if (actor.role === 'pengawas' && actor.kecamatanCodes !== null) return { kecamatanCodes: actor.kecamatanCodes };
  return {};
}

export const INBOX_LIMIT = 300;

/** The inbox: unanswered first by oldest deadline, with days left; then the answered. */
export function complaintInbox(s: Services, actor: Actor) {
  authorize(actor, 'complaint.inbox');
  const today = todayWib(s.now());
  const holidays = holidaysOf(s);
  const targets = new Map<string, ComplaintTarget | undefined>();
  const targetOf = (c: ComplaintRow) => {
    const key = `${c.targetKind}:${c.targetKind === 'rt' ? c.rtId : c.rwId}`;
    if (!targets.has(key)) targets.set(key, s.complaints.findTarget(c.targetKind, c.targetKind === 'rt' ? c.rtId! : c.rwId));
    return targets.get(key)!;
  };
  const rows = s.complaints.inScope(scopeOf(actor), INBOX_LIMIT).map((c) => {
    const st = complaintStage(c, today, holidays);
    return { c, st };
  });
  // Re-sorted on the computed deadline: a complaint escalated at read time keeps its place by it.
  rows.sort((a, b) => Number(a.st.answered) - Number(b.st.answered) || (a.st.answered ? 0 : a.st.deadlineOn.localeCompare(b.st.deadlineOn)) || a.c.id - b.c.id);
  return rows.map(({ c, st }) => ({
    id: c.id,
    code: c.code,
    kindLabel: COMPLAINT_KIND_LABELS[c.kind],
    suspicion: c.kind === 'dugaan_penyimpangan',
    targetLabel: targetLabel(targetOf(c)),
    receivedOn: formatTanggal(c.receivedOn),
    excerpt: c.message.length > 140 ? `${c.message.slice(0, 140)}…` : c.message,
    statusText: stageText(st),
    stepLabel: LEVEL_LABELS[st.level],
    escalated: st.level > 0 && !st.answered,
    overdue: !st.answered && st.daysLeft < 0,
    answered: st.answered,
    deadlineOn: formatTanggal(st.deadlineOn),
    daysLeftText: daysLeftText(st),
    assignedToMe: !st.answered && c.assignedUserId !== null && c.assignedUserId === actor.userId,
  }));
}

/** One complaint for an official of its scope: the question, the sender if given, and whether it may be answered now. */
export function complaintDetail(s: Services, actor: Actor, id: number) {
  authorize(actor, 'complaint.inbox');
  const c = s.complaints.find(id);
  if (!c) throw fail('not_in_scope');
  authorize(actor, 'complaint.inbox', { kelurahanCode: c.kelurahanCode, kecamatanCode: c.kecamatanCode });
  const t = s.complaints.findTarget(c.targetKind, c.targetKind === 'rt' ? c.rtId! : c.rwId)!;
  const st = complaintStage(c, todayWib(s.now()), holidaysOf(s));
  const holder = c.assignedUserId !== null ? s.users.findById(c.assignedUserId) : undefined;
  return {
    id: c.id,
    code: c.code,
    kindLabel: COMPLAINT_KIND_LABELS[c.kind],
    targetLabel: targetLabel(t),
    publicPath: publicPathOf(t),
    receivedOn: formatTanggal(c.receivedOn),
    question: c.message,
    senderName: c.senderName,
    senderPhone: c.senderPhone,
    statusText: stageText(st),
    stepLabel: LEVEL_LABELS[st.level],
    escalated: st.level > 0,
    deadlineOn: formatTanggal(st.deadlineOn),
    daysLeftText: daysLeftText(st),
    holder: holder ? `${holder.displayName} (${roleLabel(holder.role)})` : roleLabel(c.assignedRole),
    answer: c.answer,
    answeredOn: c.answeredOn ? formatTanggal(c.answeredOn) : null,
    answeredByRole: roleLabel(c.answeredByRole),
    canAnswer: c.answeredAt === null && roleMay(actor, 'complaint.answer'),
  };
}
