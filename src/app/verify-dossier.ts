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
import { dossierExemptionProblems, submissionAuditOf, type SubmissionAudit } from '../domain/grants/dossier-exemptions';
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
  const unrecorded = s.plans.unrecordedDossiers();
  const plans = unrecorded.map((u) => ({ id: u.planId, rtId: u.rtId, status: u.status, hasRequirement: false }));
  const listed = new Set(unrecorded.filter((u) => u.listed).map((u) => u.planId));
  const submissions: SubmissionAudit[] = [];
  if (listed.size > 0) {
    for (const row of s.audit.iterateChain()) {
      const a = submissionAuditOf(row);
      if (a && listed.has(a.planId)) submissions.push(a);
    }
  }
  return capped(dossierExemptionProblems(plans, listed, submissions), limit, 'masalah pengecualian berkas RAP lain');
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
