/** Tranches: the RT chair requests, the bendahara decides (one by one or a selection), reversals. */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { approvePlan } from '../../app/decide-plan';
import { approveTranche, rejectTranche, reverseTranche } from '../../app/decide-tranche';
import { pickYear } from '../../app/read-dashboards';
import type { TypedLine } from '../../app/read-plans';
import { readQueue, readTranchePage } from '../../app/read-tranches';
import { requestTranche } from '../../app/request-tranche';
import { invalid, isDomainError } from '../../domain/errors';
import { formatRupiah } from '../../domain/money';
import { parseLines } from '../forms/lines';
import { parseForm } from '../forms/parse';
import { idsField, monthField, reasonForm, requestKeyField } from '../forms/schemas';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { yearFromBody } from './plans';
import { idFrom, render, yearOf, type RouteContext, type RouteDef } from './route';

const newKey = () => randomBytes(18).toString('base64url');

export function trancheRoutes({ s }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, rtId: number, year: number, extra: Record<string, unknown> = {}, form?: { month?: string; typed?: TypedLine[] }, status = 200) => {
    const model = readTranchePage(s, actorOf(req), rtId, year, form);
    const { years } = pickYear(s, year);
    render(res, 'pages/tranches', { title: `Pencairan ${model.label} ${year}`, years, yearPath: req.path, requestKey: newKey(), ...model, ...extra }, status);
  };

  const decided = (req: Request, res: Response, rtId: number, year: number, message: string) => {
    setFlash(s, req, 'success', message);
    const back = (req.body as Record<string, unknown> | undefined)?.back;
    res.redirect(303, back === 'antrian' ? '/antrian' : `/rt/${rtId}/pencairan?tahun=${year}`);
  };

  return [
    {
      method: 'get',
      path: '/rt/:id/pencairan',
      need: 'rt.view',
      handler: (req, res) => {
        page(req, res, idFrom(req), yearOf(s, req));
      },
    },
    {
      method: 'post',
      path: '/rt/:id/pencairan',
      need: 'tranche.request',
      handler: (req, res) => {
        const rtId = idFrom(req);
        const year = yearFromBody(s, req);
        const body = req.body as Record<string, unknown>;
        const parsed = parseLines(body);
        const month = monthField.safeParse(body.month);
        const key = requestKeyField.safeParse(body.requestKey);
        const form = { month: month.success ? month.data : undefined, typed: parsed.typed };
        // A refused request shows its form again with what was typed (the refusal says why).
        const refuse = (message: string) => page(req, res, rtId, year, { message, locked: [], requestKey: key.success ? key.data : newKey() }, form, 422);
        if (!key.success) return refuse(key.error.issues[0]!.message);
        if (parsed.errors.length) return refuse(parsed.errors.join('\n'));
        try {
          const t = requestTranche(s, actorOf(req), { rtId, year, month: form.month, lines: parsed.lines, requestKey: key.data }, clientIp(req));
          setFlash(s, req, 'success', `Pencairan ${formatRupiah(t.amount)} diajukan; menunggu persetujuan bendahara kelurahan.`);
        } catch (e) {
          if (!isDomainError(e) || (e.kind !== 'validation' && e.kind !== 'conflict')) throw e;
          return refuse(e.message);
        }
        res.redirect(303, `/rt/${rtId}/pencairan?tahun=${year}`);
      },
    },
    {
      method: 'get',
      path: '/antrian',
      need: 'queue.view',
      handler: (req, res) => render(res, 'pages/queue', { title: 'Antrian persetujuan', ...readQueue(s, actorOf(req)) }),
    },
    {
      method: 'post',
      path: '/antrian/setujui',
      need: 'tranche.decide',
      handler: (req, res) => {
        const ids = idsField.safeParse((req.body as Record<string, unknown>).ids);
        if (!ids.success) throw invalid('selection_invalid', ids.error.issues[0]!.message);
        const actor = actorOf(req);
        const items = [...new Set(ids.data)].map((item) => {
          const [kind, raw] = item.split(':') as ['plan' | 'tranche', string];
          const id = Number(raw);
          const what = kind === 'plan' ? `Rencana #${id}` : `Pencairan #${id}`;
          try {
            if (kind === 'plan') approvePlan(s, actor, id, clientIp(req));
            else approveTranche(s, actor, id, clientIp(req));
            return { ok: true, message: `${what} disetujui.` };
          } catch (e) {
            if (!isDomainError(e)) throw e;
            return { ok: false, message: `${what}: ${e.message}` };
          }
        });
        const ok = items.filter((i) => i.ok).length;
        setFlash(s, req, ok === items.length ? 'success' : 'info', `${ok} dari ${items.length} disetujui.`, items);
        res.redirect(303, '/antrian');
      },
    },
    {
      method: 'post',
      path: '/pencairan/:id/setujui',
      need: 'tranche.decide',
      handler: (req, res) => {
        const t = approveTranche(s, actorOf(req), idFrom(req), clientIp(req));
        decided(req, res, t.rtId, t.year, `Pencairan ${formatRupiah(t.amount)} disetujui dan dicatat di buku besar.`);
      },
    },
    {
      method: 'post',
      path: '/pencairan/:id/tolak',
      need: 'tranche.decide',
      handler: (req, res) => {
        const form = parseForm(reasonForm, req.body);
        if (!form.ok) throw invalid('reason_required', 'Alasan penolakan wajib diisi.');
        const t = rejectTranche(s, actorOf(req), idFrom(req), form.data.reason, clientIp(req));
        decided(req, res, t.rtId, t.year, 'Pencairan ditolak; cadangan alokasinya dilepas.');
      },
    },
    {
      method: 'post',
      path: '/pencairan/:id/batalkan',
      need: 'tranche.reverse',
      handler: (req, res) => {
        const form = parseForm(reasonForm, req.body);
        if (!form.ok) throw invalid('reason_required', 'Alasan pembatalan wajib diisi.');
        const t = reverseTranche(s, actorOf(req), idFrom(req), form.data.reason, clientIp(req));
        decided(req, res, t.rtId, t.year, 'Pencairan dibatalkan dengan jurnal balik.');
      },
    },
  ];
}
