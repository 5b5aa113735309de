/** The annual plan (RAP): the chair drafts and submits, the bendahara approves or returns. */
import { authorize, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { approvePlan, rejectPlan, returnPlan } from '../decide-plan';
import { readPlanPage } from '../read-plans';
import { precheckPlan, revisePlan, savePlan, type SavePlanCommand } from '../save-plan';
import type { Services } from '../services';
import { withEvidence, type RawUpload } from '../upload-evidence';
import { bindTo } from './bind';
import { chairWordOfRt } from '../scope';
import { precheckPlanDocument, uploadPlanDocument, withdrawPlanDocument, type PlanDocumentCommand } from '../plan-documents';

/** Where a plan lives (its RT and year), for someone who may decide it; 404 outside their scope. */
function locatePlan(s: Services, actor: Actor, planId: number) {
  const plan = s.plans.find(planId);
  const rt = plan && s.registry.findRt(plan.rtId);
  if (!plan || !rt) throw fail('plan_not_found');
  authorize(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
  return { rtId: plan.rtId, year: plan.year };
}

export function plansArea(s: Services, quotaBytes?: number) {
  return {
    ...bindTo(s, { page: readPlanPage, revise: revisePlan, approve: approvePlan, return: returnPlan, reject: rejectPlan, locate: locatePlan, chairOf: chairWordOfRt }),
    /** Before the berita acara is read: the checks that need no file. */
    precheck(actor: Actor, cmd: Omit<SavePlanCommand, 'beritaAcara' | 'quotaBytes'>) {
      precheckPlan(s, actor, { ...cmd, quotaBytes });
    },
    /** Checks the quarantined berita acara, moves it into the store, saves the plan in one transaction. */
    async save(actor: Actor, cmd: Omit<SavePlanCommand, 'beritaAcara' | 'quotaBytes'>, beritaAcara: RawUpload | undefined, ip: string | null) {
      return withEvidence(s, actor, 'plan.edit', { rtId: cmd.rtId, year: cmd.year, quotaBytes }, beritaAcara ? [beritaAcara] : [], ([file]) => savePlan(s, actor, { ...cmd, beritaAcara: file ?? null, quotaBytes }, ip));
    },
    /** Before a dossier file is read: the RT, the year, the kind, the plan still editable, the quota. */
    precheckDocument(actor: Actor, cmd: Omit<PlanDocumentCommand, 'quotaBytes'>) {
      precheckPlanDocument(s, actor, { ...cmd, quotaBytes });
    },
    /** Checks the quarantined dossier file, moves it into the store, records it on the working plan version. */
    async uploadDocument(actor: Actor, cmd: Omit<PlanDocumentCommand, 'quotaBytes'>, file: RawUpload | undefined, ip: string | null) {
      precheckPlanDocument(s, actor, { ...cmd, quotaBytes });
      return withEvidence(s, actor, 'plan.edit', { rtId: cmd.rtId, year: cmd.year, quotaBytes }, file ? [file] : [], ([stored]) => uploadPlanDocument(s, actor, { ...cmd, quotaBytes, file: stored }, ip));
    },
    withdrawDocument: (actor: Actor, cmd: { rtId: number; documentId: number }, ip: string | null) => withdrawPlanDocument(s, actor, cmd, ip),
  };
}
