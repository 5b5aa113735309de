/**
 * A plan's dossier held against its audit trail: every file a plan holds was put there by an
 * audited upload, and every audited upload and removal is still what the plan holds. The audit
 * log is hash-chained and its head is in every signed checkpoint, so a dossier row inserted,
 * swapped for another file, deleted or brought back behind the application's back no longer
 * matches it. Checked the same way by `npm run verify` (the database) and verify-bundle
 * (plan-documents.csv against audit-log.jsonl).
 *
 * A revision copies the approved version's files without new audit rows: a file counts as
 * audited when an upload of that kind and file is in the trail of any plan of the same RT.
 */

export interface TrailPlan {
  id: number;
  rtId: number;
  beritaAcaraSha256: string | null;
}

export interface TrailDocument {
  planId: number;
  kind: string;
  sha256: string;
  withdrawn: boolean;
}

/** An audit row of plan.document.add / .replace / .remove, its summary's before and after. */
export interface TrailAudit {
  auditId: number;
  action: string;
  planId: number;
  before: { kind?: unknown; sha256?: unknown } | null;
  after: { kind?: unknown; sha256?: unknown } | null;
}

export const DOSSIER_AUDIT_ACTIONS = ['plan.document.add', 'plan.document.replace', 'plan.document.remove'] as const;

const short = (sha: string) => `${sha.slice(0, 12)}…`;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function dossierTrailProblems(plans: readonly TrailPlan[], docs: readonly TrailDocument[], audits: readonly TrailAudit[]): string[] {
  const problems: string[] = [];
  const rtOf = new Map(plans.map((p) => [p.id, p.rtId]));
  /** rt:kind:sha of every audited upload. */
  const uploaded = new Set<string>();
  /** The last audited berita acara per plan. */
  const lastBeritaAcara = new Map<number, { sha: string; auditId: number }>();
  for (const a of [...audits].sort((x, y) => x.auditId - y.auditId)) {
    const kind = str(a.after?.kind);
    const sha = str(a.after?.sha256);
    if (a.action === 'plan.document.remove' || !kind || !sha) continue;
    const rt = rtOf.get(a.planId);
    if (rt !== undefined) uploaded.add(`${rt}:${kind}:${sha}`);
    if (kind === 'berita_acara') lastBeritaAcara.set(a.planId, { sha, auditId: a.auditId });
  }
  const held = new Map<string, TrailDocument[]>();
  for (const d of docs) {
    const key = `${d.planId}:${d.kind}:${d.sha256}`;
    held.set(key, [...(held.get(key) ?? []), d]);
    const rt = rtOf.get(d.planId);
    if (rt === undefined) {
      problems.push(`berkas RAP ${d.kind} ${short(d.sha256)} milik RAP #${d.planId} yang tidak ada`);
      continue;
    }
    if (!uploaded.has(`${rt}:${d.kind}:${d.sha256}`)) problems.push(`RAP #${d.planId}: berkas ${d.kind} ${short(d.sha256)} tidak pernah diunggah menurut log audit (disisipkan atau ditukar di luar aplikasi)`);
  }
  for (const a of audits) {
    if (!rtOf.has(a.planId)) continue;
    const afterKind = str(a.after?.kind);
    const afterSha = str(a.after?.sha256);
    if (a.action !== 'plan.document.remove' && afterKind && afterSha && afterKind !== 'berita_acara' && !held.has(`${a.planId}:${afterKind}:${afterSha}`)) {
      problems.push(`RAP #${a.planId}: log audit #${a.auditId} mencatat unggahan ${afterKind} ${short(afterSha)}, tetapi berkas itu tidak ada di berkas RAP (dihapus di luar aplikasi)`);
    }
    const beforeKind = str(a.before?.kind);
    const beforeSha = str(a.before?.sha256);
    if ((a.action === 'plan.document.remove' || a.action === 'plan.document.replace') && beforeKind && beforeSha && beforeKind !== 'berita_acara') {
      const rows = held.get(`${a.planId}:${beforeKind}:${beforeSha}`) ?? [];
      if (rows.length > 0 && rows.every((r) => !r.withdrawn)) problems.push(`RAP #${a.planId}: berkas ${beforeKind} ${short(beforeSha)} masih berlaku, padahal log audit #${a.auditId} mencatat penggantian atau penghapusannya`);
    }
  }
  for (const p of plans) {
    const last = lastBeritaAcara.get(p.id);
    if (last && p.beritaAcaraSha256 !== last.sha) problems.push(`RAP #${p.id}: berita acara ${p.beritaAcaraSha256 ? short(p.beritaAcaraSha256) : '(kosong)'} bukan yang terakhir diunggah menurut log audit #${last.auditId} (${short(last.sha)})`);
  }
  return problems;
}

/** A plan.document.* audit row's summary read into a TrailAudit (null when it is not one). */
export function trailAuditOf(row: { id: number; action: string; targetId: string | null; summary: string }): TrailAudit | null {
  if (!(DOSSIER_AUDIT_ACTIONS as readonly string[]).includes(row.action) || row.targetId === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.summary);
  } catch {
    return null;
  }
  const o = (parsed && typeof parsed === 'object' ? parsed : {}) as { before?: unknown; after?: unknown };
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as { kind?: unknown; sha256?: unknown }) : null);
  return { auditId: row.id, action: row.action, planId: Number(row.targetId), before: obj(o.before), after: obj(o.after) };
}
