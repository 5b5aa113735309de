/**
 * The only error hierarchy of Dana RT.
 *
 * Invariants:
 * - every failure the user can cause is a DomainError with a stable snake_case `code`
 *   and a message in Bahasa Indonesia that can be shown as is;
 * - `kind` alone decides the HTTP status (one switch in http/middleware/errors.ts);
 * - anything that is not a DomainError is a bug (HTTP 500, logged).
 */
export type ErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    /** Field-level messages for forms, keyed by field name. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, fields?: Record<string, string>) =>
  new DomainError(code, 'validation', message, fields);
export const forbidden = (code: string, message = 'Anda tidak berwenang melakukan ini.') =>
  new DomainError(code, 'forbidden', message);
export const notFound = (code: string, message = 'Halaman atau data tidak ditemukan.') =>
  new DomainError(code, 'not_found', message);
export const conflict = (code: string, message: string) => new DomainError(code, 'conflict', message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
