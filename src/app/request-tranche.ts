/**
 * The RT chair requests a tranche: in monthly mode a spending plan for a month (RBB), whose
 * total is the amount and whose lines stay within the approved plan; in staged mode the next
 * stage. The request passes every gate or is refused with each failing gate's message; a
 * pending request reserves undrawn allocation, and there is one pending request at a time.
 */
import { type Actor } from '../domain/access';
import { DomainError, fail } from '../domain/errors';
import { checkTrancheGates, type GateFailure } from '../domain/grants/gates';
import { validatePlanLines, type PlanLine } from '../domain/grants/plan';
import type { TrancheRow } from './ports';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import { checkAgainstPlan, nextStage, refuseIfPending, requestableMonths, trancheFacts } from './tranche-facts';
import { refuseIfClosed } from '../domain/grants/year-window';

export interface RequestTrancheCommand {
  rtId: number;
  year: number;
  /** Monthly mode: the RBB month (YYYY-MM). Ignored in staged mode. */
  month?: string;
  /** Monthly mode: the RBB lines. */
  lines?: PlanLine[];
  /** The form's one-time key: a double submit or retry returns the first request. */
  requestKey: string;
}

/** Refuses when any gate fails, all failing gates as one refusal: the first one's code and kind, every message. */
export function refuseFailedGates(failures: readonly GateFailure[]): void {
  const [first, ...rest] = failures;
  if (first) throw DomainError.combine([first, ...rest], Object.fromEntries(failures.map((f) => [`gate.${f.code}`, f.message])));
}

export function requestTranche(s: Services, actor: Actor, cmd: RequestTrancheCommand, ip: string | null = null): TrancheRow {
  const rt = rtInScope(s, actor, 'tranche.request', cmd.rtId);
  const year = yearOfGrantee(s, rt, cmd.year);
  const now = s.now();
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  return s.db.transaction(() => {
    const existing = s.tranches.findByRequestKey(cmd.requestKey);
    if (existing) {
      if (existing.rtId !== rt.id) throw fail('request_key_reused');
      return existing;
    }
    const all = s.tranches.ofRt(rt.id, year.year);
    refuseIfPending(all);
    let period: string;
    let amount: number;
    let lines: PlanLine[] = [];
    if (year.disbursementMode === 'monthly') {
      period = cmd.month ?? '';
      const allowed = requestableMonths(s, year, all);
      if (!allowed.includes(period)) {
        const field = { month: 'Bulan tidak dapat diajukan.' };
        const [first, ...rest] = allowed;
        throw first ? fail('rbb_month_invalid', { allowed: [first, ...rest] }, field) : fail('rbb_no_month_open', undefined, field);
      }
      lines = cmd.lines ?? [];
      if (lines.length === 0) throw fail('rbb_empty', undefined, { lines: 'Isi paling sedikit satu baris.' });
      validatePlanLines(year, lines);
      if (s.plans.approved(rt.id, year.year)) checkAgainstPlan(s, rt.id, year.year, lines);
      amount = lines.reduce((a, l) => a + l.amount, 0);
    } else {
      const next = nextStage(year, s.balances.ofRt(year.year, rt.id).allocated, all);
      if (!next) throw fail('all_stages_drawn');
      period = String(next.stage);
      amount = next.amount;
    }
    const failures = checkTrancheGates(trancheFacts(s, rt, year, { period, amount, mode: year.disbursementMode }));
    refuseFailedGates(failures);
    const id = s.tranches.insert(
      { rtId: rt.id, year: year.year, mode: year.disbursementMode, period, amount, status: 'pending', requestedBy: actor.userId, requestedAt: now.toISOString(), requestKey: cmd.requestKey },
      lines,
    );
    s.audit.record(actor, ip, {
      action: 'tranche.request',
      targetType: 'tranche',
      targetId: id,
      kelurahanCode: rt.kelurahanCode,
      after: { rtId: rt.id, year: year.year, period, amount, lines },
    });
    return s.tranches.find(id)!;
  });
}
