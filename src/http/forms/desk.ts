/** The early-warning desk's query string and its follow-up form (zod; messages in Bahasa Indonesia). */
import { z } from 'zod';
import { cleanText } from '../../domain/registry/rows';

const optional = (re: RegExp) => z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(re).optional()).catch(undefined);

/** ?tahun=&jenis=&kelurahan=&halaman= — anything malformed is ignored, an unknown kelurahan is a 404 (read-desk.ts). */
export const deskQuery = z.object({
  tahun: optional(/^\d{4}$/).transform((v) => (v === undefined ? undefined : Number(v))),
  jenis: optional(/^[a-z_]{1,40}$/),
  kelurahan: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(20).optional()).catch('-'),
  halaman: optional(/^\d{1,5}$/).transform((v) => (v === undefined ? undefined : Number(v))),
});

export const followUpForm = z.object({
  note: z
    .string({ error: 'Catatan tindak lanjut wajib diisi.' })
    .transform(cleanText)
    .pipe(z.string().min(5, 'Catatan tindak lanjut paling sedikit 5 huruf.').max(1000, 'Catatan tindak lanjut paling panjang 1.000 karakter.')),
});
