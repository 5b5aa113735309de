/**
 * `verify`'s check of the plans' dossiers: a plan submitted (under review, approved, or superseded
 * by a revision) holds every document its submission required (src/domain/grants/dossier.ts,
 * the same rule the submission and the treasurer's decision use). A file row deleted or withdrawn
 * behind the application's back is reported by the plan it leaves incomplete.
 */
import { DOSSIER_CHECKLIST, dossierLabel, judgeDossier, parseRequirements } from '../domain/grants/dossier';
import { dossierTrailProblems, trailAuditOf, type TrailAudit } from '../domain/grants/dossier-trail';
import { documentNumberProblems } from '../domain/documents/document-number';
import { todayWib } from '../domain/calendar';
import type { Services } from './services';

export function verifyDossiers(s: Services, limit = 5): string[] {
  const problems: string[] = [];
  let bad = 0;
  for (const p of s.plans.dossierFacts()) {
    const { missing } = judgeDossier(parseRequirements(p.dossierRequired), p.counts);
    if (missing.length === 0) continue;
    bad += 1;
    if (bad <= limit) problems.push(`RAP #${p.planId} (RT #${p.rtId}, ${p.status}): berkas tidak lengkap, tidak ada ${missing.map((k) => dossierLabel(DOSSIER_CHECKLIST, k)).join('; ')}`);
  }
  if (bad > limit) problems.push(`… dan ${bad - limit} RAP lain yang berkasnya tidak lengkap`);
  return problems;
}

/**
 * `verify`'s check of the plans exempt from the dossier: a submitted plan with no recorded
 * requirement must be one migration 0028 listed as submitted before the dossier was asked for
 * (else its requirement was erased behind the application's back), and a listed plan's audited
 * submission must not record a dossier (else the plan was listed, or its requirement erased,
 * after it was submitted under the dossier rule). The audit log is hash-chained and signed, so
 * neither the list nor the requirement can be made to agree with it by editing the database.
 */
export function verifyDossierExemptions(s: Services, limit = 5): string[] {
  const problems: string[] = [];
  const unrecorded = s.plans.unrecordedDossiers();
  for (const p of unrecorded.filter((u) => !u.listed)) {
    problems.push(`RAP #${p.planId} (RT #${p.rtId}, ${p.status}): diajukan tanpa syarat berkas yang tercatat, padahal bukan RAP yang diajukan sebelum berkas diminta (migrasi 0028): syaratnya dihapus di luar aplikasi`);
  }
  const exempt = new Set(unrecorded.filter((u) => u.listed).map((u) => String(u.planId)));
  if (exempt.size > 0) {
    for (const row of s.audit.iterateChain()) {
      if ((row.action !== 'plan.submit' && row.action !== 'plan.save') || row.targetId === null || !exempt.has(row.targetId)) continue;
      if (submissionRecordsDossier(row.summary)) {
        problems.push(`RAP #${row.targetId}: tercatat sebagai RAP yang diajukan sebelum berkas diminta, padahal pengajuannya (log audit #${row.id}) mencatat syarat berkas: tanda pengecualian ditambahkan atau syaratnya dihapus di luar aplikasi`);
        exempt.delete(row.targetId);
      }
    }
  }
  return capped(problems, limit, 'masalah pengecualian berkas RAP lain');
}

/** Whether an audited plan.submit/plan.save row submitted the plan with its dossier requirement. */
function submissionRecordsDossier(summary: string): boolean {
  try {
    const after = (JSON.parse(summary) as { after?: { status?: unknown; dossier?: { required?: unknown } } }).after;
    return after?.status === 'submitted' && !!after.dossier && typeof after.dossier.required === 'object';
  } catch {
    return false;
  }
}

/** `verify`'s check of the dossier files against their audit trail (dossier-trail.ts, as verify-bundle does it). */
export function verifyDossierTrail(s: Services, limit = 5): string[] {
  const { plans, docs } = s.plans.dossierTrail();
  const audits: TrailAudit[] = [];
  for (const row of s.audit.iterateChain()) {
    const a = trailAuditOf(row);
    if (a) audits.push(a);
  }
  return capped(dossierTrailProblems(plans, docs, audits), limit, 'masalah berkas RAP lain');
}

/** `verify`'s check of the offices' document numbers (document-number.ts, as verify-bundle does it). */
export function verifyDocumentNumbers(s: Services, limit = 5): string[] {
  return capped(documentNumberProblems(s.documents.allIssued(), (iso) => todayWib(new Date(iso))), limit, 'masalah nomor surat lain');
}

function capped(list: string[], limit: number, rest: string): string[] {
  return list.length > limit ? [...list.slice(0, limit), `… dan ${list.length - limit} ${rest}`] : list;
}
