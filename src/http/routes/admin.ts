/** The admin's pages: users, and registry uploads (CSV, all-or-nothing like the CLI). */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ImportResult } from '../../app/import-registry';
import { activeForm, createUserForm } from '../forms/schemas';
import { keepInput, parseOrRefuse } from '../forms/parse';
import { userFilter } from '../forms/filters';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import type { UploadedPart } from '../middleware/upload';
import { formHandler } from './form';
import { idFrom, render, uploaded, type RouteContext, type RouteDef } from './route';

const USER_FIELDS = ['username', 'displayName', 'role', 'kelurahanCode', 'rwNumber', 'rtNumber', 'nip'] as const;

/** The kecamatan ticked on the new-user form (a repeated field), to tick them again. */
const tickedKecamatan = (body: unknown): string[] => {
  const raw = (body as Record<string, unknown>).kecamatanCodes;
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : typeof raw === 'string' ? [raw] : [];
};

/** A registry CSV: one non-empty text file (a NUL byte means it is not text). */
const csvUpload = z
  .custom<UploadedPart | undefined>()
  .refine((f): f is UploadedPart & { buffer: Buffer } => !!f?.buffer && f.size > 0, 'Pilih berkas CSV yang berisi data.')
  .transform((f) => f.buffer.toString('utf8'))
  .refine((text) => !text.includes('\u0000'), 'Berkas bukan CSV teks.');

export function adminRoutes({ app }: RouteContext): RouteDef[] {
  const userForm = (res: Response, values: Record<string, string>, ticked: string[] = [], extra: Record<string, unknown> = {}, status = 200) =>
    render(res, 'pages/user-new', { title: 'Pengguna baru', values, ...app.users.formOptions(values, ticked), ...extra }, status);
  const importPage = (res: Response, extra: { kind?: 'wilayah' | 'rt'; result?: ImportResult; message?: string } = {}, status = 200) =>
    render(res, 'pages/import', { title: 'Impor data wilayah dan RT', counts: app.registry.counts(), ...extra }, status);
  const ip = (req: Request) => clientIp(req);

  return [
    {
      method: 'get',
      path: '/admin/pengguna',
      need: 'user.manage',
      handler: (req, res) => {
        const f = parseOrRefuse(userFilter, req.query);
        render(res, 'pages/users', { title: 'Pengguna', q: f.q ?? '', ...app.users.search(actorOf(req).userId, { text: f.q, role: f.peran, kelurahanCode: f.kelurahan }) });
      },
    },
    {
      method: 'get',
      path: '/admin/pengguna/baru',
      need: 'user.manage',
      handler: (_req, res) => userForm(res, { role: 'ketua_rt' }),
    },
    {
      method: 'post',
      path: '/admin/pengguna/baru',
      need: 'user.manage',
      handler: formHandler({
        schema: createUserForm,
        run: async (req, res, d) => {
          await app.users.create(actorOf(req), { ...d, rtId: null, mustChangePassword: true }, ip(req));
          setFlash(app, req, 'success', `Pengguna ${d.username} dibuat. Ia harus mengganti kata sandi saat masuk pertama kali.`);
          res.redirect(303, '/admin/pengguna');
        },
        redisplay: (req, res, { message, errors, status }) => userForm(res, keepInput(req.body, USER_FIELDS), tickedKecamatan(req.body), { errors, message }, status),
      }),
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/reset',
      need: 'user.manage',
      handler: async (req, res) => {
        const { username, temporary } = await app.users.resetPassword(actorOf(req), idFrom(req), ip(req));
        setFlash(app, req, 'info', `Kata sandi sementara untuk ${username}: ${temporary} — sampaikan secara langsung; ia wajib menggantinya saat masuk.`);
        res.redirect(303, '/admin/pengguna');
      },
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/status',
      need: 'user.manage',
      handler: (req, res) => {
        const id = idFrom(req);
        const { active } = parseOrRefuse(activeForm, req.body);
        const username = app.users.setActive(actorOf(req), id, active, ip(req));
        setFlash(app, req, 'success', `Pengguna ${username} ${active ? 'diaktifkan' : 'dinonaktifkan; semua sesinya diakhiri'}.`);
        res.redirect(303, '/admin/pengguna');
      },
    },
    {
      method: 'get',
      path: '/admin/impor',
      need: 'registry.import',
      handler: (_req, res) => importPage(res),
    },
    ...(['wilayah', 'rt'] as const).map(
      (kind): RouteDef => ({
        method: 'post',
        path: `/admin/impor/${kind}`,
        need: 'registry.import',
        multipart: { files: [{ name: 'file', maxCount: 1 }], maxBytes: 5 * 1024 * 1024, maxFiles: 1, memory: true },
        handler: (req, res) => {
          if (req.uploadError) return importPage(res, { kind, message: req.uploadError.message }, req.uploadError.status);
          const text = csvUpload.safeParse(uploaded(req, 'file')[0]);
          if (!text.success) return importPage(res, { kind, message: text.error.issues[0]!.message }, 422);
          const result = kind === 'wilayah' ? app.registry.importWilayah(actorOf(req), text.data, ip(req)) : app.registry.importRts(actorOf(req), text.data, ip(req));
          if (!result.ok) return importPage(res, { kind, result, message: `Tidak ada yang diimpor: ${result.errors.length} baris bermasalah.` }, 422);
          setFlash(app, req, 'success', `Impor ${kind === 'rt' ? 'RT' : 'wilayah'} selesai: ${result.rows} baris, ${result.inserted} baru, ${result.updated} diubah, ${result.unchanged} tetap.`);
          res.redirect(303, '/admin/impor');
        },
      }),
    ),
  ];
}
