/**
 * An admin's correction into a closed programme year (year-correction.ts): a new entry between
 * one RT's closed-year figures (spending per category, returned to Kas Daerah, lapsed), dated the
 * day it is made and tagged with the closed year, with a written reason; audited in the same
 * transaction. Nothing already posted changes.
 */
import { actorLabel, authorize, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { buildYearCorrection, parsePlace, placeAccount } from '../domain/grants/year-correction';
import { rtYearEndAccounts , accountRefOf } from '../domain/ledger/accounts';
import type { PostedEntry } from '../domain/ledger/entry';
import { granteeLabel } from '../domain/registry/rows';
import { postEntry } from './post-entry';
import { kelurahanInScope, yearOfGrantee } from './scope';
import type { Services } from './services';

export interface CorrectionCmd {
  year: number;
  rtId: number;
  /** "spending:SOS", "returned" or "lapsed". */
  from: string;
  to: string;
  amount: number;
  reason: string;
  /** The form's one-time key: a double submit posts once. */
  requestKey: string;
}

export function correctClosedYear(s: Services, actor: Actor, cmd: CorrectionCmd, ip: string | null = null): PostedEntry {
  authorize(actor, 'year.close');
  const rt = s.registry.findRt(cmd.rtId);
  if (!rt) throw fail('rt_not_found');
  const year = yearOfGrantee(s, rt, cmd.year);
  kelurahanInScope(s, actor, 'year.close', rt.kelurahanCode);
  const codes = year.categories.map((c) => c.code);
  const from = parsePlace(cmd.from, codes);
  const to = parsePlace(cmd.to, codes);
  if (!from || !to) throw fail('correction_place_invalid', undefined, from ? { to: 'Pilih tujuan.' } : { from: 'Pilih asal.' });
  return s.db.transaction(() => {
    if (!s.tranches.isClosed(year.year, rt.kelurahanCode)) throw fail('correction_year_not_closed', { year: year.year });
    // A double submit of the same form gets the correction it already made.
    const again = s.ledger.findByKey(`year_correction:${cmd.requestKey}`);
    if (again) return again;
    const ref = accountRefOf(rt);
    s.ledger.ensureAccounts(year.year, rt.id, rtYearEndAccounts(ref));
    const fromBalance = s.ledger.accountByName(year.year, placeAccount(ref, from))?.balance ?? 0;
    const draft = buildYearCorrection({
      year: year.year,
      rtId: rt.id,
      rt: ref,
      rtLabel: `${granteeLabel(rt)} ${rt.kelurahanName}`,
      from,
      to,
      amount: cmd.amount,
      reason: cmd.reason,
      fromBalance,
      actor: actorLabel(actor),
      today: todayWib(s.now()),
      idempotencyKey: `year_correction:${cmd.requestKey}`,
    });
    const { entry, created } = postEntry(s, draft);
    if (created) {
      s.audit.record(actor, ip, {
        action: 'year.correct',
        targetType: 'journal_entry',
        targetId: entry.id,
        kelurahanCode: rt.kelurahanCode,
        after: { year: year.year, rtId: rt.id, from: cmd.from, to: cmd.to, amount: cmd.amount, reason: draft.reason, occurredOn: draft.occurredOn },
      });
    }
    return entry;
  });
}
