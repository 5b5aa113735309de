/** Users: the admin's list and form, creating, resetting and (de)activating accounts. */
import { ROLE_LABELS, roleLabelOf, ROLES } from '../../domain/access';
import { granteeLabel } from '../../domain/registry/rows';
import type { LoginThrottle } from '../login-throttle';
import { createUser, resetPassword, setUserActive } from '../manage-users';
import { attemptLines } from '../sign-in';
import type { Services } from '../services';
import { bindTo } from './bind';
import { kelurahanOptions } from './registry';

/** At most this many users on one page: a city has ~12,000; the filter finds the rest. */
const USERS_SHOWN = 200;

/** The users page: each user with the scope it works in, said in words, and who has failed to sign in as them from where. */
function listUsers(s: Services, throttle: LoginThrottle, selfId: number | null, rows = s.users.list()) {
  const names = new Map(s.registry.kecamatanList().map((k) => [k.code, k.name]));
  return rows.map((u) => {
    const rt = u.rtId ? s.registry.findRt(u.rtId) : undefined;
    const kel = u.kelurahanCode ? s.registry.findKelurahan(u.kelurahanCode) : undefined;
    const scope = rt
      ? `${granteeLabel(rt)} ${rt.kelurahanName}`
      : kel
        ? `Kelurahan ${kel.name}`
        : u.kecamatanCodes
          ? `Kecamatan ${(JSON.parse(u.kecamatanCodes) as string[]).map((c) => names.get(c) ?? c).join(', ')}`
          : 'Kota Semarang';
    const attempts = throttle.of(u.username, s.now().getTime());
    return { ...u, roleLabel: roleLabelOf(u.role, rt ?? null), scope, isSelf: u.id === selfId, locked: attempts.some((a) => a.lockedUntil), failedAttempts: attemptLines(attempts) };
  });
}

/** The choices of the new-user form, with what was chosen marked. */
function userFormOptions(s: Services, values: Record<string, string>, selectedKecamatan: readonly string[]) {
  return {
    roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], selected: values.role === r })),
    kelurahan: kelurahanOptions(s).map((k) => ({ ...k, selected: values.kelurahanCode === k.code })),
    kecamatan: s.registry.kecamatanList().map((k) => ({ code: k.code, name: k.name, checked: selectedKecamatan.includes(k.code) })),
  };
}

export function usersArea(s: Services, throttle: LoginThrottle) {
  return {
    ...bindTo(s, { formOptions: userFormOptions, create: createUser, resetPassword, setActive: setUserActive }),
    list: (selfId: number | null) => listUsers(s, throttle, selfId),
    /** The users page narrowed by a name, a role and a kelurahan (at most USERS_SHOWN rows, with the total and the filter's choices). */
    search(selfId: number | null, f: { text?: string; role?: string; kelurahanCode?: string }) {
      const { total, rows } = s.users.search({ ...f, limit: USERS_SHOWN });
      return {
        users: listUsers(s, throttle, selfId, rows),
        total,
        shown: rows.length,
        truncated: rows.length < total,
        roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], selected: f.role === r })),
        kelurahan: kelurahanOptions(s).map((k) => ({ ...k, selected: f.kelurahanCode === k.code })),
        filtered: !!(f.text || f.role || f.kelurahanCode),
      };
    },
  };
}
