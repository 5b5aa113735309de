/**
 * What the bundle's statement PDF needs besides the figures: the letterhead of the office that
 * issues it, the place and date, who signs (names from the registry and users where the app
 * knows them, a dotted line where it does not), and the names behind the codes in account names.
 */
import { formatTanggal, todayWib } from '../domain/calendar';
import type { BundleScope } from '../reports/audit-bundle';
import type { StatementDocument } from '../reports/statement-pdf';
import type { Services } from './services';

const NIP = 'NIP. ..............................';

export function statementDocument(s: Services, scope: BundleScope): StatementDocument {
  const categories = new Map((s.years.find(scope.year, todayWib(s.now()))?.categories ?? []).map((c) => [c.code.toUpperCase(), c.name]));
  const place = `Semarang, ${formatTanggal(todayWib(s.now()))}`;
  const kel = scope.kelurahanCode ? s.registry.findKelurahan(scope.kelurahanCode) : null;
  if (kel) {
    return {
      letterhead: ['PEMERINTAH KOTA SEMARANG', `KECAMATAN ${kel.kecamatanName.toUpperCase()}`, `KELURAHAN ${kel.name.toUpperCase()}`],
      place,
      signers: [
        { over: 'Mengetahui,', role: `Lurah ${kel.name}`, name: null, note: NIP },
        { role: 'Bendahara Kelurahan', name: s.users.bendaharaOf(kel.code)?.displayName ?? null },
      ],
      names: { kelurahan: new Map([[kel.code, kel.name]]), categories },
    };
  }
  const kelurahan = new Map<string, string>();
  for (const kec of s.registry.kecamatanList()) for (const k of s.registry.kelurahanList(kec.code)) kelurahan.set(k.code, k.name);
  return {
    letterhead: ['PEMERINTAH KOTA SEMARANG', 'DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK'],
    place,
    signers: [
      { over: 'Mengetahui,', role: 'Kepala BPKAD Kota Semarang', name: null, note: NIP },
      { role: 'Kepala DP3A Kota Semarang', name: null, note: NIP },
    ],
    names: { kelurahan, categories },
  };
}
