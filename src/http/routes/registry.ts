/** Home pages per role, and browsing the registry: kecamatan → kelurahan → RT. */
import { editRt, setRtActive } from '../../app/edit-rt';
import { pickYear, readCity, readKecamatan, readKelurahan, readPublicSummary, readRt } from '../../app/read-dashboards';
import { invalid, isDomainError } from '../../domain/errors';
import { activeForm, rtEditForm } from '../forms/schemas';
import { keepInput, parseForm } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { codeFrom, idFrom, render, requestedYear, type RouteContext, type RouteDef } from './route';

const RT_FIELDS = ['chairName', 'secretaryName', 'treasurerName', 'bankAccount'] as const;

export function registryRoutes({ s }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/',
      need: 'public',
      handler: (req, res) => {
        const actor = req.actor;
        if (!actor || req.session?.user.mustChangePassword) {
          if (actor) return res.redirect(303, '/akun/password');
          return render(res, 'pages/public-home', { title: 'Dana RT Kota Semarang', ...readPublicSummary(s) });
        }
        const { year, years } = pickYear(s, requestedYear(req));
        const base = { year, years, yearPath: '/' };
        switch (actor.role) {
          case 'ketua_rt':
            return render(res, 'pages/rt', { title: 'Beranda RT', home: true, ...base, ...readRt(s, actor, actor.rtId ?? 0, year?.year) });
          case 'bendahara':
            return render(res, 'pages/kelurahan', {
              title: 'Beranda bendahara',
              home: true,
              ...base,
              ...readKelurahan(s, actor, actor.kelurahanCode ?? '', year?.year),
            });
          default:
            return render(res, 'pages/city', { title: 'Beranda', ...base, ...readCity(s, actor, year?.year) });
        }
      },
    },
    {
      method: 'get',
      path: '/wilayah/kecamatan/:code',
      need: 'city.view',
      handler: (req, res) => {
        const code = codeFrom(req, 7);
        const { year, years } = pickYear(s, requestedYear(req));
        const model = readKecamatan(s, actorOf(req), code, year?.year);
        render(res, 'pages/kecamatan', { title: `Kecamatan ${model.kecamatan.name}`, year, years, yearPath: req.path, ...model });
      },
    },
    {
      method: 'get',
      path: '/wilayah/kelurahan/:code',
      need: 'kelurahan.view',
      handler: (req, res) => {
        const code = codeFrom(req, 10);
        const { year, years } = pickYear(s, requestedYear(req));
        const model = readKelurahan(s, actorOf(req), code, year?.year);
        render(res, 'pages/kelurahan', { title: `Kelurahan ${model.kelurahan.name}`, year, years, yearPath: req.path, ...model });
      },
    },
    {
      method: 'get',
      path: '/rt/:id',
      need: 'rt.view',
      handler: (req, res) => {
        const { year, years } = pickYear(s, requestedYear(req));
        const model = readRt(s, actorOf(req), idFrom(req), year?.year);
        render(res, 'pages/rt', { title: model.label, year, years, yearPath: req.path, ...model });
      },
    },
    {
      method: 'get',
      path: '/rt/:id/ubah',
      need: 'registry.edit',
      handler: (req, res) => {
        const model = readRt(s, actorOf(req), idFrom(req), undefined);
        const values = {
          chairName: model.rt.chairName,
          secretaryName: model.rt.secretaryName ?? '',
          treasurerName: model.rt.treasurerName ?? '',
          bankAccount: model.rt.bankAccount,
        };
        render(res, 'pages/rt-edit', { title: `Ubah ${model.label}`, ...model, values });
      },
    },
    {
      method: 'post',
      path: '/rt/:id/ubah',
      need: 'registry.edit',
      handler: (req, res) => {
        const actor = actorOf(req);
        const model = readRt(s, actor, idFrom(req), undefined);
        const values = keepInput(req.body, RT_FIELDS);
        const view = { title: `Ubah ${model.label}`, ...model, values };
        const form = parseForm(rtEditForm, req.body);
        if (!form.ok) return render(res, 'pages/rt-edit', { ...view, errors: form.errors, message: form.message }, 422);
        try {
          editRt(s, actor, model.rt.id, form.data, clientIp(req));
        } catch (e) {
          if (!isDomainError(e) || e.kind !== 'validation') throw e;
          return render(res, 'pages/rt-edit', { ...view, errors: e.fields, message: e.message }, 422);
        }
        setFlash(s, req, 'success', `Data ${model.label} disimpan.`);
        res.redirect(303, `/rt/${model.rt.id}`);
      },
    },
    {
      method: 'post',
      path: '/rt/:id/status',
      need: 'registry.edit',
      handler: (req, res) => {
        const actor = actorOf(req);
        const model = readRt(s, actor, idFrom(req), undefined);
        const form = parseForm(activeForm, req.body);
        if (!form.ok) throw invalid('active_invalid', 'Status RT tidak valid.');
        setRtActive(s, actor, model.rt.id, form.data.active, clientIp(req));
        setFlash(s, req, 'success', `${model.label} ${form.data.active ? 'diaktifkan' : 'dinonaktifkan'}.`);
        res.redirect(303, `/rt/${model.rt.id}`);
      },
    },
  ];
}
