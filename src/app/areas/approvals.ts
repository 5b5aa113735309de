/** The chain of approval's later steps: the lurah's and the camat's queue and their one click. */
import type { Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { approvePlan, rejectPlan, returnPlan } from '../decide-plan';
import { approveTranche, rejectTranche, returnTranche } from '../decide-tranche';
import { readApprovalQueue } from '../read-approvals';
import type { Services } from '../services';
import { bindTo } from './bind';

/** Takes the actor's step on a plan or a tranche; says whether the subject is now approved. */
function takeStep(s: Services, actor: Actor, kind: string, id: number, ip: string | null) {
  if (kind === 'rencana') {
    const p = approvePlan(s, actor, id, ip);
    return { approved: p.status === 'approved', what: `RAP ${p.year} versi ${p.version}` };
  }
  if (kind === 'pencairan') {
    const t = approveTranche(s, actor, id, ip);
    return { approved: t.status !== 'pending', what: `Pencairan #${t.id}` };
  }
  throw fail('bad_id');
}

/**
 * Sends the subject back at the actor's step, with the reason: `kembalikan` returns it to its
 * chair to fix (the chain starts over on resubmission), `tolak` rejects it for good.
 */
function sendBack(s: Services, actor: Actor, kind: string, id: number, verb: string, reason: string, ip: string | null) {
  const back = verb === 'kembalikan' ? 'return' : verb === 'tolak' ? 'reject' : null;
  if (!back) throw fail('bad_id');
  if (kind === 'rencana') {
    const p = (back === 'return' ? returnPlan : rejectPlan)(s, actor, id, reason, ip);
    return { what: `RAP ${p.year} versi ${p.version}`, outcome: back === 'return' ? 'dikembalikan untuk diperbaiki dengan catatan Anda' : 'ditolak; versi ini ditutup' };
  }
  if (kind === 'pencairan') {
    const t = (back === 'return' ? returnTranche : rejectTranche)(s, actor, id, reason, ip);
    return { what: `Pencairan #${t.id}`, outcome: back === 'return' ? 'dikembalikan untuk diperbaiki; cadangan alokasinya dilepas sampai diajukan lagi' : 'ditolak; cadangan alokasinya dilepas' };
  }
  throw fail('bad_id');
}

export function approvalsArea(s: Services) {
  return bindTo(s, { queue: readApprovalQueue, takeStep, sendBack });
}
