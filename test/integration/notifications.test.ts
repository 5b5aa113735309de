/**
 * The notification outbox (issue 19, item 8): written in the transaction of its event, delivered
 * by the worker on e-mail (a real SMTP conversation with a local smtp-server) and the WhatsApp
 * channel, retried with backoff, never lost across a restart, never twice for one dedupe key,
 * and not on a channel the user turned off. Each event kind produces its notification.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/config';
import { notify } from '../../src/app/notify';
import { NotificationWorker } from '../../src/app/notification-worker';
import { emailTransport, whatsappTransport, type Transports } from '../../src/app/notification-transports';
import { notificationTickSlices, runNotificationTick, runNotificationTickInSlices } from '../../src/app/notification-tick';
import { returnReceipt } from '../../src/app/decide-receipt';
import { toActor } from '../../src/db/user-repository';
import { messageOf, NOTIFICATION_KINDS, retryDelayMs, type AnyNotification } from '../../src/domain/notifications/kinds';
import { aUser } from '../builders';
import { freshServices, seededServices, type Services } from '../helpers/db';

const PLEBURAN = '3374050005';

/** A local SMTP server that keeps every message it accepts (and refuses while `refuse` is set). */
function smtpSink() {
  const received: Array<{ to: string; body: string }> = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString()));
      stream.on('end', () => {
        if (state.refuse) return cb(new Error('451 coba lagi nanti'));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), body });
        cb();
      });
    },
  });
  return {
    received,
    state,
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sink: ReturnType<typeof smtpSink>;
let port: number;
const whatsapp: Array<{ to: string; text: string }> = [];
const transportsFor = (): Transports => {
  const cfg = loadConfig().notifications;
  return {
    email: emailTransport({ ...cfg, smtp: { ...cfg.smtp, host: '127.0.0.1', port, secure: false, user: null, pass: null } }),
    whatsapp: whatsappTransport(cfg, { send: async (to, text) => void whatsapp.push({ to, text }) }),
  };
};

beforeAll(async () => {
  sink = smtpSink();
  port = await sink.listen();
});
afterAll(() => sink.close());

const SAMPLE: AnyNotification = { kind: 'tranche_approved', payload: { trancheId: 7, period: 'November 2026', amount: 1_500_000, rtLabel: 'RT 001 / RW 001', link: '/rt/1/pencairan' } };

describe('the outbox and its worker', () => {
  let s: Services;
  let userId: number;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-11-28T03:00:00Z');
    s = freshServices(() => clock);
    userId = (await aUser(s, { role: 'auditor' })).id;
    s.notifications.saveContact({ userId, phone: '+6281234567890', email: 'ketua@contoh.id', emailOff: false, whatsappOff: false, inAppOff: false }, clock.toISOString());
    sink.state.refuse = false;
    sink.received.length = 0;
    whatsapp.length = 0;
  });

  it('survives a restart: written, worker stopped before sending, a new worker delivers it once', async () => {
    s.db.transaction(() => notify(s, userId, SAMPLE, 'restart-1'));
    const first = new NotificationWorker(s, transportsFor());
    await first.stop(); // the server went down before the worker's first pass
    const second = new NotificationWorker(s, transportsFor());
    expect(await second.runOnce()).toEqual({ sent: 2, failed: 0 });
    expect(await second.runOnce()).toEqual({ sent: 0, failed: 0 });
    await second.stop();
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.to).toBe('ketua@contoh.id');
    expect(sink.received[0]!.body).toContain('Rp1.500.000');
    expect(whatsapp).toEqual([{ to: '+6281234567890', text: expect.stringContaining('Pencairan November 2026 disetujui') }]);
    const id = s.notifications.byDedupeKey('restart-1')!.id;
    expect(s.notifications.deliveriesOf(id).map((d) => [d.channel, d.status, d.attempts])).toEqual([['email', 'sent', 1], ['whatsapp', 'sent', 1]]);
  });

  it('a rolled-back event tells nobody', () => {
    expect(() =>
      s.db.transaction(() => {
        notify(s, userId, SAMPLE, 'rolled-back');
        throw new Error('the event failed');
      }),
    ).toThrow('the event failed');
    expect(s.notifications.byDedupeKey('rolled-back')).toBeUndefined();
  });

  it('dedupe: the same key twice writes one notification and sends once', async () => {
    expect(s.db.transaction(() => notify(s, userId, SAMPLE, 'same-key'))).not.toBeNull();
    expect(s.db.transaction(() => notify(s, userId, SAMPLE, 'same-key'))).toBeNull();
    const w = new NotificationWorker(s, transportsFor());
    await w.runOnce();
    await w.stop();
    expect(sink.received).toHaveLength(1);
    expect(s.notifications.listFor(userId, 10)).toHaveLength(1);
  });

  it('retries: an SMTP refusal is recorded and tried again after the backoff, then sent', async () => {
    s.db.transaction(() => notify(s, userId, SAMPLE, 'retry-1'));
    sink.state.refuse = true;
    const w = new NotificationWorker(s, transportsFor());
    expect((await w.runOnce()).failed).toBe(1);
    const id = s.notifications.byDedupeKey('retry-1')!.id;
    const email = () => s.notifications.deliveriesOf(id).find((d) => d.channel === 'email')!;
    expect(email()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(email().lastError).toContain('coba lagi nanti');
    sink.state.refuse = false;
    expect((await w.runOnce()).sent).toBe(0); // not due yet
    clock = new Date(clock.getTime() + retryDelayMs(1));
    expect((await w.runOnce()).sent).toBe(1);
    await w.stop();
    expect(email()).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sink.received).toHaveLength(1);
  });

  it('gives up after the last attempt (failed, with the error)', async () => {
    s.db.transaction(() => notify(s, userId, SAMPLE, 'give-up'));
    const broken: Transports = { email: { send: () => Promise.reject(new Error('SMTP mati')) }, whatsapp: { send: async () => undefined } };
    const w = new NotificationWorker(s, broken);
    for (let i = 0; i < 6; i++) {
      await w.runOnce();
      clock = new Date(clock.getTime() + 7 * 60 * 60_000);
    }
    const email = s.notifications.deliveriesOf(s.notifications.byDedupeKey('give-up')!.id).find((d) => d.channel === 'email')!;
    expect(email).toMatchObject({ status: 'failed', attempts: 6, lastError: 'SMTP mati' });
  });

  it.each([
    ['e-mail off', { emailOff: true }, ['whatsapp'], true],
    ['WhatsApp off', { whatsappOff: true }, ['email'], true],
    ['in-app off', { inAppOff: true }, ['email', 'whatsapp'], false],
    ['no phone, no e-mail', { phone: null, email: null }, [], true],
  ] as const)('per-user opt-out: %s', (_name, change, channels, inApp) => {
    s.notifications.saveContact({ ...s.notifications.contactOf(userId)!, ...change }, clock.toISOString());
    const id = s.db.transaction(() => notify(s, userId, SAMPLE, `opt-${_name}`))!;
    expect(s.notifications.deliveriesOf(id).map((d) => d.channel)).toEqual(channels);
    expect(s.notifications.listFor(userId, 10).length).toBe(inApp ? 1 : 0);
  });
});

describe('each event kind produces its notification', () => {
  let s: Services;
  let clock: Date;
  beforeAll(async () => {
    clock = new Date('2026-11-28T03:00:00Z');
    s = await seededServices(() => clock);
  }, 120_000);

  it('every kind has words (subject, text, link) built from its payload', () => {
    expect(NOTIFICATION_KINDS.length).toBe(11);
    // A plan or tranche sent back by a later approver: who, why, and what comes next.
    expect(
      messageOf({ kind: 'item_sent_back', payload: { itemType: 'tranche', itemId: 9, outcome: 'returned', rtLabel: 'RT 001 / RW 003', byName: 'Agus Prasetyo', byRole: 'Lurah', note: 'Lampirkan undangan.', link: '/rt/1/pencairan' } }),
    ).toEqual({
      subject: 'Pencairan #9 dikembalikan untuk diperbaiki',
      text: 'Pencairan #9 RT 001 / RW 003 dikembalikan untuk diperbaiki oleh Agus Prasetyo (Lurah): Lampirkan undangan. Perbaiki lalu ajukan lagi; setiap langkah persetujuan dimulai dari awal.',
      link: '/rt/1/pencairan',
    });
    expect(messageOf({ kind: 'item_sent_back', payload: { itemType: 'plan', itemId: 4, outcome: 'rejected', rtLabel: 'RW 001', byName: 'Camat', byRole: 'Camat', note: 'Tidak sesuai', link: '/rt/2/rencana' } }).subject).toBe('Rencana (RAP) #4 ditolak');
    expect(messageOf({ kind: 'complaint_assigned', payload: { code: 'ADU-7K3M-Q9PX', reason: 'escalated', link: '/aduan/1' } }).subject).toBe('Aduan warga ADU-7K3M-Q9PX dialihkan kepada Anda');
    expect(messageOf({ kind: 'desk_weekly', payload: { weekOf: '2026-12-07', text: '3 tanda baru', link: '/pengawas' } })).toEqual({ subject: 'Ringkasan mingguan meja pengawasan (7 Desember 2026)', text: '3 tanda baru', link: '/pengawas' });
    const m = messageOf({ kind: 'money_lapsing', payload: { year: 2026, amount: 22_350_000, lapsesOn: '2026-12-31', daysLeft: 3, rtLabel: 'RT 001 / RW 001', link: '/rt/1' } });
    expect(m.subject).toBe('Rp22.350.000 akan hangus 31 Desember 2026');
  });

  it('item returned: the RT’s officers are told, in the same transaction as the return', async () => {
    const bendahara = toActor(s.users.findByUsername('bendahara.pleburan')!);
    const pending = s.receipts.pendingOfKelurahan(PLEBURAN).find((p) => s.accounts.activeUsersOfRt(p.receipt.rtId).length > 0)!;
    returnReceipt(s, bendahara, pending.receipt.id, 'Foto nota buram.');
    const told = s.accounts.activeUsersOfRt(pending.receipt.rtId).map((u) => s.notifications.listFor(u, 50).find((n) => n.kind === 'item_returned'));
    expect(told.every((n) => n && n.payload.includes('Foto nota buram.'))).toBe(true);
  });

  it.each([
    ['spj_due_soon', '2026-12-08T03:00:00Z'],
    ['spj_overdue', '2026-12-12T03:00:00Z'],
    ['money_lapsing', '2026-12-28T03:00:00Z'],
    ['daily_summary', '2026-12-28T03:00:00Z'],
  ])('the scheduler tick writes %s, and a second tick the same day writes nothing', (kind, at) => {
    clock = new Date(at);
    const count = () => (s.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM notifications WHERE kind = ?`).get(kind) as { n: number }).n;
    runNotificationTick(s);
    const after = count();
    expect(after).toBeGreaterThan(0);
    expect(runNotificationTick(s).written).toBe(0);
    expect(count()).toBe(after);
  });

  it('the server runs the tick one kelurahan per turn of the event loop: other work runs between, the same notifications are written, a stop ends it early', async () => {
    clock = new Date('2026-12-19T03:00:00Z');
    const kelurahan = new Set(s.registry.activeRts().map((r) => r.kelurahanCode)).size;
    expect(notificationTickSlices(s)).toHaveLength(kelurahan + 1);
    // Stopped before the first slice: nothing written, all of it left for the next tick.
    let checks = 0;
    expect((await runNotificationTickInSlices(s, () => ++checks > 0)).written).toBe(0);
    expect(checks).toBe(1);
    // The whole tick in slices, with a timer callback counted between them.
    let between = 0;
    const timer = setInterval(() => (between += 1), 0);
    const whole = await runNotificationTickInSlices(s).finally(() => clearInterval(timer));
    expect(whole.written).toBeGreaterThan(0);
    expect(between).toBeGreaterThan(0);
    expect(runNotificationTick(s).written).toBe(0);
  });

  it('tranche approved and money transferred: told by the decisions that cause them', () => {
    const kinds = (s.db.sqlite.prepare(`SELECT DISTINCT kind FROM notifications`).all() as Array<{ kind: string }>).map((r) => r.kind);
    // The demo seed approves and pays tranches through the use cases: both events were written then.
    expect(kinds).toEqual(expect.arrayContaining(['tranche_approved', 'money_transferred', 'item_returned']));
  });
});
