/** The user's notifications (/notifikasi) and her contact and channel settings (/akun/kontak). */
import type { Request, Response } from 'express';
import { CHANNEL_LABELS } from '../../domain/notifications/kinds';
import { contactForm } from '../forms/accounts';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { render, type RouteContext, type RouteDef } from './route';

export function notificationRoutes({ app }: RouteContext): RouteDef[] {
  const contactPage = (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) =>
    render(res, 'pages/account-contact', { title: 'Kontak dan pemberitahuan', values: app.notifications.contact(actorOf(req)), labels: CHANNEL_LABELS, ...extra }, status);
  return [
    {
      method: 'get',
      path: '/notifikasi',
      need: 'notification.view',
      handler: (req, res) => {
        const actor = actorOf(req);
        render(res, 'pages/notifications', { title: 'Notifikasi', items: app.notifications.list(actor), unread: app.notifications.unread(actor) });
      },
    },
    {
      method: 'post',
      path: '/notifikasi/baca',
      need: 'notification.view',
      handler: (req, res) => {
        app.notifications.markRead(actorOf(req));
        res.redirect(303, '/notifikasi');
      },
    },
    {
      method: 'get',
      path: '/akun/kontak',
      need: 'notification.view',
      handler: (req, res) => contactPage(req, res),
    },
    {
      method: 'post',
      path: '/akun/kontak',
      need: 'notification.view',
      handler: formHandler({
        schema: contactForm,
        run: (req, res, d) => {
          app.notifications.saveContact(actorOf(req), d, clientIp(req));
          setFlash(app, req, 'success', 'Kontak dan pilihan pemberitahuan disimpan.');
          res.redirect(303, '/akun/kontak');
        },
        redisplay: (req, res, { message, errors, status }) => {
          const b = req.body as Record<string, unknown>;
          const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
          contactPage(req, res, { values: { phone: str('phone'), email: str('email'), emailOn: b.emailOn === '1', whatsappOn: b.whatsappOn === '1', inAppOn: b.inAppOn === '1' }, errors, message }, status);
        },
      }),
    },
  ];
}
