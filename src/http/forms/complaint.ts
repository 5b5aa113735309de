/** The complaint form (public) and the answer form (officials): zod schemas, messages in Bahasa Indonesia. */
import { z } from 'zod';
import { ANSWER_MAX, COMPLAINT_KINDS, COMPLAINT_TARGET_KINDS, MESSAGE_MAX, NAME_MAX, normalizeMobile } from '../../domain/complaints/complaint';
import { cleanText } from '../../domain/registry/rows';

/** Text of several lines: line breaks kept (at most one blank line in a row), other control characters dropped. */
export const cleanLines = (v: string) =>
  v
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202f\u2060-\u206f\ufeff]/g, '')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

const lines = (label: string, max: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .transform(cleanLines)
    .pipe(z.string().min(1, `${label} wajib diisi.`).max(max, `${label} paling panjang ${max.toLocaleString('id-ID')} karakter.`));

const hidden = z.string({ error: 'Formulir tidak lengkap; muat ulang halaman.' }).max(200, 'Formulir tidak sah; muat ulang halaman.');

export const complaintForm = z.object({
  targetKind: z.enum(COMPLAINT_TARGET_KINDS, { error: 'Formulir tidak lengkap; muat ulang halaman.' }),
  targetId: z.string({ error: 'Formulir tidak lengkap; muat ulang halaman.' }).regex(/^\d{1,9}$/, 'Formulir tidak sah; muat ulang halaman.').transform(Number),
  kind: z.enum(COMPLAINT_KINDS, { error: 'Pilih jenis: pertanyaan, dugaan penyimpangan atau apresiasi.' }),
  message: lines('Pesan', MESSAGE_MAX),
  senderName: z
    .string({ error: 'Nama tidak valid.' })
    .optional()
    .transform((v) => cleanText(v))
    .pipe(z.string().max(NAME_MAX, `Nama paling panjang ${NAME_MAX} karakter.`))
    .transform((v) => (v === '' ? null : v)),
  senderPhone: z
    .string({ error: 'Nomor HP tidak valid.' })
    .max(40, 'Nomor HP Indonesia, misalnya 0812 3456 7890.')
    .optional()
    .transform((v, ctx) => {
      const t = (v ?? '').trim();
      if (!t) return null;
      const m = normalizeMobile(t);
      if (!m) ctx.addIssue({ code: 'custom', message: 'Nomor HP Indonesia, misalnya 0812 3456 7890 (boleh dikosongkan).' });
      return m;
    }),
  /** The honeypot: hidden from people, left empty by them. */
  website: hidden.optional().default(''),
  stamp: hidden.optional().default(''),
});

export const COMPLAINT_FIELDS = ['targetKind', 'targetId', 'kind', 'message', 'senderName', 'senderPhone'] as const;

export const answerForm = z.object({ answer: lines('Jawaban', ANSWER_MAX) });
