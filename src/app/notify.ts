/**
 * Writing a notification into the outbox, inside the transaction of the event that causes it
 * (so a rolled-back event tells nobody, and a committed one is never lost across a restart).
 * The delivery worker (notification-worker.ts) sends the outside channels later.
 */
import type { AnyNotification } from '../domain/notifications/kinds';
import type { Services } from './services';

/** Notifies one user; a dedupe key already used writes nothing. Returns the new notification's id, or null. */
export function notify(s: Pick<Services, 'notifications' | 'now'>, userId: number, n: AnyNotification, dedupeKey: string): number | null {
  const now = s.now().toISOString();
  const contact = s.notifications.contactOf(userId);
  const id = s.notifications.insert({ userId, kind: n.kind, payload: JSON.stringify(n.payload), dedupeKey, inApp: !contact?.inAppOff, createdAt: now });
  if (id === null) return null;
  if (contact?.email && !contact.emailOff) s.notifications.addDelivery(id, 'email', contact.email, now);
  if (contact?.phone && !contact.whatsappOff) s.notifications.addDelivery(id, 'whatsapp', contact.phone, now);
  return id;
}

/** Notifies every active officer of an RT (ketua, sekretaris, bendahara RT), each under her own key. */
export function notifyRt(s: Pick<Services, 'notifications' | 'accounts' | 'now'>, rtId: number, n: AnyNotification, dedupeKey: string): void {
  for (const userId of s.accounts.activeUsersOfRt(rtId)) notify(s, userId, n, `${dedupeKey}:u${userId}`);
}
