/** Issue 20: the kelurahan treasurer decides which of a receipt's photos the public pages show (each decision audited). */
import type { Request, Response } from 'express';
import { photoPublicityForm } from '../forms/photo-publicity';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { idFrom, render, type RouteContext, type RouteDef } from './route';

export function photoPublicityRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const model = app.publicPages.readPhotoPublicity(actorOf(req), idFrom(req));
    render(res, 'pages/photo-publicity', { title: `Foto publik kuitansi #${model.receipt.id}`, ...model, ...extra }, status);
  };
  return [
    { method: 'get', path: '/kuitansi/:id/foto-publik', need: 'photo.publicity', handler: (req, res) => page(req, res) },
    {
      method: 'post',
      path: '/kuitansi/:id/foto-publik',
      need: 'photo.publicity',
      handler: formHandler({
        schema: photoPublicityForm,
        run: (req, res, data) => {
          app.publicPages.setPhotoPublicity(actorOf(req), { receiptId: idFrom(req), ...data }, clientIp(req));
          setFlash(app, req, 'success', data.hidden ? 'Foto tidak lagi tampil di halaman publik.' : 'Foto tampil lagi di halaman publik.');
          res.redirect(303, `/kuitansi/${idFrom(req)}/foto-publik`);
        },
        redisplay: (req, res, refusal) => page(req, res, { message: refusal.message, errors: refusal.errors, typed: req.body }, refusal.status),
      }),
    },
  ];
}
