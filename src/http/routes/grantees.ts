/**
 * The admin registers an RW of a kelurahan as a grantee of its own (chair and bank account), or a
 * grantee of another programme the year configures (e.g. PKK RT 001 beside RT 001): the programme
 * and kind chosen on the form.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { kelurahanOf } from './grantee-kelurahan';
import { keepInput } from '../forms/parse';
import { granteeLabel } from '../../domain/registry/rows';
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

const GRANTEE_FIELDS = ['choice', 'rwNumber', 'rtNumber', 'chairName', 'bankAccount'] as const;

/** The form's one drop-down "PKK:rt" stands for programme and kind (posted apart, they are taken as they are). */
const splitChoice = (body: unknown) => {
  if (typeof body !== 'object' || body === null) return body;
  const b = body as Record<string, unknown>;
  if (typeof b.choice !== 'string' || b.programme !== undefined) return b;
  const [programme, kind] = b.choice.split(':');
  return { ...b, programme, kind };
};

export const granteeForm = z.preprocess(splitChoice, z.object({
  programme: z.string({ error: 'Pilih program.' }).trim().regex(/^[A-Z]{2,6}$/, 'Pilih program.'),
  kind: z.enum(['rt', 'rw'], { error: 'Pilih jenis penerima.' }),
  rwNumber: rwGranteeForm.shape.rwNumber,
  rtNumber: z.string().optional().transform((v) => (v ?? '').trim()),
  chairName: z.string({ error: 'Nama ketua wajib diisi.' }).trim().min(1, 'Nama ketua wajib diisi.').max(120, 'Nama ketua paling panjang 120 karakter.'),
  bankAccount: rwGranteeForm.shape.bankAccount,
}).transform((v, ctx) => {
  if (v.kind === 'rw') return { ...v, rtNumber: 0 };
  if (!/^\d{1,3}$/.test(v.rtNumber) || Number(v.rtNumber) < 1) {
    ctx.addIssue({ code: 'custom', path: ['rtNumber'], message: 'Nomor RT harus angka 1–999.' });
    return z.NEVER;
  }
  return { ...v, rtNumber: Number(v.rtNumber) };
}));

export function granteeRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, values: Record<string, string>, refusal?: FormRefusal) => {
    const kel = kelurahanOf(app, req);
    render(res, 'pages/rw-grantee-new', { title: `RW penerima hibah — Kelurahan ${kel.name}`, kelurahan: kel, values, errors: refusal?.errors, message: refusal?.message }, refusal?.status ?? 200);
  };
  const granteePage = (req: Request, res: Response, values: Record<string, string>, refusal?: FormRefusal) => {
    const kel = kelurahanOf(app, req);
    const choices = app.registry.granteeChoices(actorOf(req), kel.code);
    const chosen = values.choice ?? (values.programme && values.kind ? `${values.programme}:${values.kind}` : '');
    const options = choices.options.map((o) => ({ ...o, selected: o.value === chosen }));
    render(res, 'pages/grantee-new', { title: `Penerima hibah baru — Kelurahan ${kel.name}`, kelurahan: kel, year: choices.year, options, programmes: choices.programmes, values, errors: refusal?.errors, message: refusal?.message }, refusal?.status ?? 200);
  };
  return [
    {
      method: 'get',
      path: '/wilayah/kelurahan/:code/penerima-baru',
      need: 'registry.edit',
      handler: (req, res) => granteePage(req, res, {}),
    },
    {
      method: 'post',
      path: '/wilayah/kelurahan/:code/penerima-baru',
      need: 'registry.edit',
      handler: formHandler({
        schema: granteeForm,
        run: (req, res, d) => {
          const kel = kelurahanOf(app, req);
          const id = app.registry.addGrantee(actorOf(req), { kelurahanCode: kel.code, ...d }, clientIp(req));
          setFlash(app, req, 'success', `${granteeLabel({ number: d.rtNumber, rwNumber: d.rwNumber, programme: d.programme })} Kelurahan ${kel.name} terdaftar sebagai penerima hibah; alokasinya masuk pada alokasi tahun program berikutnya yang dijalankan.`);
          res.redirect(303, `/rt/${id}`);
        },
        redisplay: (req, res, refusal) => granteePage(req, res, { ...keepInput(req.body, GRANTEE_FIELDS), ...keepInput(req.body, ['programme', 'kind'] as const) }, refusal),
      }),
    },
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
