/**
 * The audit log: append-only (triggers), written inside the transaction of the change, and
 * hash-chained (src/domain/audit/audit-chain.ts). A write reads the previous row's hash by the
 * primary key (the last row) and inserts the next id with its hash; the very first chained write
 * seals the rows written before the chain (their count and digest) and the state of users, RT
 * bank accounts and programme years at that moment (src/domain/audit/audited-state.ts).
 */
import { RW_GRANTEE_NUMBER, granteeLabel } from '../domain/registry/rows';
import type { Statement } from 'better-sqlite3';
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AuditFilter, AuditRecord, AuditStore } from '../app/ports';
import type { Actor } from '../domain/access';
import { AUDIT_GENESIS_HASH, AUDIT_SEAL_ACTION, auditCanonical, auditHash, LegacyDigest, type AuditChainLine, type AuditContent, type ChainedAuditRow } from '../domain/audit/audit-chain';
import { userStateOf, yearRulesSha256, type AuditBaseline, type PresentState, type YearRulesRow, type YearVersionRow } from '../domain/audit/audited-state';
import type { Role } from '../domain/access';
import type { Db } from './client';
import { auditLog } from './schema';

export type { AuditFilter, AuditRecord } from '../app/ports';

const ROW_COLUMNS = `id, at, actor_user_id AS actorUserId, actor_name AS actorName, actor_role AS actorRole, action,
  target_type AS targetType, target_id AS targetId, kelurahan_code AS kelurahanCode, kecamatan_code AS kecamatanCode,
  summary, ip, prev_hash AS prevHash, hash`;

const YEAR_COLUMNS = `year, starts_on AS startsOn, ends_on AS endsOn, allocation_per_rt AS allocationPerRt,
  disbursement_mode AS disbursementMode, rules, spj_due_day AS spjDueDay, final_report_due AS finalReportDue`;

interface UserStateRow {
  id: number;
  username: string;
  role: Role;
  kelurahanCode: string | null;
  rtId: number | null;
  kecamatanCodes: string | null;
  passwordHash: string;
  active: number;
}

export class AuditRepository implements AuditStore {
  private readonly s: Record<'head' | 'lastChained' | 'insert', Statement>;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    const p = (q: string) => db.prepare(q);
    this.s = {
      head: p(`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`),
      lastChained: p(`SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1`),
      insert: p(`INSERT INTO audit_log (id, at, actor_user_id, actor_name, actor_role, action, target_type, target_id, kelurahan_code, kecamatan_code, summary, ip, prev_hash, hash)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  record(actor: Actor, ip: string | null, r: AuditRecord, at = this.now()): void {
    const row: AuditContent = {
      id: 0,
      at: at.toISOString(),
      actorUserId: actor.userId,
      actorName: actor.username,
      actorRole: actor.role,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId === undefined || r.targetId === null ? null : String(r.targetId),
      kelurahanCode: r.kelurahanCode ?? null,
      kecamatanCode: r.kecamatanCode ?? (r.kelurahanCode ? r.kelurahanCode.slice(0, 7) : null),
      summary: JSON.stringify({ before: r.before ?? null, after: r.after ?? null }),
      ip,
    };
    // Reading the head and writing the next row must not interleave with another writer.
    if (this.db.sqlite.inTransaction) this.append(row);
    else this.db.sqlite.transaction(() => this.append(row)).immediate();
  }

  private append(row: AuditContent): void {
    const prev = this.previous(row.at);
    row.id = prev.id + 1;
    this.insertChained(row, prev.hash);
  }

  private insertChained(row: AuditContent, prevHash: string): string {
    const hash = auditHash(prevHash, row);
    const r = row;
    this.s.insert.run(r.id, r.at, r.actorUserId, r.actorName, r.actorRole, r.action, r.targetType, r.targetId, r.kelurahanCode, r.kecamatanCode, r.summary, r.ip, prevHash, hash);
    return hash;
  }

  /** The row the next one links to: the last row, or the seal written now if the chain has not begun. */
  private previous(at: string): { id: number; hash: string } {
    const head = this.s.head.get() as { id: number; hash: string | null } | undefined;
    if (head && head.hash !== null) return { id: head.id, hash: head.hash };
    const chained = this.s.lastChained.get() as { id: number; hash: string } | undefined;
    // A row without hash after the chain began is not ours: verify names it; we link past it.
    if (head && chained) return { id: head.id, hash: chained.hash };
    return this.seal(head?.id ?? 0, at);
  }

  /** The chain's first row: the digest of every earlier row and the state everything is in now. */
  private seal(lastId: number, at: string): { id: number; hash: string } {
    const legacy = new LegacyDigest();
    for (const r of this.db.sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<ChainedAuditRow>) legacy.add(r);
    const present = this.presentState();
    const baseline: AuditBaseline = {
      users: present.users,
      rtBankAccounts: Object.fromEntries(present.rts.map((r) => [String(r.id), r.bankAccount])),
      years: Object.fromEntries(present.years.map((y) => [String(y.year), { rulesSha256: yearRulesSha256(y) }])),
    };
    const row: AuditContent = {
      id: lastId + 1,
      at,
      actorUserId: null,
      actorName: 'system:audit-chain',
      actorRole: 'system',
      action: AUDIT_SEAL_ACTION,
      targetType: 'audit_log',
      targetId: null,
      kelurahanCode: null,
      kecamatanCode: null,
      summary: JSON.stringify({ before: null, after: { legacyRows: legacy.count, legacyLastId: legacy.lastId, legacySha256: legacy.digest(), ...baseline } }),
      ip: null,
    };
    return { id: row.id, hash: this.insertChained(row, AUDIT_GENESIS_HASH) };
  }

  /** Users, RT bank accounts and programme years as the tables hold them now (for the seal and verify). */
  presentState(): PresentState {
    const users = (
      this.db.sqlite
        .prepare(`SELECT id, username, role, kelurahan_code AS kelurahanCode, rt_id AS rtId, kecamatan_codes AS kecamatanCodes, password_hash AS passwordHash, active FROM users ORDER BY id`)
        .all() as UserStateRow[]
    ).map((u) => ({ id: u.id, ...userStateOf({ ...u, active: u.active === 1 }) }));
    const rts = (
      this.db.sqlite
        .prepare(
          `SELECT rt.id, rt.bank_account AS bankAccount, rt.number, rw.number AS rwNumber, rt.kelurahan_code AS kelurahanCode
           FROM rt JOIN rw ON rw.id = rt.rw_id ORDER BY rt.id`,
        )
        .all() as Array<{ id: number; bankAccount: string; number: number; rwNumber: number; kelurahanCode: string }>
    ).map((r) => ({
      id: r.id,
      bankAccount: r.bankAccount,
      label: `RT #${r.id} (${r.number === RW_GRANTEE_NUMBER ? granteeLabel(r) : `RT ${String(r.number).padStart(3, '0')}/RW ${String(r.rwNumber).padStart(3, '0')}`}, kelurahan ${r.kelurahanCode})`,
    }));
    const years = this.db.sqlite.prepare(`SELECT ${YEAR_COLUMNS} FROM programme_year ORDER BY year`).all() as YearRulesRow[];
    const yearVersions = this.db.sqlite
      .prepare(`SELECT year, version, effective_from AS effectiveFrom, settings FROM programme_year_versions ORDER BY year, version`)
      .all() as YearVersionRow[];
    return { users, rts, years, yearVersions };
  }

  /** A programme year's stored columns (rules as stored), for its audit row. */
  yearRulesRow(year: number): YearRulesRow | undefined {
    return this.db.sqlite.prepare(`SELECT ${YEAR_COLUMNS} FROM programme_year WHERE year = ?`).get(year) as YearRulesRow | undefined;
  }

  chainHead(): { id: number; hash: string } | undefined {
    return this.s.lastChained.get() as { id: number; hash: string } | undefined;
  }

  chainHashOf(id: number): string | null {
    const r = this.db.sqlite.prepare(`SELECT hash FROM audit_log WHERE id = ?`).get(id) as { hash: string | null } | undefined;
    return r?.hash ?? null;
  }

  /** Every row in id order, with its hash columns (verify walks them). */
  *iterateChain(): Generator<ChainedAuditRow> {
    yield* this.db.sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<ChainedAuditRow>;
  }

  /**
   * Every row in id order as a bundle carries it (auditJsonlLine): the canonical text of rows in
   * scope (kelurahanCode null = the whole city: every row; else the rows of that kelurahan, and
   * always the seal), the links of all the others.
   */
  *chainLines(kelurahanCode: string | null): Generator<AuditChainLine> {
    for (const r of this.iterateChain()) {
      const inScope = kelurahanCode === null || r.kelurahanCode === kelurahanCode || r.action === AUDIT_SEAL_ACTION;
      yield { id: r.id, prevHash: r.prevHash, hash: r.hash, inScope, canonical: inScope ? auditCanonical(r) : '' };
    }
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
