/**
 * Sign-in, sessions and sign-out.
 *
 * - One message for an unknown user, a wrong password and an inactive user.
 * - Failures slow down (from the third) and lock the username for a while; every failure
 *   is in the audit log. Unknown usernames are throttled the same way (in memory), so the
 *   lockout does not reveal which usernames exist.
 * - An attempt is counted BEFORE the password is checked (the check is slow and async), so
 *   guesses sent in parallel cannot all slip in under the limit; a success resets the count,
 *   and an expired lock starts the count afresh.
 * - A session id is new at every sign-in; the table stores only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config';
import { SYSTEM_ACTOR, type Actor } from '../domain/access';
import { ERRORS, fail } from '../domain/errors';
import { toActor } from '../domain/access';
import type { UserRow } from './ports';
import { dummyPasswordHash, verifyPassword } from './passwords';
import type { Services } from './services';

export const GENERIC_LOGIN_ERROR = ERRORS.login_failed.message;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const unknownFailures = new Map<string, { count: number; lockedUntil: number | null }>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SignInOk {
  token: string;
  user: UserRow;
}

export async function signIn(
  s: Services,
  cfg: Config,
  cmd: { username: string; password: string; ip: string | null },
): Promise<SignInOk> {
  const username = cmd.username.trim().toLowerCase();
  const now = s.now();
  const user = s.users.findByUsername(username);
  const anon: Actor = { ...SYSTEM_ACTOR, username: username.slice(0, 64) || '(kosong)', role: 'system' };

  const lockedUntil = claimAttempt(s, cfg, user?.id ?? null, username);
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
    const failures = recordFailure(s, user, username, cmd.ip, !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'inactive');
    if (failures >= 3 && cfg.loginDelayMs > 0) await sleep(Math.min(cfg.loginDelayMs * 2 ** (failures - 3), 5000));
    throw fail('login_failed');
  }

  const token = randomBytes(32).toString('base64url');
  s.db.transaction(() => {
    s.users.recordSuccess(user.id);
    s.sessions.insert({
      idHash: hashToken(token),
      userId: user.id,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + cfg.sessionAbsoluteHours * 3600_000).toISOString(),
      flash: null,
      ip: cmd.ip,
    });
    s.audit.record(toActor(user), cmd.ip, { action: 'auth.login', targetType: 'user', targetId: user.id });
  });
  return { token, user };
}

/**
 * Counts an attempt before its password is checked. Returns the lock's end if the username
 * is locked (and the attempt is refused), else null. Synchronous: attempts are serialised.
 */
function claimAttempt(s: Services, cfg: Config, userId: number | null, username: string): Date | null {
  const now = s.now().getTime();
  const lockFor = (attempts: number) => (attempts >= cfg.loginLockAfter ? now + cfg.loginLockMinutes * 60_000 : null);
  if (userId === null) {
    if (unknownFailures.size > 10_000) unknownFailures.clear();
    const u = unknownFailures.get(username) ?? { count: 0, lockedUntil: null };
    if (u.lockedUntil !== null && u.lockedUntil > now) return new Date(u.lockedUntil);
    if (u.lockedUntil !== null) u.count = 0; // the lock expired: start afresh
    u.count += 1;
    u.lockedUntil = lockFor(u.count);
    unknownFailures.set(username, u);
    return null;
  }
  return s.db.transaction(() => {
    const user = s.users.findById(userId)!;
    const locked = user.lockedUntil ? new Date(user.lockedUntil).getTime() : null;
    if (locked !== null && locked > now) return new Date(locked);
    const attempts = (locked !== null ? 0 : user.failedLogins) + 1;
    const until = lockFor(attempts);
    s.users.setAttempts(user.id, attempts, until === null ? null : new Date(until).toISOString());
    return null;
  });
}

/** Logs a failed attempt (already counted by claimAttempt) and returns how many have failed in a row. */
function recordFailure(s: Services, user: UserRow | undefined, username: string, ip: string | null, reason: string): number {
  const failures = user ? (s.users.findById(user.id)?.failedLogins ?? 1) : (unknownFailures.get(username)?.count ?? 1);
  s.db.transaction(() =>
    s.audit.record({ ...SYSTEM_ACTOR, username: username.slice(0, 64) || '(kosong)' }, ip, {
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: user?.id ?? null,
      after: { reason, failures },
    }),
  );
  return failures;
}

export interface LoadedSession {
  idHash: string;
  user: UserRow;
  actor: Actor;
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
  let flash: LoadedSession['flash'] = null;
  if (row.flash) {
    flash = JSON.parse(row.flash) as LoadedSession['flash'];
    s.sessions.setFlash(idHash, null);
  }
  return { idHash, user, actor: toActor(user), csrfToken: row.csrfToken, flash };
}

export function signOut(s: Services, session: LoadedSession, ip: string | null): void {
  s.db.transaction(() => {
    s.sessions.delete(session.idHash);
    s.audit.record(session.actor, ip, { action: 'auth.logout', targetType: 'user', targetId: session.user.id });
  });
}
