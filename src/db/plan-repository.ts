/** Annual plans (RAP) and their lines. */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PlanDocumentRow, PlanDossierFacts, PlanRow, PlanStore } from '../app/ports';
import type { PlanLine, PlanStatus } from '../domain/grants/plan';
import { dossierCounts } from '../domain/grants/dossier';
import type { Db } from './client';
import { planDocuments, planLines, plans, rt, rw } from './schema';

export type { PlanRow } from '../app/ports';

export class PlanRepository implements PlanStore {
  /** The treasurer's queue asks for submitted plans on every load: compiled once (building the query cost more than running it). */
  private readonly submitted;

  constructor(private readonly db: Db) {
    this.submitted = { anyYear: this.buildSubmitted(false), inYear: this.buildSubmitted(true) };
  }

  /** Every version of an RT's plan for a year, newest first. */
  versions(rtId: number, year: number): PlanRow[] {
    return this.db.orm.select().from(plans).where(and(eq(plans.rtId, rtId), eq(plans.year, year))).orderBy(desc(plans.version)).all();
  }

  find(id: number): PlanRow | undefined {
    return this.db.orm.select().from(plans).where(eq(plans.id, id)).get();
  }

  lines(planId: number): PlanLine[] {
    return this.db.orm
      .select({ category: planLines.category, description: planLines.description, amount: planLines.amount })
      .from(planLines)
      .where(eq(planLines.planId, planId))
      .orderBy(asc(planLines.id))
      .all();
  }

  insert(row: { rtId: number; year: number; version: number; status: PlanStatus; now: string }): number {
    return Number(
      this.db.orm
        .insert(plans)
        .values({ rtId: row.rtId, year: row.year, version: row.version, status: row.status, createdAt: row.now, updatedAt: row.now })
        .run().lastInsertRowid,
    );
  }

  /** Replaces the lines of a plan that is still a draft or returned (never of a submitted or approved one). */
  replaceLines(planId: number, lines: readonly PlanLine[], now: string): void {
    this.db.orm.delete(planLines).where(eq(planLines.planId, planId)).run();
    if (lines.length) this.db.orm.insert(planLines).values(lines.map((l) => ({ ...l, planId }))).run();
    const total = lines.reduce((a, l) => a + l.amount, 0);
    this.db.orm.update(plans).set({ total, updatedAt: now }).where(eq(plans.id, planId)).run();
  }

  update(id: number, fields: Partial<Omit<PlanRow, 'id' | 'rtId' | 'year' | 'version'>>): void {
    this.db.orm.update(plans).set(fields).where(eq(plans.id, id)).run();
  }

  /** The approved plan of an RT for a year, if any. */
  approved(rtId: number, year: number): PlanRow | undefined {
    return this.db.orm
      .select()
      .from(plans)
      .where(and(eq(plans.rtId, rtId), eq(plans.year, year), eq(plans.status, 'approved')))
      .get();
  }

  /** The approved plan of every RT of a kelurahan in a year (one query for a whole LPJ). */
  approvedOfKelurahan(kelurahanCode: string, year: number): Map<number, { total: number; decidedAt: string | null }> {
    const rows = this.db
      .prepare(
        `SELECT p.rt_id AS rtId, p.total, p.decided_at AS decidedAt FROM rt CROSS JOIN plans p ON p.rt_id = rt.id
         WHERE rt.kelurahan_code = ? AND p.year = ? AND p.status = 'approved'`,
      )
      .all(kelurahanCode, year) as Array<{ rtId: number; total: number; decidedAt: string | null }>;
    return new Map(rows.map((r) => [r.rtId, { total: r.total, decidedAt: r.decidedAt }]));
  }

  /** Submitted plans of a kelurahan (the bendahara's queue), oldest first. */
  submittedOfKelurahan(kelurahanCode: string, year?: number) {
    return (year === undefined ? this.submitted.anyYear : this.submitted.inYear).all({ kel: kelurahanCode, year });
  }

  private buildSubmitted(withYear: boolean) {
    return this.db.orm
      .select({ plan: plans, rtNumber: rt.number, rwNumber: rw.number })
      .from(plans)
      .innerJoin(rt, eq(rt.id, plans.rtId))
      .innerJoin(rw, eq(rw.id, rt.rwId))
      .where(and(eq(rt.kelurahanCode, sql.placeholder('kel')), eq(plans.status, 'submitted'), withYear ? eq(plans.year, sql.placeholder('year')) : undefined))
      .orderBy(asc(plans.submittedAt))
      .prepare();
  }

  /** Planned amount per category of the RT's approved plan. */
  plannedByCategory(rtId: number, year: number): Map<string, number> {
    const rows = this.db.prepare(
        `SELECT l.category, SUM(l.amount) AS amount FROM plan_lines l JOIN plans p ON p.id = l.plan_id
         WHERE p.rt_id = ? AND p.year = ? AND p.status = 'approved' GROUP BY l.category`,
      )
      .all(rtId, year) as Array<{ category: string; amount: number }>;
    return new Map(rows.map((r) => [r.category, r.amount]));
  }

  approvedLines(rtId: number, year: number): Map<string, number> | null {
    const rows = this.db
      .prepare(
        `SELECT l.category, SUM(l.amount) AS amount FROM plans p LEFT JOIN plan_lines l ON l.plan_id = p.id
         WHERE p.rt_id = ? AND p.year = ? AND p.status = 'approved' GROUP BY l.category`,
      )
      .all(rtId, year) as Array<{ category: string | null; amount: number | null }>;
    if (rows.length === 0) return null;
    return new Map(rows.filter((r) => r.category !== null).map((r) => [r.category!, r.amount ?? 0]));
  }

  /** Latest plan status per RT of a kelurahan. */
  latestStatusOfKelurahan(kelurahanCode: string, year: number): Map<number, PlanStatus> {
    const rows = this.db.prepare(
        `SELECT p.rt_id AS rtId, p.status FROM plans p JOIN rt t ON t.id = p.rt_id
         WHERE t.kelurahan_code = ? AND p.year = ? AND p.version = (SELECT MAX(version) FROM plans q WHERE q.rt_id = p.rt_id AND q.year = p.year)`,
      )
      .all(kelurahanCode, year) as Array<{ rtId: number; status: PlanStatus }>;
    return new Map(rows.map((r) => [r.rtId, r.status]));
  }

  countPending(year: number, kelurahanCodes: string[] | null): number {
    return (
      this.db.orm
        .select({ n: sql<number>`count(*)` })
        .from(plans)
        .innerJoin(rt, eq(rt.id, plans.rtId))
        .where(and(eq(plans.year, year), eq(plans.status, 'submitted'), kelurahanCodes ? inArray(rt.kelurahanCode, kelurahanCodes) : undefined))
        .get()?.n ?? 0
    );
  }

  referencesFile(sha256: string): Array<{ rtId: number }> {
    return this.db
      .prepare(
        `SELECT rt_id AS rtId FROM plans WHERE berita_acara_sha256 = ?
         UNION SELECT p.rt_id FROM plan_documents d JOIN plans p ON p.id = d.plan_id WHERE d.sha256 = ?`,
      )
      .all(sha256, sha256) as Array<{ rtId: number }>;
  }

  documents(planId: number): PlanDocumentRow[] {
    return this.db.orm
      .select()
      .from(planDocuments)
      .where(and(eq(planDocuments.planId, planId), isNull(planDocuments.withdrawnAt)))
      .orderBy(asc(planDocuments.id))
      .all();
  }

  findDocument(id: number): PlanDocumentRow | undefined {
    return this.db.orm.select().from(planDocuments).where(eq(planDocuments.id, id)).get();
  }

  addDocument(row: { planId: number; kind: string; sha256: string; originalName: string; uploadedBy: number | null; now: string }): number {
    const { now, ...rest } = row;
    return Number(this.db.orm.insert(planDocuments).values({ ...rest, uploadedAt: now }).run().lastInsertRowid);
  }

  withdrawDocument(id: number, by: number | null, now: string): void {
    this.db.orm.update(planDocuments).set({ withdrawnBy: by, withdrawnAt: now }).where(eq(planDocuments.id, id)).run();
  }

  unrecordedDossiers() {
    return (
      this.db
        .prepare(
          `SELECT p.id AS planId, p.rt_id AS rtId, p.status, (x.plan_id IS NOT NULL) AS listed
           FROM plans p LEFT JOIN pre_dossier_plans x ON x.plan_id = p.id
           WHERE p.dossier_required IS NULL AND p.status NOT IN ('draft', 'returned') ORDER BY p.id`,
        )
        .all() as Array<{ planId: number; rtId: number; status: PlanStatus; listed: number }>
    ).map((r) => ({ ...r, listed: r.listed === 1 }));
  }

  dossierTrail() {
    const plans = this.db.prepare(`SELECT id, rt_id AS rtId, berita_acara_sha256 AS beritaAcaraSha256 FROM plans ORDER BY id`).all() as Array<{ id: number; rtId: number; beritaAcaraSha256: string | null }>;
    const docs = (this.db.prepare(`SELECT plan_id AS planId, kind, sha256, withdrawn_at IS NOT NULL AS withdrawn FROM plan_documents ORDER BY id`).all() as Array<{ planId: number; kind: string; sha256: string; withdrawn: number }>).map((d) => ({ ...d, withdrawn: !!d.withdrawn }));
    return { plans, docs };
  }

  dossierFacts(): PlanDossierFacts[] {
    const plansRows = this.db
      .prepare(
        `SELECT p.id AS planId, p.rt_id AS rtId, p.status, p.dossier_required AS dossierRequired,
                (p.berita_acara_sha256 IS NOT NULL) AS beritaAcara, (SELECT COUNT(*) FROM plan_lines l WHERE l.plan_id = p.id) AS lines
         FROM plans p WHERE p.dossier_required IS NOT NULL AND p.status IN ('submitted', 'approved', 'superseded') ORDER BY p.id`,
      )
      .all() as Array<{ planId: number; rtId: number; status: PlanStatus; dossierRequired: string; beritaAcara: number; lines: number }>;
    const docs = this.db
      .prepare(
        `SELECT d.plan_id AS planId, d.kind FROM plan_documents d JOIN plans p ON p.id = d.plan_id
         WHERE d.withdrawn_at IS NULL AND p.dossier_required IS NOT NULL`,
      )
      .all() as Array<{ planId: number; kind: string }>;
    const byPlan = new Map<number, string[]>();
    for (const d of docs) byPlan.set(d.planId, [...(byPlan.get(d.planId) ?? []), d.kind]);
    return plansRows.map((p) => {
      const counts = dossierCounts(byPlan.get(p.planId) ?? [], !!p.beritaAcara, p.lines > 0);
      return { planId: p.planId, rtId: p.rtId, status: p.status, dossierRequired: p.dossierRequired, counts };
    });
  }
}
