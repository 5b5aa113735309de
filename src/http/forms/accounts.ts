/** The forms of accounts at city scale and of the user's notification settings. */
import { z } from 'zod';
import { RT_ROLES } from '../../domain/access';

const one = (label: string) => z.string({ error: `${label} harus diisi sekali saja, sebagai teks.` });

export const rtAccountForm = z.object({
  rtId: one('RT').regex(/^\d{1,9}$/, 'Pilih RT.').transform(Number),
  role: z.enum(RT_ROLES as ['ketua_rt', 'sekretaris_rt', 'bendahara_rt'], { error: 'Pilih jabatan: ketua, sekretaris atau bendahara.' }),
  displayName: one('Nama').trim().min(1, 'Nama wajib diisi.').max(120, 'Nama paling panjang 120 karakter.'),
});

/** A checkbox: present ("1") is on, absent is off. */
const box = z.literal('1', { error: 'Pilihan tidak valid.' }).optional().transform((v) => v === '1');

export const contactForm = z.object({
  phone: one('Nomor HP').max(30, 'Nomor HP terlalu panjang.').default(''),
  email: one('E-mail').max(254, 'E-mail terlalu panjang.').default(''),
  emailOn: box,
  whatsappOn: box,
  inAppOn: box,
});
