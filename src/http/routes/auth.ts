/** Sign-in, sign-out and the user's own password. */
import { changePassword } from '../../app/manage-users';
import { signIn, signOut } from '../../app/sign-in';
import { isDomainError } from '../../domain/errors';
import { changePasswordForm, loginForm } from '../forms/schemas';
import { keepInput, parseForm } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, SESSION_COOKIE, setFlash, setSessionCookie } from '../middleware/session';
import { render, type RouteContext, type RouteDef } from './route';

/** Only a local path may be a redirect target (no open redirect). */
const safeNext = (v: unknown) => (typeof v === 'string' && /^\/(?![/\\])[^\s]*$/.test(v) && v.length < 500 ? v : '/');

export function authRoutes({ s, cfg }: RouteContext): RouteDef[] {
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
      handler: async (req, res) => {
        const values = keepInput(req.body, ['username', 'next']);
        const form = parseForm(loginForm, req.body);
        if (!form.ok) return render(res, 'pages/login', { title: 'Masuk', values, errors: form.errors, message: form.message }, 422);
        try {
          const { token, user } = await signIn(s, cfg, { ...form.data, ip: clientIp(req) });
          // A new session id at every sign-in; any earlier session cookie is replaced.
          if (req.session) s.sessions.delete(req.session.idHash);
          setSessionCookie(req, res, cfg, token);
          res.redirect(303, user.mustChangePassword ? '/akun/password' : safeNext(form.data.next));
        } catch (e) {
          if (!isDomainError(e) || e.kind !== 'validation') throw e;
          render(res, 'pages/login', { title: 'Masuk', values, message: e.message }, 422);
        }
      },
    },
    {
      method: 'post',
      path: '/logout',
      need: 'public',
      handler: (req, res) => {
        if (req.session) signOut(s, req.session, clientIp(req));
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.redirect(303, '/login?keluar=1');
      },
    },
    {
      method: 'get',
      path: '/akun/password',
      need: 'account.change_password',
      handler: (req, res) => {
        render(res, 'pages/change-password', { title: 'Ganti kata sandi', mustChange: req.session?.user.mustChangePassword });
      },
    },
    {
      method: 'post',
      path: '/akun/password',
      need: 'account.change_password',
      handler: async (req, res) => {
        const model = { title: 'Ganti kata sandi', mustChange: req.session?.user.mustChangePassword };
        const form = parseForm(changePasswordForm, req.body);
        if (!form.ok) return render(res, 'pages/change-password', { ...model, errors: form.errors, message: form.message }, 422);
        try {
          await changePassword(s, actorOf(req), { ...form.data, currentSessionIdHash: req.session!.idHash }, clientIp(req));
        } catch (e) {
          if (!isDomainError(e) || e.kind !== 'validation') throw e;
          return render(res, 'pages/change-password', { ...model, errors: e.fields, message: e.message }, 422);
        }
        setFlash(s, req, 'success', 'Kata sandi sudah diganti.');
        res.redirect(303, '/');
      },
    },
  ];
}
