/**
 * The events that tell users something, each written into the outbox in the transaction of the
 * event itself (called from inside the use case's transaction): an item returned, a tranche
 * approved, money transferred. The time-based ones are in notification-tick.ts.
 */
import { periodLabel } from '../domain/grants/tranche';
import { granteeLabel } from '../domain/registry/rows';
import { notify, notifyRt } from './notify';
import { roleLabelOf, type Actor } from '../domain/access';
import type { RtDetail, TrancheRow } from './ports';
import type { Services } from './services';

const LINKS = { receipt: (rt: number) => `/rt/${rt}/kuitansi`, plan: (rt: number) => `/rt/${rt}/rencana`, spj: (rt: number) => `/rt/${rt}/kuitansi` } as const;

/** A receipt, plan or SPJ returned for fixing: its RT's officers are told what to fix. */
export function tellItemReturned(s: Services, rt: RtDetail, itemType: 'receipt' | 'plan' | 'spj', itemId: number, note: string): void {
  const at = s.now().toISOString();
  notifyRt(s, rt.id, { kind: 'item_returned', payload: { itemType, itemId, rtLabel: granteeLabel(rt), note: note.trim(), link: LINKS[itemType](rt.id) } }, `item_returned:${itemType}:${itemId}:${at}`);
}

/**
 * A plan or a tranche sent back (returned or rejected): the RT's officers are told who decided
 * and why (unless `chairToldAlready`: a returned plan already told them through item_returned),
 * and when a later approver (lurah, camat) decided, so is the kelurahan treasurer who verified it.
 */
export function tellSentBack(
  s: Services,
  rt: RtDetail,
  actor: Actor,
  item: { itemType: 'plan' | 'tranche'; itemId: number; outcome: 'returned' | 'rejected'; note: string; link: string },
  chairToldAlready = false,
): void {
  const at = s.now().toISOString();
  const by = actor.userId === null ? undefined : s.users.findById(actor.userId);
  const payload = {
    ...item,
    note: item.note.trim(),
    rtLabel: granteeLabel(rt),
    byName: by?.displayName ?? actor.username,
    byRole: actor.role === 'system' ? 'sistem' : roleLabelOf(actor.role),
  };
  const key = `item_sent_back:${item.itemType}:${item.itemId}:${at}`;
  if (!chairToldAlready) notifyRt(s, rt.id, { kind: 'item_sent_back', payload }, key);
  if (actor.role !== 'lurah' && actor.role !== 'camat') return;
  const treasurer = s.users.bendaharaOf(rt.kelurahanCode);
  if (treasurer) notify(s, treasurer.id, { kind: 'item_sent_back', payload: { ...payload, link: item.itemType === 'plan' ? `/rt/${rt.id}/rencana` : `/rt/${rt.id}/pencairan` } }, `${key}:u${treasurer.id}`);
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
