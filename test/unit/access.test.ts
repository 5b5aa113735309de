import { describe, expect, it } from 'vitest';
import { ACTIONS, authorize, can, roleMay, type Action, type Role } from '../../src/domain/access';
import { DomainError } from '../../src/domain/errors';
import { anActor } from '../builders';

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';
const SELATAN = '3374050';
const TUGU = '3374100';

const actors = {
  admin: anActor('admin'),
  bendahara: anActor('bendahara', { kelurahanCode: PLEBURAN }),
  ketua_rt: anActor('ketua_rt', { kelurahanCode: PLEBURAN, rtId: 1 }),
  auditor: anActor('auditor'),
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
