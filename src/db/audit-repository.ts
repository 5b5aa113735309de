/** The audit log: append-only (triggers), written inside the transaction of the change. */
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AuditFilter, AuditRecord, AuditStore } from '../app/ports';
import type { Actor } from '../domain/access';
import type { Db } from './client';
import { auditLog } from './schema';

export type { AuditFilter, AuditRecord } from '../app/ports';

export class AuditRepository implements AuditStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(actor: Actor, ip: string | null, r: AuditRecord, at = this.now()): void {
    this.db
      .prepare(
        `INSERT INTO audit_log (at, actor_user_id, actor_name, actor_role, action, target_type, target_id, kelurahan_code, kecamatan_code, summary, ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        at.toISOString(),
        actor.userId,
        actor.username,
        actor.role,
        r.action,
        r.targetType,
        r.targetId === undefined || r.targetId === null ? null : String(r.targetId),
        r.kelurahanCode ?? null,
        r.kecamatanCode ?? (r.kelurahanCode ? r.kelurahanCode.slice(0, 7) : null),
        JSON.stringify({ before: r.before ?? null, after: r.after ?? null }),
        ip,
      );
  }

  list(f: AuditFilter) {
    const where: SQL[] = [];
    if (f.actor) where.push(eq(auditLog.actorName, f.actor));
    if (f.action) where.push(eq(auditLog.action, f.action));
    if (f.kelurahanCode) where.push(eq(auditLog.kelurahanCode, f.kelurahanCode));
    if (f.from) where.push(gte(auditLog.at, f.from));
    if (f.to) where.push(lt(auditLog.at, f.to));
    if (f.kecamatanCodes) where.push(inArray(auditLog.kecamatanCode, f.kecamatanCodes));
    const cond = where.length ? and(...where) : undefined;
    const total = this.db.orm.select({ n: sql<number>`count(*)` }).from(auditLog).where(cond).get()?.n ?? 0;
    const rows = this.db.orm
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .all();
    return { total, rows };
  }

  /** The history of some records (plans, tranches), oldest first. */
  forTargets(targetType: string, ids: Array<number | string>) {
    if (ids.length === 0) return [];
    return this.db.orm
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, targetType), inArray(auditLog.targetId, ids.map(String))))
      .orderBy(auditLog.id)
      .all();
  }

  actions(): string[] {
    return this.db.orm
      .selectDistinct({ action: auditLog.action })
      .from(auditLog)
      .orderBy(auditLog.action)
      .all()
      .map((r) => r.action);
  }

  count(action?: string): number {
    return (
      this.db.orm
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .where(action ? eq(auditLog.action, action) : undefined)
        .get()?.n ?? 0
    );
  }
}
