/** Loading a resource inside the actor's scope: outside it, the resource does not exist (404). */
import { authorize, chairWordOf, type Action, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { CONFLICT_DAYS, decisionBar, decisionBarNote, refuseIfIssuedPassword, type PasswordIssue } from '../domain/accounts/password-conflict';
import { programmeOf, programmeRules, type GranteeKind, type ProgrammeYear } from '../domain/grants/programme-year';
import { grantNameOf } from '../domain/grants/grant-titles';
import { granteeLabel } from '../domain/registry/rows';
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
  const { issues, at } = issuesNow(s, actor.userId, rtId);
  refuseIfIssuedPassword(issues, actor.userId, rtId, at);
}

function issuesNow(s: Services, userId: number, rtId: number): { issues: PasswordIssue[]; at: string } {
  const now = s.now();
  const since = new Date(now.getTime() - CONFLICT_DAYS * 24 * 60 * 60 * 1000).toISOString();
  return { issues: s.accounts.issuesBy(userId, rtId, since), at: now.toISOString() };
}

/**
 * For the pages: the note that replaces the decide buttons of RT `rtId`'s items when the same
 * rule as refuseConflictedDecider bars the actor (null when she may decide). Memoised per RT for
 * one page (a queue holds many items of few RTs).
 */
export function decisionBarsFor(s: Services, actor: Actor): (rtId: number) => string | null {
  const seen = new Map<number, string | null>();
  return (rtId) => {
    if (actor.userId === null) return null;
    if (!seen.has(rtId)) {
      const { issues, at } = issuesNow(s, actor.userId, rtId);
      const bar = decisionBar(issues, actor.userId, rtId, at);
      seen.set(rtId, bar ? decisionBarNote(bar) : null);
    }
    return seen.get(rtId)!;
  };
}

/**
 * The decide buttons' flag and, when the conflict rule bars the reader (decisionBarsFor, the same rule
 * the decision refuses by), the note shown in their place.
 */
export const decidable = (would: boolean, barNote: string | null) => ({ canDecide: would && barNote === null, decisionBar: would ? barNote : null });

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

/** yearOfGrantee for a grantee known by its id (read models that hold only the id). */
export function yearOfRt(s: Services, rtId: number, year: number, on?: string): ProgrammeYear {
  const rt = s.registry.findRt(rtId);
  if (!rt) throw fail('rt_not_found');
  return yearOfGrantee(s, rt, year, on);
}

/**
 * The rules a grantee is judged by: the year's settings in force on `on` (yearOrThrow), seen
 * through the grantee's programme (programmeRules: the year itself for OPS, the section's amounts,
 * categories and caps for another). Every use case and read model that judges a grantee takes its
 * year here.
 */
export function yearOfGrantee(s: Services, grantee: { programme?: string }, year: number, on?: string): ProgrammeYear {
  return programmeRules(yearOrThrow(s, year, on), programmeOf(grantee));
}

/**
 * How a grantee's documents name its grant (grant-titles.ts): "Dana Operasional RT" for the RT/RW
 * grant, the programme's name in the year's settings otherwise (yearOfGrantee's rules drop the
 * other programmes, so the name is read from the year itself); `title` in capitals.
 */
export function grantWordsOf(s: Services, grantee: { programme?: string; kind: GranteeKind }, year: number, on?: string): { name: string; title: string } {
  const name = grantNameOf(yearOrThrow(s, year, on), programmeOf(grantee), grantee.kind);
  return { name, title: name.toUpperCase() };
}

/**
 * Labels of grantees by id for list pages whose rows carry only the numbers (queue, review,
 * approvals, bank batches): granteeLabel, so a PKK group reads "PKK RT 001 / RW 001", never as its
 * RT. Memoised for one page.
 */
export function granteeLabels(s: Services): (rtId: number) => string {
  const seen = new Map<number, string>();
  return (rtId) => {
    if (!seen.has(rtId)) {
      const g = s.registry.findRt(rtId);
      seen.set(rtId, g ? granteeLabel(g) : `RT #${rtId}`);
    }
    return seen.get(rtId)!;
  };
}

/** How sentences name one grantee's chair (flash messages after a decision). */
export const chairWordOfRt = (s: Services, rtId: number): string => chairWords(s)(rtId);

/** How sentences name a grantee's chair ("ketua RT", "ketua RW", "ketua PKK RT"), by id; memoised for one page. */
export function chairWords(s: Services): (rtId: number) => string {
  const seen = new Map<number, string>();
  return (rtId) => {
    if (!seen.has(rtId)) {
      const g = s.registry.findRt(rtId);
      seen.set(rtId, chairWordOf(g ?? 'rt'));
    }
    return seen.get(rtId)!;
  };
}
