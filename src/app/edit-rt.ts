/** The admin edits an RT's officers and bank account, or (de)activates it, or registers an RW grantee; audited with before/after. */
import type { Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { todayWib } from '../domain/calendar';
import { isMainProgramme, MAIN_PROGRAMME, MAIN_PROGRAMME_NAME, programmeSection, type GranteeKind } from '../domain/grants/programme-year';
import { kindLabel, programmePays, programmesOf } from '../domain/grants/programmes';
import { granteeLabel, isValidBankAccount, RW_GRANTEE_NUMBER } from '../domain/registry/rows';
import type { RtDetail, RtEditable } from './ports';
import { kelurahanInScope, rtInScope, yearOrThrow } from './scope';
import type { Services } from './services';

const loadRt = (s: Services, actor: Actor, rtId: number): RtDetail => rtInScope(s, actor, 'registry.edit', rtId);

export function editRt(s: Services, actor: Actor, rtId: number, fields: RtEditable, ip: string | null = null): void {
  const rt = loadRt(s, actor, rtId);
  if (!isValidBankAccount(fields.bankAccount)) {
    throw fail('bank_account_invalid', {}, { bankAccount: 'Harus tepat 10 angka.' });
  }
  const holder = s.registry.bankAccountHolders().get(fields.bankAccount);
  // The holder key of another programme's grantee ends with its code (RegistryStore.bankAccountHolders).
  if (holder !== undefined && holder !== `${rt.kelurahanCode}/${rt.rwNumber}/${rt.number}${isMainProgramme(rt.programme) ? '' : `/${rt.programme}`}`) {
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

/**
 * The admin registers an RW as a grantee of its own (Perwal 32/2025: Rp3.000.000 per RW a year):
 * a grantee row numbered 0 under the RW, with its chair and bank account; audited as an RT's
 * creation is (the bank account in the log), so verify holds its account against the history.
 */
export function addRwGrantee(s: Services, actor: Actor, cmd: { kelurahanCode: string; rwNumber: number; chairName: string; bankAccount: string }, ip: string | null = null): number {
  return addGrantee(s, actor, { ...cmd, programme: MAIN_PROGRAMME, kind: 'rw', rtNumber: RW_GRANTEE_NUMBER }, ip);
}

/**
 * The admin registers a grantee of a programme: an RW of OPS, or a group of another programme the
 * year configures (e.g. PKK RT 001 beside RT 001 itself), of a kind that programme pays. The
 * programme must be configured in the open year (today's settings); audited like an RT's creation.
 */
export function addGrantee(
  s: Services,
  actor: Actor,
  cmd: { kelurahanCode: string; programme: string; kind: GranteeKind; rwNumber: number; rtNumber: number; chairName: string; bankAccount: string; year?: number },
  ip: string | null = null,
): number {
  const kel = kelurahanInScope(s, actor, 'registry.edit', cmd.kelurahanCode);
  if (!Number.isInteger(cmd.rwNumber) || cmd.rwNumber < 1 || cmd.rwNumber > 999) throw fail('rw_number_invalid', undefined, { rwNumber: 'Angka 1–999.' });
  const number = cmd.kind === 'rw' ? RW_GRANTEE_NUMBER : cmd.rtNumber;
  if (cmd.kind === 'rt' && (!Number.isInteger(number) || number < 1 || number > 999)) throw fail('rt_number_invalid', undefined, { rtNumber: 'Angka 1–999.' });
  if (!isMainProgramme(cmd.programme)) {
    const year = cmd.year ?? Number(todayWib(s.now()).slice(0, 4));
    const y = yearOrThrow(s, year);
    if (!programmeSection(y, cmd.programme)) throw fail('programme_not_configured', { code: cmd.programme, year }, { programme: 'Program ini tidak diatur pada tahun berjalan.' });
    if (!programmePays(y, cmd.programme, cmd.kind)) throw fail('programme_kind_not_paid', { code: cmd.programme, kind: cmd.kind === 'rw' ? 'RW' : 'RT' }, { kind: 'Pilih jenis penerima yang diatur program ini.' });
  }
  if (!cmd.chairName.trim()) throw fail('chair_name_required', undefined, { chairName: 'Wajib diisi.' });
  if (!isValidBankAccount(cmd.bankAccount)) throw fail('bank_account_invalid', {}, { bankAccount: 'Harus tepat 10 angka.' });
  const label = granteeLabel({ number, rwNumber: cmd.rwNumber, programme: cmd.programme });
  return s.db.transaction(() => {
    if (s.registry.findRtByNumbers(kel.code, cmd.rwNumber, number, cmd.programme)) {
      throw isMainProgramme(cmd.programme) && cmd.kind === 'rw' ? fail('rw_grantee_exists', { rw: cmd.rwNumber }) : fail('grantee_exists', { label });
    }
    if (s.registry.bankAccountHolders().has(cmd.bankAccount)) throw fail('bank_account_shared', undefined, { bankAccount: 'Sudah dipakai RT/RW lain; periksa lagi.' });
    const id = s.registry.insertGrantee(
      { kelurahanCode: kel.code, rwNumber: cmd.rwNumber, number, kind: cmd.kind, programme: cmd.programme },
      { chairName: cmd.chairName.trim(), bankAccount: cmd.bankAccount },
    );
    s.audit.record(actor, ip, {
      action: 'registry.rt.create',
      targetType: 'rt',
      targetId: id,
      kelurahanCode: kel.code,
      before: null,
      after: {
        rw: cmd.rwNumber,
        rt: number,
        kind: cmd.kind,
        ...(isMainProgramme(cmd.programme) ? {} : { programme: cmd.programme }),
        chairName: cmd.chairName.trim(),
        bankAccount: cmd.bankAccount,
      },
    });
    return id;
  });
}

/**
 * The choices of the registration form: each programme of the current year with the kinds it pays
 * (OPS: its RW grantee; an RT of OPS comes from the registry import), labelled as the settings say.
 */
export function granteeChoices(s: Services, actor: Actor, kelurahanCode: string, year = Number(todayWib(s.now()).slice(0, 4))) {
  kelurahanInScope(s, actor, 'registry.edit', kelurahanCode);
  const y = s.years.find(year);
  const options = [{ value: `${MAIN_PROGRAMME}:rw`, programme: MAIN_PROGRAMME, kind: 'rw' as GranteeKind, label: `RW (${MAIN_PROGRAMME_NAME})` }];
  for (const p of y?.programmes ?? []) {
    for (const k of p.granteeKinds) options.push({ value: `${p.code}:${k.kind}`, programme: p.code, kind: k.kind, label: `${kindLabel(y, p.code, k.kind)} (${p.name})` });
  }
  return { year, options, programmes: y ? programmesOf(y) : [] };
}
