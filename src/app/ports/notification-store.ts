/** The notification outbox: notifications, their deliveries on outside channels, and each user's contact and channel settings. */
import type { DeliveryChannel } from '../../domain/notifications/kinds';

export interface ContactRow {
  userId: number;
  phone: string | null;
  email: string | null;
  emailOff: boolean;
  whatsappOff: boolean;
  inAppOff: boolean;
}

export interface NewNotification {
  userId: number;
  kind: string;
  payload: string;
  dedupeKey: string;
  inApp: boolean;
  createdAt: string;
}

export interface NotificationRow extends NewNotification {
  id: number;
  readAt: string | null;
}

export interface DeliveryRow {
  id: number;
  notificationId: number;
  channel: DeliveryChannel;
  address: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export interface NotificationStore {
  contactOf(userId: number): ContactRow | undefined;
  saveContact(c: ContactRow, now: string): void;
  /** Inserts the notification unless its dedupe key exists; its id, or null when it already existed. */
  insert(n: NewNotification): number | null;
  addDelivery(notificationId: number, channel: DeliveryChannel, address: string, now: string): void;
  /** The user's in-app notifications, newest first. */
  listFor(userId: number, limit: number): NotificationRow[];
  unreadCount(userId: number): number;
  markRead(userId: number, now: string): number;
  /** Pending deliveries due at `now`, oldest first, with their notification. */
  due(now: string, limit: number): Array<DeliveryRow & { kind: string; payload: string; userId: number }>;
  markSent(id: number, now: string): void;
  markAttemptFailed(id: number, error: string, nextAttemptAt: string, givenUp: boolean): void;
  deliveriesOf(notificationId: number): DeliveryRow[];
  byDedupeKey(key: string): NotificationRow | undefined;
  /** Notifications written in all. */
  total(): number;
}
