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

/** What the deprecated helpers say when the code's message needs values they were not given. */
const KIND_MESSAGES: Record<ErrorKind, string> = {
  validation: 'Data tidak valid. Periksa kembali isian.',
  unauthenticated: 'Silakan masuk terlebih dahulu.',
  forbidden: 'Anda tidak berwenang melakukan ini.',
  not_found: 'Halaman atau data tidak ditemukan.',
  conflict: 'Permintaan ini tidak dapat diproses dalam keadaan sekarang.',
  too_large: 'Data yang dikirim terlalu besar.',
  rate_limited: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
  unavailable: 'Layanan sedang tidak tersedia. Silakan coba lagi nanti.',
};

/**
 * The message of a code given no values: the catalogue's when it is a fixed string; else the
 * caller's old text (routes not converted yet), else the kind's general message.
 */
function legacy(code: ErrorCode, message: string | undefined, fields?: ErrorFields): DomainError {
  const m = ERRORS[code].message;
  return construct(code, typeof m === 'string' ? m : (message ?? KIND_MESSAGES[ERRORS[code].kind]), fields ?? {});
}

/** @deprecated Use `fail(code, params, fields)`; the message comes from the catalogue. */
export const invalid = (code: CodeOf<'validation'>, message?: string, fields?: ErrorFields) => legacy(code, message, fields);
/** @deprecated Use `fail(code, params)`; the message comes from the catalogue. */
export const forbidden = (code: CodeOf<'forbidden'>, message?: string) => legacy(code, message);
/** @deprecated Use `fail(code, params)`; the message comes from the catalogue. */
export const notFound = (code: CodeOf<'not_found'>, message?: string) => legacy(code, message);
/** @deprecated Use `fail(code, params)`; the message comes from the catalogue. */
export const conflict = (code: CodeOf<'conflict'>, message?: string) => legacy(code, message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
