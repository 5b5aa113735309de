/** Forms of the year-end close: an override of one blocker, a correction after close. */
import { z } from 'zod';
import { cleanText } from '../../domain/registry/rows';
import { rupiah } from './rupiah';
import { requestKeyField, yearField } from './schemas';

const reason = (label: string) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .transform(cleanText)
    .pipe(z.string().min(1, `${label} wajib diisi.`).max(1000, `${label} paling panjang 1000 karakter.`));

export const closeOverrideForm = z.object({
  year: yearField,
  blockerKey: z.string({ error: 'Hambatan tidak valid.' }).regex(/^rt:\d{1,9}:(spj:\d{4}-\d{2}|receipt:\d{1,9}|tranche:\d{1,9}|plan:\d{1,9})$/, 'Hambatan tidak valid.'),
  reason: reason('Alasan pengecualian'),
});

const place = z.string({ error: 'Pilih.' }).regex(/^(spending:[A-Z]{3}|returned|lapsed)$/, 'Pilih.');

export const correctionForm = z.object({
  year: yearField,
  rtId: z.string({ error: 'Pilih RT.' }).regex(/^\d{1,9}$/, 'Pilih RT.').transform(Number),
  from: place,
  to: place,
  amount: rupiah({ min: 1, max: 1_000_000_000 }),
  reason: reason('Alasan koreksi'),
  requestKey: requestKeyField,
});

/** The query of the close page (bad values fall back to none). */
export const closePageQuery = z.object({
  year: z.string().regex(/^\d{4}$/).transform(Number).optional().catch(undefined),
  kelurahanCode: z.string().regex(/^\d{10}$/).optional().catch(undefined),
  kind: z.string().regex(/^[a-z_]{1,30}$/).optional().catch(undefined),
  rtId: z.string().regex(/^\d{1,9}$/).transform(Number).optional().catch(undefined),
});
