/** Issue 20: the treasurer's form that hides a receipt's photo from the public pages, or shows it again. */
import { z } from 'zod';
import { cleanText } from '../../domain/registry/rows';

export const photoPublicityForm = z.object({
  sha256: z.string({ error: 'Foto tidak dikenal.' }).regex(/^[0-9a-f]{64}$/, 'Foto tidak dikenal.'),
  hidden: z.enum(['1', '0'], { error: 'Pilih sembunyikan atau tampilkan.' }).transform((v) => v === '1'),
  reason: z
    .string({ error: 'Alasan wajib diisi.' })
    .transform(cleanText)
    .pipe(z.string().min(1, 'Alasan wajib diisi.').max(300, 'Alasan paling panjang 300 karakter.')),
});
