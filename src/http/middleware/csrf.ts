/**
 * CSRF: every state-changing request carries a token. A signed-in user's token lives in their
 * session; before sign-in (the login form) a random token is double-submitted in a cookie.
 * A missing or forged token gets 403 and nothing runs.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { fail } from '../../domain/errors';

export const CSRF_FIELD = '_csrf';
const PRE_COOKIE = 'dana_rt_csrf';

/** Makes req.csrfToken available to views (creates the pre-session cookie if needed). */
export function csrfToken(req: Request, res: Response, next: NextFunction): void {
  if (req.session) {
    req.csrfToken = req.session.csrfToken;
  } else {
    let pre = req.cookies?.[PRE_COOKIE] as unknown;
    if (typeof pre !== 'string' || !/^[A-Za-z0-9_-]{32}$/.test(pre)) {
      pre = randomBytes(24).toString('base64url');
      res.cookie(PRE_COOKIE, pre, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
    }
    req.csrfToken = pre as string;
  }
  next();
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The token sent (form field or header) is the session's (or the pre-session cookie's). */
export function csrfMatches(req: Request): boolean {
  const body = req.body as Record<string, unknown> | undefined;
  const sent = body?.[CSRF_FIELD] ?? req.get('x-csrf-token');
  return typeof sent === 'string' && !!req.csrfToken && same(sent, req.csrfToken);
}

/** Checks the token of a state-changing request (after its body is parsed). */
export function verifyCsrf(req: Request, res: Response, next: NextFunction): void {
  if (!req.session && req.sessionExpired && req.path !== '/login') {
    // The session ended while the form was open: sign in again rather than a bare 403.
    res.redirect(303, req.path === '/logout' ? '/login?keluar=1' : '/login?sesi=habis');
    return;
  }
  if (!csrfMatches(req)) {
    next(fail('csrf_invalid'));
    return;
  }
  next();
}
