/** The admin's programme-year pages: the list, a new year, a year's settings and their versions. */
import type { Request, Response } from 'express';
import type { ProgrammeYear } from '../../domain/grants/programme-year';
import { formatTanggal } from '../../domain/calendar';
import { fail } from '../../domain/errors';
import { applySettingsInput, changeYearForm, createYearForm, yearFormValues, yearFormView } from '../forms/year-settings';
import { actorOf } from '../middleware/authorize';
import type { MultipartSpec } from '../middleware/upload';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler, type FormRefusal } from './form';
import { render, type RouteContext, type RouteDef } from './route';

/**
 * The settings form posts as multipart without files: with every category's evidence ticks it
 * can pass the default 100 fields of a urlencoded form (read before sign-in is checked).
 */
const SETTINGS_FORM: MultipartSpec = { files: [], maxBytes: 1, maxFiles: 0, maxFields: 300 };

/** The year in the path: four digits, else 404 (never a 500). */
function yearParam(req: Request): number {
  const v = req.params.year;
  if (typeof v !== 'string' || !/^20\d\d$/.test(v)) throw fail('bad_id');
  return Number(v);
}

/** What was typed, as the form shows it again (strings and lists of strings only). */
function typed(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v.slice(0, 10_000);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

export function yearRoutes({ app }: RouteContext): RouteDef[] {
  const newPage = (res: Response, values: Record<string, string | string[]>, refusal?: FormRefusal) =>
    render(res, 'pages/year-new', { title: 'Tahun program baru', values, ...yearFormView(values, refusal?.errors), errors: refusal?.errors, message: refusal?.message }, refusal?.status ?? 200);
  const settingsPage = (req: Request, res: Response, year: number, values?: Record<string, string | string[]>, refusal?: FormRefusal) => {
    const page = app.years.settings(actorOf(req), year);
    const v = values ?? { ...yearFormValues(page.newest), effectiveFrom: page.today < page.newest.startsOn ? page.newest.startsOn : page.today };
    render(
      res,
      'pages/year-settings',
      { title: `Pengaturan tahun ${year}`, year, page, values: v, ...yearFormView(v, refusal?.errors), closed: page.newest.status === 'closed', errors: refusal?.errors, message: refusal?.message },
      refusal?.status ?? 200,
    );
  };
  const overridesOf = (y: ProgrammeYear, d: Parameters<typeof applySettingsInput>[1]) => applySettingsInput(y, d);

  return [
    {
      method: 'get',
      path: '/admin/tahun',
      need: 'year.rules',
      handler: (req, res) => render(res, 'pages/years', { title: 'Tahun program', years: app.years.list(actorOf(req)) }),
    },
    {
      method: 'get',
      path: '/admin/tahun/baru',
      need: 'year.rules',
      handler: (_req, res) => newPage(res, yearFormValues(app.years.proposal())),
    },
    {
      method: 'post',
      path: '/admin/tahun/baru',
      need: 'year.rules',
      multipart: SETTINGS_FORM,
      handler: formHandler({
        schema: createYearForm,
        run: (req, res, d) => {
          const base = { ...app.years.proposal(), year: d.year };
          app.years.create(actorOf(req), d.year, overridesOf(base, d.settings), clientIp(req));
          setFlash(app, req, 'success', `Tahun program ${d.year} dibuat (versi pengaturan 1).`);
          res.redirect(303, `/admin/tahun/${d.year}`);
        },
        redisplay: (req, res, refusal) => newPage(res, typed(req.body), refusal),
      }),
    },
    {
      method: 'get',
      path: '/admin/tahun/:year',
      need: 'year.rules',
      handler: (req, res) => settingsPage(req, res, yearParam(req)),
    },
    {
      method: 'post',
      path: '/admin/tahun/:year',
      need: 'year.rules',
      multipart: SETTINGS_FORM,
      handler: formHandler({
        schema: changeYearForm,
        run: (req, res, d) => {
          const year = yearParam(req);
          const { newest } = app.years.settings(actorOf(req), year);
          const r = app.years.change(actorOf(req), year, overridesOf(newest, d.settings), d.effectiveFrom, clientIp(req));
          setFlash(app, req, 'success', `Pengaturan tahun ${year} versi ${r.version} disimpan, berlaku mulai ${formatTanggal(r.effectiveFrom)}. Keputusan sebelum tanggal itu tetap dinilai dengan versi yang berlaku saat itu.`);
          res.redirect(303, `/admin/tahun/${year}`);
        },
        redisplay: (req, res, refusal) => settingsPage(req, res, yearParam(req), typed(req.body), refusal),
      }),
    },
  ];
}
