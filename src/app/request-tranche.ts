/**
 * The RT chair requests a tranche: in monthly mode a spending plan for a month (RBB), whose
 * total is the amount and whose lines stay within the approved plan; in staged mode the next
 * stage. The request passes every gate or is refused with each failing gate's message; a
 * pending request reserves undrawn allocation, and there is one pending request at a time.
 */
import { type Actor } from '../domain/access';
import { conflict, invalid, DomainError } from '../domain/errors';
import { checkTrancheGates, type GateFailure } from '../domain/grants/gates';
import { validatePlanLines, type PlanLine } from '../domain/grants/plan';
import { periodLabel } from '../domain/grants/tranche';
import type { TrancheRow } from '../db/tranche-repository';
import { rtInScope, yearOrThrow } from './scope';
import type { Services } from './services';
import { checkAgainstPlan, nextStage, refuseIfPending, requestableMonths, trancheFacts } from './tranche-facts';

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

/** All failing gates as one refusal: the first code, every message. */
export function gateRefusal(failures: GateFailure[]): DomainError {
  return new DomainError(failures[0]!.code, 'validation', failures.map((f) => f.message).join('\n'), Object.fromEntries(failures.map((f) => [`gate.${f.code}`, f.message])));
}

export function requestTranche(s: Services, actor: Actor, cmd: RequestTrancheCommand, ip: string | null = null): TrancheRow {
  const rt = rtInScope(s, actor, 'tranche.request', cmd.rtId);
  const year = yearOrThrow(s, cmd.year);
  const now = s.now();
  if (year.status === 'closed' || s.tranches.isClosed(year.year, rt.kelurahanCode)) {
    throw conflict('year_closed', `Tahun program ${year.year} sudah ditutup; tidak ada pencairan lagi.`);
  }
  return s.db.transaction(() => {
    const existing = s.tranches.findByRequestKey(cmd.requestKey);
    if (existing) {
      if (existing.rtId !== rt.id) throw conflict('request_key_reused', 'Formulir ini sudah dipakai; muat ulang halaman.');
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
        throw invalid(
          'month_invalid',
          allowed.length
            ? `RBB hanya untuk ${allowed.map((m) => periodLabel('monthly', m)).join(' atau ')} (bulan berjalan atau berikutnya, sesudah bulan yang sudah dicairkan).`
            : 'Saat ini tidak ada bulan yang dapat diajukan.',
          { month: 'Bulan tidak dapat diajukan.' },
        );
      }
      lines = cmd.lines ?? [];
      if (lines.length === 0) throw invalid('rbb_empty', 'Rencana belanja bulanan (RBB) belum berisi baris.', { lines: 'Isi paling sedikit satu baris.' });
      validatePlanLines(year, lines);
      if (s.plans.approved(rt.id, year.year)) checkAgainstPlan(s, rt.id, year.year, lines);
      amount = lines.reduce((a, l) => a + l.amount, 0);
    } else {
      const next = nextStage(year, s.balances.ofRt(year.year, rt.id).allocated, all);
      if (!next) throw conflict('all_stages_drawn', 'Semua tahap sudah dicairkan atau diajukan.');
      period = String(next.stage);
      amount = next.amount;
    }
    const failures = checkTrancheGates(trancheFacts(s, rt, year, { period, amount, mode: year.disbursementMode }));
    if (failures.length) throw gateRefusal(failures);
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
