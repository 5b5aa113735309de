/** Complaints (aduan warga): the rows, their steps and answers, and the form's per-address counts. */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { ComplaintRow, ComplaintScope, ComplaintStep, ComplaintStore, ComplaintTarget, NewComplaint, OverdueComplaintsOfRt } from '../app/ports';
import type { ComplaintTargetKind } from '../domain/complaints/complaint';
import type { Official } from '../domain/complaints/routing';
import type { Db } from './client';
import { complaintAttempts, complaints, kecamatan, kelurahan, rt, rw, users } from './schema';

type Target = { kind: ComplaintTargetKind; rtId: number | null; rwId: number };

const COLUMNS = {
  id: complaints.id,
  code: complaints.code,
  targetKind: complaints.targetKind,
  rtId: complaints.rtId,
  rwId: complaints.rwId,
  kelurahanCode: complaints.kelurahanCode,
  kecamatanCode: complaints.kecamatanCode,
  kind: complaints.kind,
  message: complaints.message,
  senderName: complaints.senderName,
  senderPhone: complaints.senderPhone,
  receivedAt: complaints.receivedAt,
  receivedOn: complaints.receivedOn,
  firstDeadlineOn: complaints.firstDeadlineOn,
  level: complaints.level,
  deadlineOn: complaints.deadlineOn,
  assignedUserId: complaints.assignedUserId,
  assignedRole: complaints.assignedRole,
  escalatedAt: complaints.escalatedAt,
  answer: complaints.answer,
  answeredAt: complaints.answeredAt,
  answeredOn: complaints.answeredOn,
  answeredByUserId: complaints.answeredByUserId,
  answeredByRole: complaints.answeredByRole,
  publishedAt: complaints.publishedAt,
};

const asRow = (r: Omit<ComplaintRow, 'level'> & { level: number }): ComplaintRow => ({ ...r, level: r.level as ComplaintRow['level'] });

/** The complaints of one target: an RT page's are the RT's, an RW page's the RW's. */
const ofTarget = (t: Target) =>
  t.kind === 'rt' ? and(eq(complaints.targetKind, 'rt'), eq(complaints.rtId, t.rtId ?? -1)) : and(eq(complaints.targetKind, 'rw'), eq(complaints.rwId, t.rwId));

export class ComplaintRepository implements ComplaintStore {
  constructor(private readonly db: Db) {}

  findTarget(kind: ComplaintTargetKind, id: number): ComplaintTarget | undefined {
    const area = { kelurahanCode: kelurahan.code, kelurahanName: kelurahan.name, kecamatanCode: kecamatan.code, kecamatanName: kecamatan.name };
    if (kind === 'rt') {
      const r = this.db.orm
        .select({ rtId: rt.id, rwId: rw.id, rwNumber: rw.number, rtNumber: rt.number, rtKind: rt.kind, ...area })
        .from(rt)
        .innerJoin(rw, eq(rw.id, rt.rwId))
        .innerJoin(kelurahan, eq(kelurahan.code, rt.kelurahanCode))
        .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
        .where(eq(rt.id, id))
        .get();
      if (!r) return undefined;
      const { rtKind, ...rest } = r;
      return { ...rest, kind: 'rt', rtNumber: rtKind === 'rw' ? null : r.rtNumber };
    }
    const r = this.db.orm
      .select({ rwId: rw.id, rwNumber: rw.number, ...area })
      .from(rw)
      .innerJoin(kelurahan, eq(kelurahan.code, rw.kelurahanCode))
      .innerJoin(kecamatan, eq(kecamatan.code, kelurahan.kecamatanCode))
      .where(eq(rw.id, id))
      .get();
    if (!r) return undefined;
    // The RW's own grantee row (number 0), when the RW takes the grant: its complaints count on it.
    const grantee = this.db.orm.select({ id: rt.id }).from(rt).where(and(eq(rt.rwId, id), eq(rt.kind, 'rw'), eq(rt.programme, 'OPS'))).get();
    return { ...r, kind: 'rw', rtId: grantee?.id ?? null, rtNumber: null };
  }

  insert(c: NewComplaint): number {
    return Number(this.db.orm.insert(complaints).values(c).run().lastInsertRowid);
  }

  find(id: number): ComplaintRow | undefined {
    const r = this.db.orm.select(COLUMNS).from(complaints).where(eq(complaints.id, id)).get();
    return r && asRow(r);
  }

  findByCode(code: string): ComplaintRow | undefined {
    const r = this.db.orm.select(COLUMNS).from(complaints).where(eq(complaints.code, code)).get();
    return r && asRow(r);
  }

  duplicateOf(messageKey: string, target: Target, sinceIso: string): ComplaintRow | undefined {
    const r = this.db.orm
      .select(COLUMNS)
      .from(complaints)
      .where(and(eq(complaints.messageKey, messageKey), gte(complaints.receivedAt, sinceIso), ofTarget(target)))
      .orderBy(asc(complaints.id))
      .limit(1)
      .get();
    return r && asRow(r);
  }

  countForTarget(target: Target, sinceIso: string): number {
    return this.db.orm.select({ n: sql<number>`count(*)` }).from(complaints).where(and(gte(complaints.receivedAt, sinceIso), ofTarget(target))).get()?.n ?? 0;
  }

  recordAttempt(addressKey: string, atIso: string): void {
    this.db.orm.insert(complaintAttempts).values({ addressKey, at: atIso }).run();
  }

  attemptsSince(addressKey: string, sinceIso: string): number {
    return this.db.orm.select({ n: sql<number>`count(*)` }).from(complaintAttempts).where(and(eq(complaintAttempts.addressKey, addressKey), gte(complaintAttempts.at, sinceIso))).get()?.n ?? 0;
  }

  pruneAttempts(beforeIso: string, limit: number): number {
    const ids = this.db.orm.select({ id: complaintAttempts.id }).from(complaintAttempts).where(lt(complaintAttempts.at, beforeIso)).limit(limit).all().map((r) => r.id);
    if (!ids.length) return 0;
    return this.db.orm.delete(complaintAttempts).where(inArray(complaintAttempts.id, ids)).run().changes;
  }

  inScope(scope: ComplaintScope, limit: number): ComplaintRow[] {
    const where = scope.kelurahanCode !== undefined ? eq(complaints.kelurahanCode, scope.kelurahanCode) : scope.kecamatanCodes !== undefined ? inArray(complaints.kecamatanCode, scope.kecamatanCodes) : undefined;
    return this.db.orm
      .select(COLUMNS)
      .from(complaints)
      .where(where)
      // Unanswered first, oldest deadline first; then the answered, newest first.
      .orderBy(sql`${complaints.answeredAt} is not null`, asc(sql`case when ${complaints.answeredAt} is null then ${complaints.firstDeadlineOn} end`), desc(complaints.answeredAt), asc(complaints.id))
      .limit(limit)
      .all()
      .map(asRow);
  }

  unansweredPastStepDeadline(date: string, limit: number): ComplaintRow[] {
    return this.db.orm
      .select(COLUMNS)
      .from(complaints)
      .where(and(isNull(complaints.answeredAt), lt(complaints.deadlineOn, date), lt(complaints.level, 2)))
      .orderBy(asc(complaints.deadlineOn), asc(complaints.id))
      .limit(limit)
      .all()
      .map(asRow);
  }

  setStep(id: number, step: ComplaintStep): void {
    this.db.orm.update(complaints).set(step).where(eq(complaints.id, id)).run();
  }

  setAnswer(id: number, a: { answer: string; answeredAt: string; answeredOn: string; answeredByUserId: number | null; answeredByRole: string; publishedAt: string }): void {
    this.db.orm.update(complaints).set(a).where(and(eq(complaints.id, id), isNull(complaints.answeredAt))).run();
  }

  published(target: { kind: ComplaintTargetKind; id: number }, limit: number): ComplaintRow[] {
    const t: Target = target.kind === 'rt' ? { kind: 'rt', rtId: target.id, rwId: -1 } : { kind: 'rw', rtId: null, rwId: target.id };
    return this.db.orm
      .select(COLUMNS)
      .from(complaints)
      .where(and(ofTarget(t), isNotNull(complaints.publishedAt)))
      .orderBy(desc(complaints.answeredAt), desc(complaints.id))
      .limit(limit)
      .all()
      .map(asRow);
  }

  officials(): Official[] {
    return this.db.orm
      .select({ id: users.id, username: users.username, role: users.role, kelurahanCode: users.kelurahanCode, kecamatanCodes: users.kecamatanCodes, active: users.active })
      .from(users)
      .where(inArray(users.role, ['lurah', 'bendahara', 'pengawas', 'admin']))
      .all()
      .map((u) => ({ ...u, kecamatanCodes: u.kecamatanCodes ? (JSON.parse(u.kecamatanCodes) as string[]) : null }));
  }

  overdueComplaintsByRt(asOf: string): OverdueComplaintsOfRt[] {
    return this.db.orm
      .select({ rtId: sql<number>`${complaints.rtId}`, count: sql<number>`count(*)`, oldestDeadline: sql<string>`min(${complaints.firstDeadlineOn})` })
      .from(complaints)
      .where(and(isNull(complaints.answeredAt), isNotNull(complaints.rtId), lt(complaints.firstDeadlineOn, asOf)))
      .groupBy(complaints.rtId)
      .orderBy(asc(complaints.rtId))
      .all();
  }
}
