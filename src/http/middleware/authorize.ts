/** Route guards: a route declares the action it needs; scope is checked where data is loaded. */
import type { NextFunction, Request, Response } from 'express';
import { roleMay, type Action } from '../../domain/access';
import { fail } from '../../domain/errors';

export function need(action: Action | 'public') {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (action === 'public') return next();
    if (!req.actor || !req.session) {
      const nextUrl = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      res.redirect(303, `/login${nextUrl}`);
      return;
    }
    // A user with a temporary password must set their own before anything else.
    if (req.session.user.mustChangePassword && !req.path.startsWith('/akun/password') && req.path !== '/logout') {
      res.redirect(303, '/akun/password');
      return;
    }
    if (!roleMay(req.actor, action)) return next(fail('forbidden_role'));
    next();
  };
}

/** The actor of a guarded route (need() has run). */
export function actorOf(req: Request) {
  if (!req.actor) throw fail('forbidden_role');
  return req.actor;
}
