/** The RT profile: the Keputusan Lurah and the officers; read by the RT and its kelurahan, changed by the admin. */
import type { Request, Response } from 'express';
import { rtProfileForm } from '../forms/schemas';
import { MAX_FILE_BYTES } from '../../app/evidence-store';
import { keepInput } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { idFrom, rawUploads, render, type RouteContext, type RouteDef } from './route';

const FIELDS = ['decreeNumber', 'decreeDate'] as const;

export function rtProfileRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const model = app.registry.readRtProfile(actorOf(req), idFrom(req));
    const values = { decreeNumber: model.decree?.number ?? '', decreeDate: model.decree?.date ?? '', ...((extra.values as Record<string, string>) ?? {}) };
    render(res, 'pages/rt-profile', { title: `Profil ${model.label}`, ...model, ...extra, values }, status);
  };
  return [
    { method: 'get', path: '/rt/:id/profil', need: 'rt.profile', handler: (req, res) => page(req, res) },
    {
      method: 'post',
      path: '/rt/:id/profil',
      need: 'rt.profile_edit',
      multipart: { files: [{ name: 'decree', maxCount: 1 }], maxBytes: MAX_FILE_BYTES, maxFiles: 1, maxFields: 20 },
      handler: formHandler({
        schema: rtProfileForm,
        run: async (req, res, d) => {
          const rtId = idFrom(req);
          const [decree] = rawUploads(req, [{ name: 'decree' }]);
          await app.registry.saveRtProfile(actorOf(req), { rtId, ...d }, decree, clientIp(req));
          setFlash(app, req, 'success', 'Profil RT disimpan.');
          res.redirect(303, `/rt/${rtId}/profil`);
        },
        redisplay: (req, res, { message, errors, status }) => page(req, res, { message, errors: req.uploadError ? { decree: message, ...errors } : errors, values: keepInput(req.body, FIELDS) }, status),
      }),
    },
  ];
}
