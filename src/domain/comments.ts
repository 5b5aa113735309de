/**
 * Comment threads between an RT's officers and the kelurahan's officials on a receipt, a plan or
 * an SPJ.
 *
 * Invariants:
 * - a comment's body is 1–1000 characters once trimmed and without control characters (the
 *   database checks it again);
 * - a comment is never edited or removed (the table is append-only);
 * - a comment written on a page that did not show the latest comment is refused (a stale form),
 *   so nobody answers a thread they have not read.
 */
import { fail } from './errors';

export const MAX_COMMENT_CHARS = 1000;
export const COMMENT_KINDS = ['receipt', 'plan', 'spj'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];
/** How each kind is named in its thread's path (/komentar/kuitansi/12). */
export const COMMENT_PATH_NAMES: Record<CommentKind, string> = { receipt: 'kuitansi', plan: 'rencana', spj: 'spj' };

/** The body as stored (trimmed, line ends normalised), or the refusal. */
export function checkCommentBody(raw: string): string {
  // Control characters other than line ends and tabs are dropped: nobody types them, and SQLite
  // counts a text only up to its first NUL (a body of NULs passed this check and broke the table's).
  // eslint-disable-next-line no-control-regex
  const body = raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim();
  if (!body) throw fail('comment_empty', undefined, { body: 'Tulis komentar.' });
  const length = [...body].length;
  if (length > MAX_COMMENT_CHARS) throw fail('comment_too_long', { max: MAX_COMMENT_CHARS, length }, { body: `Paling banyak ${MAX_COMMENT_CHARS} karakter.` });
  return body;
}

/** Refuses a comment written on a page that showed the thread up to `seen` when it is now at `latest` (comment ids; 0 = none). */
export function refuseIfThreadMoved(seen: number, latest: number): void {
  if (latest > seen) throw fail('comment_thread_moved', undefined, { body: 'Ada komentar baru; baca dulu.' });
}
