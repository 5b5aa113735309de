/**
 * The plan's dossier (berkas, src/domain/grants/dossier.ts): the chair uploads each document of
 * the checklist to the working version of the plan (a draft or returned one), replaces a
 * single-file item or removes a photo while it is still editable; every change is audited. The
 * berita acara is the plan's own column (as before the dossier), the RAP is its lines.
 */
import type { Actor } from '../domain/access';
import { actorLabel } from '../domain/access';
import { fail } from '../domain/errors';
import { dossierChecklistOf, dossierItem, refuseDossierFileType, refuseDossierFull, type DossierItem } from '../domain/grants/dossier';
import { planTransition } from '../domain/grants/plan';
import { refuseIfClosed } from '../domain/grants/year-window';
import type { StoredFile } from './evidence-store';
import { refuseOverQuota } from './evidence-quota';
import type { PlanRow } from './ports';
import { workingVersion } from './save-plan';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';

export interface PlanDocumentCommand {
  rtId: number;
  year: number;
  kind: string;
  quotaBytes?: number;
}

/** What needs no file: the RT in scope, the year open, the kind known, the plan still editable, the quota not full. */
export function precheckPlanDocument(s: Services, actor: Actor, cmd: PlanDocumentCommand): DossierItem {
  const rt = rtInScope(s, actor, 'plan.edit', cmd.rtId);
  const year = yearOfGrantee(s, rt, cmd.year);
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  const item = dossierItem(dossierChecklistOf(year), cmd.kind);
  const [latest] = s.plans.versions(rt.id, year.year);
  if (latest && latest.status !== 'draft' && latest.status !== 'returned') throw fail('plan_not_editable');
  refuseOverQuota(s, rt.id, year.year, cmd.quotaBytes);
  return item;
}

/** Adds a file to the working version's dossier (a single-file item is replaced: the old row withdrawn, never deleted). */
export function uploadPlanDocument(s: Services, actor: Actor, cmd: PlanDocumentCommand & { file: StoredFile | undefined }, ip: string | null = null): PlanRow {
  const item = precheckPlanDocument(s, actor, { ...cmd, quotaBytes: undefined });
  if (!cmd.file) throw fail('dossier_file_missing', undefined, { [`dok_${item.kind}`]: 'Pilih berkas.' });
  const file = cmd.file;
  refuseDossierFileType(item, file.mime);
  const rt = s.registry.findRt(cmd.rtId)!;
  const now = s.now().toISOString();
  return s.db.transaction(() => {
    const plan = workingVersion(s, rt.id, cmd.year, now);
    planTransition(plan.status, 'edit', { isSubmitter: false });
    refuseOverQuota(s, rt.id, cmd.year, cmd.quotaBytes, [file]);
    s.evidenceFiles.ensure(file, now);
    let replaced: string | null = null;
    if (item.kind === 'berita_acara') {
      replaced = plan.beritaAcaraSha256;
      s.plans.update(plan.id, { beritaAcaraSha256: file.sha256, beritaAcaraName: file.originalName, updatedAt: now });
    } else {
      const current = s.plans.documents(plan.id).filter((d) => d.kind === item.kind);
      if (item.maxCount === 1) {
        for (const d of current) s.plans.withdrawDocument(d.id, actor.userId, now);
        replaced = current[0]?.sha256 ?? null;
      } else {
        refuseDossierFull(item, current.length);
      }
      s.plans.addDocument({ planId: plan.id, kind: item.kind, sha256: file.sha256, originalName: file.originalName, uploadedBy: actor.userId, now });
      s.plans.update(plan.id, { updatedAt: now });
    }
    s.audit.record(actor, ip, {
      action: replaced ? 'plan.document.replace' : 'plan.document.add',
      targetType: 'plan',
      targetId: plan.id,
      kelurahanCode: rt.kelurahanCode,
      before: replaced ? { kind: item.kind, sha256: replaced } : null,
      after: { kind: item.kind, sha256: file.sha256, name: file.originalName, by: actorLabel(actor) },
    });
    return s.plans.find(plan.id)!;
  });
}

/** Removes a file from a draft or returned plan's dossier (withdrawn, audited; the row stays). */
export function withdrawPlanDocument(s: Services, actor: Actor, cmd: { rtId: number; documentId: number }, ip: string | null = null): PlanRow {
  const rt = rtInScope(s, actor, 'plan.edit', cmd.rtId);
  const now = s.now().toISOString();
  return s.db.transaction(() => {
    const doc = s.plans.findDocument(cmd.documentId);
    const plan = doc && s.plans.find(doc.planId);
    if (!doc || !plan || plan.rtId !== rt.id || doc.withdrawnAt !== null) throw fail('dossier_document_not_found');
    const year = yearOfGrantee(s, rt, plan.year);
    refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
    planTransition(plan.status, 'edit', { isSubmitter: false });
    s.plans.withdrawDocument(doc.id, actor.userId, now);
    s.plans.update(plan.id, { updatedAt: now });
    s.audit.record(actor, ip, {
      action: 'plan.document.remove',
      targetType: 'plan',
      targetId: plan.id,
      kelurahanCode: rt.kelurahanCode,
      before: { kind: doc.kind, sha256: doc.sha256, name: doc.originalName },
      after: { by: actorLabel(actor) },
    });
    return plan;
  });
}
