/**
 * `verify`'s check of the plans' dossiers: a plan submitted (under review, approved, or superseded
 * by a revision) holds every document its submission required (src/domain/grants/dossier.ts,
 * the same rule the submission and the treasurer's decision use). A file row deleted or withdrawn
 * behind the application's back is reported by the plan it leaves incomplete.
 */
import { DOSSIER_CHECKLIST, dossierLabel, judgeDossier, parseRequirements } from '../domain/grants/dossier';
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
