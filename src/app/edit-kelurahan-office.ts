/**
 * The admin keeps a kelurahan office's document fields (address, office code, lurah and
 * bendahara kelurahan with their NIP): what letterheads, numbers and signature blocks print.
 * Audited with before/after.
 */
import type { Actor } from '../domain/access';
import { isValidNip, isValidOfficeCode } from '../domain/documents/document-number';
import { fail } from '../domain/errors';
import type { KelurahanOffice, OfficeEditable } from './ports';
import { officeOf } from './document-numbers';
import { kelurahanInScope } from './scope';
import type { Services } from './services';

const FIELDS = ['address', 'officeCode', 'lurahName', 'lurahNip', 'bendaharaName', 'bendaharaNip'] as const;

/** The office to edit, in the admin's scope. */
export function readKelurahanOffice(s: Services, actor: Actor, code: string): KelurahanOffice {
  kelurahanInScope(s, actor, 'registry.edit', code);
  return officeOf(s, code);
}

function problems(f: OfficeEditable): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.lurahNip !== null && !isValidNip(f.lurahNip)) out.lurahNip = 'NIP harus tepat 18 angka.';
  if (f.bendaharaNip !== null && !isValidNip(f.bendaharaNip)) out.bendaharaNip = 'NIP harus tepat 18 angka.';
  if (f.officeCode !== null && !isValidOfficeCode(f.officeCode)) out.officeCode = 'Kode kantor 2–8 huruf kapital atau angka, misalnya PLB.';
  return out;
}

export function editKelurahanOffice(s: Services, actor: Actor, code: string, fields: OfficeEditable, ip: string | null = null): void {
  const before = readKelurahanOffice(s, actor, code);
  const wrong = problems(fields);
  if (Object.keys(wrong).length) throw fail('office_fields_invalid', undefined, wrong);
  const changed = FIELDS.filter((k) => before[k] !== fields[k]);
  if (changed.length === 0) return;
  s.db.transaction(() => {
    s.documents.updateOffice(code, fields);
    s.audit.record(actor, ip, {
      action: 'registry.kelurahan.office',
      targetType: 'kelurahan',
      targetId: code,
      kelurahanCode: code,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, fields[k]])),
    });
  });
}
