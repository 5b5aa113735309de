/**
 * The one form path: parse the body with its zod schema, call the use case, and when the user
 * can fix what went wrong (bad input, a rule of the money, a file too big) show the same form
 * again with the input kept, the message on top and beside each field, and the error's status.
 * Handlers never catch errors by hand; anything else goes to the error middleware.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { isDomainError, type ErrorKind } from '../../domain/errors';
import { parseForm } from '../forms/parse';
import { STATUS } from '../middleware/errors';

export interface FormRefusal {
  message: string;
  errors: Record<string, string>;
  status: number;
}

/** Kinds the user answers on the form itself (a locked sign-in shows the sign-in form, 429). */
const REDISPLAYED: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['validation', 'conflict', 'too_large', 'rate_limited']);

export function formHandler<S extends z.ZodType>(o: {
  schema: S;
  run: (req: Request, res: Response, data: z.infer<S>) => unknown;
  redisplay: (req: Request, res: Response, refusal: FormRefusal) => unknown;
}): RequestHandler {
  return async (req, res) => {
    let refusal: FormRefusal;
    try {
      if (req.uploadError) {
        refusal = { message: req.uploadError.message, errors: req.uploadError.errors ?? {}, status: req.uploadError.status };
      } else {
        const form = parseForm(o.schema, req.body);
        if (form.ok) {
          await o.run(req, res, form.data);
          return;
        }
        refusal = { message: form.message, errors: form.errors, status: 422 };
      }
    } catch (e) {
      if (!isDomainError(e) || !REDISPLAYED.has(e.kind)) throw e;
      refusal = { message: e.message, errors: e.fields, status: STATUS[e.kind] };
    }
    await o.redisplay(req, res, refusal);
  };
}
