/** The forms of helper 19b: a comment on an item, and the edit in full of a returned receipt. */
import { z } from 'zod';
import { MAX_COMMENT_CHARS } from '../../domain/comments';
import { itemsField, receiptValues } from './receipt';
import { isoDate } from './schemas';
import { rupiah } from './rupiah';

const required = (message: string) => z.string({ error: message }).min(1, message);
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
      date: isoDate,
      category: required('Pilih kategori.'),
      description: required('Uraian wajib diisi.'),
      vendor: required('Nama toko atau penjual wajib diisi.'),
      notaNumber: z.string().transform((v) => v || null),
      amount: rupiah({ min: 1, max: 1_000_000_000 }),
      items: itemsField,
    }),
  );
