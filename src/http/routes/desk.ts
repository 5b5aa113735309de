/** The early-warning desk (deteksi dini) at /pengawas: the ranked risk list and follow-up notes. */
import type { Request, Response } from 'express';
import { deskQuery, followUpForm } from '../forms/desk';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { idFrom, render, type RouteContext, type RouteDef } from './route';

export function deskRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const q = deskQuery.parse(req.query);
    const model = app.desk.page(actorOf(req), { year: q.tahun, kind: q.jenis, kelurahan: q.kelurahan, page: q.halaman });
    render(res, 'pages/desk', { title: 'Meja deteksi dini', yearPath: '/pengawas', ...model, ...extra }, status);
  };
  return [
    { method: 'get', path: '/pengawas', need: 'desk.view', handler: (req, res) => page(req, res) },
    {
      method: 'post',
      path: '/pengawas/tanda/:id/tindak-lanjut',
      need: 'desk.follow_up',
      handler: formHandler({
        schema: followUpForm,
        run: (req, res, { note }) => {
          app.desk.followUp(actorOf(req), idFrom(req), note, clientIp(req));
          setFlash(app, req, 'success', 'Tanda risiko ditandai sudah ditindaklanjuti; ia tetap terlihat dan dibuka lagi bila angkanya memburuk.');
          res.redirect(303, `/pengawas#tanda-${idFrom(req)}`);
        },
        redisplay: (req, res, { message, errors, status }) => page(req, res, { message, errors, failedFlag: idFrom(req) }, status),
      }),
    },
  ];
}
