/** Loads the signed-in session from its cookie; sets and clears the cookie. */
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config';
import type { Application } from '../../app/application';

export const SESSION_COOKIE = 'dana_rt_sid';

export function sessionMiddleware(app: Application) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = req.cookies?.[SESSION_COOKIE] as unknown;
    if (typeof token === 'string' && token.length > 0 && token.length < 200) {
      const session = app.auth.loadSession(token);
      if (session) {
        req.session = session;
        req.actor = session.actor;
        // What a signed-in user sees stays out of shared and back-button caches: after sign-out
        // on a shared phone, Back must not show the last page. (Evidence files set their own.)
        res.set('Cache-Control', 'no-store');
      } else {
        req.sessionExpired = true;
        res.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    next();
  };
}

export function setSessionCookie(req: Request, res: Response, cfg: Config, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: cfg.sessionAbsoluteHours * 3600_000,
  });
}

export function setFlash(app: Application, req: Request, type: 'success' | 'error' | 'info', message: string, items?: Array<{ ok: boolean; message: string }>): void {
  if (req.session) app.auth.setFlash(req.session.idHash, { type, message, items });
}

export const clientIp = (req: Request): string | null => req.ip ?? null;
