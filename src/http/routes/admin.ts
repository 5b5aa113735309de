/** The admin's pages: users, and registry uploads (CSV, all-or-nothing like the CLI). */
import { importRts, importWilayah, type ImportResult } from '../../app/import-registry';
import { createUser, resetPassword, setUserActive } from '../../app/manage-users';
import { ROLE_LABELS, ROLES } from '../../domain/access';
import { invalid, isDomainError } from '../../domain/errors';
import { rtLabel } from '../../domain/registry/rows';
import { activeForm, createUserForm } from '../forms/schemas';
import { keepInput, parseForm } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { idFrom, render, uploaded, type RouteContext, type RouteDef } from './route';

const USER_FIELDS = ['username', 'displayName', 'role', 'kelurahanCode', 'rwNumber', 'rtNumber'] as const;

export function adminRoutes({ s }: RouteContext): RouteDef[] {
  const userFormModel = (values: Record<string, string>, selectedKecamatan: string[] = []) => ({
    title: 'Pengguna baru',
    values,
    roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], selected: values.role === r })),
    kelurahan: s.registry
      .kecamatanList()
      .flatMap((k) => s.registry.kelurahanList(k.code).map((l) => ({ code: l.code, label: `${l.name} (${k.name})`, selected: values.kelurahanCode === l.code }))),
    kecamatan: s.registry.kecamatanList().map((k) => ({ code: k.code, name: k.name, checked: selectedKecamatan.includes(k.code) })),
  });

  const kecamatanNames = () => new Map(s.registry.kecamatanList().map((k) => [k.code, k.name]));
  const usersPage = (selfId: number | null) => {
    const names = kecamatanNames();
    return s.users.list().map((u) => {
      const rt = u.rtId ? s.registry.findRt(u.rtId) : undefined;
      const kel = u.kelurahanCode ? s.registry.findKelurahan(u.kelurahanCode) : undefined;
      const scope = rt
        ? `${rtLabel(rt.number, rt.rwNumber)} ${rt.kelurahanName}`
        : kel
          ? `Kelurahan ${kel.name}`
          : u.kecamatanCodes
            ? `Kecamatan ${(JSON.parse(u.kecamatanCodes) as string[]).map((c) => names.get(c) ?? c).join(', ')}`
            : 'Kota Semarang';
      return { ...u, roleLabel: ROLE_LABELS[u.role], scope, isSelf: u.id === selfId, locked: !!u.lockedUntil && new Date(u.lockedUntil) > s.now() };
    });
  };

  const importModel = (kind?: 'wilayah' | 'rt', result?: ImportResult) => ({
    title: 'Impor data wilayah dan RT',
    kind,
    result,
    counts: s.registry.counts(),
  });

  return [
    {
      method: 'get',
      path: '/admin/pengguna',
      need: 'user.manage',
      handler: (req, res) => render(res, 'pages/users', { title: 'Pengguna', users: usersPage(actorOf(req).userId) }),
    },
    {
      method: 'get',
      path: '/admin/pengguna/baru',
      need: 'user.manage',
      handler: (_req, res) => render(res, 'pages/user-new', userFormModel({ role: 'ketua_rt' })),
    },
    {
      method: 'post',
      path: '/admin/pengguna/baru',
      need: 'user.manage',
      handler: async (req, res) => {
        const values = keepInput(req.body, USER_FIELDS);
        const raw = (req.body as Record<string, unknown>).kecamatanCodes;
        const selected = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : typeof raw === 'string' ? [raw] : [];
        const form = parseForm(createUserForm, req.body);
        if (!form.ok) return render(res, 'pages/user-new', { ...userFormModel(values, selected), errors: form.errors, message: form.message }, 422);
        const d = form.data;
        try {
          await createUser(s, actorOf(req), { ...d, rtId: null, mustChangePassword: true }, clientIp(req));
        } catch (e) {
          if (!isDomainError(e) || e.kind !== 'validation') throw e;
          return render(res, 'pages/user-new', { ...userFormModel(values, selected), errors: e.fields, message: e.message }, 422);
        }
        setFlash(s, req, 'success', `Pengguna ${d.username} dibuat. Ia harus mengganti kata sandi saat masuk pertama kali.`);
        res.redirect(303, '/admin/pengguna');
      },
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/reset',
      need: 'user.manage',
      handler: async (req, res) => {
        const { username, temporary } = await resetPassword(s, actorOf(req), idFrom(req), clientIp(req));
        setFlash(s, req, 'info', `Kata sandi sementara untuk ${username}: ${temporary} — sampaikan secara langsung; ia wajib menggantinya saat masuk.`);
        res.redirect(303, '/admin/pengguna');
      },
    },
    {
      method: 'post',
      path: '/admin/pengguna/:id/status',
      need: 'user.manage',
      handler: (req, res) => {
        const id = idFrom(req);
        const form = parseForm(activeForm, req.body);
        if (!form.ok) throw invalid('active_invalid', 'Status pengguna tidak valid.');
        const username = setUserActive(s, actorOf(req), id, form.data.active, clientIp(req));
        setFlash(s, req, 'success', `Pengguna ${username} ${form.data.active ? 'diaktifkan' : 'dinonaktifkan; semua sesinya diakhiri'}.`);
        res.redirect(303, '/admin/pengguna');
      },
    },
    {
      method: 'get',
      path: '/admin/impor',
      need: 'registry.import',
      handler: (_req, res) => render(res, 'pages/import', importModel()),
    },
    ...(['wilayah', 'rt'] as const).map(
      (kind): RouteDef => ({
        method: 'post',
        path: `/admin/impor/${kind}`,
        need: 'registry.import',
        multipart: { files: [{ name: 'file', maxCount: 1 }], maxBytes: 5 * 1024 * 1024, maxFiles: 1 },
        handler: (req, res) => {
          if (req.uploadError) return render(res, 'pages/import', { ...importModel(kind), message: req.uploadError.message }, req.uploadError.status);
          const file = uploaded(req, 'file')[0];
          if (!file || file.size === 0) {
            return render(res, 'pages/import', { ...importModel(kind), message: 'Pilih berkas CSV yang berisi data.' }, 422);
          }
          const text = file.buffer.toString('utf8');
          if (text.includes('\u0000')) {
            return render(res, 'pages/import', { ...importModel(kind), message: 'Berkas bukan CSV teks.' }, 422);
          }
          const importer = kind === 'wilayah' ? importWilayah : importRts;
          const result = importer(s, actorOf(req), text, clientIp(req));
          if (!result.ok) {
            return render(res, 'pages/import', { ...importModel(kind, result), message: `Tidak ada yang diimpor: ${result.errors.length} baris bermasalah.` }, 422);
          }
          setFlash(s, req, 'success', `Impor ${kind === 'rt' ? 'RT' : 'wilayah'} selesai: ${result.rows} baris, ${result.inserted} baru, ${result.updated} diubah, ${result.unchanged} tetap.`);
          res.redirect(303, '/admin/impor');
        },
      }),
    ),
  ];
}
