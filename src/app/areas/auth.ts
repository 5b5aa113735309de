/** Sign-in, sessions and their one-time messages (flash). */
import type { Config } from '../../config';
import { changePassword } from '../manage-users';
import type { LoginThrottle } from '../login-throttle';
import type { Services } from '../services';
import { loadSession, signIn, signOut, type LoadedSession } from '../sign-in';
import { bindTo } from './bind';

export type Flash = NonNullable<LoadedSession['flash']>;

export function authArea(s: Services, cfg: Config, throttle: LoginThrottle) {
  return {
    ...bindTo(s, { signOut, changePassword }),
    /** Signs in; an earlier session of this browser is ended (a new session id at every sign-in). */
    async signIn(cmd: { username: string; password: string; ip: string | null }, previousSessionIdHash?: string) {
      const ok = await signIn(s, cfg, throttle, cmd);
      if (previousSessionIdHash) s.sessions.delete(previousSessionIdHash);
      return ok;
    },
    loadSession: (token: string) => loadSession(s, cfg, token),
    setFlash: (sessionIdHash: string, flash: Flash) => s.sessions.setFlash(sessionIdHash, JSON.stringify(flash)),
    clearFlash: (sessionIdHash: string) => s.sessions.setFlash(sessionIdHash, null),
    deleteExpiredSessions: () => s.sessions.deleteExpired(s.now().toISOString()),
  };
}
