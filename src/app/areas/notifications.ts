/** Notifications: the user's in-app list, her contact and channels, and the outbox's worker and tick. */
import type { Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import { formatWaktu } from '../../domain/calendar';
import { normalizeEmail, normalizePhone } from '../../domain/notifications/contact';
import { messageOf, type AnyNotification } from '../../domain/notifications/kinds';
import type { NotificationConfig } from '../../config';
import { defaultTransports, type Transports } from '../notification-transports';
import { runNotificationTick, runNotificationTickInSlices } from '../notification-tick';
import { NotificationWorker } from '../notification-worker';
import type { Services } from '../services';

const userIdOf = (actor: Actor) => {
  if (actor.userId === null) throw fail('forbidden_role');
  return actor.userId;
};

export interface ContactForm {
  phone: string;
  email: string;
  emailOn: boolean;
  whatsappOn: boolean;
  inAppOn: boolean;
}

export function notificationsArea(s: Services, cfg: NotificationConfig, transports: Transports = defaultTransports(cfg), onError?: (err: unknown) => void) {
  const worker = new NotificationWorker(s, transports, cfg.batch, onError);
  let tickTimer: NodeJS.Timeout | null = null;
  let tickRunning: Promise<void> | null = null;
  let tickStopped = false;
  return {
    list: (actor: Actor) =>
      s.notifications.listFor(userIdOf(actor), 100).map((n) => ({ id: n.id, ...messageOf({ kind: n.kind, payload: JSON.parse(n.payload) } as AnyNotification), at: formatWaktu(n.createdAt), unread: n.readAt === null })),
    unread: (actor: Actor) => (actor.userId === null ? 0 : s.notifications.unreadCount(actor.userId)),
    markRead: (actor: Actor) => s.db.transaction(() => s.notifications.markRead(userIdOf(actor), s.now().toISOString())),
    contact: (actor: Actor): ContactForm => {
      const c = s.notifications.contactOf(userIdOf(actor));
      return { phone: c?.phone ?? '', email: c?.email ?? '', emailOn: !c?.emailOff, whatsappOn: !c?.whatsappOff, inAppOn: !c?.inAppOff };
    },
    /** Saves the user's own phone, e-mail and channels (validated); audited without the values. */
    saveContact: (actor: Actor, form: ContactForm, ip: string | null) => {
      const userId = userIdOf(actor);
      const phone = normalizePhone(form.phone);
      const email = normalizeEmail(form.email);
      s.db.transaction(() => {
        s.notifications.saveContact({ userId, phone, email, emailOff: !form.emailOn, whatsappOff: !form.whatsappOn, inAppOff: !form.inAppOn }, s.now().toISOString());
        s.audit.record(actor, ip, {
          action: 'user.contact',
          targetType: 'user',
          targetId: userId,
          kelurahanCode: actor.kelurahanCode,
          after: { hasPhone: phone !== null, hasEmail: email !== null, emailOn: form.emailOn, whatsappOn: form.whatsappOn, inAppOn: form.inAppOn },
        });
      });
    },
    /** The outbox's delivery worker (started by the server; tests call runOnce and stop). */
    worker,
    tick: () => runNotificationTick(s),
    start: () => {
      worker.start(cfg.workerIntervalMs);
      if (cfg.tickIntervalMs > 0 && !tickTimer) {
        tickStopped = false;
        // One kelurahan per turn of the event loop; a tick still running when the next is due is not doubled.
        const run = () => {
          if (tickRunning) return;
          tickRunning = runNotificationTickInSlices(s, () => tickStopped)
            .then(() => undefined)
            .catch((e: unknown) => onError?.(e))
            .finally(() => {
              tickRunning = null;
            });
        };
        run();
        tickTimer = setInterval(run, cfg.tickIntervalMs);
        tickTimer.unref();
      }
    },
    stop: async () => {
      if (tickTimer) clearInterval(tickTimer);
      tickTimer = null;
      tickStopped = true;
      await tickRunning;
      await worker.stop();
    },
  };
}
