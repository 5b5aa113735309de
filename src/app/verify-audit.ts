/**
 * Verifies the audit log and holds the present against it: walks the chain (every row's hash
 * and link, the seal over the rows before the chain), replays the state events from the seal
 * on, and compares users (role, scope, password hash, active), the RTs' bank accounts and the
 * programme years' rules with the tables. Also the triggers, by their SQL text. Messages name
 * the row, user, RT or year, in Indonesian.
 */
import { AUDIT_SEAL_ACTION, AuditChainWalker } from '../domain/audit/audit-chain';
import { AuditedState, auditedStateProblems, type AuditBaseline } from '../domain/audit/audited-state';
import type { TriggerProblems } from './ports';
import type { Services } from './services';

export interface AuditVerifyReport {
  rows: number;
  /** The last chained row's hash (the genesis when the chain has not begun). */
  head: string;
  problems: string[];
}

const MAX_CHAIN_PROBLEMS = 20;
const MAX_STATE_PROBLEMS = 30;

export function verifyAudit(s: Pick<Services, 'audit'>): AuditVerifyReport {
  const walker = new AuditChainWalker();
  const state = new AuditedState();
  const problems: string[] = [];
  let chainProblems = 0;
  let rows = 0;
  for (const r of s.audit.iterateChain()) {
    rows += 1;
    const started = walker.hasStarted;
    for (const p of walker.step(r)) {
      chainProblems += 1;
      if (chainProblems <= MAX_CHAIN_PROBLEMS) problems.push(`log audit #${p.auditId}: ${p.reason}`);
    }
    // Rows before the chain are covered by the seal's digest and set no state; a row without
    // hash after it is not the application's (named above) and sets none either.
    if (!walker.hasStarted || r.hash === null) continue;
    if (!started && r.action === AUDIT_SEAL_ACTION) state.seal(baselineOf(r.summary));
    else state.apply(r);
  }
  if (chainProblems > MAX_CHAIN_PROBLEMS) problems.push(`… dan ${chainProblems - MAX_CHAIN_PROBLEMS} masalah log audit lain`);
  const present = s.audit.presentState();
  if (!walker.hasStarted) {
    // Before the first chained write (a database from before the chain) there is no history to
    // hold the tables against; an empty log beside users or RTs is a log emptied by hand.
    if (rows === 0 && (present.users.length > 0 || present.rts.length > 0)) {
      problems.push(`log audit kosong padahal ada ${present.users.length} pengguna dan ${present.rts.length} RT (baris audit dihapus)`);
    }
    return { rows, head: walker.head, problems };
  }
  const stateProblems = auditedStateProblems(state, present);
  problems.push(...stateProblems.slice(0, MAX_STATE_PROBLEMS));
  if (stateProblems.length > MAX_STATE_PROBLEMS) problems.push(`… dan ${stateProblems.length - MAX_STATE_PROBLEMS} perbedaan lain antara basis data dan riwayat audit`);
  return { rows, head: walker.head, problems };
}

function baselineOf(summary: string): Partial<AuditBaseline> {
  try {
    return ((JSON.parse(summary) as { after?: Partial<AuditBaseline> }).after ?? {}) as Partial<AuditBaseline>;
  } catch {
    return {};
  }
}

/** The triggers' problems as verify prints them. */
export function triggerMessages(t: TriggerProblems): string[] {
  const out: string[] = [];
  if (t.missing.length) out.push(`pemicu append-only hilang: ${t.missing.join(', ')} (basis data diubah di luar aplikasi)`);
  for (const name of t.altered) out.push(`pemicu ${name} diganti: isi SQL-nya bukan yang dibuat migrasi (misalnya pemicu kosong dengan nama yang sama)`);
  if (t.unexpected.length) out.push(`pemicu tak dikenal: ${t.unexpected.join(', ')} (dibuat di luar aplikasi)`);
  return out;
}
