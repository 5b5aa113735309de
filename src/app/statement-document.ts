/**
 * What the bundle's statement PDF needs besides the figures: the letterhead of the office that
 * issues it, the place and date, who signs (names from the registry and users where the app
 * knows them, a dotted line where it does not), and the names behind the codes in account names.
 */
import { formatTanggal, todayWib } from '../domain/calendar';
import type { BundleScope } from '../reports/audit-bundle';
import type { StatementDocument } from '../reports/statement-pdf';
import type { Services } from './services';
import { documentOffice } from './document-office';


export function statementDocument(s: Services, scope: BundleScope): StatementDocument {
  const y = s.years.find(scope.year, todayWib(s.now()));
  // The RT/RW grant's categories and, for codes only another programme has, that programme's names.
  const categories = new Map([...(y?.programmes ?? []).flatMap((p) => p.categories), ...(y?.categories ?? [])].map((c) => [c.code.toUpperCase(), c.name]));
  const place = `Semarang, ${formatTanggal(todayWib(s.now()))}`;
  const kel = scope.kelurahanCode ? s.registry.findKelurahan(scope.kelurahanCode) : null;
  if (kel) {
    const office = documentOffice(s, kel.code);
    return {
      letterhead: office.header.letterhead,
      address: office.header.address,
      place,
      signers: [
        { over: 'Mengetahui,', role: `Lurah ${kel.name}`, name: office.lurah.name, nip: office.lurah.nip },
        { role: 'Bendahara Kelurahan', name: office.bendahara.name, nip: office.bendahara.nip },
      ],
      names: { kelurahan: new Map([[kel.code, kel.name]]), categories },
      programmes: y?.programmes,
    };
  }
  const kelurahan = new Map<string, string>();
  for (const kec of s.registry.kecamatanList()) for (const k of s.registry.kelurahanList(kec.code)) kelurahan.set(k.code, k.name);
  return {
    letterhead: ['PEMERINTAH KOTA SEMARANG', 'DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK'],
    place,
    signers: [
      { over: 'Mengetahui,', role: 'Kepala BPKAD Kota Semarang', name: null, nip: null },
      { role: 'Kepala DP3A Kota Semarang', name: null, nip: null },
    ],
    names: { kelurahan, categories },
    programmes: y?.programmes,
  };
}
