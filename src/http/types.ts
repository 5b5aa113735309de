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
      /** A file the upload refused (too big, too many, wrong field): the handler re-renders the form with the input kept. */
      uploadError?: { status: number; message: string };
    }
  }
}

export {};
