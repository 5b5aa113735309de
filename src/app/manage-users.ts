/** The admin's user management, and a user's own password change. */
import { randomBytes } from 'node:crypto';
import { authorize, type Actor, type Role } from '../domain/access';
import { fail } from '../domain/errors';
import { RW_GRANTEE_NUMBER } from '../domain/registry/rows';
import { toActor } from '../domain/access';
import { passwordSha256, userScopeOf, userStateOf } from '../domain/audit/audited-state';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords';
import type { Services } from './services';
import { recordPasswordIssue } from './password-issues';

export interface CreateUserCommand {
  username: string;
  displayName: string;
  role: Role;
  kelurahanCode: string | null;
  rtId: number | null;
  kecamatanCodes: string[] | null;
  password: string;
  mustChangePassword: boolean;
  /** A civil servant's NIP (18 digits): the lurah, the camat, the kelurahan treasurer. */
  nip?: string | null;
  /** An RT officer may be named by RW and RT number inside kelurahanCode instead of rtId. */
  rwNumber?: number | null;
  rtNumber?: number | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export async function createUser(s: Services, actor: Actor, cmd: CreateUserCommand, ip: string | null = null) {
  if (actor.role !== 'system') authorize(actor, 'user.manage');
  if (!USERNAME.test(cmd.username)) {
    throw fail('username_invalid', undefined, {
      username: '3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.',
    });
  }
  checkNewPassword(cmd.password, cmd.username, 'password');
  const scope = checkScope(s, cmd);
  const nip = cmd.nip?.trim() || null;
  if (nip !== null && !/^\d{18}$/.test(nip)) throw fail('nip_invalid', undefined, { nip: 'NIP terdiri dari 18 angka.' });
  const passwordHash = await hashPassword(cmd.password);
  return s.db.transaction(() => {
    if (s.users.findByUsername(cmd.username)) {
      throw fail('username_taken', undefined, { username: 'Sudah dipakai; pilih nama lain.' });
    }
    const id = s.users.insert({ ...cmd, ...scope, nip, passwordHash }, s.now());
    recordUserCreated(s, actor, ip, id);
    // A password the user must change is a temporary one: its issuer is barred from the RT's decisions.
    if (cmd.mustChangePassword) recordPasswordIssue(s, actor, { id, rtId: scope.rtId }, 'create');
    return id;
  });
}

/**
 * The audit row of a user just inserted (in the caller's transaction), with the state the row
 * holds: username, role, scope, active and the SHA-256 of the password hash (never the hash).
 * The seed's and the benchmark's direct inserts write it too.
 */
export function recordUserCreated(s: Pick<Services, 'users' | 'audit'>, actor: Actor, ip: string | null, id: number): void {
  const u = s.users.findById(id)!;
  s.audit.record(actor, ip, {
    action: 'user.create',
    targetType: 'user',
    targetId: id,
    kelurahanCode: u.kelurahanCode,
    after: { displayName: u.displayName, nip: u.nip, ...userStateOf(u), mustChangePassword: u.mustChangePassword },
  });
}

function checkScope(s: Services, cmd: Pick<CreateUserCommand, 'role' | 'kelurahanCode' | 'rtId' | 'kecamatanCodes' | 'rwNumber' | 'rtNumber'>) {
  if (cmd.role === 'bendahara' || cmd.role === 'lurah') {
    if (!cmd.kelurahanCode || !s.registry.kelurahanExists(cmd.kelurahanCode)) {
      throw fail('scope_invalid', undefined, { kelurahanCode: 'Pilih kelurahan yang ada.' });
    }
    return { kelurahanCode: cmd.kelurahanCode, rtId: null, kecamatanCodes: null };
  }
  if (cmd.role === 'ketua_rt' || cmd.role === 'sekretaris_rt' || cmd.role === 'bendahara_rt') {
    const rt = cmd.rtId
      ? s.registry.findRt(cmd.rtId)
      : cmd.kelurahanCode && cmd.rwNumber && cmd.rtNumber != null
        ? s.registry.findRtByNumbers(cmd.kelurahanCode, cmd.rwNumber, cmd.rtNumber)
        : undefined;
    if (!rt && cmd.rwNumber && cmd.rtNumber != null) {
      throw fail('rt_unknown', undefined, {
        rtNumber: cmd.rtNumber === RW_GRANTEE_NUMBER ? 'RW ini bukan penerima dana RW di kelurahan ini: isi nomor RT.' : 'RT tidak ditemukan di kelurahan dan RW ini.',
      });
    }
    if (!rt) throw fail('scope_invalid', undefined, { rtId: 'Pilih RT yang ada.' });
    return { kelurahanCode: rt.kelurahanCode, rtId: rt.id, kecamatanCodes: null };
  }
  if (cmd.role === 'camat') {
    // A camat knows for exactly one kecamatan.
    const code = cmd.kecamatanCodes?.length === 1 ? cmd.kecamatanCodes[0]! : '';
    if (!s.registry.kecamatanCodes().includes(code)) throw fail('scope_invalid', undefined, { kecamatanCodes: 'Pilih tepat satu kecamatan untuk camat.' });
    return { kelurahanCode: null, rtId: null, kecamatanCodes: [code] };
  }
  if ((cmd.role === 'auditor' || cmd.role === 'pengawas') && cmd.kecamatanCodes?.length) {
    const known = new Set(s.registry.kecamatanCodes());
    if (cmd.kecamatanCodes.some((c) => !known.has(c))) {
      throw fail('scope_invalid', undefined, { kecamatanCodes: 'Pilih kecamatan yang ada.' });
    }
    return { kelurahanCode: null, rtId: null, kecamatanCodes: cmd.kecamatanCodes };
  }
  return { kelurahanCode: null, rtId: null, kecamatanCodes: null };
}

/** The admin sets a temporary password; the user must change it at the next sign-in. */
export async function resetPassword(s: Services, actor: Actor, userId: number, ip: string | null = null) {
  authorize(actor, 'user.manage');
  const user = s.users.findById(userId);
  if (!user) throw fail('user_not_found');
  if (user.id === actor.userId) {
    throw fail('cannot_reset_self');
  }
  const temporary = `${randomBytes(9).toString('base64url')}`;
  const hash = await hashPassword(temporary);
  s.db.transaction(() => {
    s.users.setPassword(user.id, hash, true);
    s.sessions.deleteForUser(user.id);
    s.audit.record(actor, ip, {
      action: 'user.reset_password',
      targetType: 'user',
      targetId: user.id,
      kelurahanCode: user.kelurahanCode,
      after: { passwordSha256: passwordSha256(hash), mustChangePassword: true, rtId: user.rtId },
    });
    recordPasswordIssue(s, actor, user, 'reset');
  });
  return { username: user.username, temporary };
}

export function setUserActive(s: Services, actor: Actor, userId: number, active: boolean, ip: string | null = null) {
  authorize(actor, 'user.manage');
  const user = s.users.findById(userId);
  if (!user) throw fail('user_not_found');
  if (user.id === actor.userId && !active) throw fail('cannot_deactivate_self');
  s.db.transaction(() => {
    s.users.setActive(user.id, active);
    // A deactivated user's sessions end at once.
    const ended = active ? 0 : s.sessions.deleteForUser(user.id);
    s.audit.record(actor, ip, {
      action: active ? 'user.activate' : 'user.deactivate',
      targetType: 'user',
      targetId: user.id,
      kelurahanCode: user.kelurahanCode,
      before: { active: user.active },
      after: { active, sessionsEnded: ended },
    });
  });
  return user.username;
}

/** Changes the user's own password and ends their other sessions (the current one stays). */
export async function changePassword(
  s: Services,
  actor: Actor,
  cmd: { currentPassword: string; newPassword: string; confirmPassword: string; currentSessionIdHash: string },
  ip: string | null = null,
) {
  if (actor.userId === null) throw fail('forbidden_role');
  const user = s.users.findById(actor.userId);
  if (!user) throw fail('user_not_found');
  if (!(await verifyPassword(cmd.currentPassword, user.passwordHash))) {
    throw fail('current_password_wrong', undefined, { currentPassword: 'Kata sandi lama salah.' });
  }
  if (cmd.newPassword !== cmd.confirmPassword) {
    throw fail('password_mismatch', undefined, { confirmPassword: 'Tidak sama dengan kata sandi baru.' });
  }
  if (cmd.newPassword === cmd.currentPassword) {
    throw fail('password_unchanged', undefined, { newPassword: 'Harus berbeda dari yang lama.' });
  }
  checkNewPassword(cmd.newPassword, user.username);
  const hash = await hashPassword(cmd.newPassword);
  s.db.transaction(() => {
    s.users.setPassword(user.id, hash, false);
    const ended = s.sessions.deleteForUserExcept(user.id, cmd.currentSessionIdHash);
    s.audit.record(toActor(user), ip, {
      action: 'user.change_password',
      targetType: 'user',
      targetId: user.id,
      after: { otherSessionsEnded: ended, passwordSha256: passwordSha256(hash), mustChangePassword: false },
    });
  });
}

export interface ChangeScopeCommand {
  role: Role;
  kelurahanCode: string | null;
  rtId: number | null;
  kecamatanCodes: string[] | null;
}

/**
 * The admin changes a user's role or scope (a chair moved to another RT, an auditor given more
 * kecamatan). The user's sessions end, so the next request runs under the new scope.
 */
export function changeUserScope(s: Services, actor: Actor, userId: number, cmd: ChangeScopeCommand, ip: string | null = null) {
  authorize(actor, 'user.manage');
  const user = s.users.findById(userId);
  if (!user) throw fail('user_not_found');
  const scope = checkScope(s, cmd);
  const before = userScopeOf(user);
  const after = userScopeOf({ role: cmd.role, ...scope });
  if (JSON.stringify(before) === JSON.stringify(after)) return user.username;
  s.db.transaction(() => {
    s.users.setScope(user.id, { role: cmd.role, ...scope });
    const ended = s.sessions.deleteForUser(user.id);
    s.audit.record(actor, ip, {
      action: 'user.change_scope',
      targetType: 'user',
      targetId: user.id,
      kelurahanCode: scope.kelurahanCode ?? user.kelurahanCode,
      before,
      after: { ...after, sessionsEnded: ended },
    });
  });
  return user.username;
}
