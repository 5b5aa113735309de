/** zod schemas of every form and query string; messages in Bahasa Indonesia. */
import { z } from 'zod';
import { ROLES } from '../../domain/access';
import { cleanText, RW_GRANTEE_NUMBER } from '../../domain/registry/rows';

/** A single text value: a repeated field (an array) is refused with a clear message. */
const one = (label: string) => z.string({ error: `${label} harus diisi sekali saja, sebagai teks.` });

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .transform(cleanText)
    .pipe(z.string().min(1, `${label} wajib diisi.`).max(max, `${label} paling panjang ${max} karakter.`));

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} tidak valid.` })
    .optional()
    .transform((v) => cleanText(v))
    .pipe(z.string().max(max, `${label} paling panjang ${max} karakter.`))
    .transform((v) => (v === '' ? null : v));

const secret = (label: string) =>
  z.string({ error: `${label} wajib diisi.` }).min(1, `${label} wajib diisi.`).max(200, `${label} terlalu panjang.`);

export const loginForm = z.object({
  username: z.string({ error: 'Nama pengguna wajib diisi.' }).trim().min(1, 'Nama pengguna wajib diisi.').max(100, 'Nama pengguna terlalu panjang.'),
  password: secret('Kata sandi'),
  next: one('Tujuan').optional(),
});

export const changePasswordForm = z.object({
  currentPassword: secret('Kata sandi lama'),
  newPassword: secret('Kata sandi baru'),
  confirmPassword: secret('Konfirmasi kata sandi'),
});

const digits = (label: string, n: number) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .transform((v) => v.replace(/[\s.-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${n}}$`), `${label} harus tepat ${n} angka.`));

export const rtEditForm = z.object({
  chairName: text('Nama ketua', 120),
  secretaryName: optionalText('Nama sekretaris', 120),
  treasurerName: optionalText('Nama bendahara RT', 120),
  bankAccount: digits('Nomor rekening', 10),
});

/** Optional digits (spaces and dots people type between groups are dropped): an 18-digit NIP. */
const optionalDigits = (label: string, n: number) =>
  z
    .string({ error: `${label} tidak valid.` })
    .optional()
    .transform((v) => (v ?? '').replace(/[\s.-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^(\\d{${n}})?$`), `${label} harus tepat ${n} angka.`))
    .transform((v) => (v === '' ? null : v));

const OFFICE_FIELDS = ['address', 'officeCode', 'lurahName', 'lurahNip', 'bendaharaName', 'bendaharaNip'] as const;

/**
 * A kelurahan office on its documents: letterhead address, office code, lurah and bendahara with NIP.
 * Every field may be emptied, but each must come: a body without them (an empty or cut-off form)
 * is refused, not read as "clear everything".
 */
export const kelurahanOfficeForm = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && OFFICE_FIELDS.every((f) => f in v), { error: 'Formulir data kantor tidak lengkap; muat ulang halaman lalu kirim lagi.' })
  .pipe(
    z.object({
  address: optionalText('Alamat kantor', 200),
  officeCode: z
    .string({ error: 'Kode kantor tidak valid.' })
    .optional()
    .transform((v) => (v ?? '').trim().toUpperCase())
    .pipe(z.string().regex(/^([A-Z0-9]{2,8})?$/, 'Kode kantor 2–8 huruf atau angka, misalnya PLB.'))
    .transform((v) => (v === '' ? null : v)),
  lurahName: optionalText('Nama lurah', 120),
  lurahNip: optionalDigits('NIP lurah', 18),
  bendaharaName: optionalText('Nama bendahara kelurahan', 120),
  bendaharaNip: optionalDigits('NIP bendahara kelurahan', 18),
    }),
  );

const smallInt = (label: string) =>
  z
    .string({ error: `${label} wajib diisi.` })
    .trim()
    .regex(/^\d{1,3}$/, `${label} harus angka 1–999.`)
    .transform(Number)
    .pipe(z.number().int().min(1, `${label} harus angka 1–999.`));

export const createUserForm = z
  .object({
    username: z.string({ error: 'Nama pengguna wajib diisi.' }).trim().toLowerCase().min(1, 'Nama pengguna wajib diisi.').max(40, 'Nama pengguna paling panjang 40 karakter.'),
    displayName: text('Nama lengkap', 120),
    role: z.enum(ROLES, { error: 'Pilih peran.' }),
    kelurahanCode: one('Kelurahan').trim().optional(),
    rwNumber: one('Nomor RW').trim().optional(),
    rtNumber: one('Nomor RT').trim().optional(),
    kecamatanCodes: z.union([z.string(), z.array(z.string())], { error: 'Pilihan kecamatan tidak valid.' }).optional(),
    nip: one('NIP').trim().optional(),
    password: secret('Kata sandi awal'),
  })
  .transform((v, ctx) => {
    const kecamatanCodes = v.kecamatanCodes === undefined ? [] : Array.isArray(v.kecamatanCodes) ? v.kecamatanCodes : [v.kecamatanCodes];
    const rtRole = v.role === 'ketua_rt' || v.role === 'sekretaris_rt' || v.role === 'bendahara_rt';
    const needsKelurahan = v.role === 'bendahara' || v.role === 'lurah' || rtRole;
    const nip = v.nip ? v.nip : null;
    if (nip !== null && !/^\d{18}$/.test(nip)) ctx.addIssue({ code: 'custom', path: ['nip'], message: 'NIP terdiri dari 18 angka.' });
    if (v.role === 'camat' && kecamatanCodes.length !== 1) ctx.addIssue({ code: 'custom', path: ['kecamatanCodes'], message: 'Pilih tepat satu kecamatan untuk camat.' });
    if (needsKelurahan && !/^\d{10}$/.test(v.kelurahanCode ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['kelurahanCode'], message: 'Pilih kelurahan.' });
    }
    let rw: number | null = null;
    let rt: number | null = null;
    if (rtRole) {
      const rwR = smallInt('Nomor RW').safeParse(v.rwNumber ?? '');
      const rtR = smallInt('Nomor RT').safeParse(v.rtNumber ?? '');
      if (!rwR.success) ctx.addIssue({ code: 'custom', path: ['rwNumber'], message: 'Nomor RW harus angka 1–999.' });
      else rw = rwR.data;
      // An empty RT number names the RW's own grantee (its chair, sekretaris, bendahara RW).
      if (!v.rtNumber) rt = RW_GRANTEE_NUMBER;
      else if (!rtR.success) ctx.addIssue({ code: 'custom', path: ['rtNumber'], message: 'Nomor RT harus angka 1–999, atau kosong untuk pengurus RW.' });
      else rt = rtR.data;
    }
    if (kecamatanCodes.some((c) => !/^\d{7}$/.test(c))) {
      ctx.addIssue({ code: 'custom', path: ['kecamatanCodes'], message: 'Kode kecamatan tidak valid.' });
    }
    return {
      username: v.username,
      displayName: v.displayName,
      role: v.role,
      kelurahanCode: needsKelurahan ? (v.kelurahanCode ?? null) : null,
      rwNumber: rw,
      rtNumber: rt,
      kecamatanCodes: (v.role === 'auditor' || v.role === 'pengawas' || v.role === 'camat') && kecamatanCodes.length ? kecamatanCodes : null,
      nip,
      password: v.password,
    };
  });

export const activeForm = z.object({
  active: z.enum(['1', '0'], { error: 'Status tidak valid.' }).transform((v) => v === '1'),
});

/** A real calendar date: 2026-02-30 is refused, not rolled over to March. */
export const isoDate = one('Tanggal')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat TTTT-BB-HH.')
  .refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
  }, 'Tanggal tidak ada di kalender.');

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const auditQuery = z.object({
  actor: z.preprocess(emptyToUndefined, one('Pelaku').trim().max(100, 'Terlalu panjang.').optional()),
  action: z.preprocess(emptyToUndefined, one('Tindakan').trim().max(100, 'Terlalu panjang.').optional()),
  // A kelurahan by its 10-digit code or by its name ("Pleburan", "Kelurahan Pleburan").
  kelurahan: z.preprocess(emptyToUndefined, one('Kelurahan').trim().regex(/^(\d{10}|[\p{L}][\p{L} .'-]{1,59})$/u, 'Isi nama kelurahan atau kodenya (10 angka).').optional()),
  dari: z.preprocess(emptyToUndefined, isoDate.optional()),
  sampai: z.preprocess(emptyToUndefined, isoDate.optional()),
  hal: z.preprocess(emptyToUndefined, one('Halaman').regex(/^\d{1,6}$/, 'Halaman tidak valid.').transform(Number).optional()),
}).refine((q) => !q.dari || !q.sampai || q.dari <= q.sampai, { path: ['sampai'], message: 'Tanggal akhir tidak boleh sebelum tanggal awal.' });

export const yearQuery = z.object({
  tahun: z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}$/).transform(Number).optional()).catch(undefined),
});

export const idParam = z.string().regex(/^\d{1,9}$/).transform(Number);
export const codeParam = (digits: number) => z.string().regex(new RegExp(`^\\d{${digits}}$`));

export const yearField = one('Tahun program').regex(/^\d{4}$/, 'Pilih tahun program.').transform(Number);

export const noteForm = z.object({
  note: text('Catatan perbaikan', 1000),
});

export const reasonForm = z.object({
  reason: text('Alasan', 1000),
});

export const monthField = one('Bulan').regex(/^\d{4}-\d{2}$/, 'Pilih bulan.');

/** One-time form keys (idempotency of a submit): 16–64 url-safe characters. */
export const requestKeyField = one('Kunci formulir').regex(/^[A-Za-z0-9_-]{16,64}$/, 'Formulir tidak sah; muat ulang halaman.');

export const idsField = z
  .union([z.string(), z.array(z.string())], { error: 'Pilih paling sedikit satu.' })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^(plan|tranche):\d{1,9}$/, 'Pilihan tidak valid.')).min(1, 'Pilih paling sedikit satu.').max(200, 'Paling banyak 200 sekaligus.'));

export const closeYearForm = z.object({
  year: yearField,
  kelurahanCode: z.preprocess(emptyToUndefined, one('Kelurahan').regex(/^\d{10}$/, 'Pilih kelurahan.').optional()),
  confirm: z.literal('ya', { error: 'Centang konfirmasi dulu.' }),
});

/** The bank paid every waiting row of a batch: its transfer reference and the day it paid. */
export const bankPaidForm = z.object({
  bankReference: text('Nomor referensi bank', 60),
  paidOn: isoDate,
});

/** The bank's answer to one row: paid (reference and date) or failed (the bank's reason). */
export const bankRowAnswerForm = z
  .object({
    outcome: z.enum(['paid', 'failed'], { error: 'Pilih jawaban bank: dibayar atau gagal.' }),
    bankReference: z.preprocess(emptyToUndefined, text('Nomor referensi bank', 60).optional()),
    paidOn: z.preprocess(emptyToUndefined, isoDate.optional()),
    reason: z.preprocess(emptyToUndefined, text('Alasan bank', 500).optional()),
  })
  .transform((v, ctx) => {
    if (v.outcome === 'failed') {
      if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Tulis alasan bank.' });
      return { outcome: 'failed' as const, reason: v.reason ?? '' };
    }
    if (!v.bankReference) ctx.addIssue({ code: 'custom', path: ['bankReference'], message: 'Tulis nomor referensi bank.' });
    if (!v.paidOn) ctx.addIssue({ code: 'custom', path: ['paidOn'], message: 'Isi tanggal dibayar.' });
    return { outcome: 'paid' as const, bankReference: v.bankReference ?? '', paidOn: v.paidOn ?? '' };
  });

/** An optional user chosen from a list (its id). */
const optionalUserId = (label: string) =>
  z
    .string({ error: `${label}: pilihan tidak valid.` })
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{1,9}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `${label}: pilihan tidak valid.` });
        return z.NEVER;
      }
      return Number(v);
    });

/** The RT profile: the Keputusan Lurah forming it and its officers. */
export const rtProfileForm = z.object({
  decreeNumber: optionalText('Nomor keputusan lurah', 80),
  decreeDate: z
    .string({ error: 'Tanggal keputusan harus diisi sekali saja, sebagai teks.' })
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), 'Tanggal harus berformat TTTT-BB-HH.'),
  ketuaUserId: optionalUserId('Ketua'),
  sekretarisUserId: optionalUserId('Sekretaris'),
  bendaharaUserId: optionalUserId('Bendahara'),
});
