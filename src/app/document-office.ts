/**
 * The kelurahan office as a document prints it: the letterhead (Pemerintah Kota Semarang,
 * kecamatan, kelurahan, address) and its officials with their NIP, from the registry; the
 * bendahara kelurahan's name falls back to her user account when the registry has none.
 */
import type { OfficeHeader, Official } from '../reports/shapes/cash-book';
import { officeOf } from './document-numbers';
import type { Services } from './services';

export interface DocumentOffice {
  header: OfficeHeader;
  lurah: Official;
  bendahara: Official;
}

export function documentOffice(s: Services, kelurahanCode: string): DocumentOffice {
  const o = officeOf(s, kelurahanCode);
  return {
    header: {
      letterhead: ['PEMERINTAH KOTA SEMARANG', `KECAMATAN ${o.kecamatanName.toUpperCase()}`, `KELURAHAN ${o.name.toUpperCase()}`],
      address: o.address,
    },
    lurah: { name: o.lurahName, nip: o.lurahNip },
    bendahara: { name: o.bendaharaName ?? s.users.bendaharaOf(kelurahanCode)?.displayName ?? null, nip: o.bendaharaNip },
  };
}
