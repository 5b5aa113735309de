/**
 * The early-warning desk's page (/pengawas): the grantees of the reader's scope ranked by their
 * score, each flag explained with its numbers and links to the evidence, filters by kind and
 * kelurahan. Waiting refreshes are drained first, bounded per request (risk-refresh.ts).
 */
import { authorize, can, type Actor } from '../domain/access';
import { formatWaktu } from '../domain/calendar';
import { fail } from '../domain/errors';
import { explainFlag } from '../domain/risk/explain';
import type { EvidenceRef } from '../domain/risk/flags';
import { RISK_KIND_LABELS, RISK_KINDS, type RiskKind } from '../domain/grants/risk-thresholds';
import type { StoredRiskFlag } from './ports';
import { pickYear } from './read-dashboards';
import { DESK_REFRESH_LIMIT, refreshDirty } from './risk-refresh';

/** Wall time a desk page may spend refreshing waiting grantees before it reads. */
const DESK_PAGE_REFRESH_MS = 100;
import type { Services } from './services';

export const DESK_PAGE_SIZE = 50;

export interface DeskQuery {
  year?: number;
  kind?: string;
  kelurahan?: string;
  page?: number;
}

/** Where an evidence link goes (pages the desk's roles may open with rt.view in scope). */
export function evidenceLink(e: EvidenceRef, year: number): { href: string; label: string } {
  switch (e.type) {
    case 'receipt':
      return { href: `/rt/${e.rtId}/kuitansi/${e.id}/pdf`, label: `Kuitansi #${e.id}` };
    case 'spj':
      return { href: `/rt/${e.rtId}/spj/${e.month}`, label: `SPJ ${e.month}` };
    case 'tranche':
      return { href: `/rt/${e.rtId}/pencairan?tahun=${year}`, label: `Pencairan #${e.id}` };
    case 'rt':
      return { href: `/rt/${e.rtId}?tahun=${year}`, label: 'Halaman penerima' };
  }
}

/** The kecamatan codes the actor's desk covers (null: the whole city). */
const scopeOf = (actor: Actor): string[] | null => (actor.role === 'pengawas' ? actor.kecamatanCodes : null);

export function flagView(s: Services, actor: Actor, f: StoredRiskFlag, place: { kecamatanCode: string; kelurahanCode: string }) {
  // Evidence of another RT (a photo pair) is linked only when the reader may open that RT.
  const mayOpen = (rtId: number) => {
    if (rtId === f.rtId) return true;
    const rt = s.registry.findRt(rtId);
    return !!rt && can(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId });
  };
  return {
    id: f.id,
    kind: f.kind,
    label: RISK_KIND_LABELS[f.kind],
    explanation: explainFlag(f),
    severity: f.severity,
    score: f.score,
    followedUp: f.state === 'followed_up',
    reopened: f.state === 'open' && f.followNote !== null,
    followNote: f.followNote,
    followedBy: f.followedBy,
    followedAt: f.followedAt ? formatWaktu(f.followedAt) : null,
    evidence: f.evidence.filter((e) => mayOpen(e.rtId)).map((e) => evidenceLink(e, f.year)),
    canFollowUp: f.state === 'open' && can(actor, 'desk.follow_up', { ...place, rtId: f.rtId }),
  };
}

export function readDesk(s: Services, actor: Actor, q: DeskQuery) {
  authorize(actor, 'desk.view');
  const scope = scopeOf(actor);
  const kind = q.kind && (RISK_KINDS as readonly string[]).includes(q.kind) ? (q.kind as RiskKind) : undefined;
  let kelurahanCode: string | undefined;
  if (q.kelurahan) {
    const kel = s.registry.findKelurahan(q.kelurahan);
    if (!kel) throw fail('not_in_scope');
    authorize(actor, 'desk.view', { kecamatanCode: kel.kecamatanCode, kelurahanCode: kel.code });
    kelurahanCode = kel.code;
  }
  const { year, years } = pickYear(s, q.year);
  // Bounded per request in count and in time (a page never waits for a whole day's stale mark).
  const refresh = refreshDirty(s, DESK_REFRESH_LIMIT, DESK_PAGE_REFRESH_MS);
  const page = Math.max(1, Math.min(q.page ?? 1, 10_000));
  const ranked = year ? s.risk.ranked({ year: year.year, kecamatanCodes: scope, kelurahanCode, kind, limit: DESK_PAGE_SIZE, offset: (page - 1) * DESK_PAGE_SIZE }) : { rows: [], total: 0 };
  const flags = year ? s.risk.flagsOfMany(year.year, ranked.rows.map((r) => r.rtId)) : [];
  const byRt = new Map<number, StoredRiskFlag[]>();
  for (const f of flags) byRt.set(f.rtId, [...(byRt.get(f.rtId) ?? []), f]);
  const kecamatan = scope ?? s.registry.kecamatanCodes();
  const kelurahan = kecamatan
    .flatMap((k) => s.registry.kelurahanList(k))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((k) => ({ code: k.code, name: k.name, selected: k.code === kelurahanCode }));
  const filterQuery = (p: number) => `?${new URLSearchParams({ ...(year ? { tahun: String(year.year) } : {}), ...(kind ? { jenis: kind } : {}), ...(kelurahanCode ? { kelurahan: kelurahanCode } : {}), halaman: String(p) })}`;
  const pages = Math.max(1, Math.ceil(ranked.total / DESK_PAGE_SIZE));
  return {
    year,
    years,
    kinds: RISK_KINDS.map((k) => ({ value: k, label: RISK_KIND_LABELS[k], selected: k === kind })),
    kelurahan,
    scopeLabel: scope === null ? 'Seluruh Kota Semarang' : scope.map((c) => `Kecamatan ${s.registry.findKecamatan(c)?.name ?? c}`).join(', '),
    total: ranked.total,
    waiting: refresh.waiting,
    page,
    pages,
    prevHref: page > 1 ? filterQuery(page - 1) : null,
    nextHref: page < pages ? filterQuery(page + 1) : null,
    rows: ranked.rows.map((r, i) => ({
      rank: (page - 1) * DESK_PAGE_SIZE + i + 1,
      label: r.kind === 'rw' ? `RW ${String(r.rwNumber).padStart(3, '0')}` : `RT ${String(r.number).padStart(3, '0')} / RW ${String(r.rwNumber).padStart(3, '0')}`,
      href: `/rt/${r.rtId}?tahun=${r.year}`,
      kelurahanName: r.kelurahanName,
      score: r.openScore,
      computedOn: r.computedOn,
      flags: (byRt.get(r.rtId) ?? []).map((f) => flagView(s, actor, f, { kecamatanCode: r.kecamatanCode, kelurahanCode: r.kelurahanCode })),
    })),
  };
}
