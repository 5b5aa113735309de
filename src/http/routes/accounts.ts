/** Accounts at city scale: the kelurahan's RT officers' accounts (treasurer or admin), one slip per issue, the bulk letters PDF. */
import type { Request, Response } from 'express';
import { streamAccountLetters } from '../../reports/account-letters-pdf';
import { rtAccountForm } from '../forms/accounts';
import { keepInput } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp } from '../middleware/session';
import { formHandler } from './form';
import { codeFrom, idFrom, render, type RouteContext, type RouteDef } from './route';

/** A page carrying a temporary password: never cached, never stored by the browser. */
const noStore = (res: Response) => res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');

export function accountRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, code: string, extra: Record<string, unknown> = {}, status = 200) =>
    render(res, 'pages/rt-accounts', { title: 'Akun RT', ...app.accounts.page(actorOf(req), code), ...extra }, status);
  const slip = (res: Response, model: Record<string, unknown>) => {
    noStore(res);
    render(res, 'pages/account-slip', { title: `Slip akun ${String(model.username)}`, ...model });
  };
  return [
    {
      method: 'get',
      path: '/kelurahan/:code/akun',
      need: 'account.issue',
      handler: (req, res) => page(req, res, codeFrom(req, 10), { values: { role: 'ketua_rt' } }),
    },
    {
      method: 'post',
      path: '/kelurahan/:code/akun',
      need: 'account.issue',
      handler: formHandler({
        schema: rtAccountForm,
        run: async (req, res, d) => slip(res, await app.accounts.create(actorOf(req), d, clientIp(req))),
        redisplay: (req, res, { message, errors, status }) => page(req, res, codeFrom(req, 10), { values: keepInput(req.body, ['rtId', 'role', 'displayName']), errors, message }, status),
      }),
    },
    {
      method: 'post',
      path: '/akun-rt/:id/reset',
      need: 'account.issue',
      handler: async (req, res) => slip(res, await app.accounts.reset(actorOf(req), idFrom(req), clientIp(req))),
    },
    {
      method: 'post',
      path: '/kelurahan/:code/akun/massal',
      need: 'account.issue',
      handler: async (req, res) => {
        const code = codeFrom(req, 10);
        const model = await app.accounts.bulk(actorOf(req), code, clientIp(req));
        if (model.letters.length === 0) return page(req, res, code, { message: `Semua pengurus RT yang tercatat sudah punya akun (${model.skipped}); tidak ada surat baru.` }, 409);
        noStore(res);
        res.status(200).type('application/pdf').set('Content-Disposition', `attachment; filename="akun-rt-${code}.pdf"`);
        streamAccountLetters(res, model);
      },
    },
  ];
}
