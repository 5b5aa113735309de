/** Money at the edge: the domain's parser (whole rupiah, no fractions or negatives) as a zod type. */
import { z } from 'zod';
import { parseRupiah } from '../../domain/money';

/** The amount, or the message why it is not one. */
export function parseRupiahIssue(text: string, bounds: { min: number; max: number }): number | string {
  const r = parseRupiah(text, bounds);
  return r.ok ? r.value : r.message;
}

/** A rupiah amount typed as "25.000.000", "Rp 1.250.000" or "1250000"; refused with the parser's message. */
export const rupiah = (bounds: { min: number; max: number }) =>
  z.string({ error: 'Jumlah wajib diisi.' }).transform((v, ctx) => {
    const r = parseRupiahIssue(v, bounds);
    if (typeof r === 'string') {
      ctx.addIssue({ code: 'custom', message: r });
      return z.NEVER;
    }
    return r;
  });
