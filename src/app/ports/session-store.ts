/** Server-side sessions (they survive a restart); the cookie holds a token, the store its hash. */
import type { UserRow } from './user-store';

export interface SessionRow {
  /** SHA-256 of the cookie value: a stolen database does not yield live cookies. */
  idHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  flash: string | null;
  ip: string | null;
}

/** A session and its user (null if the user row is gone). */
export interface SessionWithUser {
  session: SessionRow;
  user: UserRow | null;
}

export interface SessionStore {
  /** A session and its user in one read (every signed-in request asks). */
  findWithUser(idHash: string): SessionWithUser | undefined;
  insert(row: SessionRow): void;
  touch(idHash: string, lastSeenAt: string): void;
  setFlash(idHash: string, flash: string | null): void;
  delete(idHash: string): void;
  /** Ends every session of a user; returns how many. */
  deleteForUser(userId: number): number;
  /** Ends every session of a user but one; returns how many. */
  deleteForUserExcept(userId: number, keepIdHash: string): number;
  deleteExpired(nowIso: string): number;
}
