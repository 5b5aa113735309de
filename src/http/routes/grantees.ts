/** The admin registers an RW of a kelurahan as a grantee of its own (chair and bank account). */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { kelurahanOf } from './grantee-kelurahan';
import { keepInput } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler, type FormRefusal } from './form';
import { render, type RouteContext, type RouteDef } from './route';

const FIELDS = ['rwNumber', 'chairName', 'bankAccount'] as const;

export const rwGranteeForm = z.object({
  rwNumber: z.string({ error: 'Nomor RW wajib diisi.' }).trim().regex(/^\d{1,3}$/, 'Nomor RW harus angka 1–999.').transform(Number).pipe(z.number().min(1, 'Nomor RW harus angka 1–999.')),
  chairName: z.string({ error: 'Nama ketua RW wajib diisi.' }).trim().min(1, 'Nama ketua RW wajib diisi.').max(120, 'Nama ketua RW paling panjang 120 karakter.'),
  bankAccount: z.string({ error: 'Nomor rekening wajib diisi.' }).transform((v) => v.replace(/[\s.-]/g, '')).pipe(z.string().regex(/^\d{10}$/, 'Nomor rekening harus tepat 10 angka.')),
});

export function granteeRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, values: Record<string, string>, refusal?: FormRefusal) => {
    const kel = kelurahanOf(app, req);
    render(res, 'pages/rw-grantee-new', { title: `RW penerima hibah — Kelurahan ${kel.name}`, kelurahan: kel, values, errors: refusal?.errors, message: refusal?.message }, refusal?.status ?? 200);
  };
  return [
    {
      method: 'get',
      path: '/wilayah/kelurahan/:code/rw-baru',
      need: 'registry.edit',
      handler: (req, res) => page(req, res, {}),
    },
    {
      method: 'post',
      path: '/wilayah/kelurahan/:code/rw-baru',
      need: 'registry.edit',
      handler: formHandler({
        schema: rwGranteeForm,
        run: (req, res, d) => {
          const kel = kelurahanOf(app, req);
          const id = app.registry.addRwGrantee(actorOf(req), { kelurahanCode: kel.code, ...d }, clientIp(req));
          setFlash(app, req, 'success', `RW ${String(d.rwNumber).padStart(3, '0')} Kelurahan ${kel.name} terdaftar sebagai penerima hibah; alokasinya masuk pada alokasi tahun program berikutnya yang dijalankan.`);
          res.redirect(303, `/rt/${id}`);
        },
        redisplay: (req, res, refusal) => page(req, res, keepInput(req.body, FIELDS), refusal),
      }),
    },
  ];
}
