/**
 * An RT's figures (year-figures.ts) add up to its allocation whatever happened in the year:
 * fast-check over random sequences of the moves the ledger makes between an RT's accounts
 * (tranche drawn, receipt spent, reversals, the close's return and lapse, corrections after it),
 * each a balanced entry, read back from account names as the statements read them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { figuresAddUp, figuresPerRt, rtFigureOf, yearFigures } from '../../src/domain/grants/year-figures';
import { CITY_APPROPRIATION, rtCashAccount, rtLapsedAccount, rtReturnedAccount, rtSpendingAccount, rtUndrawnAccount, type RtAccountRef } from '../../src/domain/ledger/accounts';

const ALLOCATION = 25_000_000;
const RTS: RtAccountRef[] = [
  { kelurahanCode: '3374050005', rwNumber: 1, rtNumber: 1 },
  { kelurahanCode: '3374050005', rwNumber: 12, rtNumber: 107 },
  { kelurahanCode: '3374010001', rwNumber: 3, rtNumber: 2 },
];
const CATS = ['SOS', 'ADM', 'PRL'];

type Move = { rt: number; kind: 'draw' | 'spend' | 'unspend' | 'undraw' | 'close' | 'correct'; amount: number; cat: number; to: number };
const move = fc.record({
  rt: fc.integer({ min: 0, max: RTS.length - 1 }),
  kind: fc.constantFrom<Move['kind']>('draw', 'spend', 'unspend', 'undraw', 'close', 'correct'),
  amount: fc.integer({ min: 1, max: 9_000_000 }),
  cat: fc.integer({ min: 0, max: CATS.length - 1 }),
  to: fc.integer({ min: 0, max: CATS.length + 1 }),
});

/** Applies the moves as the ledger would (a move that would overdraw an account is skipped, as the rules refuse it). */
function run(moves: Move[]) {
  const bal = new Map<string, number>();
  const get = (a: string) => bal.get(a) ?? 0;
  const post = (debit: string, credit: string, amount: number) => {
    if (amount <= 0) return;
    bal.set(debit, get(debit) + amount);
    bal.set(credit, get(credit) - amount);
  };
  for (const rt of RTS) post(rtUndrawnAccount(rt), CITY_APPROPRIATION, ALLOCATION);
  const closed = new Set<number>();
  for (const m of moves) {
    const rt = RTS[m.rt]!;
    const spend = rtSpendingAccount(rt, CATS[m.cat]!);
    if (closed.has(m.rt)) {
      if (m.kind !== 'correct') continue;
      const places = [...CATS.map((c) => rtSpendingAccount(rt, c)), rtReturnedAccount(rt), rtLapsedAccount(rt)];
      const from = spend;
      const to = places[m.to]!;
      if (to !== from) post(to, from, Math.min(m.amount, get(from)));
      continue;
    }
    if (m.kind === 'draw') post(rtCashAccount(rt), rtUndrawnAccount(rt), Math.min(m.amount, get(rtUndrawnAccount(rt))));
    if (m.kind === 'spend') post(spend, rtCashAccount(rt), Math.min(m.amount, get(rtCashAccount(rt))));
    if (m.kind === 'unspend') post(rtCashAccount(rt), spend, Math.min(m.amount, get(spend)));
    if (m.kind === 'undraw') post(rtUndrawnAccount(rt), rtCashAccount(rt), Math.min(m.amount, get(rtCashAccount(rt))));
    if (m.kind === 'close') {
      post(rtReturnedAccount(rt), rtCashAccount(rt), get(rtCashAccount(rt)));
      post(rtLapsedAccount(rt), rtUndrawnAccount(rt), get(rtUndrawnAccount(rt)));
      closed.add(m.rt);
    }
  }
  return { balances: [...bal].map(([name, balance]) => ({ name, balance })), closed };
}

describe('year figures', () => {
  it('every RT adds up to its full allocation, before and after the close and after corrections (random moves)', () => {
    fc.assert(
      fc.property(fc.array(move, { maxLength: 60 }), (moves) => {
        const { balances, closed } = run(moves);
        const per = figuresPerRt(balances);
        expect(per.size).toBe(RTS.length);
        for (const [i, rt] of RTS.entries()) {
          const key = `${rt.kelurahanCode}:rw${String(rt.rwNumber).padStart(2, '0')}:rt${String(rt.rtNumber).padStart(3, '0')}`;
          const f = per.get(key)!;
          expect(f.allocation).toBe(ALLOCATION);
          expect(figuresAddUp(f)).toBe(true);
          if (closed.has(i)) {
            expect([f.undrawn, f.cash]).toEqual([0, 0]);
            expect(f.spent + f.returned + f.lapsed).toBe(ALLOCATION);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads the year-end accounts (under the city accounts) as the RT\'s, and city accounts as nobody\'s', () => {
    const rt = RTS[1]!;
    expect(rtFigureOf(rtReturnedAccount(rt))).toEqual({ rtKey: '3374050005:rw12:rt107', kind: 'returned' });
    expect(rtFigureOf(rtLapsedAccount(rt))).toEqual({ rtKey: '3374050005:rw12:rt107', kind: 'lapsed' });
    expect(rtFigureOf(rtSpendingAccount(rt, 'PRL'))).toEqual({ rtKey: '3374050005:rw12:rt107', kind: 'spent' });
    expect(rtFigureOf(rtCashAccount(rt))).toEqual({ rtKey: '3374050005:rw12:rt107', kind: 'cash' });
    expect(rtFigureOf(rtUndrawnAccount(rt))).toEqual({ rtKey: '3374050005:rw12:rt107', kind: 'undrawn' });
    for (const city of [CITY_APPROPRIATION, 'aset:kota:kasda:pengembalian', 'ekuitas:kota:alokasi-gugur', 'aset:rt:3374050005:rw01:rt001:lain']) expect(rtFigureOf(city)).toBeNull();
  });

  it('figuresAddUp catches a part that went missing', () => {
    const f = yearFigures({ undrawn: 0, cash: 0, spent: 17_079_000, returned: 0, lapsed: 7_921_000 });
    expect(f.allocation).toBe(25_000_000);
    expect(figuresAddUp(f)).toBe(true);
    expect(figuresAddUp({ ...f, allocation: 17_079_000 })).toBe(false);
  });
});
