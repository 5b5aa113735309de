/** The outcome of a call as a word a table row can expect: 'ok', or the code of the refusal. */
import { isDomainError, type DomainError } from '../../src/domain/errors';

/**
 * 'ok' when `fn` returns, the DomainError's code when it refuses; any other error's message,
 * which no expected code equals, so a bug fails the row instead of passing as a refusal.
 */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String((e as Error)?.message ?? e)}`;
  }
}


/** The DomainError `fn` refuses with (to look at its message and fields); anything else fails the test. */
export function failureOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
