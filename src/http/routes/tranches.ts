/** Tranches: the RT chair requests, the bendahara decides (one by one or a selection), reversals. */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { TypedLine } from '../../app/read-plans';
import { formatRupiah } from '../../domain/money';
import { linesForm, typedLines } from '../forms/lines';
import { parseOrRefuse } from '../forms/parse';
import { idsField, monthField, reasonForm, requestKeyField } from '../forms/schemas';
import { queueFilter } from '../forms/filters';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { orBackWithMessage } from './back-to-page';
import { idFrom, render, yearFromBody, yearOf, type RouteContext, type RouteDef } from './route';

const newKey = () => randomBytes(18).toString('base64url');

/** The RBB: a month (monthly mode; none in staged mode: the use case says when one is missing), its lines, the form's one-time key. */
const trancheForm = z.looseObject({}).transform((body, ctx) => {
  const key = requestKeyField.safeParse(body.requestKey);
  const lines = linesForm.safeParse(body);
  if (!key.success) ctx.addIssue({ code: 'custom', path: ['requestKey'], message: key.error.issues[0]!.message });
  if (!lines.success) for (const i of lines.error.issues) ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  const month = monthField.safeParse(body.month);
  return { month: month.success ? month.data : undefined, requestKey: key.data ?? '', lines: lines.data ?? [] };
});

const selectionForm = z.object({ ids: idsField });

export function trancheRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, rtId: number, year: number, extra: Record<string, unknown> = {}, form?: Parameters<typeof app.tranches.page>[3], status = 200) => {
    const model = app.tranches.page(actorOf(req), rtId, year, form);
    const { years } = app.years.pick(year);
    render(res, 'pages/tranches', { title: `Pencairan ${model.label} ${year}`, years, yearPath: req.path, requestKey: newKey(), ...model, ...extra }, status);
  };

  const decided = (req: Request, res: Response, rtId: number, year: number, message: string) => {
    setFlash(app, req, 'success', message);
    const back = (req.body as Record<string, unknown> | undefined)?.back;
    res.redirect(303, back === 'antrian' ? '/antrian' : `/rt/${rtId}/pencairan?tahun=${year}`);
  };

  return [
    {
      method: 'get',
      path: '/rt/:id/pencairan',
      need: 'rt.view',
      handler: (req, res) => page(req, res, idFrom(req), yearOf(app, req)),
    },
    {
      method: 'post',
      path: '/rt/:id/pencairan',
      need: 'tranche.request',
      handler: formHandler({
        schema: trancheForm,
        run: (req, res, form) => {
          const rtId = idFrom(req);
          const year = yearFromBody(app, req);
          const t = app.tranches.request(actorOf(req), { rtId, year, ...form }, clientIp(req));
          setFlash(app, req, 'success', `Pencairan ${formatRupiah(t.amount)} diajukan; menunggu persetujuan bendahara kelurahan.`);
          res.redirect(303, `/rt/${rtId}/pencairan?tahun=${year}`);
        },
        // A refused request shows its form again with what was typed (the refusal says why), under the same key.
        redisplay: (req, res, { message, errors, status }) => {
          const body = req.body as Record<string, unknown>;
          const month = monthField.safeParse(body.month);
          const key = requestKeyField.safeParse(body.requestKey);
          const form = { month: month.success ? month.data : undefined, typed: typedLines(body) };
          page(req, res, idFrom(req), yearFromBody(app, req), { message, errors, locked: [], requestKey: key.success ? key.data : newKey() }, form, status);
        },
      }),
    },
    {
      method: 'get',
      path: '/antrian',
      need: 'queue.view',
      handler: (req, res) => {
        // Never refused: a bad value is dropped by the schema (.catch), the queue shows without it.
        const f = queueFilter.parse(req.query);
        render(res, 'pages/queue', { title: 'Antrian persetujuan', q: f.q ?? '', rw: f.rw ?? '', rt: f.rt ?? '', ...app.tranches.queue(actorOf(req), { kind: f.jenis, rw: f.rw, rt: f.rt, q: f.q }) });
      },
    },
    {
      method: 'post',
      path: '/antrian/setujui',
      need: 'tranche.decide',
      // Nothing selected (or a bad selection) comes back to the queue with the message, not to an error page.
      handler: (req, res) =>
        orBackWithMessage(app, req, res, '/antrian', () => {
          const { ids } = parseOrRefuse(selectionForm, req.body);
          const selection = [...new Set(ids)].map((item) => {
            const [kind, id] = item.split(':') as ['plan' | 'tranche', string];
            return { kind, id: Number(id) };
          });
          const items = app.tranches.approveSelection(actorOf(req), selection, clientIp(req));
          const ok = items.filter((i) => i.ok).length;
          setFlash(app, req, ok === items.length ? 'success' : 'info', `${ok} dari ${items.length} disetujui.`, items);
          res.redirect(303, '/antrian');
        }),
    },
    {
      method: 'post',
      path: '/pencairan/:id/setujui',
      need: 'tranche.decide',
      handler: (req, res) => {
        const t = app.tranches.approve(actorOf(req), idFrom(req), clientIp(req));
        decided(req, res, t.rtId, t.year, `Pencairan ${formatRupiah(t.amount)} disetujui dan dicatat di buku besar.`);
      },
    },
    // The treasurer's two ways back at her step, each with a reason the chair reads: rejected for good, or returned to fix.
    ...(['tolak', 'kembalikan'] as const).map(
      (verb): RouteDef => ({
        method: 'post',
        path: `/pencairan/:id/${verb}`,
        need: 'tranche.decide',
        handler: formHandler({
          schema: reasonForm,
          run: (req, res, { reason }) => {
            const t = verb === 'tolak' ? app.tranches.reject(actorOf(req), idFrom(req), reason, clientIp(req)) : app.tranches.return(actorOf(req), idFrom(req), reason, clientIp(req));
            decided(req, res, t.rtId, t.year, verb === 'tolak' ? 'Pencairan ditolak; cadangan alokasinya dilepas.' : `Pencairan dikembalikan ke ${app.tranches.chairOf(t.rtId)} untuk diperbaiki; cadangan alokasinya dilepas.`);
          },
          // The same page again, this tranche's form open with what was typed and the message beside it.
          redisplay: (req, res, { message, errors, status }) => {
            const id = idFrom(req);
            const { rtId, year } = app.tranches.locate(actorOf(req), id);
            const typed = String((req.body as Record<string, unknown> | undefined)?.reason ?? '').slice(0, 1000);
            page(req, res, rtId, year, { message }, { sendBack: { id, verb, reason: typed, error: errors.reason ?? null } }, status);
          },
        }),
      }),
    ),
    {
      method: 'post',
      path: '/pencairan/:id/batalkan',
      need: 'tranche.reverse',
      handler: (req, res) => {
        const { reason } = parseOrRefuse(reasonForm, req.body);
        const t = app.tranches.reverse(actorOf(req), idFrom(req), reason, clientIp(req));
        decided(req, res, t.rtId, t.year, 'Pencairan dibatalkan dengan jurnal balik.');
      },
    },
  ];
}
