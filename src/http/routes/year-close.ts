/** The year-end close: blockers per RT with their overrides, the close, and an admin's corrections after it. */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { formatRupiah } from '../../domain/money';
import { keepInput } from '../forms/parse';
import { closeYearForm } from '../forms/schemas';
import { closeOverrideForm, closePageQuery, correctionForm } from '../forms/year-close';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { render, type RouteContext, type RouteDef } from './route';

const newKey = () => randomBytes(18).toString('base64url');

export function yearCloseRoutes({ app }: RouteContext): RouteDef[] {
  const query = (req: Request) => closePageQuery.parse(req.query);
  const closePage = (res: Response, q: { year?: number; kelurahanCode?: string; kind?: string }, extra: Record<string, unknown> = {}, status = 200) =>
    render(res, 'pages/close-year', { title: 'Tutup tahun program', values: { ...q }, ...app.yearClose.closePage(q), ...extra }, status);
  const fromBody = (req: Request) => {
    const b = keepInput(req.body, ['year', 'kelurahanCode', 'kind']);
    return { year: Number(b.year) || undefined, kelurahanCode: b.kelurahanCode || undefined, kind: b.kind || undefined };
  };
  const correctionPage = (req: Request, res: Response, q: { year?: number; kelurahanCode?: string; rtId?: number }, extra: Record<string, unknown> = {}, status = 200) =>
    render(res, 'pages/year-correction', { title: 'Koreksi setelah tutup tahun', requestKey: newKey(), values: {}, ...app.yearClose.correctionPage(q), ...extra }, status);

  return [
    {
      method: 'get',
      path: '/tutup-tahun',
      need: 'year.close',
      handler: (req, res) => closePage(res, query(req)),
    },
    {
      method: 'post',
      path: '/tutup-tahun',
      need: 'year.close',
      handler: formHandler({
        schema: closeYearForm,
        run: (req, res, form) => {
          const r = app.yearClose.closeYear(actorOf(req), { year: form.year, kelurahanCode: form.kelurahanCode ?? null }, clientIp(req));
          const overrides = r.overrides ? ` ${r.overrides} hambatan ditutup dengan pengecualian beralasan.` : '';
          setFlash(
            app,
            req,
            'success',
            `${r.kelurahanClosed} kelurahan ditutup: ${formatRupiah(r.returnedRupiah)} kas dikembalikan ke Kas Daerah, ${formatRupiah(r.lapsedRupiah)} alokasi gugur (${r.entries} jurnal).${overrides}${r.yearClosed ? ` Tahun program ${form.year} ditutup.` : ''}`,
          );
          res.redirect(303, `/tutup-tahun?year=${form.year}${form.kelurahanCode ? `&kelurahanCode=${form.kelurahanCode}` : ''}`);
        },
        redisplay: (req, res, { message, errors, status }) => closePage(res, fromBody(req), { errors, message }, status),
      }),
    },
    {
      method: 'post',
      path: '/tutup-tahun/pengecualian',
      need: 'year.close',
      handler: formHandler({
        schema: closeOverrideForm,
        run: (req, res, form) => {
          const o = app.yearClose.override(actorOf(req), { year: form.year, blockerKey: form.blockerKey, reason: form.reason }, clientIp(req));
          setFlash(app, req, 'success', `Hambatan dikecualikan: ${o.subject}.`);
          const q = fromBody(req);
          res.redirect(303, `/tutup-tahun?year=${form.year}${q.kelurahanCode ? `&kelurahanCode=${q.kelurahanCode}` : ''}${q.kind ? `&kind=${q.kind}` : ''}`);
        },
        redisplay: (req, res, { message, errors, status }) =>
          closePage(res, fromBody(req), { errors, message, overrideKey: keepInput(req.body, ['blockerKey']).blockerKey, overrideReason: keepInput(req.body, ['reason']).reason }, status),
      }),
    },
    {
      method: 'get',
      path: '/tutup-tahun/koreksi',
      need: 'year.close',
      handler: (req, res) => correctionPage(req, res, query(req)),
    },
    {
      method: 'post',
      path: '/tutup-tahun/koreksi',
      need: 'year.close',
      handler: formHandler({
        schema: correctionForm,
        run: (req, res, form) => {
          const entry = app.yearClose.correct(actorOf(req), form, clientIp(req));
          setFlash(app, req, 'success', `Koreksi tahun ${form.year} diposting sebagai jurnal #${entry.id} (${formatRupiah(form.amount)}).`);
          res.redirect(303, `/tutup-tahun/koreksi?year=${form.year}&rtId=${form.rtId}&kelurahanCode=${keepInput(req.body, ['kelurahanCode']).kelurahanCode ?? ''}`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const values = keepInput(req.body, ['year', 'kelurahanCode', 'rtId', 'from', 'to', 'amount', 'reason', 'requestKey']);
          const q = { year: Number(values.year) || undefined, kelurahanCode: values.kelurahanCode || undefined, rtId: Number(values.rtId) || undefined };
          correctionPage(req, res, q, { errors, message, values, requestKey: values.requestKey || newKey() }, status);
        },
      }),
    },
  ];
}
