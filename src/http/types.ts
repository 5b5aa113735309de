/** What the middleware attaches to a request. */
import type { Actor } from '../domain/access';
import type { LoadedSession } from '../app/sign-in';
import type { UploadedPart } from './middleware/upload';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      session?: LoadedSession;
      actor?: Actor;
      csrfToken?: string;
      /** A session cookie came with the request but its session has ended. */
      sessionExpired?: boolean;
      /** An upload refused after its text fields were read (a limit, a rule checked before the files): the handler re-renders the form with the input kept. */
      uploadError?: { status: number; message: string; errors?: Record<string, string> };
      /** The files of a multipart form (src/http/middleware/upload.ts), in the quarantine or (small imports) in memory. */
      uploads?: UploadedPart[];
    }
  }
}

export {};
