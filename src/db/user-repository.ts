/** Users: credentials, role and scope, lockout counters. */
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { NewUser, UserRow, UserSearch, UserStore } from '../app/ports';
import type { Actor, Role } from '../domain/access';
import type { Db } from './client';
import { users } from './schema';

export type { NewUser, UserRow } from '../app/ports';

/** Kept here too for callers that read users straight from the database (tests, scripts). */
export { toActor } from '../domain/access';

export class UserRepository implements UserStore {
  constructor(private readonly db: Db) {}

  findByUsername(username: string): UserRow | undefined {
    return this.db.orm.select().from(users).where(eq(users.username, username)).get();
  }

  findById(id: number): UserRow | undefined {
    return this.db.orm.select().from(users).where(eq(users.id, id)).get();
  }

  insert(u: NewUser, now: Date): number {
    return Number(
      this.db.orm
        .insert(users)
        .values({
          ...u,
          kecamatanCodes: u.kecamatanCodes ? JSON.stringify(u.kecamatanCodes) : null,
          createdAt: now.toISOString(),
        })
        .run().lastInsertRowid,
    );
  }

  /** The active treasurer of a kelurahan (the LPJ's signatory), first by username. */
  bendaharaOf(kelurahanCode: string): UserRow | undefined {
    return this.db.orm
      .select()
      .from(users)
      .where(and(eq(users.role, 'bendahara'), eq(users.kelurahanCode, kelurahanCode), eq(users.active, true)))
      .orderBy(asc(users.username))
      .get();
  }

  list(): UserRow[] {
    return this.db.orm.select().from(users).orderBy(asc(users.role), asc(users.username)).all();
  }

  search(f: UserSearch): { total: number; rows: UserRow[] } {
    // A name matches its username or display name anywhere ("%" and "_" typed are taken literally).
    const like = f.text ? `%${f.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const cond = and(
      f.role ? eq(users.role, f.role as UserRow['role']) : undefined,
      f.kelurahanCode ? eq(users.kelurahanCode, f.kelurahanCode) : undefined,
      like ? or(sql`lower(${users.username}) LIKE ${like} ESCAPE '\\'`, sql`lower(${users.displayName}) LIKE ${like} ESCAPE '\\'`) : undefined,
    );
    const total = this.db.orm.select({ n: sql<number>`count(*)` }).from(users).where(cond).get()?.n ?? 0;
    const rows = this.db.orm.select().from(users).where(cond).orderBy(asc(users.role), asc(users.username)).limit(f.limit).all();
    return { total, rows };
  }

  recordSuccess(id: number): void {
    this.db.orm.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id)).run();
  }

  setPassword(id: number, passwordHash: string, mustChangePassword: boolean): void {
    this.db.orm
      .update(users)
      .set({ passwordHash, mustChangePassword, failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, id))
      .run();
  }

  setActive(id: number, active: boolean): void {
    this.db.orm.update(users).set({ active }).where(eq(users.id, id)).run();
  }

  setScope(id: number, scope: { role: Role; kelurahanCode: string | null; rtId: number | null; kecamatanCodes: string[] | null }): void {
    this.db.orm
      .update(users)
      .set({ role: scope.role, kelurahanCode: scope.kelurahanCode, rtId: scope.rtId, kecamatanCodes: scope.kecamatanCodes ? JSON.stringify(scope.kecamatanCodes) : null })
      .where(eq(users.id, id))
      .run();
  }

  count(): number {
    return this.db.orm.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
  }
}
