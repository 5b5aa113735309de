/**
 * The events that tell users something, each written into the outbox in the transaction of the
 * event itself (called from inside the use case's transaction): an item returned, a tranche
 * approved, money transferred. The time-based ones are in notification-tick.ts.
 */
import { periodLabel } from '../domain/grants/tranche';
import { granteeLabel } from '../domain/registry/rows';
import { notifyRt } from './notify';
import type { RtDetail, TrancheRow } from './ports';
import type { Services } from './services';

const LINKS = { receipt: (rt: number) => `/rt/${rt}/kuitansi`, plan: (rt: number) => `/rt/${rt}/rencana`, spj: (rt: number) => `/rt/${rt}/kuitansi` } as const;

/** A receipt, plan or SPJ returned for fixing: its RT's officers are told what to fix. */
export function tellItemReturned(s: Services, rt: RtDetail, itemType: 'receipt' | 'plan' | 'spj', itemId: number, note: string): void {
  const at = s.now().toISOString();
  notifyRt(s, rt.id, { kind: 'item_returned', payload: { itemType, itemId, rtLabel: granteeLabel(rt), note: note.trim(), link: LINKS[itemType](rt.id) } }, `item_returned:${itemType}:${itemId}:${at}`);
}

/** The last step of the chain approved a tranche. */
export function tellTrancheApproved(s: Services, rt: RtDetail, t: Pick<TrancheRow, 'id' | 'mode' | 'period' | 'amount'>): void {
  notifyRt(
    s,
    rt.id,
    { kind: 'tranche_approved', payload: { trancheId: t.id, period: periodLabel(t.mode, t.period), amount: t.amount, rtLabel: granteeLabel(rt), link: `/rt/${rt.id}/pencairan` } },
    `tranche_approved:${t.id}`,
  );
}

/** The bank batch's row answered paid: the money is in the RT's account. */
export function tellMoneyTransferred(s: Services, rt: RtDetail, t: Pick<TrancheRow, 'id' | 'mode' | 'period' | 'amount'>, paidOn: string): void {
  notifyRt(
    s,
    rt.id,
    { kind: 'money_transferred', payload: { trancheId: t.id, period: periodLabel(t.mode, t.period), amount: t.amount, rtLabel: granteeLabel(rt), paidOn, link: `/rt/${rt.id}/pencairan` } },
    `money_transferred:${t.id}`,
  );
}
