/**
 * The role × route matrix: every route of the app, tried as anonymous, each role, and the
 * right role on another RT / kelurahan / kecamatan. Denied writes must change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/app/manage-users';
import type { Services } from '../../src/app/services';
import { allRoutes } from '../../src/http/create-app';
import { SYSTEM } from '../builders';
import { anonymous, seededApp, signedIn, type Agent } from '../helpers/http';

type Who = 'anon' | 'admin' | 'bendahara' | 'ketua' | 'auditor' | 'auditorMijen' | 'bendaharaWonodri' | 'ketuaOther';
interface Case {
  who: Who;
  path: string;
  body?: Record<string, string>;
  file?: string;
  expect: number;
}

const PLEBURAN = '3374050005';
const WONODRI = '3374050006';

let s: Services;
const agents = {} as Record<Who, { agent: Agent; csrf: string }>;
const ids = {} as { ownRt: number; otherRtSameKel: number; rtWonodri: number; spareUser: number; spareUser2: number };

beforeAll(async () => {
  const app = await seededApp();
  s = app.s;
  await createUser(s, SYSTEM, { username: 'auditor.mijen', displayName: 'Auditor Mijen', role: 'auditor', kelurahanCode: null, rtId: null, kecamatanCodes: ['3374010'], password: 'dana-rt-demo', mustChangePassword: false });
  await createUser(s, SYSTEM, { username: 'bendahara.wonodri', displayName: 'B Wonodri', role: 'bendahara', kelurahanCode: WONODRI, rtId: null, kecamatanCodes: null, password: 'dana-rt-demo', mustChangePassword: false });
  ids.ownRt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!.id;
  ids.otherRtSameKel = s.registry.findRtByNumbers(PLEBURAN, 1, 2)!.id;
  ids.rtWonodri = s.registry.findRtByNumbers(WONODRI, 1, 1)!.id;
  await createUser(s, SYSTEM, { username: 'ketua.lain', displayName: 'Ketua Lain', role: 'ketua_rt', kelurahanCode: null, rtId: ids.otherRtSameKel, kecamatanCodes: null, password: 'dana-rt-demo', mustChangePassword: false });
  ids.spareUser = await createUser(s, SYSTEM, { username: 'cadangan.satu', displayName: 'Cadangan', role: 'auditor', kelurahanCode: null, rtId: null, kecamatanCodes: null, password: 'dana-rt-demo', mustChangePassword: false });
  ids.spareUser2 = await createUser(s, SYSTEM, { username: 'cadangan.dua', displayName: 'Cadangan 2', role: 'auditor', kelurahanCode: null, rtId: null, kecamatanCodes: null, password: 'dana-rt-demo', mustChangePassword: false });
  agents.anon = await anonymous(app.app);
  const logins: Array<[Who, string]> = [
    ['admin', 'admin'], ['bendahara', 'bendahara.pleburan'], ['ketua', 'ketua.pleburan'], ['auditor', 'auditor'],
    ['auditorMijen', 'auditor.mijen'], ['bendaharaWonodri', 'bendahara.wonodri'], ['ketuaOther', 'ketua.lain'],
  ];
  for (const [who, username] of logins) agents[who] = await signedIn(app.app, username);
});

const READERS_OF_RT = (rt: () => number, suffix = ''): Case[] => [
  { who: 'anon', path: `/rt/${rt()}${suffix}`, expect: 303 },
  { who: 'ketua', path: `/rt/${rt()}${suffix}`, expect: 200 },
  { who: 'ketuaOther', path: `/rt/${rt()}${suffix}`, expect: 404 },
  { who: 'bendahara', path: `/rt/${rt()}${suffix}`, expect: 200 },
  { who: 'bendaharaWonodri', path: `/rt/${rt()}${suffix}`, expect: 404 },
  { who: 'auditor', path: `/rt/${rt()}${suffix}`, expect: 200 },
  { who: 'auditorMijen', path: `/rt/${rt()}${suffix}`, expect: 404 },
  { who: 'admin', path: `/rt/${rt()}${suffix}`, expect: 200 },
];

/** Non-admins get 403 on an admin-only route; anonymous is sent to sign in; the admin's own case comes last. */
const adminOnly = (path: () => string, adminCase: Omit<Case, 'who' | 'path'>, body?: Record<string, string>, file?: string): Case[] => [
  ...(['anon', 'bendahara', 'ketua', 'auditor', 'auditorMijen'] as const).map((who) => ({ who, path: path(), body, file, expect: who === 'anon' ? 303 : 403 })),
  { who: 'admin', path: path(), body, file, ...adminCase },
];

const WILAYAH_CSV = 'kecamatan_code,kecamatan,kelurahan_code,kelurahan\n3374050,Semarang Selatan,3374050005,Pleburan\n';
const RT_CSV = 'kelurahan_code,rw,rt,chair_name,bank_account\n3374050005,1,1,Ketua Baru,2011111111\n';

const MATRIX: Record<string, () => Case[]> = {
  'get /login': () => [{ who: 'anon', path: '/login', expect: 200 }, { who: 'admin', path: '/login', expect: 303 }],
  'post /login': () => [{ who: 'anon', path: '/login', body: { username: 'x', password: 'y' }, expect: 422 }],
  'post /logout': () => [{ who: 'anon', path: '/logout', body: {}, expect: 303 }],
  'get /akun/password': () => (['admin', 'bendahara', 'ketua', 'auditor'] as const).map((who) => ({ who, path: '/akun/password', expect: 200 })).concat([{ who: 'anon' as never, path: '/akun/password', expect: 303 }]),
  'post /akun/password': () => [
    { who: 'anon', path: '/akun/password', body: { currentPassword: 'x', newPassword: 'y', confirmPassword: 'y' }, expect: 303 },
    { who: 'auditor', path: '/akun/password', body: { currentPassword: 'salah', newPassword: 'abcdefghijk', confirmPassword: 'abcdefghijk' }, expect: 422 },
  ],
  'get /': () => (['anon', 'admin', 'bendahara', 'ketua', 'auditor', 'auditorMijen'] as const).map((who) => ({ who, path: '/', expect: 200 })),
  'get /wilayah/kecamatan/:code': () => [
    { who: 'anon', path: '/wilayah/kecamatan/3374050', expect: 303 },
    { who: 'ketua', path: '/wilayah/kecamatan/3374050', expect: 403 },
    { who: 'bendahara', path: '/wilayah/kecamatan/3374050', expect: 403 },
    { who: 'auditorMijen', path: '/wilayah/kecamatan/3374050', expect: 404 },
    { who: 'auditorMijen', path: '/wilayah/kecamatan/3374010', expect: 200 },
    { who: 'auditor', path: '/wilayah/kecamatan/3374050', expect: 200 },
    { who: 'admin', path: '/wilayah/kecamatan/3374050', expect: 200 },
    { who: 'admin', path: '/wilayah/kecamatan/9999999', expect: 404 },
  ],
  'get /wilayah/kelurahan/:code': () => [
    { who: 'anon', path: `/wilayah/kelurahan/${PLEBURAN}`, expect: 303 },
    { who: 'ketua', path: `/wilayah/kelurahan/${PLEBURAN}`, expect: 403 },
    { who: 'bendahara', path: `/wilayah/kelurahan/${PLEBURAN}`, expect: 200 },
    { who: 'bendahara', path: `/wilayah/kelurahan/${WONODRI}`, expect: 404 },
    { who: 'bendaharaWonodri', path: `/wilayah/kelurahan/${PLEBURAN}`, expect: 404 },
    { who: 'auditorMijen', path: `/wilayah/kelurahan/${PLEBURAN}`, expect: 404 },
    { who: 'auditor', path: `/wilayah/kelurahan/${PLEBURAN}`, expect: 200 },
    { who: 'admin', path: `/wilayah/kelurahan/${WONODRI}`, expect: 200 },
  ],
  'get /rt/:id': () => [...READERS_OF_RT(() => ids.ownRt), { who: 'ketua', path: `/rt/${ids.rtWonodri}`, expect: 404 }, { who: 'admin', path: '/rt/999999', expect: 404 }],
  'get /rt/:id/ubah': () => adminOnly(() => `/rt/${ids.ownRt}/ubah`, { expect: 200 }),
  'post /rt/:id/ubah': () => adminOnly(() => `/rt/${ids.otherRtSameKel}/ubah`, { expect: 303 }, { chairName: 'Nama Baru', bankAccount: '2022222222' }),
  'post /rt/:id/status': () => adminOnly(() => `/rt/${ids.rtWonodri}/status`, { expect: 303 }, { active: '0' }),
  'get /admin/pengguna': () => adminOnly(() => '/admin/pengguna', { expect: 200 }),
  'get /admin/pengguna/baru': () => adminOnly(() => '/admin/pengguna/baru', { expect: 200 }),
  'post /admin/pengguna/baru': () => adminOnly(() => '/admin/pengguna/baru', { expect: 303 }, { username: 'baru.sekali', displayName: 'Baru', role: 'auditor', password: 'panjang-sekali-1' }),
  'post /admin/pengguna/:id/reset': () => adminOnly(() => `/admin/pengguna/${ids.spareUser}/reset`, { expect: 303 }, {}),
  'post /admin/pengguna/:id/status': () => adminOnly(() => `/admin/pengguna/${ids.spareUser2}/status`, { expect: 303 }, { active: '0' }),
  'get /admin/impor': () => adminOnly(() => '/admin/impor', { expect: 200 }),
  'post /admin/impor/wilayah': () => adminOnly(() => '/admin/impor/wilayah', { expect: 303 }, {}, WILAYAH_CSV),
  'post /admin/impor/rt': () => adminOnly(() => '/admin/impor/rt', { expect: 303 }, {}, RT_CSV),
  'get /audit': () => [
    { who: 'anon', path: '/audit', expect: 303 },
    { who: 'ketua', path: '/audit', expect: 403 },
    { who: 'bendahara', path: '/audit', expect: 403 },
    { who: 'auditor', path: '/audit', expect: 200 },
    { who: 'auditorMijen', path: '/audit', expect: 200 },
    { who: 'admin', path: '/audit?action=auth.login', expect: 200 },
  ],
};

/** Everything a denied request must leave untouched. */
const fingerprint = () =>
  JSON.stringify(
    s.db.sqlite
      .prepare(
        `SELECT (SELECT group_concat(id || chair_name || bank_account || active) FROM rt) AS rt,
                (SELECT group_concat(id || password_hash || active) FROM users) AS users,
                (SELECT COUNT(*) FROM kelurahan) AS kel, (SELECT COUNT(*) FROM journal_entries) AS entries,
                (SELECT COUNT(*) FROM audit_log WHERE action NOT LIKE 'auth.%') AS audits`,
      )
      .get(),
  );

async function run(method: 'get' | 'post', c: Case) {
  const { agent, csrf } = agents[c.who];
  if (method === 'get') return agent.get(c.path);
  if (c.file !== undefined) return agent.post(c.path).field('_csrf', csrf).attach('file', Buffer.from(c.file), 'data.csv');
  return agent.post(c.path).type('form').send({ _csrf: csrf, ...c.body });
}

describe('role × route matrix', () => {
  const routes = () => allRoutes({ s, cfg: {} as never }).map((r) => `${r.method} ${r.path}`);

  it('covers every route of the app', () => {
    expect(new Set(routes())).toEqual(new Set(Object.keys(MATRIX)));
  });

  it('answers every route for every role as the permission table says, and denied writes change nothing', async () => {
    let tried = 0;
    const failures: string[] = [];
    for (const key of routes()) {
      const method = key.split(' ')[0] as 'get' | 'post';
      for (const c of MATRIX[key]!()) {
        const before = fingerprint();
        const res = await run(method, c);
        tried += 1;
        if (res.status !== c.expect) failures.push(`${key} as ${c.who} on ${c.path}: ${res.status}, expected ${c.expect}`);
        if (res.status === 303 && c.who === 'anon' && key !== 'post /logout') expect(res.headers.location).toMatch(/^\/login/);
        if ([403, 404].includes(res.status) || (method === 'get' && res.status < 400)) {
          if (fingerprint() !== before) failures.push(`${key} as ${c.who}: state changed`);
        }
        if (res.status >= 500) failures.push(`${key} as ${c.who}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    console.info(`route matrix: ${routes().length} routes, ${tried} route × user cases`);
    expect(tried).toBeGreaterThan(100);
  });

  it('denied pages never show another RT’s data', async () => {
    const other = s.registry.findRt(ids.rtWonodri)!;
    const res = await agents.ketua.agent.get(`/rt/${other.id}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(other.chairName);
    expect(res.text).not.toContain(other.bankAccount);
  });
});
