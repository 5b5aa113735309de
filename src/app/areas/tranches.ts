/** Tranches: the chair requests, the bendahara decides (one by one or a selection), reversals; the queue. */
import { authorize, type Actor } from '../../domain/access';
import { fail, isDomainError } from '../../domain/errors';
import { approvePlan } from '../decide-plan';
import { approveTranche, rejectTranche, returnTranche, reverseTranche } from '../decide-tranche';
import { readTranchePage } from '../read-tranches';
import { readQueue } from '../read-queue';
import { requestTranche } from '../request-tranche';
import type { Services } from '../services';
import { bindTo } from './bind';
import { chairWordOfRt } from '../scope';

export interface QueueDecision {
  kind: 'plan' | 'tranche';
  id: number;
}

/** Approves a selection from the queue, each item on its own (one refusal does not stop the others). */
function approveSelection(s: Services, actor: Actor, items: readonly QueueDecision[], ip: string | null) {
  return items.map(({ kind, id }) => {
    const what = kind === 'plan' ? `Rencana #${id}` : `Pencairan #${id}`;
    try {
      if (kind === 'plan') approvePlan(s, actor, id, ip);
      else approveTranche(s, actor, id, ip);
      return { ok: true, message: `${what} disetujui.` };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return { ok: false, message: `${what}: ${e.message}` };
    }
  });
}

/** Where a tranche lives (its RT and year), for someone who may see its RT; 404 outside their scope. */
function locateTranche(s: Services, actor: Actor, id: number) {
  const t = s.tranches.find(id);
  const rt = t && s.registry.findRt(t.rtId);
  if (!t || !rt) throw fail('tranche_not_found');
  authorize(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
  return { rtId: t.rtId, year: t.year };
}

export function tranchesArea(s: Services) {
  return bindTo(s, {
    page: readTranchePage,
    queue: readQueue,
    request: requestTranche,
    approve: approveTranche,
    approveSelection,
    reject: rejectTranche,
    return: returnTranche,
    locate: locateTranche,
    chairOf: chairWordOfRt,
    reverse: reverseTranche,
  });
}
