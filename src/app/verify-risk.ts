/**
 * Holds the kept risk flags against a recomputation (the list's "outside"): for every grantee of
 * every open year that no dirty mark says is waiting, its flags computed afresh on the date they
 * were stored for must equal the stored ones (kind, severity, score, numbers, evidence), its
 * cross-RT keys must equal its records', its score must be the sum of its open flags, and a
 * followed-up flag must not be worse than when it was followed up.
 */
import { programmeConfigured, programmeOf } from '../domain/grants/programme-year';
import { riskScore } from '../domain/risk/flags';
import type { RiskFlag } from '../domain/risk/flags';
import type { RiskLink } from './ports';
import { complaintsMap, crossFlags, linksOf, ownFacts, sortLinks } from './risk-facts';
import type { Services } from './services';

const LIMIT = 20;

const linkTuple = (l: RiskLink) => [l.kind, l.key, l.rtId, l.kelurahanCode, l.receiptId, l.num];

const comparable = (f: Pick<RiskFlag, 'kind' | 'severity' | 'numbers' | 'evidence'> & { score: number }) =>
  JSON.stringify([f.kind, f.severity, f.score, f.numbers, f.evidence]);

export function verifyRiskFlags(s: Services): { checked: number; waiting: number; problems: string[] } {
  const problems: string[] = [];
  let count = 0;
  let checked = 0;
  const add = (text: string) => {
    count += 1;
    if (count <= LIMIT) problems.push(text);
  };
  const complaintsOn = new Map<string, ReturnType<typeof complaintsMap>>();
  for (const year of s.years.years()) {
    const y = s.years.find(year);
    if (y?.status !== 'open') continue;
    const states = new Map(s.risk.states(year).map((st) => [st.rtId, st]));
    // A grantee of a programme the year does not configure has no figures that year (risk-refresh everyGrantee).
    for (const rt of s.registry.activeRts().filter((g) => programmeConfigured(y, programmeOf(g)))) {
      if (s.risk.isDirty(year, rt.id)) continue;
      const st = states.get(rt.id);
      const name = `${rt.kind === 'rw' ? `RW ${rt.rwNumber}` : `RT ${rt.number}/RW ${rt.rwNumber}`} ${rt.kelurahanName} (${year})`;
      if (!st) {
        add(`tanda risiko ${name} belum pernah dihitung dan tidak menunggu pembaruan`);
        continue;
      }
      checked += 1;
      if (!complaintsOn.has(st.computedOn)) complaintsOn.set(st.computedOn, complaintsMap(s, st.computedOn));
      const facts = ownFacts(s, year, rt.id, st.computedOn, complaintsOn.get(st.computedOn)!);
      if (!facts) continue;
      const links = linksOf(facts);
      const stored = sortLinks(s.risk.linksOf(year, rt.id));
      if (JSON.stringify(links.map(linkTuple)) !== JSON.stringify(stored.map(linkTuple))) add(`kunci lintas-RT ${name} tidak sama dengan kuitansinya (${stored.length} tersimpan, ${links.length} dihitung ulang)`);
      const w = facts.thresholds.weights;
      const fresh = [...facts.own, ...crossFlags(s, facts, links)].map((f) => ({ ...f, score: w[f.kind] * f.severity }));
      const kept = s.risk.flagsOf(year, rt.id);
      const want = new Map(fresh.map((f) => [f.kind, comparable(f)]));
      const have = new Map(kept.map((f) => [f.kind, comparable(f)]));
      for (const kind of new Set([...want.keys(), ...have.keys()])) {
        if (want.get(kind) !== have.get(kind)) add(`tanda risiko ${name} "${kind}": tersimpan ${have.get(kind) ?? 'tidak ada'}, dihitung ulang ${want.get(kind) ?? 'tidak ada'}`);
      }
      for (const f of kept) {
        if (f.state === 'followed_up' && (f.followedSeverity === null || f.severity > f.followedSeverity)) add(`tanda risiko #${f.id} ${name} ditandai ditindaklanjuti padahal angkanya memburuk`);
      }
      const open = riskScore(kept.filter((f) => f.state === 'open'), w);
      if (open !== st.openScore || kept.length !== st.flagCount) add(`skor risiko ${name}: tersimpan ${st.openScore} (${st.flagCount} tanda), dihitung ${open} (${kept.length} tanda)`);
    }
  }
  if (count > LIMIT) problems.push(`… dan ${count - LIMIT} masalah tanda risiko lain`);
  return { checked, waiting: s.risk.dirtyCount(), problems };
}
