/** Exports a year's journal (the city, or one kelurahan) in hledger format, streamed. */
import { authorize, type Actor } from '../domain/access';
import { HledgerJournal } from '../reports/hledger-journal';
import { kelurahanInScope, yearOrThrow } from './scope';
import type { Services } from './services';

export interface JournalScope {
  year: number;
  kelurahanCode: string | null;
}

/** Checks who may export what: a kelurahan for its bendahara, any scope for admin and a city auditor. */
export function journalScopeFor(s: Services, actor: Actor, scope: JournalScope) {
  yearOrThrow(s, scope.year);
  if (scope.kelurahanCode) return kelurahanInScope(s, actor, 'report.download', scope.kelurahanCode);
  // The city as a resource ({}): an auditor limited to some kecamatan is outside it.
  authorize(actor, 'report.city', {});
  return null;
}

export function journalScopeLabel(s: Services, scope: JournalScope): string {
  const kel = scope.kelurahanCode ? s.registry.findKelurahan(scope.kelurahanCode) : null;
  return kel ? `Kelurahan ${kel.name} (${kel.code}), Kecamatan ${kel.kecamatanName}` : 'Kota Semarang';
}

export function* journalChunks(s: Services, scope: JournalScope): Generator<string> {
  const journal = new HledgerJournal({
    year: scope.year,
    scope: journalScopeLabel(s, scope),
    generatedAt: s.now().toISOString(),
    chainHead: s.ledger.head()?.hash ?? '-',
  });
  yield journal.header();
  for (const e of s.ledger.entriesInScope(scope.year, scope.kelurahanCode)) yield journal.entry(e);
  // Declared after the entries (hledger accepts them anywhere): the names are known once the entries have streamed.
  yield journal.declarations();
}

export const journalFileName = (s: Services, scope: JournalScope) => {
  const kel = scope.kelurahanCode ? s.registry.findKelurahan(scope.kelurahanCode)?.name : null;
  return `jurnal-${scope.year}-${(kel ?? 'Kota-Semarang').replace(/[^A-Za-z0-9]+/g, '-')}.journal`;
};
