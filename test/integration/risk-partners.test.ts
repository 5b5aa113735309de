/**
 * Which other grantees a refresh marks for their own refresh (risk-refresh.ts partnersMoved):
 * each only when what its cross-RT flags read of this grantee moves. Before, every receipt of a
 * common shop marked every RT that ever bought there (a new receipt is a new link), so in an
 * upload rush the background refresh recomputed hundreds of RTs whose flags could not change.
 * Each row records one receipt of RT A, refreshes A alone, and names the partners left marked;
 * then everything is refreshed and verify recomputes every grantee's flags from the current
 * links, so a partner that should have been marked and was not is named there.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeYearSettings } from '../../src/app/create-programme-year';
import { rejectReceipt } from '../../src/app/decide-receipt';
import { recordReceipt } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import { notaPartnersMoved, refreshDirty, vendorHoldingsMoved } from '../../src/app/risk-refresh';
import { notaStoreOf } from '../helpers/nota-store';
import type { RiskLink } from '../../src/app/ports';
import { seededPhoto } from '../../src/app/seed-documents';
import { verifyRiskFlags } from '../../src/app/verify-risk';
import { toActor } from '../../src/db/user-repository';
import { SYSTEM_ACTOR, type Actor } from '../../src/domain/access';
import { checklistOf } from '../../src/domain/grants/evidence-kinds';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully } from '../builders';
import type { Services } from '../helpers/db';
import { seededServices } from '../helpers/db';

const PLEBURAN = '3374050005';
const NOW = new Date('2026-10-20T03:00:00Z');
const SHOP = 'Toko Makmur Jaya';
let s: Services;
let bendahara: Actor;
let seq = 0;
const g: Record<'A' | 'B' | 'C' | 'D', { id: number; chair: Actor }> = {} as never;
const receiptsOfA: number[] = [];

async function receipt(who: keyof typeof g, vendor: string, notaNumber: string): Promise<number> {
  const year = s.years.find(2026, '2026-10-20')!;
  const files = [];
  for (const kind of checklistOf(year.categories.find((c) => c.code === 'SOS')!)) {
    seq += 1;
    const png = await sharp(await seededPhoto(`risk partners ${kind} ${seq}`)).png().toBuffer();
    files.push({ ...(await s.evidence.put(png, 'image/png', `${kind}-${seq}.png`)), kind });
  }
  return recordReceipt(s, g[who].chair, { rtId: g[who].id, year: 2026, date: '2026-10-20', category: 'SOS', description: `Konsumsi rapat warga ${seq}`, vendor, notaNumber, amount: 100_000, items: [], files, requestKey: `risk-partners-${seq}` }).id;
}

/** Refreshes until nothing waits (a refresh can mark partners after its batch was taken). */
function drain(): void {
  for (let i = 0; i < 10 && refreshDirty(s, Number.MAX_SAFE_INTEGER).waiting > 0; i++);
  expect(s.risk.dirtyCount()).toBe(0);
}

const dirtyOthers = () => (['B', 'C', 'D'] as const).filter((k) => s.risk.isDirty(2026, g[k].id));

beforeAll(async () => {
  s = await seededServices(() => NOW);
  bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  for (const [k, rw, rt] of [['A', 3, 5], ['B', 3, 6], ['C', 3, 7], ['D', 3, 8]] as const) {
    const id = s.registry.findRtByNumbers(PLEBURAN, rw, rt)!.id;
    const chair = (await aUser(s, { role: 'ketua_rt', rtId: id })).actor;
    approvePlanFully(s, bendahara, (await aSubmittedPlan(s, chair)).id);
    const t = requestTranche(s, chair, { rtId: id, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat warga', amount: 2_000_000 }], requestKey: `risk-partners-${k}` });
    approveAndPay(s, bendahara, t.id);
    g[k] = { id, chair };
  }
  // B, C and D buy from the shop; its nota series: B 500, D 520 (within the span of 50 of each other), C 900.
  await receipt('B', SHOP, 'MJ-500');
  await receipt('C', SHOP, 'MJ-900');
  await receipt('D', SHOP, 'MJ-520');
  drain();
  expect(verifyRiskFlags(s).problems).toEqual([]);
});

describe('a refresh marks the partners whose flags move, and only them', () => {
  it.each<[string, () => Promise<unknown>, Array<'B' | 'C' | 'D'>]>([
    ['A buys from the shop for the first time: every holder sees one more RT holding it', async () => receiptsOfA.push(await receipt('A', SHOP, 'K-7')), ['B', 'C', 'D']],
    ['A buys from the shop again (nota below the series range): nobody else’s count moves (before: every holder again)', async () => receiptsOfA.push(await receipt('A', SHOP, 'K-8')), []],
    ['A’s nota 480 of the series: B (500) and D (520) now have A within the span, C (900) does not', async () => receiptsOfA.push(await receipt('A', SHOP, 'MJ-480')), ['B', 'D']],
    ['A’s nota 470: A is already within the span of B and D, nobody moves', async () => receiptsOfA.push(await receipt('A', SHOP, 'MJ-470')), []],
    ['A’s 480 and 470 rejected: A leaves B’s and D’s span', async () => {
      rejectReceipt(s, bendahara, receiptsOfA[2]!, 'Nota tidak sah');
      rejectReceipt(s, bendahara, receiptsOfA[3]!, 'Nota tidak sah');
    }, ['B', 'D']],
    ['A’s last receipts from the shop rejected: every holder sees one RT fewer', async () => {
      rejectReceipt(s, bendahara, receiptsOfA[0]!, 'Nota tidak sah');
      rejectReceipt(s, bendahara, receiptsOfA[1]!, 'Nota tidak sah');
    }, ['B', 'C', 'D']],
  ])('%s', async (_what, act, marked) => {
    expect(s.risk.dirtyCount()).toBe(0);
    await act();
    expect(dirtyOthers()).toEqual([]);
    expect(s.risk.isDirty(2026, g.A.id)).toBe(true);
    // A alone is waiting: refresh it, and see whom it marked.
    expect(refreshDirty(s, 1).refreshed).toBe(1);
    expect(dirtyOthers()).toEqual(marked);
    drain();
    expect(verifyRiskFlags(s).problems).toEqual([]);
  });

  it('B’s nota-series flag counts A while A is within its span (what the marks keep current)', async () => {
    const n = await receipt('A', SHOP, 'MJ-510');
    drain();
    expect(s.risk.flagsOf(2026, g.B.id).find((f) => f.kind === 'nota_series')?.numbers).toMatchObject({ rts: 3 });
    rejectReceipt(s, bendahara, n, 'Nota tidak sah');
    drain();
    expect(s.risk.flagsOf(2026, g.B.id).find((f) => f.kind === 'nota_series')).toBeUndefined();
    expect(verifyRiskFlags(s).problems).toEqual([]);
  });
});

describe('a new day with another nota span, before the day’s first tick marks every grantee (reviewer’s case)', () => {
  it('a holder whose flags were computed yesterday, with yesterday’s span, is marked though today’s span leaves it out', async () => {
    // Its own world: the clock moves to the next WIB day, and a settings version narrows the span from that day.
    let now = new Date('2026-10-20T03:00:00Z');
    const w = await seededServices(() => now);
    try {
      const treasurer = toActor(w.users.findByUsername('bendahara.pleburan')!);
      const h: Record<'A' | 'B' | 'D', { id: number; chair: Actor }> = {} as never;
      for (const [k, rw, rt] of [['A', 3, 5], ['B', 3, 6], ['D', 3, 8]] as const) {
        const id = w.registry.findRtByNumbers(PLEBURAN, rw, rt)!.id;
        const chair = (await aUser(w, { role: 'ketua_rt', rtId: id })).actor;
        approvePlanFully(w, treasurer, (await aSubmittedPlan(w, chair)).id);
        const t = requestTranche(w, chair, { rtId: id, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat warga', amount: 2_000_000 }], requestKey: `span-day-${k}` });
        approveAndPay(w, treasurer, t.id);
        h[k] = { id, chair };
      }
      const buy = async (k: 'A' | 'B' | 'D', notaNumber: string, date: string) => {
        const year = w.years.find(2026, date)!;
        const files = [];
        for (const kind of checklistOf(year.categories.find((c) => c.code === 'SOS')!)) {
          seq += 1;
          const png = await sharp(await seededPhoto(`span day ${kind} ${seq}`)).png().toBuffer();
          files.push({ ...(await w.evidence.put(png, 'image/png', `${kind}-${seq}.png`)), kind });
        }
        recordReceipt(w, h[k].chair, { rtId: h[k].id, year: 2026, date, category: 'SOS', description: `Konsumsi rapat ${seq}`, vendor: SHOP, notaNumber, amount: 100_000, items: [], files, requestKey: `span-day-${seq}` });
      };
      const settle = () => {
        for (let i = 0; i < 10 && refreshDirty(w, Number.MAX_SAFE_INTEGER).waiting > 0; i++);
      };
      await buy('B', 'MJ-500', '2026-10-20');
      await buy('D', 'MJ-520', '2026-10-20');
      await buy('A', 'K-7', '2026-10-20');
      changeYearSettings(w, SYSTEM_ACTOR, 2026, { riskThresholds: { ...w.years.find(2026)!.riskThresholds, notaSeriesSpan: 10 } }, '2026-10-21');
      settle();
      expect(verifyRiskFlags(w).problems).toEqual([]);

      now = new Date('2026-10-21T03:00:00Z');
      await buy('A', 'MJ-530', '2026-10-21');
      expect(refreshDirty(w, 1).refreshed).toBe(1);
      // Today's span (10) leaves B (30 away) out, but B's kept flags are yesterday's (span 50): marked.
      expect(w.risk.isDirty(2026, h.B.id)).toBe(true);
      expect(w.risk.isDirty(2026, h.D.id)).toBe(true);
      settle();
      expect(verifyRiskFlags(w).problems).toEqual([]);
    } finally {
      w.db.close();
    }
  });
});

const link = (kind: RiskLink['kind'], key: string, rtId: number, receiptId: number, num: number | null = null, kelurahanCode = 'K1'): RiskLink => ({ kind, key, rtId, receiptId, num, kelurahanCode });

describe('the pure parts', () => {
  it.each<[string, RiskLink[], RiskLink[], string[]]>([
    ['a new receipt from a vendor already held', [link('vendor', 'v', 1, 1)], [link('vendor', 'v', 1, 1), link('vendor', 'v', 1, 2)], []],
    ['a first receipt from a vendor', [], [link('vendor', 'v', 1, 1)], ['v']],
    ['the last receipt from a vendor gone', [link('vendor', 'v', 1, 1), link('vendor', 'w', 1, 2)], [link('vendor', 'w', 1, 2)], ['v']],
    ['the same vendor held from another kelurahan (the spread counts kelurahan)', [link('vendor', 'v', 1, 1)], [link('vendor', 'v', 1, 1, null, 'K2')], ['v']],
    ['nota links only', [link('nota', 'v#A', 1, 1, 100)], [link('nota', 'v#A', 1, 1, 100), link('nota', 'v#A', 1, 2, 300)], []],
  ])('vendor holdings moved: %s', (_what, before, after, moved) => {
    expect(vendorHoldingsMoved(before, after)).toEqual(moved);
  });

  const others = [link('nota', 'v#A', 2, 10, 500), link('nota', 'v#A', 3, 11, 900), link('nota', 'v#B', 4, 12, 480), link('nota', 'v#A', 5, 13, 560), link('nota', 'v#A', 5, 14, 200)];
  it.each<[string, RiskLink[], RiskLink[], number[]]>([
    ['a number entering the span of one holder', [], [link('nota', 'v#A', 1, 1, 460)], [2]],
    ['at the span’s edge (|510 − 560| = 50 is within)', [], [link('nota', 'v#A', 1, 1, 510)], [2, 5]],
    ['just past it', [], [link('nota', 'v#A', 1, 1, 449)], []],
    ['another number near holders already near', [link('nota', 'v#A', 1, 1, 500)], [link('nota', 'v#A', 1, 1, 500), link('nota', 'v#A', 1, 2, 505)], []],
    ['the one near number gone', [link('nota', 'v#A', 1, 1, 880), link('nota', 'v#A', 1, 2, 100)], [link('nota', 'v#A', 1, 2, 100)], [3]],
    ['another series of the same shop is not this one', [], [link('nota', 'v#B', 1, 1, 500)], [4]],
  ])('nota partners moved: %s', (_what, before, after, moved) => {
    const keys = [...new Set([...before, ...after].filter((l) => l.kind === 'nota').map((l) => l.key))];
    expect(notaPartnersMoved(notaStoreOf(others), 2026, 1, before, after, keys, 50).sort((a, b) => a - b)).toEqual(moved);
  });
});
