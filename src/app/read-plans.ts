/** The plan (RAP) page: versions, lines, plan versus actual, history, and what the reader may do. */
import { chainSteps, sentBackByOf } from './read-approvals';
import { planApproval } from './decide-plan';
import { can, chairWordOf, type Actor } from '../domain/access';
import type { PlanLine } from '../domain/grants/plan';
import { percentOf } from '../domain/money';
import { todayWib } from '../domain/calendar';
import { granteeLabel } from '../domain/registry/rows';
import { planBadge } from '../reports/status-badges';
import { historyOf } from './read-history';
import { decidable, decisionBarsFor, rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import { yearOpenFor } from '../domain/grants/year-window';
import { planStandingOf } from './plan-line-facts';
import { dossierChecklistOf, judgeDossier, parseRequirements, requirementsOf } from '../domain/grants/dossier';
import { dossierCounts } from './plan-dossier-facts';
import type { PlanRow } from './ports';

/** Per category: the approved plan, spent (verified), held (pending or returned) and what is left, as the plan-line rule counts them. */
export function planVersusActual(s: Services, rtId: number, year: number) {
  const rows = planStandingOf(s, rtId, year).map((r) => ({ ...r, remaining: r.left, percent: percentOf(r.spent + r.held, r.planned) }));
  const totals = rows.reduce((t, r) => ({ planned: t.planned + r.planned, spent: t.spent + r.spent, held: t.held + r.held, remaining: t.remaining + r.remaining }), { planned: 0, spent: 0, held: 0, remaining: 0 });
  return { rows, totals: { ...totals, percent: percentOf(totals.spent + totals.held, totals.planned) } };
}

/** Who submitted and decided each version, when, and why a revision was made (newest first). */
function versionHistory(s: Services, versions: ReturnType<Services['plans']['versions']>) {
  const name = (id: number | null) => (id === null ? null : (s.users.findById(id)?.displayName ?? `pengguna #${id}`));
  return versions.map((v) => ({ ...v, badge: planBadge(v.status), submittedByName: name(v.submittedBy), decidedByName: name(v.decidedBy), isRevision: v.version > 1 }));
}

/**
 * The plan's dossier as a checklist: each item's state (ada / belum), its files (a link that opens
 * each, a thumbnail for a photo), and what the chair may do with it while the plan is editable.
 */
function dossierOf(s: Services, year: Parameters<typeof dossierChecklistOf>[0], plan: PlanRow | undefined, canChange: boolean) {
  const checklist = dossierChecklistOf(year);
  const counts = plan ? dossierCounts(s, plan) : new Map<string, number>();
  // A submitted plan is held to what its submission required; a draft to the year's checklist.
  const required = plan?.dossierRequired ? parseRequirements(plan.dossierRequired) : requirementsOf(checklist);
  const judged = judgeDossier(required, counts);
  const docs = plan ? s.plans.documents(plan.id) : [];
  const mimeOf = (sha: string) => s.evidenceFiles.find(sha)?.mime ?? '';
  const items = checklist.map((item) => {
    const files =
      item.kind === 'berita_acara'
        ? plan?.beritaAcaraSha256
          ? [{ id: null, sha256: plan.beritaAcaraSha256, originalName: plan.beritaAcaraName ?? 'berita acara', uploadedAt: null as string | null }]
          : []
        : docs.filter((d) => d.kind === item.kind).map((d) => ({ id: d.id as number | null, sha256: d.sha256, originalName: d.originalName, uploadedAt: d.uploadedAt as string | null }));
    const present = (counts.get(item.kind) ?? 0) >= Math.max(1, item.minCount);
    const multiple = item.maxCount > 1;
    return {
      ...item,
      present,
      missing: !present && item.kind in required,
      files: files.map((f) => ({ ...f, isImage: mimeOf(f.sha256).startsWith('image/'), canRemove: canChange && multiple && f.id !== null })),
      accept: item.types.join(','),
      field: `dok_${item.kind}`,
      multiple,
      canUpload: canChange && !item.generated && (!multiple || files.length < item.maxCount),
    };
  });
  return { items, complete: judged.complete, missingLabels: items.filter((i) => i.missing).map((i) => i.label) };
}

export interface TypedLine {
  category: string;
  description: string;
  amount: string;
}

/** `typed`: the rows as the user typed them, kept when a form is refused. */
export function readPlanPage(s: Services, actor: Actor, rtId: number, year: number, typed?: TypedLine[], version?: number, typedReason?: string) {
  const rt = rtInScope(s, actor, 'rt.view', rtId);
  const y = yearOfGrantee(s, rt, year);
  const scope = { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id };
  const versions = s.plans.versions(rt.id, y.year);
  // An older version stays readable (?versi=N); the newest is the one worked on.
  const latest = (version !== undefined ? versions.find((v) => v.version === version) : undefined) ?? versions[0];
  const viewingOld = latest !== undefined && latest !== versions[0];
  const editable = !viewingOld && (!latest || latest.status === 'draft' || latest.status === 'returned' || latest.status === 'rejected');
  // A year that has ended (or is closed) is no longer planned.
  const closed = !yearOpenFor(y, s.tranches.isClosed(y.year, rt.kelurahanCode)) || todayWib(s.now()) > y.endsOn;
  const lines: PlanLine[] = latest ? s.plans.lines(latest.id) : [];
  const money = s.balances.ofRt(y.year, rt.id);
  const total = lines.reduce((a, l) => a + l.amount, 0);
  const categoryOptions = (selected: string) => y.categories.map((c) => ({ code: c.code, name: c.name, selected: c.code === selected }));
  // Existing lines plus blank rows to type into (the page works without JavaScript).
  const start: TypedLine[] = typed ?? lines.map((l) => ({ category: l.category, description: l.description, amount: String(l.amount) }));
  const formRows = [...start, ...Array.from({ length: Math.max(3, 8 - start.length) }, () => ({ category: '', description: '', amount: '' }))].map((l, i) => ({
    index: i,
    description: l.description,
    amount: l.amount,
    categories: categoryOptions(l.category),
  }));
  // The chain of approval of the version shown: each configured step, who took it and when.
  const chain = latest ? chainSteps(y.approvalSteps, s.approvals.ofRound('plan', latest.id, planApproval(latest, rt.kelurahanCode).round), latest.status === 'submitted') : [];
  return {
    rt,
    label: granteeLabel(rt),
    chair: chairWordOf(rt),
    year: y,
    allocation: money.allocated,
    chain: latest && (latest.status === 'submitted' || chain.some((c) => c.done)) ? chain : [],
    latest: latest ? { ...latest, badge: planBadge(latest.status), sentBackBy: sentBackByOf(s, latest) } : null,
    lines: lines.map((l) => ({ ...l, categoryName: y.categories.find((c) => c.code === l.category)?.name ?? l.category })),
    total,
    difference: money.allocated - total,
    versions: versionHistory(s, versions),
    // The working version is a revision of the approved plan: the chair says why (the approved one holds until then).
    isRevision: editable && latest !== undefined && versions.some((v) => v.status === 'approved'),
    revisionReason: typedReason ?? latest?.revisionReason ?? '',
    formRows,
    limits: y.categories.filter((c) => c.maxPercentOfAllocation || c.itemCaps.length),
    forbiddenUses: y.forbiddenUses,
    vsActual: planVersusActual(s, rt.id, y.year),
    history: historyOf(s, 'plan', versions.map((v) => v.id)),
    canEdit: can(actor, 'plan.edit', scope) && editable && !closed,
    dossier: dossierOf(s, y, latest, can(actor, 'plan.edit', scope) && editable && !closed),
    viewingOld,
    canRevise: !viewingOld && can(actor, 'plan.edit', scope) && latest?.status === 'approved' && !closed,
    // The treasurer's buttons while the plan waits for her own step (verification).
    ...decidable(!viewingOld && can(actor, 'plan.decide', scope) && latest?.status === 'submitted' && latest.submittedBy !== actor.userId && chain.find((c) => c.waiting)?.code === 'verify', decisionBarsFor(s, actor)(rt.id)),
  };
}
