/** Builds the Express application (no listen): security headers, sessions, CSRF, routes, errors. */
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import cookieParser from 'cookie-parser';
import express, { type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import pino, { type Logger } from 'pino';
import type { Config } from '../config';
import type { Application } from '../app/application';
import { helpers } from './view-helpers';
import { menuHoldsRtPages, navFor, safeBadges } from './nav';
import { need } from './middleware/authorize';
import { csrfToken, verifyCsrf } from './middleware/csrf';
import { compress } from './middleware/compress';
import { uploadBodies } from './middleware/upload';
import { fail } from '../domain/errors';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { requestIdOf, requestLog } from './middleware/request-log';
import { sessionMiddleware } from './middleware/session';
import { signInLimit } from './middleware/sign-in-limit';
import { viewEngine } from './view-engine';
import { yearRoutes } from './routes/years';
import { granteeRoutes } from './routes/grantees';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { bankRoutes } from './routes/bank';
import { fileRoutes } from './routes/files';
import { healthRoutes } from './routes/health';
import { planRoutes } from './routes/plans';
import { publicCheckpointRoutes } from './routes/public-checkpoints';
import { publicPageRoutes } from './routes/public-pages';
import { photoPublicityRoutes } from './routes/photo-publicity';
import { complaintRoutes } from './routes/complaints';
import { receiptRoutes } from './routes/receipts';
import { itemThreadRoutes } from './routes/item-threads';
import { receiptPhoneRoutes } from './routes/receipt-phone';
import { reportRoutes } from './routes/reports';
import { trancheRoutes } from './routes/tranches';
import { approvalRoutes } from './routes/approvals';
import { rtProfileRoutes } from './routes/rt-profile';
import { registryRoutes } from './routes/registry';
import { yearCloseRoutes } from './routes/year-close';
import { deskRoutes } from './routes/desk';
import { glossaryRoutes } from './routes/glossary';
import type { RouteContext, RouteDef } from './routes/route';
import { accountRoutes } from './routes/accounts';
import { notificationRoutes } from './routes/notifications';
import './types';

const VIEWS = path.join(PROJECT_ROOT, 'views');

export function allRoutes(ctx: RouteContext): RouteDef[] {
  return [
    ...healthRoutes(ctx),
    ...glossaryRoutes(ctx),
    ...authRoutes(ctx),
    ...registryRoutes(ctx),
    ...adminRoutes(ctx),
    ...yearRoutes(ctx),
    ...granteeRoutes(ctx),
    ...auditRoutes(ctx),
    ...planRoutes(ctx),
    ...trancheRoutes(ctx),
    ...approvalRoutes(ctx),
    ...rtProfileRoutes(ctx),
    ...receiptPhoneRoutes(ctx),
    ...receiptRoutes(ctx),
    ...itemThreadRoutes(ctx),
    ...reportRoutes(ctx),
    ...bankRoutes(ctx),
    ...yearCloseRoutes(ctx),
    ...fileRoutes(ctx),
    ...publicCheckpointRoutes(ctx),
    ...accountRoutes(ctx),
    ...notificationRoutes(ctx),
    ...publicPageRoutes(ctx),
    ...photoPublicityRoutes(ctx),
    ...complaintRoutes(ctx),
    ...deskRoutes(ctx),
  ];
}

/**
 * A urlencoded form is bounded as a multipart one is: body-parser stops reading at `formBytes`
 * (413) and at `maxFields` parameters; each value is then held to `fieldBytes` (413).
 */
function urlencodedFieldLimit(fieldBytes: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body = req.body as Record<string, unknown> | undefined;
    if (body && req.is('urlencoded')) {
      for (const v of Object.values(body)) {
        for (const x of Array.isArray(v) ? v : [v]) {
          if (typeof x === 'string' && Buffer.byteLength(x) > fieldBytes) return next(fail('upload_field_too_large', { maxBytes: fieldBytes }));
        }
      }
    }
    next();
  };
}

/**
 * Forms are the only bodies the app reads: a POST in another encoding (JSON, plain text) is
 * refused with 415 before any handler; a POST without a body is an empty form. Handlers can
 * then rely on req.body being an object (Express 5 leaves it undefined when no parser ran).
 */
function formBodiesOnly(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'POST' && req.body === undefined) {
    if (req.is(['urlencoded', 'multipart']) === false) {
      return next(Object.assign(new Error('unsupported content type'), { status: 415, type: 'unsupported.media.type' }));
    }
    // The upload middleware replaces it on the upload routes; elsewhere a multipart body is an empty form.
    req.body = {};
  }
  next();
}

export function createApp(application: Application, cfg: Config, logger: Logger = pino({ level: cfg.logLevel })) {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(logger));
  // No ETag on rendered pages: signed-in pages are no-store, and hashing every page (an LPJ is
  // ~100 KB) cost a report under load 7 % of its time. Static assets keep theirs (serve-static).
  app.set('etag', false);
  app.set('trust proxy', cfg.trustProxy);
  app.set('query parser', 'simple');
  const views = viewEngine({ defaultLayout: 'main', layoutsDir: path.join(VIEWS, 'layouts'), partialsDir: path.join(VIEWS, 'partials'), helpers });
  const pageBody = (view: string, model: object) => views.renderBody(path.join(VIEWS, `${view}.hbs`), model, cfg.env !== 'development');
  // Express's types say an engine renders a string; res.send takes the Buffer of a prerendered page as well.
  app.engine('hbs', views as unknown as Parameters<typeof app.engine>[1]);
  app.set('view engine', 'hbs');
  app.set('views', VIEWS);
  // Compiled templates are cached outside development (express sets this in production only).
  app.set('view cache', cfg.env !== 'development');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: cfg.env === 'production',
    }),
  );
  const routes = allRoutes({ app: application, cfg, pageBody });
  // Probes and public pages answer before cookies and sessions: no cookie set, no session read or
  // touched; those that encode their own answers before the compression middleware too.
  for (const r of routes.filter((x) => x.bare && x.ownEncoding)) app[r.method](r.path, r.handler);
  app.use(compress());
  for (const r of routes.filter((x) => x.bare && !x.ownEncoding)) app[r.method](r.path, r.handler);
  app.use('/assets', express.static(path.join(VIEWS, 'assets'), { maxAge: cfg.env === 'production' ? '1d' : 0, index: false }));
  app.use(express.urlencoded({ extended: false, limit: cfg.uploads.formBytes, parameterLimit: cfg.uploads.maxFields }));
  app.use(urlencodedFieldLimit(cfg.uploads.fieldBytes));
  app.use(formBodiesOnly);
  app.use(cookieParser());
  app.use(sessionMiddleware(application));
  app.use(csrfToken);
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.csrfToken = req.csrfToken;
    // The menu (with its counts) only when a page renders it, never for a photo or a download.
    let nav: ReturnType<typeof navFor> | undefined;
    Object.defineProperty(res.locals, 'nav', {
      enumerable: true,
      configurable: true,
      get: () => (nav ??= navFor(req.actor, req.actor && !req.session?.user.mustChangePassword ? safeBadges(application, req.actor, logger) : {})),
    });
    res.locals.currentPath = req.path;
    res.locals.rtTabsInMenu = menuHoldsRtPages(req.actor);
    res.locals.requestId = requestIdOf(req);
    // Taken (and cleared) only when a rendered page reads it, never by a photo or a download.
    let flash: unknown;
    Object.defineProperty(res.locals, 'flash', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (flash === undefined) {
          flash = req.session?.flash ?? null;
          if (flash && req.session) application.auth.clearFlash(req.session.idHash);
        }
        return flash;
      },
    });
    res.locals.user = req.session
      ? { username: req.session.user.username, displayName: req.session.user.displayName, roleLabel: req.session.roleLabel }
      : null;
    next();
  });

  app.post('/login', signInLimit(cfg));
  const upload = uploadBodies(cfg.uploads, () => application.maintenance.openQuarantine(), (req, why) => logger.warn({ url: req.originalUrl, why }, 'unggahan diputus: macet'));
  for (const r of routes.filter((x) => !x.bare)) {
    const chain =
      r.method === 'post'
        ? r.multipart
          ? [
              need(r.need),
              upload(r.multipart),
              verifyCsrf,
              r.handler,
            ]
          : r.anonymousPost
            ? [need(r.need), r.handler]
            : [verifyCsrf, need(r.need), r.handler]
        : [need(r.need), r.handler];
    app[r.method](r.path, ...chain);
  }
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
