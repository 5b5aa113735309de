/** The chain of approval's later steps: the lurah's and the camat's queue and their one click. */
import type { Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { approvePlan } from '../decide-plan';
import { approveTranche } from '../decide-tranche';
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

export function approvalsArea(s: Services) {
  return bindTo(s, { queue: readApprovalQueue, takeStep });
}
