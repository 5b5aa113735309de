/**
 * One log line per request (pino-http) under a request id that the user can quote: sent back in
 * X-Request-Id and shown on error pages. A proxy's id (nginx `$request_id`) is kept when it is a
 * plain token. Only method, path and status are logged: never bodies (passwords), cookies,
 * CSRF tokens or other headers.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request's id (set by requestLog), for error pages. */
export const requestIdOf = (req: Request): string => String((req as { id?: unknown }).id ?? '');

/** A path without its query (a `next=` or a search term is nobody's business in the log). */
const pathOnly = (url: string | undefined) => (url ?? '').split('?')[0]!.slice(0, 300);

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    genReqId: (req, res) => {
      const sent = req.headers['x-request-id'];
      const id = typeof sent === 'string' && SAFE_ID.test(sent) ? sent : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Load balancers ask every few seconds; the static assets say nothing either.
    autoLogging: { ignore: (req) => req.url === '/healthz' || (req.url ?? '').startsWith('/assets/') },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string; raw?: { ip?: string } }) => ({ id: req.id, method: req.method, path: pathOnly(req.url), ip: req.raw?.ip }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    wrapSerializers: true,
  }) as unknown as RequestHandler;
}
