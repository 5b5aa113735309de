import { describe, expect, it } from 'vitest';
import { ACTIONS, actorLabel, chairWordOf, officerLabelsOf, roleLabelOf, authorize, can, inScope, readsWholeCity, ROLE_LABELS, ROLES, roleMay, SYSTEM_ACTOR, systemActor, toActor, type Action, type Actor, type Role, type Scope } from '../../src/domain/access';
import { DomainError } from '../../src/domain/errors';
import { anActor } from '../builders';
import { chairWord } from '../../src/domain/registry/rows';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
const SELATAN = '3374050';
const TUGU = '3374100';

const actors = {
  admin: anActor('admin'),
  bendahara: anActor('bendahara', { kelurahanCode: PLEBURAN }),
  ketua_rt: anActor('ketua_rt', { kelurahanCode: PLEBURAN, rtId: 1 }),
  sekretaris_rt: anActor('sekretaris_rt', { kelurahanCode: PLEBURAN, rtId: 1 }),
  bendahara_rt: anActor('bendahara_rt', { kelurahanCode: PLEBURAN, rtId: 1 }),
  lurah: anActor('lurah', { kelurahanCode: PLEBURAN }),
  camat: anActor('camat', { kecamatanCodes: [SELATAN] }),
  auditor: anActor('auditor'),
  bpkad: anActor('bpkad'),
  pengawas: anActor('pengawas', { kecamatanCodes: [SELATAN] }),
};

const outcome = (role: Role, action: Action, scope?: object) => {
  try {
    authorize(actors[role], action, scope);
    return 'ok';
  } catch (e) {
    return (e as DomainError).kind;
  }
};

describe('permission table', () => {
  it.each([
    ['ketua_rt', 'rt.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 }, 'ok'],
    ['ketua_rt', 'rt.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 2 }, 'not_found'],
    ['ketua_rt', 'kelurahan.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'forbidden'],
    ['ketua_rt', 'registry.edit', { rtId: 1 }, 'forbidden'],
    ['bendahara', 'kelurahan.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'ok'],
    ['bendahara', 'kelurahan.view', { kecamatanCode: SELATAN, kelurahanCode: WONODRI }, 'not_found'],
    ['bendahara', 'rt.view', { kecamatanCode: SELATAN, kelurahanCode: WONODRI, rtId: 9 }, 'not_found'],
    ['bendahara', 'city.view', undefined, 'forbidden'],
    ['bendahara', 'user.manage', undefined, 'forbidden'],
    ['auditor', 'city.view', {}, 'ok'],
    ['auditor', 'rt.view', { kecamatanCode: TUGU, kelurahanCode: '3374100001', rtId: 5 }, 'ok'],
    ['auditor', 'registry.edit', { rtId: 1 }, 'forbidden'],
    ['auditor', 'user.manage', undefined, 'forbidden'],
    ['auditor', 'audit.view', undefined, 'ok'],
    ['admin', 'registry.edit', { kelurahanCode: WONODRI }, 'ok'],
    ['admin', 'user.manage', undefined, 'ok'],
    // The treasurer who approves never pays: bank batches are the city treasury's (BPKAD, every kelurahan).
    ['bendahara', 'bank.batch', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'forbidden'],
    ['bendahara', 'bank.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'ok'],
    ['bendahara', 'bank.view', { kecamatanCode: SELATAN, kelurahanCode: WONODRI }, 'not_found'],
    ['bpkad', 'bank.batch', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'ok'],
    ['bpkad', 'bank.batch', { kecamatanCode: TUGU, kelurahanCode: '3374100001' }, 'ok'],
    ['bpkad', 'tranche.decide', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 }, 'forbidden'],
    ['bpkad', 'rt.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 }, 'forbidden'],
    ['admin', 'bank.batch', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'forbidden'],
    ['auditor', 'bank.batch', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'forbidden'],
    // The early-warning desk reads its kecamatan, writes nothing of the money flow, follows flags up.
    ['pengawas', 'rt.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 }, 'ok'],
    ['pengawas', 'rt.view', { kecamatanCode: TUGU, kelurahanCode: '3374100001', rtId: 5 }, 'not_found'],
    ['pengawas', 'desk.view', { kecamatanCode: SELATAN }, 'ok'],
    ['pengawas', 'desk.follow_up', { kecamatanCode: TUGU }, 'not_found'],
    ['pengawas', 'receipt.decide', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 }, 'forbidden'],
    ['pengawas', 'tranche.decide', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 }, 'forbidden'],
    ['pengawas', 'user.manage', undefined, 'forbidden'],
    ['pengawas', 'audit.view', undefined, 'forbidden'],
    ['auditor', 'desk.follow_up', { kecamatanCode: SELATAN }, 'forbidden'],
    ['bendahara', 'desk.view', { kecamatanCode: SELATAN }, 'forbidden'],
    // Aduan warga: the kelurahan answers its own, the desk its kecamatan, the admin all; the RT and the auditor never.
    ['lurah', 'complaint.answer', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'ok'],
    ['lurah', 'complaint.answer', { kecamatanCode: SELATAN, kelurahanCode: WONODRI }, 'not_found'],
    ['bendahara', 'complaint.answer', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'ok'],
    ['pengawas', 'complaint.answer', { kecamatanCode: SELATAN, kelurahanCode: WONODRI }, 'ok'],
    ['pengawas', 'complaint.answer', { kecamatanCode: TUGU, kelurahanCode: '3374100001' }, 'not_found'],
    ['admin', 'complaint.answer', { kecamatanCode: TUGU, kelurahanCode: '3374100001' }, 'ok'],
    ['ketua_rt', 'complaint.inbox', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 }, 'forbidden'],
    ['auditor', 'complaint.answer', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, 'forbidden'],
    ['camat', 'complaint.inbox', { kecamatanCode: SELATAN }, 'forbidden'],
  ] as const)('%s %s %j → %s', (role, action, scope, expected) => {
    expect(outcome(role, action, scope)).toBe(expected);
  });

  it('gives the auditor no write action at all', () => {
    const writes = ACTIONS.filter((a) => a.endsWith('.edit') || a.endsWith('.import') || a.endsWith('.manage'));
    expect(writes.length).toBeGreaterThan(0);
    for (const a of writes) expect(roleMay(actors.auditor, a)).toBe(false);
  });

  it('limits an auditor with kecamatan scope to those kecamatan', () => {
    const scoped = anActor('auditor', { kecamatanCodes: [SELATAN] });
    expect(can(scoped, 'rt.view', { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 })).toBe(true);
    expect(can(scoped, 'rt.view', { kecamatanCode: TUGU, kelurahanCode: '3374100001', rtId: 5 })).toBe(false);
    expect(can(scoped, 'city.view', {})).toBe(false);
  });
});

/** Actors built here, not by the builders, so this matrix needs nothing but the domain. */
const actor = (role: Actor['role'], o: Partial<Actor> = {}): Actor => ({ userId: 1, username: 'u', role, kelurahanCode: null, rtId: null, kecamatanCodes: null, ...o });

/** The permission table, written out: each action and the roles that may do it (anywhere in their scope). */
const MATRIX: Record<string, Role[]> = {
  'home.view': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'],
  'account.change_password': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'],
  'rt.view': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'auditor', 'pengawas'],
  'rt.profile': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'pengawas'],
  'rt.profile_edit': ['admin'],
  'kelurahan.view': ['admin', 'bendahara', 'auditor', 'pengawas'],
  'city.view': ['admin', 'auditor', 'pengawas'],
  'desk.view': ['admin', 'pengawas'],
  'desk.follow_up': ['pengawas'],
  'registry.edit': ['admin'],
  'registry.import': ['admin'],
  'user.manage': ['admin'],
  'audit.view': ['admin', 'auditor'],
  'plan.edit': ['ketua_rt'],
  'plan.decide': ['bendahara'],
  'tranche.request': ['ketua_rt'],
  'tranche.decide': ['bendahara'],
  'tranche.reverse': ['admin', 'bendahara'],
  'queue.view': ['bendahara'],
  'approval.step': ['lurah', 'camat'],
  'approval.queue': ['lurah', 'camat'],
  'bank.view': ['admin', 'bendahara', 'auditor', 'bpkad'],
  'bank.batch': ['bpkad'],
  'year.close': ['admin'],
  'year.rules': ['admin'],
  'receipt.record': ['ketua_rt', 'bendahara_rt'],
  'receipt.decide': ['bendahara'],
  'receipt.reverse': ['admin', 'bendahara'],
  'spj.submit': ['ketua_rt'],
  'spj.decide': ['bendahara'],
  'report.download': ['admin', 'bendahara', 'auditor'],
  'report.city': ['admin', 'auditor'],
  'account.issue': ['admin', 'bendahara'],
  'notification.view': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'],
  'photo.publicity': ['bendahara'],
  'complaint.inbox': ['admin', 'bendahara', 'lurah', 'pengawas'],
  'complaint.answer': ['admin', 'bendahara', 'lurah', 'pengawas'],
  'item.comment': ['bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah'],
};

describe('role × action matrix', () => {
  it.each(ACTIONS.map((a) => [a]))('%s', (action) => {
    expect(MATRIX, `${action} is missing from this matrix`).toHaveProperty([action]);
    expect(ROLES.filter((r) => roleMay(actor(r), action))).toEqual(ROLES.filter((r) => MATRIX[action]!.includes(r)));
    expect(roleMay(SYSTEM_ACTOR, action)).toBe(true);
  });

  it('lists every action of the matrix and the ten roles with their labels', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(MATRIX).sort());
    expect(ROLES).toEqual(['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas']);
    expect(ROLE_LABELS).toEqual({
      admin: 'Admin kota', bendahara: 'Bendahara kelurahan', ketua_rt: 'Ketua RT', sekretaris_rt: 'Sekretaris RT', bendahara_rt: 'Bendahara RT',
      lurah: 'Lurah', camat: 'Camat', auditor: 'Auditor', bpkad: 'BPKAD (kas daerah)',
      pengawas: 'Pengawas (deteksi dini)',
    });
  });
});

describe('scope: who sees which kelurahan, RT and kecamatan', () => {
  const pleburanRt1 = { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN, rtId: 1 };
  it.each<[string, Actor, Scope, boolean]>([
    ['system, anywhere', SYSTEM_ACTOR, { kecamatanCode: TUGU, kelurahanCode: '3374100001', rtId: 9 }, true],
    ['system, the city', SYSTEM_ACTOR, {}, true],
    ['admin, anywhere', actor('admin'), { kecamatanCode: TUGU, kelurahanCode: '3374100001', rtId: 9 }, true],
    ['admin, the city', actor('admin'), {}, true],
    ['bpkad, any kelurahan', actor('bpkad'), { kecamatanCode: TUGU, kelurahanCode: '3374100001' }, true],
    ['city auditor, anywhere', actor('auditor'), { kecamatanCode: TUGU, kelurahanCode: '3374100001' }, true],
    ['city auditor, the city', actor('auditor'), {}, true],
    ['kecamatan auditor, inside', actor('auditor', { kecamatanCodes: [TUGU, SELATAN] }), pleburanRt1, true],
    ['kecamatan auditor, another kecamatan', actor('auditor', { kecamatanCodes: [TUGU] }), pleburanRt1, false],
    ['kecamatan auditor, the city', actor('auditor', { kecamatanCodes: [SELATAN] }), {}, false],
    ['auditor of no kecamatan', actor('auditor', { kecamatanCodes: [] }), pleburanRt1, false],
    ['kecamatan pengawas, inside', actor('pengawas', { kecamatanCodes: [SELATAN] }), pleburanRt1, true],
    ['kecamatan pengawas, another kecamatan', actor('pengawas', { kecamatanCodes: [TUGU] }), pleburanRt1, false],
    ['city pengawas, anywhere', actor('pengawas'), { kecamatanCode: TUGU, kelurahanCode: '3374100001' }, true],
    ['bendahara, own kelurahan', actor('bendahara', { kelurahanCode: PLEBURAN }), { kelurahanCode: PLEBURAN }, true],
    ['lurah, an RT of his kelurahan', actor('lurah', { kelurahanCode: PLEBURAN }), pleburanRt1, true],
    ['lurah, another kelurahan', actor('lurah', { kelurahanCode: PLEBURAN }), { kecamatanCode: SELATAN, kelurahanCode: WONODRI, rtId: 9 }, false],
    ['camat, an RT of his kecamatan', actor('camat', { kecamatanCodes: [SELATAN] }), pleburanRt1, true],
    ['camat, another kecamatan', actor('camat', { kecamatanCodes: [TUGU] }), pleburanRt1, false],
    ['camat, the city', actor('camat', { kecamatanCodes: [SELATAN] }), {}, false],
    ['sekretaris RT, own RT', actor('sekretaris_rt', { kelurahanCode: PLEBURAN, rtId: 1 }), pleburanRt1, true],
    ['bendahara RT, another RT', actor('bendahara_rt', { kelurahanCode: PLEBURAN, rtId: 2 }), pleburanRt1, false],
    ['bendahara, an RT of it', actor('bendahara', { kelurahanCode: PLEBURAN }), pleburanRt1, true],
    ['bendahara, another kelurahan', actor('bendahara', { kelurahanCode: PLEBURAN }), { kecamatanCode: SELATAN, kelurahanCode: WONODRI }, false],
    ['bendahara, the kecamatan', actor('bendahara', { kelurahanCode: PLEBURAN }), { kecamatanCode: SELATAN }, false],
    ['bendahara, the city', actor('bendahara', { kelurahanCode: PLEBURAN }), {}, false],
    ['ketua RT, own RT', actor('ketua_rt', { kelurahanCode: PLEBURAN, rtId: 1 }), pleburanRt1, true],
    ['ketua RT, another RT', actor('ketua_rt', { kelurahanCode: PLEBURAN, rtId: 1 }), { ...pleburanRt1, rtId: 2 }, false],
    ['ketua RT, the kelurahan', actor('ketua_rt', { kelurahanCode: PLEBURAN, rtId: 1 }), { kecamatanCode: SELATAN, kelurahanCode: PLEBURAN }, false],
    ['ketua RT, the city', actor('ketua_rt', { kelurahanCode: PLEBURAN, rtId: 1 }), {}, false],
    // An actor that lost its place (a half-read session) matches no resource that lacks one either.
    ['bendahara without a kelurahan, the city', actor('bendahara', { kelurahanCode: undefined as unknown as null }), {}, false],
    ['ketua RT without an RT, the kelurahan', actor('ketua_rt', { rtId: undefined as unknown as null }), { kelurahanCode: PLEBURAN }, false],
  ])('%s → %s', (_name, who, scope, expected) => {
    expect(inScope(who, scope)).toBe(expected);
  });

  it.each<[string, Actor, Action, Scope | undefined, string]>([
    ['a role that may, in scope', actor('bendahara', { kelurahanCode: PLEBURAN }), 'receipt.decide', { kelurahanCode: PLEBURAN, rtId: 3 }, 'ok'],
    ['a role that may, no resource named', actor('bendahara', { kelurahanCode: PLEBURAN }), 'queue.view', undefined, 'ok'],
    ['a role that may, out of scope', actor('bendahara', { kelurahanCode: PLEBURAN }), 'receipt.decide', { kelurahanCode: WONODRI, rtId: 3 }, 'not_in_scope'],
    ['a role that may not, in scope', actor('ketua_rt', { rtId: 1 }), 'receipt.decide', { rtId: 1 }, 'forbidden_role'],
    ['a role that may not, out of scope', actor('ketua_rt', { rtId: 1 }), 'receipt.decide', { rtId: 2 }, 'forbidden_role'],
    ['the system, anything', SYSTEM_ACTOR, 'year.close', {}, 'ok'],
  ])('authorize: %s → %s', (_name, who, action, scope, expected) => {
    let got = 'ok';
    try {
      authorize(who, action, scope);
    } catch (e) {
      got = e instanceof DomainError ? `${e.code}/${e.kind}` : String(e);
    }
    expect(got).toBe(expected === 'ok' ? 'ok' : `${expected}/${expected === 'forbidden_role' ? 'forbidden' : 'not_found'}`);
  });

  it('can = the role may and the resource is in scope; no resource means the city', () => {
    const bendahara = actor('bendahara', { kelurahanCode: PLEBURAN });
    expect(can(bendahara, 'kelurahan.view', { kelurahanCode: PLEBURAN })).toBe(true);
    expect(can(bendahara, 'kelurahan.view', { kelurahanCode: WONODRI })).toBe(false);
    expect(can(bendahara, 'city.view', { kelurahanCode: PLEBURAN })).toBe(false);
    expect(can(bendahara, 'kelurahan.view')).toBe(false);
    expect(can(actor('admin'), 'city.view')).toBe(true);
  });
});

describe('the system actor and actor labels', () => {
  it('names a system job and labels users by id and name', () => {
    expect(systemActor('seed')).toEqual({ userId: null, username: 'system:seed', role: 'system', kelurahanCode: null, rtId: null, kecamatanCodes: null });
    expect(SYSTEM_ACTOR).toEqual({ userId: null, username: 'system', role: 'system', kelurahanCode: null, rtId: null, kecamatanCodes: null });
    expect(actorLabel(systemActor('seed'))).toBe('system:seed');
    expect(actorLabel(actor('bendahara', { userId: 7, username: 'bendahara.pleburan' }))).toBe('user:7:bendahara.pleburan');
    expect(actorLabel(actor('admin', { userId: 0, username: 'admin' }))).toBe('user:0:admin');
  });
});

describe('readsWholeCity', () => {
  it.each<[string, Actor, boolean]>([
    ['the system', SYSTEM_ACTOR, true],
    ['an admin', actor('admin'), true],
    ['an auditor of the city', actor('auditor'), true],
    ['an auditor of some kecamatan', actor('auditor', { kecamatanCodes: [SELATAN] }), false],
    ['an auditor of no kecamatan', actor('auditor', { kecamatanCodes: [] }), false],
    ['a pengawas of the city', actor('pengawas'), true],
    ['a pengawas of a kecamatan', actor('pengawas', { kecamatanCodes: [SELATAN] }), false],
    ['a bendahara', actor('bendahara', { kelurahanCode: PLEBURAN }), false],
    ['a ketua RT', actor('ketua_rt', { rtId: 1 }), false],
  ])('%s → %s', (_name, who, expected) => {
    expect(readsWholeCity(who)).toBe(expected);
  });
});

describe('toActor: a stored user as an actor', () => {
  const user = { id: 7, username: 'auditor.selatan', role: 'auditor' as const, kelurahanCode: null, rtId: null };
  it.each<[string, string | null, string[] | null]>([
    ['the whole city', null, null],
    ['an empty setting, read as the whole city', '', null],
    ['two kecamatan', '["3374050","3374100"]', ['3374050', '3374100']],
    ['no kecamatan', '[]', []],
  ])('%s', (_name, kecamatanCodes, expected) => {
    expect(toActor({ ...user, kecamatanCodes })).toEqual({ userId: 7, username: 'auditor.selatan', role: 'auditor', kelurahanCode: null, rtId: null, kecamatanCodes: expected });
  });

  it('keeps a ketua RT\'s kelurahan and RT', () => {
    expect(toActor({ id: 3, username: 'ketua.rt', role: 'ketua_rt', kelurahanCode: PLEBURAN, rtId: 12, kecamatanCodes: null })).toEqual({
      userId: 3, username: 'ketua.rt', role: 'ketua_rt', kelurahanCode: PLEBURAN, rtId: 12, kecamatanCodes: null,
    });
  });
});

describe('roleLabelOf', () => {
  it.each<[Role, 'rt' | 'rw' | null, string]>([
    ['ketua_rt', 'rt', 'Ketua RT'],
    ['ketua_rt', 'rw', 'Ketua RW'],
    ['sekretaris_rt', 'rw', 'Sekretaris RW'],
    ['bendahara_rt', 'rw', 'Bendahara RW'],
    ['bendahara', 'rw', 'Bendahara kelurahan'],
    ['lurah', null, 'Lurah'],
  ])('%s of an %s grantee → %s', (role, kind, label) => expect(roleLabelOf(role, kind)).toBe(label));

  it.each<['rt' | 'rw', string, string, string, string]>([
    ['rt', 'RT', 'Ketua RT', 'Sekretaris RT', 'Bendahara RT'],
    ['rw', 'RW', 'Ketua RW', 'Sekretaris RW', 'Bendahara RW'],
  ])('the officers of an %s grantee: %s, %s, %s, %s', (kind, unit, chair, secretary, treasurer) =>
    expect(officerLabelsOf(kind)).toEqual({ unit, chair, secretary, treasurer }));

  it.each<[number, string]>([
    [0, 'ketua RW'],
    [3, 'ketua RT'],
  ])('the chair of grantee number %d, in a sentence → %s', (n, word) => expect(chairWord(n)).toBe(word));

  // Brief 29a: a grantee of another programme (PKK) names its officers by that programme; OPS adds nothing.
  it.each<[Role, { kind: 'rt' | 'rw'; programme: string }, string]>([
    ['ketua_rt', { kind: 'rt', programme: 'PKK' }, 'Ketua PKK RT'],
    ['sekretaris_rt', { kind: 'rt', programme: 'PKK' }, 'Sekretaris PKK RT'],
    ['bendahara_rt', { kind: 'rw', programme: 'PKK' }, 'Bendahara PKK RW'],
    ['ketua_rt', { kind: 'rt', programme: 'OPS' }, 'Ketua RT'],
    ['ketua_rt', { kind: 'rw', programme: 'OPS' }, 'Ketua RW'],
    ['bendahara', { kind: 'rt', programme: 'PKK' }, 'Bendahara kelurahan'],
  ])('%s of %o → %s', (role, grantee, label) => expect(roleLabelOf(role, grantee)).toBe(label));

  it.each<[{ kind: 'rt' | 'rw'; programme: string }, string, string]>([
    [{ kind: 'rt', programme: 'PKK' }, 'Ketua PKK RT', 'ketua PKK RT'],
    [{ kind: 'rw', programme: 'PKK' }, 'Ketua PKK RW', 'ketua PKK RW'],
    [{ kind: 'rt', programme: 'OPS' }, 'Ketua RT', 'ketua RT'],
  ])('the chair of %o: titled %s, in a sentence %s', (grantee, title, word) => {
    expect(officerLabelsOf(grantee).chair).toBe(title);
    expect(chairWordOf(grantee)).toBe(word);
    expect(chairWord(grantee.kind === 'rw' ? 0 : 1, grantee.programme)).toBe(word);
  });
});
