/**
 * Sign-in, sessions and sign-out.
 *
 * - One message for an unknown user, a wrong password and an inactive user.
 * - Failures slow down (from the third) and lock the username for a while, for the client
 *   address that failed only (LoginThrottle): the owner elsewhere still signs in, and is told
 *   at that sign-in how many attempts came from which address; the admin sees the same on the
 *   users page and an `auth.address_locked` audit row. Every failure is in the audit log.
 *   Unknown usernames are throttled the same way, so the lockout does not reveal which exist.
 * - An attempt is counted BEFORE the password is checked (the check is slow and async), so
 *   guesses sent in parallel cannot all slip in under the limit; a success resets the count
 *   of its address, and an expired lock starts the count afresh.
 * - A session id is new at every sign-in; the table stores only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { RT_ROLES, roleLabelOf, SYSTEM_ACTOR, type Actor } from '../domain/access';
import { ERRORS, fail } from '../domain/errors';
import { toActor } from '../domain/access';
import type { UserRow } from './ports';
import type { AddressFailures, LoginThrottle } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './passwords';
import type { Services } from './services';

export const GENERIC_LOGIN_ERROR = ERRORS.login_failed.message;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SignInOk {
  token: string;
  user: UserRow;
}

export async function signIn(
  s: Services,
  cfg: Config,
  throttle: LoginThrottle,
  cmd: { username: string; password: string; ip: string | null },
): Promise<SignInOk> {
  const username = cmd.username.trim().toLowerCase();
  const now = s.now();
  const user = s.users.findByUsername(username);
  const anon: Actor = { ...SYSTEM_ACTOR, username: username.slice(0, 64) || '(kosong)', role: 'system' };
  const address = cmd.ip ?? '';

  const lockedUntil = throttle.claim(username, address, now.getTime());
  if (lockedUntil) {
    s.db.transaction(() =>
      s.audit.record(anon, cmd.ip, { action: 'auth.login_locked', targetType: 'user', targetId: user?.id ?? null }),
    );
    throw fail('login_locked', { until: lockedUntil });
  }

  const passwordOk = user
    ? await verifyPassword(cmd.password, user.passwordHash)
    : (await verifyPassword(cmd.password, await dummyPasswordHash()), false);

  if (!user || !passwordOk || !user.active) {
    const failures = recordFailure(s, throttle, user, username, cmd.ip, !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'inactive');
    if (failures >= 3 && cfg.loginDelayMs > 0) await sleep(Math.min(cfg.loginDelayMs * 2 ** (failures - 3), 5000));
    throw fail('login_failed');
  }

  const token = randomBytes(32).toString('base64url');
  // What other addresses tried, told once in the new session; reset only once the session exists.
  const elsewhere = throttle.of(username, now.getTime()).filter((a) => a.ip !== address);
  s.db.transaction(() => {
    s.users.recordSuccess(user.id);
    s.sessions.insert({
      idHash: hashToken(token),
      userId: user.id,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + cfg.sessionAbsoluteHours * 3600_000).toISOString(),
      flash: elsewhere.length ? JSON.stringify(attemptsNotice(elsewhere)) : null,
      ip: cmd.ip,
    });
    s.audit.record(toActor(user), cmd.ip, { action: 'auth.login', targetType: 'user', targetId: user.id });
  });
  throttle.succeeded(username, address);
  return { token, user };
}

/** Logs a failed attempt (already counted by LoginThrottle.claim) and returns how many have failed in a row. */
function recordFailure(s: Services, throttle: LoginThrottle, user: UserRow | undefined, username: string, ip: string | null, reason: string): number {
  const { failures, lockedUntil } = throttle.failuresOf(username, ip ?? '');
  const actor = { ...SYSTEM_ACTOR, username: username.slice(0, 64) || '(kosong)' };
  s.db.transaction(() => {
    s.audit.record(actor, ip, { action: 'auth.login_failed', targetType: 'user', targetId: user?.id ?? null, after: { reason, failures } });
    // The admin's record of a lock (the user hears of it at their next sign-in).
    if (lockedUntil && user) {
      s.audit.record(actor, ip, { action: 'auth.address_locked', targetType: 'user', targetId: user.id, after: { failures, until: lockedUntil.toISOString() } });
    }
  });
  return failures;
}

const jam = (d: Date) => d.toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit' });

/** "N percobaan gagal dari alamat X", one line per address: shown to the user and the admin. */
export function attemptLines(list: AddressFailures[]): string[] {
  return list.map((a) => `${a.attempts} percobaan gagal dari alamat ${a.ip || '(tidak diketahui)'}${a.lockedUntil ? ` (alamat itu dikunci sampai pukul ${jam(a.lockedUntil)} WIB)` : ''}`);
}

function attemptsNotice(list: AddressFailures[]): NonNullable<LoadedSession['flash']> {
  return {
    type: 'error',
    message: 'Perhatian: sejak Anda terakhir masuk ada percobaan masuk yang gagal ke akun Anda dari alamat lain. Jika itu bukan Anda, segera ganti kata sandi.',
    items: attemptLines(list).map((message) => ({ ok: false, message })),
  };
}

export interface LoadedSession {
  idHash: string;
  user: UserRow;
  actor: Actor;
  /** How the header names the user's role ("Ketua RW" for an RW grantee's chair, "Ketua PKK RT" for a PKK group's). */
  roleLabel: string;
  csrfToken: string;
  flash: { type: 'success' | 'error' | 'info'; message: string; items?: Array<{ ok: boolean; message: string }> } | null;
}

/** Loads a live session from its cookie token, ending it if it has expired or its user is inactive. */
export function loadSession(s: Services, cfg: Config, token: string): LoadedSession | null {
  const idHash = hashToken(token);
  const found = s.sessions.findWithUser(idHash);
  if (!found) return null;
  const { session: row, user } = found;
  const now = s.now();
  const idleDeadline = new Date(row.lastSeenAt).getTime() + cfg.sessionIdleMinutes * 60_000;
  if (new Date(row.expiresAt) <= now || idleDeadline <= now.getTime() || !user || !user.active) {
    s.sessions.delete(idHash);
    return null;
  }
  // Write the last-seen time at most once a minute: reads stay reads.
  if (now.getTime() - new Date(row.lastSeenAt).getTime() > 60_000) s.sessions.touch(idHash, now.toISOString());
  // The one-time message is read here and cleared only when a page shows it (create-app.ts):
  // an evidence photo or an asset fetched meanwhile must not swallow it.
  const flash = row.flash ? (JSON.parse(row.flash) as LoadedSession['flash']) : null;
  // An RW grantee's and a PKK group's officers are named as such (their role is the RT officers').
  const grantee = user.rtId !== null && RT_ROLES.includes(user.role) ? (s.registry.findRt(user.rtId) ?? null) : null;
  return { idHash, user, actor: toActor(user), csrfToken: row.csrfToken, flash, roleLabel: roleLabelOf(user.role, grantee) };
}

export function signOut(s: Services, session: LoadedSession, ip: string | null): void {
  s.db.transaction(() => {
    s.sessions.delete(session.idHash);
    s.audit.record(session.actor, ip, { action: 'auth.logout', targetType: 'user', targetId: session.user.id });
  });
}
