/** The notification outbox: notifications, deliveries on outside channels, users' contact settings. */
import type { Statement } from 'better-sqlite3';
import type { ContactRow, DeliveryRow, NewNotification, NotificationRow, NotificationStore } from '../app/ports';
import type { DeliveryChannel } from '../domain/notifications/kinds';
import type { Db } from './client';

const N_COLUMNS = `id, user_id AS userId, kind, payload, dedupe_key AS dedupeKey, in_app AS inApp, created_at AS createdAt, read_at AS readAt`;
const D_COLUMNS = `d.id, d.notification_id AS notificationId, d.channel, d.address, d.status, d.attempts, d.last_error AS lastError,
  d.next_attempt_at AS nextAttemptAt, d.delivered_at AS deliveredAt`;

const bool = <T extends object>(r: T | undefined, ...keys: (keyof T)[]): T | undefined => {
  if (!r) return r;
  for (const k of keys) (r as Record<keyof T, unknown>)[k] = !!(r as Record<keyof T, unknown>)[k];
  return r;
};

export class NotificationRepository implements NotificationStore {
  private readonly s: Record<string, Statement>;

  constructor(db: Db) {
    const p = (q: string) => db.prepare(q);
    this.s = {
      contact: p(`SELECT user_id AS userId, phone, email, email_off AS emailOff, whatsapp_off AS whatsappOff, in_app_off AS inAppOff FROM user_contacts WHERE user_id = ?`),
      saveContact: p(`INSERT INTO user_contacts (user_id, phone, email, email_off, whatsapp_off, in_app_off, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                      ON CONFLICT (user_id) DO UPDATE SET phone = excluded.phone, email = excluded.email, email_off = excluded.email_off,
                      whatsapp_off = excluded.whatsapp_off, in_app_off = excluded.in_app_off, updated_at = excluded.updated_at`),
      insert: p(`INSERT INTO notifications (user_id, kind, payload, dedupe_key, in_app, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`),
      addDelivery: p(`INSERT INTO notification_deliveries (notification_id, channel, address, next_attempt_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`),
      listFor: p(`SELECT ${N_COLUMNS} FROM notifications WHERE user_id = ? AND in_app = 1 ORDER BY id DESC LIMIT ?`),
      unread: p(`SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND in_app = 1 AND read_at IS NULL`),
      markRead: p(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`),
      due: p(`SELECT ${D_COLUMNS}, n.kind, n.payload, n.user_id AS userId FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
              WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`),
      markSent: p(`UPDATE notification_deliveries SET status = 'sent', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ? AND status = 'pending'`),
      markFailed: p(`UPDATE notification_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, status = ? WHERE id = ? AND status = 'pending'`),
      deliveriesOf: p(`SELECT ${D_COLUMNS} FROM notification_deliveries d WHERE d.notification_id = ? ORDER BY d.channel`),
      total: p(`SELECT COUNT(*) AS n FROM notifications`),
      byKey: p(`SELECT ${N_COLUMNS} FROM notifications WHERE dedupe_key = ?`),
    };
  }

  contactOf(userId: number): ContactRow | undefined {
    return bool(this.s.contact!.get(userId) as ContactRow | undefined, 'emailOff', 'whatsappOff', 'inAppOff');
  }

  saveContact(c: ContactRow, now: string): void {
    this.s.saveContact!.run(c.userId, c.phone, c.email, c.emailOff ? 1 : 0, c.whatsappOff ? 1 : 0, c.inAppOff ? 1 : 0, now);
  }

  insert(n: NewNotification): number | null {
    const r = this.s.insert!.run(n.userId, n.kind, n.payload, n.dedupeKey, n.inApp ? 1 : 0, n.createdAt);
    return r.changes === 1 ? Number(r.lastInsertRowid) : null;
  }

  addDelivery(notificationId: number, channel: DeliveryChannel, address: string, now: string): void {
    this.s.addDelivery!.run(notificationId, channel, address, now);
  }

  listFor(userId: number, limit: number): NotificationRow[] {
    return (this.s.listFor!.all(userId, limit) as NotificationRow[]).map((r) => bool(r, 'inApp')!);
  }

  unreadCount(userId: number): number {
    return (this.s.unread!.get(userId) as { n: number }).n;
  }

  markRead(userId: number, now: string): number {
    return this.s.markRead!.run(now, userId).changes;
  }

  due(now: string, limit: number) {
    return this.s.due!.all(now, limit) as Array<DeliveryRow & { kind: string; payload: string; userId: number }>;
  }

  markSent(id: number, now: string): void {
    this.s.markSent!.run(now, id);
  }

  markAttemptFailed(id: number, error: string, nextAttemptAt: string, givenUp: boolean): void {
    this.s.markFailed!.run(error.slice(0, 500), nextAttemptAt, givenUp ? 'failed' : 'pending', id);
  }

  deliveriesOf(notificationId: number): DeliveryRow[] {
    return this.s.deliveriesOf!.all(notificationId) as DeliveryRow[];
  }

  total(): number {
    return (this.s.total!.get() as { n: number }).n;
  }

  byDedupeKey(key: string): NotificationRow | undefined {
    return bool(this.s.byKey!.get(key) as NotificationRow | undefined, 'inApp');
  }
}
