/**
 * One log line per request under a request id that the user can quote: sent back in
 * X-Request-Id and shown on error pages. A proxy's id (nginx `$request_id`) is kept when it is a
 * plain token. Only method, path, address, status and time are logged: never bodies (passwords),
 * cookies, CSRF tokens or other headers.
 *
 * Written by hand rather than with pino-http: that one builds a child logger and wraps its
 * serializers for every request even when the line will not be written (LOG_LEVEL=warn and a 200),
 * ~30 µs a request, a tenth of a cached public page's whole cost at 200 connections. Here the
 * line's object is built only when its level is enabled.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request's id (set by requestLog), for error pages. */
export const requestIdOf = (req: Request): string => String((req as { id?: unknown }).id ?? '');

/** A path without its query (a `next=` or a search term is nobody's business in the log). */
const pathOnly = (url: string | undefined) => (url ?? '').split('?')[0]!.slice(0, 300);

/** Error for a 5xx, warn for a 4xx, info otherwise; an answer cut off before its end is a warning. */
const levelOf = (status: number, finished: boolean) => (status >= 500 ? 'error' : status >= 400 || !finished ? 'warn' : 'info');

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const sent = req.headers['x-request-id'];
    const id = typeof sent === 'string' && SAFE_ID.test(sent) ? sent : randomUUID();
    (req as { id?: string }).id = id;
    res.setHeader('X-Request-Id', id);
    // Load balancers ask every few seconds; the static assets say nothing either.
    const url = req.url ?? '';
    if (url === '/healthz' || url.startsWith('/assets/')) return next();
    const started = performance.now();
    res.once('close', () => {
      const finished = res.writableFinished;
      const level = levelOf(res.statusCode, finished);
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        { req: { id, method: req.method, path: pathOnly(req.originalUrl ?? url), ip: req.ip }, res: { status: res.statusCode }, responseTime: Math.round(performance.now() - started) },
        finished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
