/**
 * The state the audit log says the records are in: users (role, scope, password, active), the
 * RTs' bank accounts and each programme year's rules. The app writes each change's new state
 * into its audit row (the builders below); verify replays the chain (AuditedState) and holds the
 * tables against it (auditedStateProblems), so a row edited in the file without its audit
 * event is named.
 *
 * Invariants:
 * - the seal (the chain's first row) holds the state of every user, RT account and year at the
 *   moment the chain began; each later event sets what it changed, nothing else;
 * - a password is never in the log: only passwordSha256 = SHA-256 of the stored hash text;
 * - a year's rules are compared by yearRulesSha256 over the stored columns as they are, so no
 *   re-serialisation can make two different rule sets look alike.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../access';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What the audit log keeps of a password: the SHA-256 of its stored hash, never the hash. */
export const passwordSha256 = (storedHash: string): string => sha256Hex(storedHash);

export interface UserScope {
  role: Role;
  kelurahanCode: string | null;
  rtId: number | null;
  /** Auditor scope, sorted; null = the whole city. */
  kecamatanCodes: string[] | null;
}

export interface UserState extends UserScope {
  username: string;
  passwordSha256: string;
  active: boolean;
}

/** A user row as stored (kecamatanCodes a JSON list or null) turned into its audited state. */
export function userStateOf(u: {
  username: string;
  role: Role;
  kelurahanCode: string | null;
  rtId: number | null;
  kecamatanCodes: string | string[] | null;
  passwordHash: string;
  active: boolean;
}): UserState {
  return { username: u.username, passwordSha256: passwordSha256(u.passwordHash), active: u.active, ...userScopeOf(u) };
}

export function userScopeOf(u: { role: Role; kelurahanCode: string | null; rtId: number | null; kecamatanCodes: string | string[] | null }): UserScope {
  const codes = typeof u.kecamatanCodes === 'string' ? (JSON.parse(u.kecamatanCodes) as string[] | null) : u.kecamatanCodes;
  return { role: u.role, kelurahanCode: u.kelurahanCode ?? null, rtId: u.rtId ?? null, kecamatanCodes: codes && codes.length ? [...codes].sort() : null };
}

/** A programme year's stored columns (rules as the JSON text stored). */
export interface YearRulesRow {
  year: number;
  startsOn: string;
  endsOn: string;
  allocationPerRt: number;
  disbursementMode: string;
  rules: string;
  spjDueDay: number;
  finalReportDue: string;
}

/** The year's rules as one readable object (the audit row keeps it, for naming what changed). */
export function yearSettingsOf(y: YearRulesRow): Record<string, unknown> {
  return {
    startsOn: y.startsOn,
    endsOn: y.endsOn,
    allocationPerRt: y.allocationPerRt,
    disbursementMode: y.disbursementMode,
    spjDueDay: y.spjDueDay,
    finalReportDue: y.finalReportDue,
    rules: JSON.parse(y.rules) as unknown,
  };
}

/** SHA-256 of the stored columns (rules text as stored), as a JSON array. */
export function yearRulesSha256(y: YearRulesRow): string {
  return sha256Hex(JSON.stringify([y.year, y.startsOn, y.endsOn, y.allocationPerRt, y.disbursementMode, y.spjDueDay, y.finalReportDue, y.rules]));
}

/** A settings version as stored (programme_year_versions). */
export interface YearVersionRow {
  year: number;
  version: number;
  effectiveFrom: string;
  settings: string;
}

/** SHA-256 of a settings version's stored columns (settings text as stored), as a JSON array. */
export function yearVersionSha256(v: YearVersionRow): string {
  return sha256Hex(JSON.stringify([v.year, v.version, v.effectiveFrom, v.settings]));
}

export interface YearAudited {
  rulesSha256: string;
  settings?: Record<string, unknown>;
}

/** The `after` of a programme year's creation or rule change. */
export const yearAuditedOf = (y: YearRulesRow): YearAudited => ({ rulesSha256: yearRulesSha256(y), settings: yearSettingsOf(y) });

/** The state every record starts from: what the seal row holds (besides the legacy digest). */
export interface AuditBaseline {
  users: Array<UserState & { id: number }>;
  rtBankAccounts: Record<string, string>;
  years: Record<string, { rulesSha256: string }>;
}

/** The actions whose `after` sets audited state, and what it sets. */
export const STATE_ACTIONS = {
  userCreate: 'user.create',
  userScope: 'user.change_scope',
  userReset: 'user.reset_password',
  userChangePassword: 'user.change_password',
  userActivate: 'user.activate',
  userDeactivate: 'user.deactivate',
  rtCreate: 'registry.rt.create',
  rtUpdate: 'registry.rt.update',
  rtBank: 'registry.rt.bank_account',
  yearCreate: 'programme_year.create',
  yearRules: 'programme_year.rules',
} as const;

interface EventRow {
  id: number;
  action: string;
  targetId: string | null;
  summary: string;
}

type AfterOf = Record<string, unknown>;

/** Replays the audit log's state events, row by row in id order. */
export class AuditedState {
  readonly users = new Map<number, Partial<UserState>>();
  readonly rtBank = new Map<number, string>();
  readonly years = new Map<number, YearAudited>();
  /** Settings versions by "year:version": the digest their audit row recorded. */
  readonly yearVersions = new Map<string, string>();
  /** Events that should carry a state and do not (named by audit id). */
  readonly unreadable: string[] = [];

  seal(baseline: Partial<AuditBaseline>): void {
    for (const u of baseline.users ?? []) {
      const { id, ...state } = u;
      this.users.set(id, state);
    }
    for (const [id, account] of Object.entries(baseline.rtBankAccounts ?? {})) this.rtBank.set(Number(id), account);
    for (const [year, y] of Object.entries(baseline.years ?? {})) this.years.set(Number(year), { rulesSha256: y.rulesSha256 });
  }

  apply(r: EventRow): void {
    const a = STATE_ACTIONS;
    const relevant = (Object.values(a) as string[]).includes(r.action);
    if (!relevant) return;
    let after: AfterOf;
    try {
      after = ((JSON.parse(r.summary) as { after?: AfterOf }).after ?? {}) as AfterOf;
    } catch {
      this.unreadable.push(`baris audit #${r.id} (${r.action}): ringkasan tidak terbaca`);
      return;
    }
    const id = Number(r.targetId);
    const need = (...keys: string[]) => {
      const missing = keys.filter((k) => !(k in after));
      if (missing.length) this.unreadable.push(`baris audit #${r.id} (${r.action}) tidak mencatat ${missing.join(', ')}`);
      return missing.length === 0;
    };
    switch (r.action) {
      case a.userCreate:
        if (need('username', 'role', 'kelurahanCode', 'rtId', 'kecamatanCodes', 'passwordSha256', 'active')) this.users.set(id, pickUser(after));
        return;
      case a.userScope:
        if (need('role', 'kelurahanCode', 'rtId', 'kecamatanCodes')) this.users.set(id, { ...this.users.get(id), ...pickScope(after) });
        return;
      case a.userReset:
      case a.userChangePassword:
        if (need('passwordSha256')) this.users.set(id, { ...this.users.get(id), passwordSha256: after.passwordSha256 as string });
        return;
      case a.userActivate:
      case a.userDeactivate:
        if (need('active')) this.users.set(id, { ...this.users.get(id), active: after.active as boolean });
        return;
      case a.rtCreate:
      case a.rtBank:
        if (need('bankAccount')) this.rtBank.set(id, after.bankAccount as string);
        return;
      case a.rtUpdate:
        // An update that left the account alone does not name it.
        if (typeof after.bankAccount === 'string') this.rtBank.set(id, after.bankAccount);
        return;
      case a.yearCreate:
      case a.yearRules:
        if (need('rulesSha256')) this.years.set(id, { rulesSha256: after.rulesSha256 as string, settings: after.settings as Record<string, unknown> | undefined });
        // Years created before versions carry none; each version written since names its digest.
        for (const v of [after.baseVersion, after]) {
          const rec = v as { version?: unknown; versionSha256?: unknown } | undefined;
          if (rec && typeof rec.version === 'number' && typeof rec.versionSha256 === 'string') this.yearVersions.set(`${id}:${rec.version}`, rec.versionSha256);
        }
        return;
    }
  }
}

function pickScope(after: AfterOf): UserScope {
  return {
    role: after.role as Role,
    kelurahanCode: (after.kelurahanCode as string | null) ?? null,
    rtId: (after.rtId as number | null) ?? null,
    kecamatanCodes: (after.kecamatanCodes as string[] | null) ?? null,
  };
}

function pickUser(after: AfterOf): UserState {
  return { username: after.username as string, passwordSha256: after.passwordSha256 as string, active: after.active as boolean, ...pickScope(after) };
}

const ROLE_NAMES: Record<string, string> = {
  admin: 'admin',
  bendahara: 'bendahara',
  ketua_rt: 'ketua_rt',
  sekretaris_rt: 'sekretaris_rt',
  bendahara_rt: 'bendahara_rt',
  lurah: 'lurah',
  camat: 'camat',
  auditor: 'auditor',
  bpkad: 'bpkad',
  pengawas: 'pengawas',
};

function describeScope(s: Partial<UserScope>): string {
  if (s.kelurahanCode === undefined && s.rtId === undefined) return 'tidak tercatat';
  const parts: string[] = [];
  if (s.kelurahanCode) parts.push(`kelurahan ${s.kelurahanCode}`);
  if (s.rtId) parts.push(`RT #${s.rtId}`);
  if (s.kecamatanCodes?.length) parts.push(`kecamatan ${s.kecamatanCodes.join(', ')}`);
  return parts.length ? parts.join(', ') : 'seluruh kota';
}

const sameList = (a: string[] | null | undefined, b: string[] | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The present as the tables hold it. */
export interface PresentState {
  users: Array<UserState & { id: number }>;
  rts: Array<{ id: number; label: string; bankAccount: string }>;
  years: YearRulesRow[];
  yearVersions: YearVersionRow[];
}

/** Every difference between the tables and the audited history, in Indonesian, per record. */
export function auditedStateProblems(h: AuditedState, now: PresentState): string[] {
  const out: string[] = [...h.unreadable];
  const seenUsers = new Set<number>();
  for (const u of now.users) {
    seenUsers.add(u.id);
    const name = `pengguna ${u.username} (#${u.id})`;
    const was = h.users.get(u.id);
    if (!was) {
      out.push(`${name} tidak ada di riwayat audit (dibuat di luar aplikasi)`);
      continue;
    }
    if (was.username !== undefined && was.username !== u.username) out.push(`${name}: nama pengguna ${u.username} di basis data, riwayat audit mengatakan ${was.username}`);
    if (was.role !== u.role) out.push(`${name}: peran ${ROLE_NAMES[u.role] ?? u.role} di basis data, riwayat audit mengatakan ${was.role ?? 'tidak tercatat'}`);
    if (was.kelurahanCode !== u.kelurahanCode || was.rtId !== u.rtId || !sameList(was.kecamatanCodes, u.kecamatanCodes)) {
      out.push(`${name}: cakupan ${describeScope(u)} di basis data, riwayat audit mengatakan ${describeScope(was)}`);
    }
    if (was.passwordSha256 !== u.passwordSha256) out.push(`${name}: hash kata sandi di basis data bukan yang tercatat di riwayat audit (diganti di luar aplikasi)`);
    if (was.active !== u.active) out.push(`${name}: ${u.active ? 'aktif' : 'nonaktif'} di basis data, riwayat audit mengatakan ${was.active === undefined ? 'tidak tercatat' : was.active ? 'aktif' : 'nonaktif'}`);
  }
  for (const [id, was] of h.users) {
    if (!seenUsers.has(id)) out.push(`pengguna ${was.username ?? '?'} (#${id}) ada di riwayat audit tetapi tidak ada di basis data (dihapus)`);
  }
  for (const rt of now.rts) {
    const was = h.rtBank.get(rt.id);
    if (was === undefined) out.push(`${rt.label}: rekening bank ${rt.bankAccount} tidak ada di riwayat audit (RT dibuat di luar aplikasi)`);
    else if (was !== rt.bankAccount) out.push(`${rt.label}: rekening bank ${rt.bankAccount} di basis data, riwayat audit mengatakan ${was}`);
  }
  for (const y of now.years) {
    const was = h.years.get(y.year);
    if (!was) {
      out.push(`tahun program ${y.year} tidak ada di riwayat audit (dibuat di luar aplikasi)`);
      continue;
    }
    if (was.rulesSha256 === yearRulesSha256(y)) continue;
    const which = was.settings ? differingPaths(was.settings, yearSettingsOf(y)) : [];
    out.push(`tahun program ${y.year}: aturan di basis data berbeda dari riwayat audit${which.length ? ` (berbeda: ${which.slice(0, 8).join(', ')}${which.length > 8 ? ', …' : ''})` : ''}`);
  }
  const seenVersions = new Set<string>();
  for (const v of now.yearVersions) {
    const key = `${v.year}:${v.version}`;
    seenVersions.add(key);
    const was = h.yearVersions.get(key);
    if (!was) out.push(`tahun program ${v.year} versi pengaturan ${v.version} tidak ada di riwayat audit (ditambahkan di luar aplikasi)`);
    else if (was !== yearVersionSha256(v)) out.push(`tahun program ${v.year} versi pengaturan ${v.version}: isi atau tanggal berlakunya berbeda dari riwayat audit`);
  }
  for (const key of h.yearVersions.keys()) {
    if (!seenVersions.has(key)) out.push(`tahun program ${key.replace(':', ' versi pengaturan ')} ada di riwayat audit tetapi tidak ada di basis data (dihapus)`);
  }
  return out;
}

/** The dotted paths where two JSON values differ (for naming the rules that were changed). */
export function differingPaths(a: unknown, b: unknown, at = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differingPaths(a[k], b[k], at ? `${at}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [at || '(semua)'];
}
