/** The annual plan (RAP): the chair drafts and submits, the bendahara approves or returns. */
import { authorize, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { approvePlan, returnPlan } from '../decide-plan';
import { readPlanPage } from '../read-plans';
import { revisePlan, savePlan, type SavePlanCommand } from '../save-plan';
import type { Services } from '../services';
import { storeForRt, type RawUpload } from '../upload-evidence';
import { bindTo } from './bind';

/** Where a plan lives (its RT and year), for someone who may decide it; 404 outside their scope. */
function locatePlan(s: Services, actor: Actor, planId: number) {
  const plan = s.plans.find(planId);
  const rt = plan && s.registry.findRt(plan.rtId);
  if (!plan || !rt) throw fail('plan_not_found');
  authorize(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
  return { rtId: plan.rtId, year: plan.year };
}

export function plansArea(s: Services) {
  return {
    ...bindTo(s, { page: readPlanPage, revise: revisePlan, approve: approvePlan, return: returnPlan, locate: locatePlan }),
    /** Stores the berita acara (outside any transaction), then saves the plan in one transaction. */
    async save(actor: Actor, cmd: Omit<SavePlanCommand, 'beritaAcara'>, beritaAcara: RawUpload | undefined, ip: string | null) {
      const [file] = await storeForRt(s, actor, 'plan.edit', cmd.rtId, beritaAcara ? [beritaAcara] : []);
      return savePlan(s, actor, { ...cmd, beritaAcara: file ?? null }, ip);
    },
  };
}
