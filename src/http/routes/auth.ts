/** Sign-in, sign-out and the user's own password. */
import type { Request, Response } from 'express';
import { changePasswordForm, loginForm } from '../forms/schemas';
import { keepInput } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, SESSION_COOKIE, setFlash, setSessionCookie } from '../middleware/session';
import { formHandler } from './form';
import { render, type RouteContext, type RouteDef } from './route';

/** Only a local path may be a redirect target (no open redirect). */
const safeNext = (v: unknown) => (typeof v === 'string' && /^\/(?![/\\])[^\s]*$/.test(v) && v.length < 500 ? v : '/');

export function authRoutes({ app, cfg }: RouteContext): RouteDef[] {
  const passwordPage = (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) =>
    render(res, 'pages/change-password', { title: 'Ganti kata sandi', mustChange: req.session?.user.mustChangePassword, ...extra }, status);

  return [
    {
      method: 'get',
      path: '/login',
      need: 'public',
      handler: (req, res) => {
        if (req.actor) return res.redirect(303, '/');
        render(res, 'pages/login', {
          title: 'Masuk',
          values: { next: safeNext(req.query.next) },
          signedOut: req.query.keluar === '1',
          sessionEnded: req.query.sesi === 'habis',
        });
      },
    },
    {
      method: 'post',
      path: '/login',
      need: 'public',
      handler: formHandler({
        schema: loginForm,
        run: async (req, res, form) => {
          // A new session id at every sign-in; any earlier session of this browser is ended.
          const { token, user } = await app.auth.signIn({ ...form, ip: clientIp(req) }, req.session?.idHash);
          setSessionCookie(req, res, cfg, token);
          res.redirect(303, user.mustChangePassword ? '/akun/password' : safeNext(form.next));
        },
        // A refused sign-in names no field (it must not tell which of the two was wrong); an empty field does.
        redisplay: (req, res, { message, errors, status }) => render(res, 'pages/login', { title: 'Masuk', values: keepInput(req.body, ['username', 'next']), errors, message }, status),
      }),
    },
    {
      method: 'post',
      path: '/logout',
      need: 'public',
      handler: (req, res) => {
        if (req.session) app.auth.signOut(req.session, clientIp(req));
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        // Thumbnails are cached for a year (GET /berkas/:sha/kecil): signing out empties this browser's cache.
        res.set('Clear-Site-Data', '"cache"');
        res.redirect(303, '/login?keluar=1');
      },
    },
    {
      method: 'get',
      path: '/akun/password',
      need: 'account.change_password',
      handler: (req, res) => passwordPage(req, res),
    },
    {
      method: 'post',
      path: '/akun/password',
      need: 'account.change_password',
      handler: formHandler({
        schema: changePasswordForm,
        run: async (req, res, form) => {
          await app.auth.changePassword(actorOf(req), { ...form, currentSessionIdHash: req.session!.idHash }, clientIp(req));
          setFlash(app, req, 'success', 'Kata sandi sudah diganti.');
          res.redirect(303, '/');
        },
        redisplay: (req, res, { message, errors, status }) => passwordPage(req, res, { errors, message }, status),
      }),
    },
  ];
}
