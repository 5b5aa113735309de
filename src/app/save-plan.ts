/**
 * The RT chair drafts the annual plan (RAP), attaches the berita acara of the residents'
 * meeting, and submits it with its whole dossier (plan-documents.ts); after approval a revision
 * is a new version, starting from the approved version's dossier files.
 */
import { actorLabel, type Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { planTransition, validatePlanForSubmission, validatePlanLines, type PlanLine } from '../domain/grants/plan';
import type { PlanRow } from './ports';
import type { StoredFile } from './evidence-store';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import { refuseIfClosed } from '../domain/grants/year-window';
import { refuseRevisionBelowUsed } from './plan-line-facts';
import { refuseOverQuota } from './evidence-quota';
import { dossierChecklistOf, refuseIncompleteDossier } from '../domain/grants/dossier';
import { copyPlanDocuments, dossierCounts } from './plan-dossier-facts';

export interface SavePlanCommand {
  rtId: number;
  year: number;
  lines: PlanLine[];
  /** The berita acara, already stored (the store writes before this transaction commits). */
  beritaAcara: StoredFile | null;
  submit: boolean;
  /** Why a revision changes the approved plan (required to submit a revision). */
  revisionReason?: string;
  /** The RT's yearly storage quota (bytes), checked again inside the transaction. */
  quotaBytes?: number;
}

/**
 * The version the chair is working on: the latest draft or returned one, created if none. A
 * rejected version is closed for good: the chair's next save opens a new version, starting from
 * the rejected one's lines and dossier files (she changes what the rejection named).
 */
export function workingVersion(s: Services, rtId: number, year: number, now: string): PlanRow {
  const [latest] = s.plans.versions(rtId, year);
  if (latest && (latest.status === 'draft' || latest.status === 'returned')) return latest;
  if (latest && (latest.status === 'submitted' || latest.status === 'approved')) throw fail('plan_not_editable');
  const id = s.plans.insert({ rtId, year, version: latest ? latest.version + 1 : 1, status: 'draft', now });
  if (latest?.status === 'rejected') {
    s.plans.replaceLines(id, s.plans.lines(latest.id), now);
    copyPlanDocuments(s, latest.id, id, now);
    if (latest.revisionReason) s.plans.update(id, { revisionReason: latest.revisionReason });
  }
  return s.plans.find(id)!;
}

const sameLines = (a: readonly PlanLine[], b: readonly PlanLine[]) =>
  a.length === b.length && a.every((l, i) => l.category === b[i]!.category && l.description === b[i]!.description && l.amount === b[i]!.amount);

/** The same chair submitting the same lines (and the same berita acara, or none) as the plan under review. */
function isRepeatedSubmit(s: Services, actor: Actor, cmd: SavePlanCommand, latest: PlanRow): boolean {
  return (
    cmd.submit &&
    latest.status === 'submitted' &&
    actor.userId !== null &&
    latest.submittedBy === actor.userId &&
    (!cmd.beritaAcara || cmd.beritaAcara.sha256 === latest.beritaAcaraSha256) &&
    sameLines(s.plans.lines(latest.id), cmd.lines)
  );
}

/** The checks of a plan that need no file (scope, year open, the lines, a submission's totals). */
function planChecks(s: Services, actor: Actor, cmd: Omit<SavePlanCommand, 'beritaAcara'>) {
  const rt = rtInScope(s, actor, 'plan.edit', cmd.rtId);
  const year = yearOfGrantee(s, rt, cmd.year);
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  validatePlanLines(year, cmd.lines);
  const allocation = s.balances.ofRt(year.year, rt.id).allocated;
  if (cmd.submit) {
    if (allocation === 0) throw fail('rt_not_allocated', { year: year.year });
    validatePlanForSubmission(year, cmd.lines, allocation);
  }
  return { rt, year };
}

/**
 * Before the berita acara is read (issue 17): the same checks as a save, the plan still
 * editable (not under review or approved), and the RT's quota not already used up.
 */
export function precheckPlan(s: Services, actor: Actor, cmd: Omit<SavePlanCommand, 'beritaAcara'>): void {
  const { rt, year } = planChecks(s, actor, cmd);
  const [latest] = s.plans.versions(rt.id, year.year);
  // A plan under review sent again by its submitter may be a double submit (shown the plan); the
  // form's action button comes after the file, so it is not known yet.
  const mayRepeat = latest?.status === 'submitted' && latest.submittedBy === actor.userId;
  if (latest && !mayRepeat && (latest.status === 'submitted' || latest.status === 'approved')) throw fail('plan_not_editable');
  refuseOverQuota(s, rt.id, year.year, cmd.quotaBytes);
}

export function savePlan(s: Services, actor: Actor, cmd: SavePlanCommand, ip: string | null = null): PlanRow {
  const { rt, year } = planChecks(s, actor, cmd);
  const now = s.now().toISOString();
  return s.db.transaction(() => {
    const [latest] = s.plans.versions(rt.id, year.year);
    // A double submit (or a retry after a timeout) of the plan already under review: shown it, nothing changes.
    if (latest && isRepeatedSubmit(s, actor, cmd, latest)) return latest;
    const plan = workingVersion(s, rt.id, year.year, now);
    planTransition(plan.status, 'edit', { isSubmitter: false });
    const linesBefore = s.plans.lines(plan.id);
    s.plans.replaceLines(plan.id, cmd.lines, now);
    if (cmd.beritaAcara) {
      refuseOverQuota(s, rt.id, year.year, cmd.quotaBytes, [cmd.beritaAcara]);
      s.evidenceFiles.ensure(cmd.beritaAcara, now);
      s.plans.update(plan.id, { beritaAcaraSha256: cmd.beritaAcara.sha256, beritaAcaraName: cmd.beritaAcara.originalName });
    }
    // A revision says why it changes the approved plan, and plans no category below what is already used.
    const revision = s.plans.approved(rt.id, year.year) !== undefined;
    const reason = cmd.revisionReason?.trim() || null;
    if (revision && reason !== null) s.plans.update(plan.id, { revisionReason: reason });
    if (revision && cmd.submit) {
      if (reason === null && !plan.revisionReason) throw fail('revision_reason_required', undefined, { revisionReason: 'Wajib diisi untuk revisi.' });
      refuseRevisionBelowUsed(s, rt.id, year.year, cmd.lines);
    }
    const withFile = s.plans.find(plan.id)!;
    let status = withFile.status;
    let dossier: { required: Record<string, number>; documents: Array<{ kind: string; sha256: string }> } | undefined;
    if (cmd.submit) {
      // The whole dossier of the Perwal (the berita acara is one of its items), naming what is missing.
      const required = refuseIncompleteDossier(dossierChecklistOf(year), dossierCounts(s, withFile));
      status = planTransition(withFile.status, 'submit', { isSubmitter: false });
      // submittedBy is NULL for plans recorded by an import or the demo seed.
      s.plans.update(plan.id, { status, submittedBy: actor.userId, submittedAt: now, note: null, dossierRequired: JSON.stringify(required) });
      dossier = { required, documents: s.plans.documents(plan.id).map((d) => ({ kind: d.kind, sha256: d.sha256 })) };
    }
    s.audit.record(actor, ip, {
      action: cmd.submit ? 'plan.submit' : 'plan.save',
      targetType: 'plan',
      targetId: plan.id,
      kelurahanCode: rt.kelurahanCode,
      // The lines before and after: a returned plan edited in place stays readable in the log.
      before: { status: plan.status, lines: linesBefore, beritaAcara: plan.beritaAcaraSha256 },
      after: { rtId: rt.id, year: year.year, version: plan.version, lines: cmd.lines, total: cmd.lines.reduce((a, l) => a + l.amount, 0), status, beritaAcara: cmd.beritaAcara?.sha256 ?? plan.beritaAcaraSha256, revisionReason: withFile.revisionReason, by: actorLabel(actor), ...(dossier ? { dossier } : {}) },
    });
    return s.plans.find(plan.id)!;
  });
}

/** Opens a new draft version from the approved plan; the approved one stays in force until the revision is approved. */
export function revisePlan(s: Services, actor: Actor, cmd: { rtId: number; year: number }, ip: string | null = null): PlanRow {
  const rt = rtInScope(s, actor, 'plan.edit', cmd.rtId);
  const year = yearOfGrantee(s, rt, cmd.year);
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  const now = s.now().toISOString();
  return s.db.transaction(() => {
    const [latest] = s.plans.versions(rt.id, cmd.year);
    if (!latest) throw fail('plan_not_approved');
    if (latest.status === 'draft' || latest.status === 'returned') return latest; // a revision is already open
    planTransition(latest.status, 'revise', { isSubmitter: false });
    const id = s.plans.insert({ rtId: rt.id, year: cmd.year, version: latest.version + 1, status: 'draft', now });
    s.plans.replaceLines(id, s.plans.lines(latest.id), now);
    copyPlanDocuments(s, latest.id, id, now);
    s.audit.record(actor, ip, {
      action: 'plan.revise',
      targetType: 'plan',
      targetId: id,
      kelurahanCode: rt.kelurahanCode,
      before: { planId: latest.id, version: latest.version },
      after: { planId: id, version: latest.version + 1 },
    });
    return s.plans.find(id)!;
  });
}
