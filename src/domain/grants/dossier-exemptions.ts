/**
 * The plans exempt from the dossier (submitted before it was asked for), held against the audit
 * trail. Checked the same way by `npm run verify` (plans + pre_dossier_plans + the audit log) and
 * verify-bundle (plans.csv + pre-dossier-plans.csv + audit-log.jsonl).
 *
 * Invariants:
 * - a plan past its draft (not draft, not returned) with no recorded dossier requirement is one
 *   the list of migration 0028 names (else its requirement was erased behind the application);
 * - a listed plan still without a requirement has no audited submission that records one (else
 *   the plan was listed, or its requirement erased, after it was submitted under the dossier rule;
 *   a listed plan returned and submitted again under the rule carries its requirement again).
 * The audit log is hash-chained and its head signed, so neither the list nor the requirement can
 * be made to agree with it by editing the records.
 */

export interface ExemptionPlan {
  id: number;
  rtId: number;
  status: string;
  /** Whether the plan carries its dossier requirement (plans.dossier_required not null). */
  hasRequirement: boolean;
}

/** An audited plan.submit or plan.save row: whether the submission it records carried a dossier requirement. */
export interface SubmissionAudit {
  auditId: number;
  planId: number;
  recordsDossier: boolean;
}

const UNDRAFTED_EXEMPT = new Set(['draft', 'returned']);

/** The submission facts of an audit row, or null when it is no plan submission. */
export function submissionAuditOf(row: { id: number; action: string; targetId: string | null; summary: string }): SubmissionAudit | null {
  if ((row.action !== 'plan.submit' && row.action !== 'plan.save') || row.targetId === null) return null;
  return { auditId: row.id, planId: Number(row.targetId), recordsDossier: submissionRecordsDossier(row.summary) };
}

/** Whether an audited plan.submit/plan.save row submitted the plan with its dossier requirement. */
export function submissionRecordsDossier(summary: string): boolean {
  try {
    const after = (JSON.parse(summary) as { after?: { status?: unknown; dossier?: { required?: unknown } } }).after;
    return after?.status === 'submitted' && !!after.dossier && typeof after.dossier.required === 'object';
  } catch {
    return false;
  }
}

export function dossierExemptionProblems(plans: readonly ExemptionPlan[], listed: ReadonlySet<number>, submissions: readonly SubmissionAudit[]): string[] {
  const problems: string[] = [];
  const exempt = new Set(plans.filter((p) => !p.hasRequirement && listed.has(p.id)).map((p) => p.id));
  for (const p of plans) {
    if (p.hasRequirement || UNDRAFTED_EXEMPT.has(p.status) || listed.has(p.id)) continue;
    problems.push(`RAP #${p.id} (RT #${p.rtId}, ${p.status}): diajukan tanpa syarat berkas yang tercatat, padahal bukan RAP yang diajukan sebelum berkas diminta (migrasi 0028): syaratnya dihapus di luar aplikasi`);
  }
  const told = new Set<number>();
  for (const a of [...submissions].sort((x, y) => x.auditId - y.auditId)) {
    if (!a.recordsDossier || !exempt.has(a.planId) || told.has(a.planId)) continue;
    told.add(a.planId);
    problems.push(`RAP #${a.planId}: tercatat sebagai RAP yang diajukan sebelum berkas diminta, padahal pengajuannya (log audit #${a.auditId}) mencatat syarat berkas: tanda pengecualian ditambahkan atau syaratnya dihapus di luar aplikasi`);
  }
  return problems;
}
