/**
 * The money rules that live in one domain function each, tried as a dishonest or careless chair
 * and a hurried treasurer would, through the use cases (each row on its own seeded database).
 * Each row names the abuse and the outcome code it must meet.
 */
import sharp from 'sharp';
import { seededPhoto } from '../../src/app/seed-documents';
import { describe, expect, it } from 'vitest';
import { returnReceipt, verifyReceipt } from '../../src/app/decide-receipt';
import { recordReceipt, resubmitReceipt } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import type { Services } from '../helpers/db';
import { toActor } from '../../src/db/user-repository';
import type { Actor } from '../../src/domain/access';
import { aSubmittedPlan, aUser, approveAndPay, approvePlanFully, approveTrancheFully } from '../builders';
import { seededServices } from '../helpers/db';
import { codeOf } from '../helpers/errors';

const PLEBURAN = '3374050005';
let seq = 0;

interface World {
  s: Services;
  chair: Actor;
  bendahara: Actor;
  rtId: number;
  /** Records a receipt (a nota, and for SOS the activity photo and attendance list too). */
  receipt: (o: { amount: number; category?: string; date?: string }) => Promise<number>;
  /** Requests an October tranche of `amount` (SOS) and returns its id. */
  tranche: (amount: number) => number;
}

async function world(): Promise<World> {
  const s = await seededServices(() => new Date('2026-10-20T03:00:00Z'));
  const rtId = s.registry.findRtByNumbers(PLEBURAN, 3, 5)!.id;
  const { actor: chair } = await aUser(s, { role: 'ketua_rt', rtId });
  const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
  approvePlanFully(s, bendahara, (await aSubmittedPlan(s, chair)).id);
  const file = async (kind: 'nota' | 'foto_kegiatan' | 'daftar_hadir') => {
    seq += 1;
    const png = await sharp(await seededPhoto(`money rules ${kind} ${seq}`)).png().toBuffer();
    return { ...(await s.evidence.put(png, 'image/png', `${kind}-${seq}.png`)), kind };
  };
  return {
    s,
    chair,
    bendahara,
    rtId,
    async receipt({ amount, category = 'SOS', date = '2026-10-20' }) {
      const files = category === 'SOS' ? [await file('nota'), await file('foto_kegiatan'), await file('daftar_hadir')] : [await file('nota')];
      return recordReceipt(s, chair, { rtId, year: 2026, date, category, description: `Belanja ${seq}`, vendor: 'Toko Uji', notaNumber: `U-${seq}`, amount, items: [], files, requestKey: `money-rules-${seq}-${amount}` }).id;
    },
    tranche: (amount) =>
      requestTranche(s, chair, { rtId, year: 2026, month: '2026-10', lines: [{ category: 'SOS', description: 'Rapat', amount }], requestKey: `money-rules-t-${++seq}` }).id,
  };
}

/** Each abuse: what the actors do first, then the attempt whose outcome is checked. */
const ABUSES: Array<[string, (w: World) => Promise<string>, string]> = [
  [
    'the chair spends a tranche the kelurahan approved but the bank has not paid',
    async (w) => {
      approveTrancheFully(w.s, w.bendahara, w.tranche(2_000_000));
      return codeOf(() => recordReceipt(w.s, w.chair, { rtId: w.rtId, year: 2026, date: '2026-10-20', category: 'ADM', description: 'ATK', vendor: 'Toko', notaNumber: null, amount: 100_000, items: [], files: [], requestKey: 'money-rules-unpaid-1' }));
    },
    'receipt_exceeds_cash',
  ],
  [
    'once the bank has paid, the same spending is accepted',
    async (w) => {
      approveAndPay(w.s, w.bendahara, w.tranche(2_000_000));
      await w.receipt({ amount: 100_000, category: 'ADM' });
      return 'ok';
    },
    'ok',
  ],
  [
    'a returned receipt frees no cash: spending it again is refused',
    async (w) => {
      approveAndPay(w.s, w.bendahara, w.tranche(300_000));
      returnReceipt(w.s, w.bendahara, await w.receipt({ amount: 300_000 }), 'Foto kurang jelas.');
      return w.receipt({ amount: 1 }).then(() => 'ok', (e: { code?: string }) => e.code ?? 'not a DomainError');
    },
    'receipt_exceeds_cash',
  ],
  [
    'the returned receipt itself can still be re-sent (its own hold does not count against it)',
    async (w) => {
      approveAndPay(w.s, w.bendahara, w.tranche(300_000));
      const id = await w.receipt({ amount: 300_000 });
      returnReceipt(w.s, w.bendahara, id, 'Foto kurang jelas.');
      const png = await sharp(await seededPhoto('money rules foto baru')).png().toBuffer();
      const extra = { ...(await w.s.evidence.put(png, 'image/png', 'foto-baru.png')), kind: 'foto_kegiatan' as const };
      return codeOf(() => resubmitReceipt(w.s, w.chair, id, [extra]));
    },
    'ok',
  ],
  [
    'two pending receipts fit the cash at entry; verifying one leaves the other covered',
    async (w) => {
      approveAndPay(w.s, w.bendahara, w.tranche(500_000));
      const a = await w.receipt({ amount: 250_000 });
      await w.receipt({ amount: 250_000 });
      return codeOf(() => verifyReceipt(w.s, w.bendahara, a));
    },
    'ok',
  ],
  [
    'the administration cap (2,5 % = Rp625.000) at entry',
    async (w) => {
      approveAndPay(w.s, w.bendahara, w.tranche(2_000_000));
      await w.receipt({ amount: 600_000, category: 'ADM' });
      return w.receipt({ amount: 25_001, category: 'ADM' }).then(() => 'ok', (e: { code?: string }) => e.code ?? 'not a DomainError');
    },
    'category_limit_exceeded',
  ],
  [
    'the administration cap counts a returned receipt too (its money is spent)',
    async (w) => {
      approveAndPay(w.s, w.bendahara, w.tranche(2_000_000));
      returnReceipt(w.s, w.bendahara, await w.receipt({ amount: 600_000, category: 'ADM' }), 'Nota tidak terbaca.');
      return w.receipt({ amount: 25_001, category: 'ADM' }).then(() => 'ok', (e: { code?: string }) => e.code ?? 'not a DomainError');
    },
    'category_limit_exceeded',
  ],
];

describe('money rules against abuse', () => {
  it.each(ABUSES)('%s', async (_abuse, attempt, expected) => {
    const w = await world();
    expect(await attempt(w)).toBe(expected);
  });
});
