/**
 * The hash chain over the audit log, as the ledger's (src/domain/ledger/hash-chain.ts).
 *
 * Invariants:
 * - hash(row) = SHA-256(prevHash + "\n" + auditCanonical(row)), hex; the chain's first row has
 *   prevHash AUDIT_GENESIS_HASH, each later row the hash of the row before it in id order, so
 *   changing, removing or inserting any row breaks every hash after it;
 * - auditCanonical(row) is JSON.stringify (no spaces) of the array
 *   ["audit/1", id, at, actorUserId|null, actorName, actorRole, action, targetType,
 *    targetId|null, kelurahanCode|null, kecamatanCode|null, summary, ip|null]
 *   where summary is the stored JSON text itself (a string, not re-serialised);
 * - rows written before the chain began (prev_hash and hash NULL) are covered by the chain's
 *   first row, the seal (action "audit.seal"): its summary's `after` holds their count, the id
 *   of the last one and legacyDigest = SHA-256 of (auditCanonical(row) + "\n") for each of them
 *   in id order; no unchained row may come after the seal.
 */
import { createHash, hash as oneShotHash, type Hash } from 'node:crypto';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);
export const AUDIT_CANONICAL_TAG = 'audit/1';
/** The action of the chain's first row, which seals the rows written before the chain. */
export const AUDIT_SEAL_ACTION = 'audit.seal';

/** The columns of an audit row the hash covers (all of them but the two hash columns). */
export interface AuditContent {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string | null;
  kelurahanCode: string | null;
  kecamatanCode: string | null;
  summary: string;
  ip: string | null;
}

export interface ChainedAuditRow extends AuditContent {
  prevHash: string | null;
  hash: string | null;
}

/** The exact text an audit row's hash covers (see the module comment). */
export function auditCanonical(r: AuditContent): string {
  return JSON.stringify([
    AUDIT_CANONICAL_TAG,
    r.id,
    r.at,
    r.actorUserId ?? null,
    r.actorName,
    r.actorRole,
    r.action,
    r.targetType,
    r.targetId ?? null,
    r.kelurahanCode ?? null,
    r.kecamatanCode ?? null,
    r.summary,
    r.ip ?? null,
  ]);
}

export function auditHash(prevHash: string, r: AuditContent): string {
  // The one-shot hash: half the cost of a Hash object on a row of a few hundred bytes (hot path).
  return oneShotHash('sha256', `${prevHash}\n${auditCanonical(r)}`, 'hex');
}

/** SHA-256 of the unchained rows before the seal: fed row by row, in id order. */
export class LegacyDigest {
  private readonly h: Hash = createHash('sha256');
  count = 0;
  lastId = 0;

  add(r: AuditContent): void {
    this.h.update(auditCanonical(r)).update('\n');
    this.count += 1;
    this.lastId = r.id;
  }

  digest(): string {
    return this.h.copy().digest('hex');
  }
}

/** What the seal row states about the rows before it (its summary's `after`). */
export interface AuditSeal {
  legacyRows: number;
  legacyLastId: number;
  legacySha256: string;
}

/** What the walker says of a row whose columns no longer give its hash (the one finding a partial copy of the log can make). */
export const AUDIT_CONTENT_CHANGED = 'hash tidak cocok dengan isi baris (isi baris audit diubah)';

export type AuditChainProblem = { auditId: number; reason: string };

/**
 * Walks audit rows in id order. step() returns what is wrong with a row (empty when it links);
 * after a break it follows the stored hashes on, so one edited row is named once and the rows
 * after it are still checked against each other.
 */
export class AuditChainWalker {
  private prev = AUDIT_GENESIS_HASH;
  private lastId = 0;
  private lastChainedId = 0;
  private readonly legacy = new LegacyDigest();
  private sealed = false;
  chained = 0;

  get head(): string {
    return this.prev;
  }

  /** Whether a chained row (the seal first) has been seen. */
  get hasStarted(): boolean {
    return this.sealed;
  }

  step(r: ChainedAuditRow): AuditChainProblem[] {
    const out: AuditChainProblem[] = [];
    const bad = (reason: string) => out.push({ auditId: r.id, reason });
    if (r.id <= this.lastId) bad('urutan id baris audit tidak naik');
    this.lastId = Math.max(this.lastId, r.id);
    if (r.hash === null || r.prevHash === null) {
      if (this.sealed) bad('baris tanpa hash sesudah rantai audit dimulai (disisipkan atau diubah di luar aplikasi)');
      else this.legacy.add(r);
      return out;
    }
    if (!this.sealed) {
      this.sealed = true;
      out.push(...this.checkSeal(r));
    } else if (r.prevHash !== this.prev) {
      const from = this.lastChainedId + 1;
      bad(
        r.id > from
          ? `baris audit #${from}${r.id - 1 > from ? `–#${r.id - 1}` : ''} hilang sebelum baris ini (dihapus)`
          : 'prev_hash tidak sama dengan hash baris sebelumnya (baris sebelumnya diubah, dihapus atau disisipkan)',
      );
    } else if (r.id !== this.lastChainedId + 1) {
      bad(`id baris audit melompat dari #${this.lastChainedId} ke #${r.id}`);
    }
    if (auditHash(r.prevHash, r) !== r.hash) bad(AUDIT_CONTENT_CHANGED);
    this.prev = r.hash;
    this.lastChainedId = r.id;
    this.chained += 1;
    return out;
  }

  private checkSeal(r: ChainedAuditRow): AuditChainProblem[] {
    const reason = sealProblem(r, this.legacy);
    return reason ? [{ auditId: r.id, reason }] : [];
  }
}

/**
 * What is wrong with the chain's first row as a seal over the rows before it (null: nothing):
 * the one rule, for verify (the walker) and verify-bundle. `legacy` holds the rows before it, or is
 * null when they are not all at hand (a kelurahan bundle): then only the seal itself is checked.
 */
export function sealProblem(r: AuditContent & { prevHash: string | null }, legacy: LegacyDigest | null): string | null {
  if (r.action !== AUDIT_SEAL_ACTION) return `baris pertama rantai audit bukan segel (${AUDIT_SEAL_ACTION}): baris awal rantai dihapus`;
  if (r.prevHash !== AUDIT_GENESIS_HASH) return 'segel rantai audit tidak berawal dari hash genesis (baris sebelum segel dihapus atau disisipkan)';
  const seal = sealOf(r.summary);
  if (!seal) return 'segel rantai audit tidak terbaca';
  if (!legacy) return null;
  const digest = legacy.digest();
  if (seal.legacyRows !== legacy.count || seal.legacySha256 !== digest || seal.legacyLastId !== legacy.lastId) {
    return (
      `baris audit sebelum rantai dimulai tidak sama dengan yang disegel: segel mencatat ${seal.legacyRows} baris (sampai #${seal.legacyLastId}), ` +
      `sekarang ${legacy.count} baris (sampai #${legacy.lastId})${seal.legacyRows === legacy.count ? ', isinya diubah' : ''}`
    );
  }
  return null;
}

/** The row a canonical text was made from (auditCanonical's inverse), or null when the text is not exactly one. */
export function auditContentOfCanonical(canonical: string): AuditContent | null {
  let a: unknown;
  try {
    a = JSON.parse(canonical);
  } catch {
    return null;
  }
  if (!Array.isArray(a) || a.length !== 13 || a[0] !== AUDIT_CANONICAL_TAG) return null;
  const [, id, at, actorUserId, actorName, actorRole, action, targetType, targetId, kelurahanCode, kecamatanCode, summary, ip] = a as unknown[];
  const optStr = (v: unknown) => v === null || typeof v === 'string';
  if (!Number.isSafeInteger(id) || typeof at !== 'string' || !(actorUserId === null || Number.isSafeInteger(actorUserId))) return null;
  if (typeof actorName !== 'string' || typeof actorRole !== 'string' || typeof action !== 'string' || typeof targetType !== 'string' || typeof summary !== 'string') return null;
  if (!optStr(targetId) || !optStr(kelurahanCode) || !optStr(kecamatanCode) || !optStr(ip)) return null;
  const row: AuditContent = {
    id: id as number,
    at,
    actorUserId: actorUserId as number | null,
    actorName,
    actorRole,
    action,
    targetType,
    targetId: targetId as string | null,
    kelurahanCode: kelurahanCode as string | null,
    kecamatanCode: kecamatanCode as string | null,
    summary,
    ip: ip as string | null,
  };
  // Exactly the text it would be written as: nothing added, reordered or re-encoded.
  return auditCanonical(row) === canonical ? row : null;
}

/** The seal's statement, from a seal row's summary text; undefined when it does not read as one. */
export function sealOf(summary: string): AuditSeal | undefined {
  try {
    const after = (JSON.parse(summary) as { after?: Partial<AuditSeal> }).after;
    if (!after || typeof after.legacyRows !== 'number' || typeof after.legacySha256 !== 'string' || typeof after.legacyLastId !== 'number') return undefined;
    return { legacyRows: after.legacyRows, legacyLastId: after.legacyLastId, legacySha256: after.legacySha256 };
  } catch {
    return undefined;
  }
}

/** One row of the chain as exported: the exact canonical text only when the row is in scope. */
export interface AuditChainLine {
  id: number;
  prevHash: string | null;
  hash: string | null;
  inScope: boolean;
  canonical: string;
}

/**
 * The line of `audit-log.jsonl` in a bundle (README, "Rantai hash log audit"):
 * {"id":N,"prev_hash":"…","hash":"…","canonical":"…"} for a row in scope,
 * {"id":N,"prev_hash":"…","hash":"…"} for one outside it (its link still checkable);
 * prev_hash and hash are null for rows written before the chain began. A verifier checks
 * hash = SHA-256(prev_hash + "\n" + canonical) on every full line and prev_hash = the hash of
 * the line before on every line.
 */
export function auditJsonlLine(l: AuditChainLine): string {
  return JSON.stringify(l.inScope ? { id: l.id, prev_hash: l.prevHash, hash: l.hash, canonical: l.canonical } : { id: l.id, prev_hash: l.prevHash, hash: l.hash });
}
