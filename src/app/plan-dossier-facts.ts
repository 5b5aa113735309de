/**
 * What a plan version's dossier holds, as the dossier rule (src/domain/grants/dossier.ts) counts
 * it: read at submission, at the treasurer's decision and by the plan page.
 */
import { dossierCounts as countDossier } from '../domain/grants/dossier';
import type { PlanRow } from './ports';
import type { Services } from './services';

/** kind → files in force of one plan version: its documents, its berita acara, its RAP (when it has lines). */
export function dossierCounts(s: Services, plan: PlanRow): Map<string, number> {
  return countDossier(
    s.plans.documents(plan.id).map((d) => d.kind),
    !!plan.beritaAcaraSha256,
    s.plans.lines(plan.id).length > 0,
  );
}

/** A revision starts from the approved version's documents (the chair replaces what the new meeting changes). */
export function copyPlanDocuments(s: Services, fromPlanId: number, toPlanId: number, now: string): void {
  for (const d of s.plans.documents(fromPlanId)) {
    s.plans.addDocument({ planId: toPlanId, kind: d.kind, sha256: d.sha256, originalName: d.originalName, uploadedBy: d.uploadedBy, now });
  }
}
