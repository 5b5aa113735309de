/**
 * The delivery worker: runs in the server process, takes a bounded batch of due deliveries from
 * the outbox, sends each on its channel, and records the outcome (sent, or the error and the
 * next attempt after a growing wait; given up after MAX_DELIVERY_ATTEMPTS). Since the outbox is
 * in the database, a restart loses nothing: what was not marked sent is sent by the next run.
 * A delivery is marked sent right after its send returns; a crash between the two sends it once
 * more (at-least-once, as any mail queue).
 */
import { MAX_DELIVERY_ATTEMPTS, messageOf, retryDelayMs, type AnyNotification } from '../domain/notifications/kinds';
import type { Transports } from './notification-transports';
import type { Services } from './services';

export interface WorkerRun {
  sent: number;
  failed: number;
}

export class NotificationWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<WorkerRun> | null = null;

  constructor(
    private readonly s: Pick<Services, 'notifications' | 'now'>,
    private readonly transports: Transports,
    private readonly batch = 50,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** One pass over the due deliveries (a second call while one runs waits for it). */
  runOnce(): Promise<WorkerRun> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<WorkerRun> {
    const out = { sent: 0, failed: 0 };
    const due = this.s.notifications.due(this.s.now().toISOString(), this.batch);
    for (const d of due) {
      const message = messageOf({ kind: d.kind, payload: JSON.parse(d.payload) } as AnyNotification);
      try {
        await this.transports[d.channel].send(d.address, message);
        this.s.notifications.markSent(d.id, this.s.now().toISOString());
        out.sent += 1;
      } catch (e) {
        const attempts = d.attempts + 1;
        const next = new Date(this.s.now().getTime() + retryDelayMs(attempts)).toISOString();
        this.s.notifications.markAttemptFailed(d.id, (e as Error).message ?? String(e), next, attempts >= MAX_DELIVERY_ATTEMPTS);
        out.failed += 1;
      }
    }
    return out;
  }

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => void this.runOnce().catch(this.onError), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    for (const t of Object.values(this.transports)) t.close?.();
  }
}
