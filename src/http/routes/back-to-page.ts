/**
 * A button on a list page (the review page, the approval queue) whose input is refused comes back
 * to the same page with the message, not to a dead-end error page. Only refusals of the user's
 * input (validation, conflict) come back; a missing record or a forbidden action stays an error.
 */
import type { Request, Response } from 'express';
import type { Application } from '../../app/application';
import { isDomainError } from '../../domain/errors';
import { setFlash } from '../middleware/session';

export function orBackWithMessage(app: Application, req: Request, res: Response, back: string, run: () => void): void {
  try {
    run();
  } catch (err) {
    if (!isDomainError(err) || (err.kind !== 'validation' && err.kind !== 'conflict')) throw err;
    if (wantsJson(req)) {
      res.status(err.kind === 'validation' ? 422 : 409).json({ ok: false, message: err.message });
      return;
    }
    setFlash(app, req, 'error', err.message);
    res.redirect(303, back);
  }
}

/** A decision posted in the background by the review page's script (views/assets/review.js). */
export const wantsJson = (req: Request): boolean => req.get('x-dana-rt') === 'latar';
