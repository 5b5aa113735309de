/** Aduan warga as the web asks for it: the public form and tracking, the officials' inbox and answers, the tick. */
import type { Actor } from '../../domain/access';
import type { StampSource } from '../../domain/complaints/abuse';
import type { ComplaintTargetKind } from '../../domain/complaints/complaint';
import { answerComplaint } from '../answer-complaint';
import { escalateComplaints } from '../complaint-steps';
import { complaintDetail, complaintFormContext, complaintInbox, publicAnswers, trackComplaint } from '../read-complaints';
import type { Services } from '../services';
import { submitComplaint, type SubmitComplaint } from '../submit-complaint';

export function complaintsArea(s: Services) {
  return {
    /** The form's context for a public page (20a's RT/RW pages: `aduan`), with a fresh signed stamp. */
    formContext: (target: { kind: ComplaintTargetKind; id: number }, source?: StampSource) => complaintFormContext(s, target, source),
    /** A fresh stamp for one visitor's form (the public page's script asks for it when typing starts). */
    freshStamp: (target: { kind: ComplaintTargetKind; id: number }) => complaintFormContext(s, target, 'form').stamp,
    submit: (cmd: SubmitComplaint) => submitComplaint(s, cmd),
    track: (code: string) => trackComplaint(s, code),
    /** The published answers of an RT's or RW's public page (the aduan-answers partial's `aduanAnswers`). */
    publicAnswers: (target: { kind: ComplaintTargetKind; id: number }) => publicAnswers(s, target),
    inbox: (actor: Actor) => complaintInbox(s, actor),
    detail: (actor: Actor, id: number) => complaintDetail(s, actor, id),
    answer: (actor: Actor, id: number, answer: string, ip: string | null) => answerComplaint(s, actor, id, answer, ip),
    /** The server's tick: escalates complaints past their step's deadline (bounded, idempotent). */
    escalateDue: (limit?: number) => escalateComplaints(s, limit),
    /** For the early-warning desk (20c): per RT, complaints unanswered past the kelurahan's deadline. */
    overdueComplaintsByRt: (asOf: string) => s.complaints.overdueComplaintsByRt(asOf),
  };
}
