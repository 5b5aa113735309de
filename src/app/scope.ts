/** Loading a resource inside the actor's scope: outside it, the resource does not exist (404). */
import { authorize, type Action, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { CONFLICT_DAYS, refuseIfIssuedPassword } from '../domain/accounts/password-conflict';
import type { RtDetail } from './ports';
import type { Services } from './services';

export function rtInScope(s: Services, actor: Actor, action: Action, rtId: number): RtDetail {
  const rt = s.registry.findRt(rtId);
  if (!rt) throw fail('rt_not_found');
  authorize(actor, action, { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
  if (DECIDE_ACTIONS.has(action)) refuseConflictedDecider(s, actor, rt.id);
  return rt;
}

/** The actions that decide an RT's items: every decide use case loads its RT through rtInScope with one of these. */
export const DECIDE_ACTIONS: ReadonlySet<Action> = new Set<Action>(['receipt.decide', 'receipt.reverse', 'plan.decide', 'tranche.decide', 'tranche.reverse', 'spj.decide', 'approval.step']);

/** The conflict rule of temporary passwords (src/domain/accounts/password-conflict.ts), on today's clock. */
export function refuseConflictedDecider(s: Services, actor: Actor, rtId: number): void {
  if (actor.userId === null) return;
  const now = s.now();
  const since = new Date(now.getTime() - CONFLICT_DAYS * 24 * 60 * 60 * 1000).toISOString();
  refuseIfIssuedPassword(s.accounts.issuesBy(actor.userId, rtId, since), actor.userId, rtId, now.toISOString());
}

export function kelurahanInScope(s: Services, actor: Actor, action: Action, code: string) {
  const kel = s.registry.findKelurahan(code);
  if (!kel) throw fail('kelurahan_not_found');
  authorize(actor, action, { kecamatanCode: kel.kecamatanCode, kelurahanCode: kel.code });
  return kel;
}

/**
 * The programme year with the settings in force on `on` (default: today in WIB): a use case
 * judges by the version in force on the day it decides, so a later change re-judges nothing.
 */
export function yearOrThrow(s: Services, year: number, on: string = todayWib(s.now())) {
  const y = s.years.find(year, on);
  if (!y) throw fail('year_not_found', { year });
  return y;
}
