/** Home pages per role, and browsing the registry: kecamatan → kelurahan → RT. */
import type { Request, Response } from 'express';
import { activeForm, kelurahanOfficeForm, rtEditForm } from '../forms/schemas';
import { keepInput, parseOrRefuse } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { codeFrom, idFrom, render, requestedYear, type RouteContext, type RouteDef } from './route';

const RT_FIELDS = ['chairName', 'secretaryName', 'treasurerName', 'bankAccount'] as const;
const OFFICE_FIELDS = ['address', 'officeCode', 'lurahName', 'lurahNip', 'bendaharaName', 'bendaharaNip'] as const;

export function registryRoutes({ app }: RouteContext): RouteDef[] {
  const editPage = (req: Request, res: Response, values: Record<string, string> | null, extra: Record<string, unknown> = {}, status = 200) => {
    const model = app.registry.readRt(actorOf(req), idFrom(req), undefined);
    const shown = values ?? {
      chairName: model.rt.chairName,
      secretaryName: model.rt.secretaryName ?? '',
      treasurerName: model.rt.treasurerName ?? '',
      bankAccount: model.rt.bankAccount,
    };
    render(res, 'pages/rt-edit', { title: `Ubah ${model.label}`, ...model, values: shown, ...extra }, status);
  };

  const officePage = (req: Request, res: Response, values: Record<string, string> | null, extra: Record<string, unknown> = {}, status = 200) => {
    const office = app.registry.readKelurahanOffice(actorOf(req), codeFrom(req, 10));
    const shown = values ?? Object.fromEntries(OFFICE_FIELDS.map((k) => [k, office[k] ?? '']));
    render(res, 'pages/kelurahan-edit', { title: `Ubah kantor Kelurahan ${office.name}`, office, values: shown, ...extra }, status);
  };

  return [
    {
      method: 'get',
      path: '/',
      need: 'public',
      handler: (req, res) => {
        const actor = req.actor;
        if (!actor || req.session?.user.mustChangePassword) {
          if (actor) return res.redirect(303, '/akun/password');
          return render(res, 'pages/public-home', { title: 'Dana RT Kota Semarang', ...app.registry.readPublicSummary() });
        }
        const { year, years } = app.years.pick(requestedYear(req));
        const base = { year, years, yearPath: '/' };
        switch (actor.role) {
          case 'ketua_rt':
          case 'sekretaris_rt':
          case 'bendahara_rt':
          {
            const model = app.registry.readRt(actor, actor.rtId ?? 0, year?.year);
            return render(res, 'pages/rt', { title: `Beranda ${model.officerLabels.unit}`, home: true, ...base, ...model, todo: year ? app.home.readChairHome(actor, actor.rtId ?? 0, year.year) : null });
          }
          case 'bendahara':
            return render(res, 'pages/kelurahan', { title: 'Beranda bendahara', home: true, ...base, ...app.registry.readKelurahan(actor, actor.kelurahanCode ?? '', year?.year), workSummary: app.home.readWorkSummary(actor) });
          case 'bpkad':
            return render(res, 'pages/bank-overview', { title: 'Pembayaran bank', ...app.bank.overview(actor), workSummary: app.home.readWorkSummary(actor) });
          case 'pengawas':
            // The early-warning desk is the pengawas' home (the same page as /pengawas).
            return render(res, 'pages/desk', { title: 'Meja deteksi dini', home: true, yearPath: '/pengawas', ...app.desk.page(actor, { year: requestedYear(req) }) });
          case 'lurah':
          case 'camat':
            return render(res, 'pages/approvals', { title: 'Antrian persetujuan', home: true, ...app.approvals.queue(actor), workSummary: app.home.readWorkSummary(actor) });
          default:
            return render(res, 'pages/city', { title: 'Beranda', ...base, ...app.registry.readCity(actor, year?.year), ...(actor.role === 'admin' ? { workSummary: app.home.readWorkSummary(actor) } : {}) });
        }
      },
    },
    {
      method: 'get',
      path: '/wilayah/kecamatan/:code',
      need: 'city.view',
      handler: (req, res) => {
        const { year, years } = app.years.pick(requestedYear(req));
        const model = app.registry.readKecamatan(actorOf(req), codeFrom(req, 7), year?.year);
        render(res, 'pages/kecamatan', { title: `Kecamatan ${model.kecamatan.name}`, year, years, yearPath: req.path, ...model });
      },
    },
    {
      method: 'get',
      path: '/wilayah/kelurahan/:code',
      need: 'kelurahan.view',
      handler: (req, res) => {
        const { year, years } = app.years.pick(requestedYear(req));
        const model = app.registry.readKelurahan(actorOf(req), codeFrom(req, 10), year?.year);
        render(res, 'pages/kelurahan', { title: `Kelurahan ${model.kelurahan.name}`, year, years, yearPath: req.path, ...model });
      },
    },
    {
      method: 'get',
      path: '/wilayah/kelurahan/:code/ubah',
      need: 'registry.edit',
      handler: (req, res) => officePage(req, res, null),
    },
    {
      method: 'post',
      path: '/wilayah/kelurahan/:code/ubah',
      need: 'registry.edit',
      handler: formHandler({
        schema: kelurahanOfficeForm,
        run: (req, res, fields) => {
          const office = app.registry.readKelurahanOffice(actorOf(req), codeFrom(req, 10));
          app.registry.editKelurahanOffice(actorOf(req), office.code, fields, clientIp(req));
          setFlash(app, req, 'success', `Data kantor Kelurahan ${office.name} disimpan.`);
          res.redirect(303, `/wilayah/kelurahan/${office.code}`);
        },
        redisplay: (req, res, { message, errors, status }) => officePage(req, res, keepInput(req.body, OFFICE_FIELDS), { message, errors }, status),
      }),
    },
    {
      method: 'get',
      path: '/rt/:id',
      need: 'rt.view',
      handler: (req, res) => {
        const { year, years } = app.years.pick(requestedYear(req));
        const model = app.registry.readRt(actorOf(req), idFrom(req), year?.year);
        render(res, 'pages/rt', { title: model.label, year, years, yearPath: req.path, ...model });
      },
    },
    {
      method: 'get',
      path: '/rt/:id/ubah',
      need: 'registry.edit',
      handler: (req, res) => editPage(req, res, null),
    },
    {
      method: 'post',
      path: '/rt/:id/ubah',
      need: 'registry.edit',
      handler: formHandler({
        schema: rtEditForm,
        run: (req, res, fields) => {
          const model = app.registry.readRt(actorOf(req), idFrom(req), undefined);
          app.registry.editRt(actorOf(req), model.rt.id, fields, clientIp(req));
          setFlash(app, req, 'success', `Data ${model.label} disimpan.`);
          res.redirect(303, `/rt/${model.rt.id}`);
        },
        redisplay: (req, res, { message, errors, status }) => editPage(req, res, keepInput(req.body, RT_FIELDS), { message, errors }, status),
      }),
    },
    {
      method: 'post',
      path: '/rt/:id/status',
      need: 'registry.edit',
      handler: (req, res) => {
        const actor = actorOf(req);
        const model = app.registry.readRt(actor, idFrom(req), undefined);
        const { active } = parseOrRefuse(activeForm, req.body);
        app.registry.setRtActive(actor, model.rt.id, active, clientIp(req));
        setFlash(app, req, 'success', `${model.label} ${active ? 'diaktifkan' : 'dinonaktifkan'}.`);
        res.redirect(303, `/rt/${model.rt.id}`);
      },
    },
  ];
}
