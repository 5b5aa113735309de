/**
 * What a plan version's dossier holds, as the dossier rule (src/domain/grants/dossier.ts) counts
 * it: read at submission, at the treasurer's decision and by the plan page.
 */
import type { PlanRow } from './ports';
import type { Services } from './services';

/** kind → files in force of one plan version: its documents, its berita acara, its RAP (when it has lines). */
export function dossierCounts(s: Services, plan: PlanRow): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of s.plans.documents(plan.id)) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  if (plan.beritaAcaraSha256) counts.set('berita_acara', 1);
  if (s.plans.lines(plan.id).length > 0) counts.set('rap', 1);
  return counts;
}

/** A revision starts from the approved version's documents (the chair replaces what the new meeting changes). */
export function copyPlanDocuments(s: Services, fromPlanId: number, toPlanId: number, now: string): void {
  for (const d of s.plans.documents(fromPlanId)) {
    s.plans.addDocument({ planId: toPlanId, kind: d.kind, sha256: d.sha256, originalName: d.originalName, uploadedBy: d.uploadedBy, now });
  }
}
