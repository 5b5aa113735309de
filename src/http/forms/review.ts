/** The review page's decision forms: where to come back to, and the return reasons from the checklist. */
import { z } from 'zod';
import { cleanText } from '../../domain/registry/rows';

const REVIEW_BACK = /^\/verifikasi(\?[A-Za-z0-9=&%._-]{0,300})?$/;

/**
 * Where a decision taken on the review page goes next: the review page (with its filters) at the
 * next item's anchor, so the treasurer keeps her place. Anything else is not a place to go.
 */
export function reviewBack(body: unknown): string | null {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const back = b.back === 'verifikasi' ? '/verifikasi' : typeof b.back === 'string' && REVIEW_BACK.test(b.back) ? b.back : null;
  if (!back) return null;
  const next = typeof b.next === 'string' && /^\d{1,9}$/.test(b.next) ? `#kuitansi-${b.next}` : '';
  return `${back}${next}`;
}

const oneOrMany = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^[a-z_]{1,30}$/, 'Pilihan tidak valid.')).max(10, 'Pilihan tidak valid.'));

/** Return a receipt: checklist items ticked as missing or unclear, and/or the treasurer's own words. */
export const returnForm = z
  .object({
    missing: oneOrMany,
    // Cleaned as every typed text is (control and zero-width characters out), then bounded.
    note: z.preprocess((v) => (v === undefined ? '' : v), z.string({ error: 'Catatan harus teks.' }).transform(cleanText).pipe(z.string().max(1000, 'Catatan paling banyak 1000 karakter.'))),
  })
  .refine((f) => f.missing.length > 0 || f.note.trim().length > 0, { path: ['note'], message: 'Pilih bukti yang kurang atau tulis catatan untuk ketua.' });
