/**
 * A limit on failed sign-ins per client address (express-rate-limit), besides the lock per
 * (username, address): one address cannot try passwords across many usernames. A successful
 * sign-in (303) is not counted. Over the limit: 429 and the sign-in form again, in Indonesian,
 * with the typed username kept. The address is req.ip, so TRUST_PROXY decides whose it is.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../../config';
import { errorMessage } from '../../domain/errors';
import { keepInput } from '../forms/parse';

export function signInLimit(cfg: Pick<Config, 'loginIpLimit' | 'loginIpWindowMinutes'>): RequestHandler {
  if (cfg.loginIpLimit === 0) return (_req: Request, _res: Response, next: NextFunction) => next();
  return rateLimit({
    windowMs: cfg.loginIpWindowMinutes * 60_000,
    limit: cfg.loginIpLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // An X-Forwarded-For from a client that is not a trusted proxy is ignored on purpose (TRUST_PROXY), not a misconfiguration.
    validate: { xForwardedForHeader: false },
    handler: (req, res) => {
      const minutes = Math.max(1, Math.ceil(((req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime() ?? Date.now()) - Date.now()) / 60_000);
      res.status(429).render('pages/login', {
        title: 'Masuk',
        values: keepInput(req.body, ['username', 'next']),
        message: errorMessage('login_rate_limited', { minutes: Math.ceil(minutes) }),
      });
    },
  });
}
