/** The admin edits an RT's officers and bank account, or (de)activates it; audited with before/after. */
import type { Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { isValidBankAccount } from '../domain/registry/rows';
import type { RtDetail, RtEditable } from './ports';
import { rtInScope } from './scope';
import type { Services } from './services';

const loadRt = (s: Services, actor: Actor, rtId: number): RtDetail => rtInScope(s, actor, 'registry.edit', rtId);

export function editRt(s: Services, actor: Actor, rtId: number, fields: RtEditable, ip: string | null = null): void {
  const rt = loadRt(s, actor, rtId);
  if (!isValidBankAccount(fields.bankAccount)) {
    throw fail('bank_account_invalid', {}, { bankAccount: 'Harus tepat 10 angka.' });
  }
  const holder = s.registry.bankAccountHolders().get(fields.bankAccount);
  if (holder !== undefined && holder !== `${rt.kelurahanCode}/${rt.rwNumber}/${rt.number}`) {
    throw fail('bank_account_shared', undefined, { bankAccount: 'Sudah dipakai RT lain; periksa lagi.' });
  }
  const before: RtEditable = {
    chairName: rt.chairName,
    secretaryName: rt.secretaryName,
    treasurerName: rt.treasurerName,
    bankAccount: rt.bankAccount,
  };
  const changed = (Object.keys(before) as Array<keyof RtEditable>).filter((k) => before[k] !== fields[k]);
  if (changed.length === 0) return;
  s.db.transaction(() => {
    s.registry.updateRt(rt.id, fields);
    s.audit.record(actor, ip, {
      action: changed.includes('bankAccount') ? 'registry.rt.bank_account' : 'registry.rt.update',
      targetType: 'rt',
      targetId: rt.id,
      kelurahanCode: rt.kelurahanCode,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, fields[k]])),
    });
  });
}

export function setRtActive(s: Services, actor: Actor, rtId: number, active: boolean, ip: string | null = null): void {
  const rt = loadRt(s, actor, rtId);
  if (rt.active === active) return;
  s.db.transaction(() => {
    s.registry.setRtActive(rt.id, active);
    s.audit.record(actor, ip, {
      action: active ? 'registry.rt.activate' : 'registry.rt.deactivate',
      targetType: 'rt',
      targetId: rt.id,
      kelurahanCode: rt.kelurahanCode,
      before: { active: rt.active },
      after: { active },
    });
  });
}
