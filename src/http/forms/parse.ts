/** Turns a request body or query into a typed command, or field messages in Indonesian. */
import { z } from 'zod';
import { errorMessage, fail } from '../../domain/errors';

/**
 * A field whose schema names no message of its own (a repeated field sent as a list, a number
 * sent as an object) is still answered in Indonesian, never in zod's English.
 */
const FALLBACK = 'Isian tidak sesuai bentuk yang diminta.';
z.config({ customError: () => FALLBACK });

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: Record<string, string>; problems: string[]; message: string };

export function parseForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.infer<S>> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return { ok: true, data: r.data };
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  // Name every problem in the message too (each bad row of a plan has its own), so nothing is
  // left unexplained when a field is not on screen.
  const problems = [...new Set(r.error.issues.map((i) => i.message))];
  return { ok: false, errors, problems, message: errorMessage('form_invalid', { problems }) };
}

/** The user's input, to refill a form: strings only, known fields only, never a password. */
export function keepInput(body: unknown, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const f of fields) {
    const raw = (body as Record<string, unknown>)[f];
    // A repeated field arrives as an array: keep what was typed first.
    const v = Array.isArray(raw) ? raw.find((x) => typeof x === 'string') : raw;
    if (typeof v === 'string') out[f] = v.slice(0, 500);
  }
  return out;
}

/** For an action without a page of its own (a button with a reason): bad input is refused with 422, naming the problems. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = parseForm(schema, input);
  if (!r.ok) throw fail('form_invalid', { problems: r.problems }, r.errors);
  return r.data;
}
