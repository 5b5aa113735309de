/** The forms of helper 19b: a comment on an item, and the edit in full of a returned receipt. */
import { z } from 'zod';
import { MAX_COMMENT_CHARS } from '../../domain/comments';
import { receiptFields, receiptValues } from './receipt';

/** The body is checked by the domain (trimmed, 1–1000 characters); the form only bounds what it reads. */
export const commentForm = z.object({
  body: z.string({ error: 'Tulis komentar Anda.' }).max(MAX_COMMENT_CHARS * 4, `Paling banyak ${MAX_COMMENT_CHARS} karakter.`),
  seen: z.string({ error: 'Formulir tidak sah; muat ulang halaman.' }).regex(/^\d{1,12}$/, 'Formulir tidak sah; muat ulang halaman.').transform(Number),
});

/** A returned receipt edited in full: the receipt form's fields and the decision time the page showed. */
export const editReceiptForm = z
  .looseObject({})
  .transform((body) => ({ ...receiptValues(body), seenDecidedAt: (body as Record<string, unknown>).seenDecidedAt }))
  .pipe(
    z.object({
      seenDecidedAt: z.string({ error: 'Formulir tidak sah; muat ulang halaman.' }).max(40, 'Formulir tidak sah; muat ulang halaman.'),
      ...receiptFields,
    }),
  );

/** "Kirim ulang" of a returned SPJ: an optional reply for its thread (checked by the domain when given). */
export const resendSpjForm = z.object({
  reply: z
    .string({ error: 'Balasan tidak sah.' })
    .max(MAX_COMMENT_CHARS * 4, `Paling banyak ${MAX_COMMENT_CHARS} karakter.`)
    .optional()
    .transform((v) => v ?? ''),
});
