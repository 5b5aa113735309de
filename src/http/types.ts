/** What the middleware attaches to a request. */
import type { Actor } from '../domain/access';
import type { LoadedSession } from '../app/sign-in';
import type {} from 'multer';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      session?: LoadedSession;
      actor?: Actor;
      csrfToken?: string;
      /** A session cookie came with the request but its session has ended. */
      sessionExpired?: boolean;
    }
  }
}

export {};
