/** Server-side sessions (they survive a restart); the cookie holds a token, the table its hash. */
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { SessionRow, SessionStore } from '../app/ports';
import type { Db } from './client';
import { sessions, users } from './schema';

export type { SessionRow } from '../app/ports';

export class SessionRepository implements SessionStore {
  // Every signed-in request reads its session and user, and most forms leave a flash: compiled once.
  private readonly withUserByHash;
  private readonly flashByHash;

  constructor(private readonly db: Db) {
    this.withUserByHash = db.orm
      .select({ session: sessions, user: users })
      .from(sessions)
      .leftJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.idHash, sql.placeholder('idHash')))
      .prepare();
    this.flashByHash = db.orm.update(sessions).set({ flash: sql`${sql.placeholder('flash')}` }).where(eq(sessions.idHash, sql.placeholder('idHash'))).prepare();
  }

  /** A session and its user in one statement (every signed-in request asks). */
  findWithUser(idHash: string) {
    return this.withUserByHash.get({ idHash });
  }

  insert(row: SessionRow): void {
    this.db.orm.insert(sessions).values(row).run();
  }

  touch(idHash: string, lastSeenAt: string): void {
    this.db.orm.update(sessions).set({ lastSeenAt }).where(eq(sessions.idHash, idHash)).run();
  }

  setFlash(idHash: string, flash: string | null): void {
    this.flashByHash.run({ flash, idHash });
  }

  delete(idHash: string): void {
    this.db.orm.delete(sessions).where(eq(sessions.idHash, idHash)).run();
  }

  deleteForUser(userId: number): number {
    return this.db.orm.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
  }

  deleteForUserExcept(userId: number, keepIdHash: string): number {
    return this.db.orm.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash))).run().changes;
  }

  deleteExpired(nowIso: string): number {
    return this.db.orm.delete(sessions).where(lt(sessions.expiresAt, nowIso)).run().changes;
  }
}
