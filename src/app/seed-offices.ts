/**
 * Demo: the Pleburan kelurahan office as its documents print it (address, office code PLB, the
 * lurah and the bendahara kelurahan with their NIP), through the admin's use case. The names and
 * NIPs are invented for the demo.
 */
import type { Actor } from '../domain/access';
import { editKelurahanOffice } from './edit-kelurahan-office';
import type { Services } from './services';

export const DEMO_OFFICES: Record<string, Parameters<typeof editKelurahanOffice>[3]> = {
  '3374050005': {
    address: 'Jl. Pleburan Barat No. 1, Semarang 50241',
    officeCode: 'PLB',
    lurahName: 'Hendra Wijayanto, S.STP',
    lurahNip: '197805122006041009',
    bendaharaName: 'Dewi Kusumawati',
    bendaharaNip: '198504172010012015',
  },
};

export function seedOffices(s: Services, actor: Actor): void {
  for (const [code, fields] of Object.entries(DEMO_OFFICES)) {
    if (s.documents.office(code)?.officeCode) continue;
    editKelurahanOffice(s, actor, code, fields);
  }
}
