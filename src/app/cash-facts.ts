/**
 * The facts of the cash rule (src/domain/grants/cash.ts) for an RT, read from storage: the one
 * place entry, re-sending, verification, reversal and the pages get them.
 */
import { cashAvailable, type CashFacts } from '../domain/grants/cash';
import type { Services } from './services';

/**
 * For spending dated `date` (the lowest cash from that day on; the balance now when no date);
 * `self` is a receipt being re-sent or verified, whose own hold does not count against it.
 */
export function cashFactsOf(s: Services, rtId: number, year: number, date?: string, self?: { status: string; amount: number }): CashFacts {
  const cash = s.balances.ofRt(year, rtId).cash;
  const held = s.receipts.heldBack(rtId, year);
  return {
    ledgerCashFrom: date ? Math.min(cash, s.ledger.minCashFrom(year, rtId, date)) : cash,
    pending: held.pending - (self?.status === 'pending' ? self.amount : 0),
    returned: held.returned - (self?.status === 'returned' ? self.amount : 0),
  };
}

export const cashAvailableFor = (...args: Parameters<typeof cashFactsOf>): number => cashAvailable(cashFactsOf(...args));
