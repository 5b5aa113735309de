import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { checkCommentBody, refuseIfThreadMoved } from '../../src/domain/comments';

const outcome = (fn: () => unknown) => {
  try {
    return fn();
  } catch (e) {
    return e instanceof DomainError ? `${e.code}/${e.kind}` : `unexpected: ${String(e)}`;
  }
};

describe('a comment body', () => {
  it.each([
    ['empty', '', 'comment_empty/validation'],
    ['only spaces and line ends', ' \r\n \t ', 'comment_empty/validation'],
    ['one character', 'x', 'x'],
    ['trimmed, line ends normalised', '  Baik.\r\nTerima kasih.  ', 'Baik.\nTerima kasih.'],
    ['1000 characters', 'a'.repeat(1000), 'a'.repeat(1000)],
    ['1001 characters', 'a'.repeat(1001), 'comment_too_long/validation'],
    ['1000 emoji (counted as characters, not UTF-16 units)', '🙂'.repeat(1000), '🙂'.repeat(1000)],
    ['1001 emoji', '🙂'.repeat(1001), 'comment_too_long/validation'],
    // The fuzz test's find: SQLite counts a text only up to its first NUL, so these broke the table's CHECK (a 500).
    ['only NULs', '\u0000'.repeat(40), 'comment_empty/validation'],
    ['control characters dropped, tabs and line ends kept', '\u0000Ba\u0007ik.\tYa\u001b\n\u0085ok\u007f', 'Baik.\tYa\nok'],
    ['1000 characters after the control characters go', '\u0001' + 'a'.repeat(1000), 'a'.repeat(1000)],
  ])('%s', (_what, body, expected) => expect(outcome(() => checkCommentBody(body))).toBe(expected));
});

describe('a stale form', () => {
  it.each([
    [0, 0, undefined],
    [5, 5, undefined],
    [0, 3, 'comment_thread_moved/conflict'],
    [3, 5, 'comment_thread_moved/conflict'],
  ])('seen %i, latest %i', (seen, latest, expected) => expect(outcome(() => refuseIfThreadMoved(seen, latest))).toBe(expected));
});
