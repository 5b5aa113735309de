/**
 * Aduan warga: the public form and tracking page (no sign-in), the officials' inbox and answer.
 * The form's partial (views/partials/aduan-form.hbs) also sits on the public RT/RW pages.
 */
import type { Request, Response } from 'express';
import { keepInput } from '../forms/parse';
import { answerForm, COMPLAINT_FIELDS, complaintForm } from '../forms/complaint';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { errorMessage, fail } from '../../domain/errors';
import { normalizeTrackingCode, type ComplaintTargetKind } from '../../domain/complaints/complaint';
import { formHandler, type FormRefusal } from './form';
import { idFrom, render, type RouteContext, type RouteDef } from './route';

/** ?rt=ID or ?rw=ID (404 for anything else). */
function targetOfQuery(req: Request): { kind: ComplaintTargetKind; id: number } {
  for (const kind of ['rt', 'rw'] as const) {
    const v = req.query[kind];
    if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return { kind, id: Number(v) };
  }
  throw fail('complaint_target_not_found');
}

/** The target a posted form names (404 when it names none). */
function targetOfBody(req: Request): { kind: ComplaintTargetKind; id: number } {
  const b = req.body as Record<string, unknown>;
  if ((b.targetKind === 'rt' || b.targetKind === 'rw') && typeof b.targetId === 'string' && /^\d{1,9}$/.test(b.targetId)) return { kind: b.targetKind, id: Number(b.targetId) };
  throw fail('complaint_target_not_found');
}

/** What was typed, to refill the form: keepInput's fields, and the long texts whole (keepInput cuts at 500). */
function typed(body: unknown, fields: readonly string[], long: string, max: number): Record<string, string> {
  const out = keepInput(body, fields);
  const v = (body as Record<string, unknown> | undefined)?.[long];
  if (typeof v === 'string') out[long] = v.slice(0, max);
  return out;
}

export function complaintRoutes({ app }: RouteContext): RouteDef[] {
  const formPage = (res: Response, target: { kind: ComplaintTargetKind; id: number }, extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string } = {}, status = 200) => {
    const aduan = { ...app.complaints.formContext(target), values: extra.values ?? {}, errors: extra.errors ?? {} };
    render(res, 'pages/aduan-new', { title: `Aduan warga: ${aduan.targetLabel}`, aduan, message: extra.message }, status);
  };
  return [
    {
      method: 'get',
      path: '/publik/aduan',
      need: 'public',
      handler: (req, res) => {
        const typed = typeof req.query.kode === 'string' ? req.query.kode.slice(0, 40) : '';
        const code = typed ? normalizeTrackingCode(typed) : null;
        if (code) return res.redirect(303, `/publik/aduan/${code}`);
        render(res, 'pages/aduan-lookup', { title: 'Lacak aduan', kode: typed, notValid: typed !== '', message: typed ? errorMessage('complaint_code_invalid') : undefined }, typed ? 422 : 200);
      },
    },
    {
      method: 'get',
      path: '/publik/aduan/baru',
      need: 'public',
      handler: (req, res) => formPage(res, targetOfQuery(req)),
    },
    {
      method: 'get',
      path: '/publik/aduan/stempel',
      need: 'public',
      bare: true,
      // A fresh stamp for the form inside a cached public page, asked by the page's script when the
      // visitor starts typing (views/assets/app.js): the fill time then counts from this visitor.
      handler: (req, res) => {
        res.set('Cache-Control', 'no-store').json({ stamp: app.complaints.freshStamp(targetOfQuery(req)) });
      },
    },
    {
      method: 'post',
      path: '/publik/aduan',
      need: 'public',
      // The form sits on public pages cached for every visitor (no per-visitor token): see RouteDef.anonymousPost.
      anonymousPost: true,
      handler: formHandler({
        schema: complaintForm,
        run: (req, res, form) => {
          const r = app.complaints.submit({
            target: { kind: form.targetKind, id: form.targetId },
            kind: form.kind,
            message: form.message,
            senderName: form.senderName,
            senderPhone: form.senderPhone,
            honeypot: form.website,
            stamp: form.stamp,
            address: clientIp(req) ?? 'unknown',
          });
          res.redirect(303, `/publik/aduan/${r.code}?${r.duplicate ? 'sama=1' : 'baru=1'}`);
        },
        // A fresh stamp with the input kept: a form refused for its time is simply sent again.
        redisplay: (req, res, { message, errors, status }: FormRefusal) =>
          formPage(res, targetOfBody(req), { values: typed(req.body, COMPLAINT_FIELDS, 'message', 4000), errors, message }, status),
      }),
    },
    {
      method: 'get',
      path: '/publik/aduan/:code',
      need: 'public',
      handler: (req, res) => {
        const t = app.complaints.track(String(req.params.code).slice(0, 40));
        res.set('Cache-Control', 'no-store');
        render(res, 'pages/aduan-track', { title: `Aduan ${t.code}`, t, justSent: req.query.baru === '1', duplicate: req.query.sama === '1' });
      },
    },
    {
      method: 'get',
      path: '/aduan',
      need: 'complaint.inbox',
      handler: (req, res) => {
        const rows = app.complaints.inbox(actorOf(req));
        render(res, 'pages/aduan-inbox', { title: 'Aduan warga', rows, open: rows.filter((r) => !r.answered).length });
      },
    },
    {
      method: 'get',
      path: '/aduan/:id',
      need: 'complaint.inbox',
      handler: (req, res) => {
        const c = app.complaints.detail(actorOf(req), idFrom(req));
        render(res, 'pages/aduan-answer', { title: `Aduan ${c.code}`, c, values: {} });
      },
    },
    {
      method: 'post',
      path: '/aduan/:id/jawab',
      need: 'complaint.answer',
      handler: formHandler({
        schema: answerForm,
        run: (req, res, form) => {
          const { code } = app.complaints.answer(actorOf(req), idFrom(req), form.answer, clientIp(req));
          setFlash(app, req, 'success', `Jawaban untuk aduan ${code} sudah terbit di halaman publik.`);
          res.redirect(303, `/aduan/${idFrom(req)}`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const c = app.complaints.detail(actorOf(req), idFrom(req));
          render(res, 'pages/aduan-answer', { title: `Aduan ${c.code}`, c, values: typed(req.body, [], 'answer', 8000), errors, message }, status);
        },
      }),
    },
  ];
}
