/**
 * The only error hierarchy of Dana RT.
 *
 * Invariants:
 * - every failure the user can cause is a DomainError whose `code` is one of the closed
 *   catalogue in error-codes.ts, which alone gives its kind and its message in Bahasa Indonesia;
 * - `kind` alone decides the HTTP status (one switch in http/middleware/errors.ts);
 * - anything that is not a DomainError is a bug (HTTP 500, logged).
 */
import { ERRORS, type CodeOf, type ErrorArgs, type ErrorCode, type ErrorFields, type ErrorKind, errorMessage } from './error-codes';

export { ERRORS, ERROR_KINDS, errorMessage } from './error-codes';
export type { CodeOf, ErrorArgs, ErrorCode, ErrorFields, ErrorKind, ParamCode, ParamsOf } from './error-codes';

/** The only constructor, kept private to this module: errors are made by `fail` (or combined). */
let construct: (code: ErrorCode, message: string, fields: ErrorFields) => DomainError;

export class DomainError extends Error {
  readonly kind: ErrorKind;

  private constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field-level messages for forms, keyed by field name. */
    readonly fields: ErrorFields,
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = ERRORS[code].kind;
  }

  static {
    construct = (code, message, fields) => new DomainError(code, message, fields);
  }

  /**
   * Several refusals at once (the tranche gates): the first one's code and kind, every
   * message on its own line, every field message.
   */
  static combine(errors: readonly [DomainError, ...DomainError[]], fields?: ErrorFields): DomainError {
    const merged = Object.assign({}, ...errors.map((e) => e.fields), fields) as ErrorFields;
    return construct(errors[0].code, errors.map((e) => e.message).join('\n'), merged);
  }
}

/**
 * The one way to make a failure: a code of the catalogue, its typed values when its message
 * carries any, and field messages for forms. Kind and message come from the catalogue.
 */
export function fail<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): DomainError {
  return construct(code, errorMessage(code, ...args), args[1] ?? {});
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
