/**
 * List filters as GET query parameters: each bounded and validated (a bad value is refused with
 * a message in Indonesian, never a 500); an empty field means "all".
 */
import { z } from 'zod';
import { RECEIPT_STATUS_LABELS } from '../../domain/grants/receipt';
import { QUEUE_KIND_CODES } from '../../domain/home/queue-kinds';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const one = (label: string) => z.string({ error: `${label} harus diisi sekali saja.` });

export const monthFilter = optional(
  one('Bulan')
    .regex(/^\d{4}-\d{2}$/, 'Bulan harus berbentuk TTTT-BB, misal 2026-10.')
    .refine((m) => Number(m.slice(5)) >= 1 && Number(m.slice(5)) <= 12, 'Bulan harus 01 sampai 12.'),
);
export const categoryFilter = optional(one('Kategori').regex(/^[A-Z]{2,8}$/, 'Kategori tidak dikenal.'));
export const rtFilter = optional(one('RT').regex(/^\d{1,9}$/, 'Pilih RT dari daftar.').transform(Number));
export const textFilter = (label: string, max: number) => optional(one(label).trim().max(max, `${label} paling banyak ${max} karakter.`));

const RECEIPT_STATUSES = Object.keys(RECEIPT_STATUS_LABELS) as [string, ...string[]];

/** The review page (/verifikasi): the treasurer's waiting receipts by RT, month and category. */
export const reviewFilter = z.object({ rt: rtFilter, bulan: monthFilter, kategori: categoryFilter });
export type ReviewFilter = z.infer<typeof reviewFilter>;

/** An RT's receipts (/rt/:id/kuitansi): by status, month and category. */
export const receiptFilter = z.object({
  status: optional(z.enum(RECEIPT_STATUSES, { error: 'Status tidak dikenal.' })),
  bulan: monthFilter,
  kategori: categoryFilter,
});
export type ReceiptFilter = z.infer<typeof receiptFilter>;

/**
 * The treasurer's queue (/antrian): by kind, RW, RT and text. A bad value is dropped (the list
 * shows unfiltered by it), never refused: a queue link pasted wrong still opens the queue.
 */
const lenient = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional()).catch(undefined);
export const queueFilter = z.object({
  jenis: lenient(z.enum(QUEUE_KIND_CODES)),
  rw: lenient(z.string().regex(/^\d{1,3}$/).transform(Number)),
  rt: lenient(z.string().regex(/^\d{1,3}$/).transform(Number)),
  q: lenient(z.string().trim().min(1).max(60)),
});
export type QueueFilterQuery = z.infer<typeof queueFilter>;

/** The user list: a name or username, a role, a kelurahan. */
export const userFilter = z.object({
  q: textFilter('Nama', 60),
  peran: optional(one('Peran').regex(/^[a-z_]{2,20}$/, 'Peran tidak dikenal.')),
  kelurahan: optional(one('Kelurahan').trim().regex(/^\d{10}$/, 'Kode kelurahan harus 10 angka.')),
});
