/** The annual plan (RAP): the RT chair drafts and submits, the bendahara approves or returns. */
import type { Request, Response } from 'express';
import { approvePlan, returnPlan } from '../../app/decide-plan';
import { MAX_FILE_BYTES } from '../../app/evidence-store';
import { storeForRt, type RawUpload } from '../../app/upload-evidence';
import type { EvidenceKind } from '../../domain/grants/receipt';
import { pickYear } from '../../app/read-dashboards';
import { readPlanPage, type TypedLine } from '../../app/read-plans';
import { revisePlan, savePlan } from '../../app/save-plan';
import type { Services } from '../../app/services';
import { invalid, isDomainError, notFound } from '../../domain/errors';
import { parseLines } from '../forms/lines';
import { noteForm, yearField } from '../forms/schemas';
import { parseForm } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { idFrom, render, yearOf, uploaded, type RouteContext, type RouteDef } from './route';

export function yearFromBody(s: Services, req: Request): number {
  const r = yearField.safeParse((req.body as Record<string, unknown> | undefined)?.year);
  if (!r.success || !s.years.find(r.data)) throw invalid('year_invalid', 'Tahun program tidak valid.');
  return r.data;
}

/** The files of some form fields, as uploads for the use cases. */
export function rawUploads(req: Request, fields: Array<{ name: string; kind?: EvidenceKind }>): RawUpload[] {
  return fields.flatMap(({ name, kind }) => uploaded(req, name).map((f) => ({ buffer: f.buffer, originalName: f.originalname, field: kind ? `file_${kind}` : name, kind })));
}

export function planRoutes({ s }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, rtId: number, year: number, extra: Record<string, unknown> = {}, typed?: TypedLine[], status = 200) => {
    const versi = req.query.versi;
    const v = typeof versi === 'string' && /^\d{1,4}$/.test(versi) ? Number(versi) : undefined;
    const model = readPlanPage(s, actorOf(req), rtId, year, typed, v);
    const { years } = pickYear(s, year);
    render(res, 'pages/plan', { title: `RAP ${model.label} ${year}`, years, yearPath: req.path, ...model, ...extra }, status);
  };

  return [
    {
      method: 'get',
      path: '/rt/:id/rencana',
      need: 'rt.view',
      handler: (req, res) => {
        page(req, res, idFrom(req), yearOf(s, req));
      },
    },
    {
      method: 'post',
      path: '/rt/:id/rencana',
      need: 'plan.edit',
      multipart: { files: [{ name: 'beritaAcara', maxCount: 1 }], maxBytes: MAX_FILE_BYTES, maxFiles: 1 },
      handler: async (req, res) => {
        const rtId = idFrom(req);
        const year = yearFromBody(s, req);
        const parsed = parseLines(req.body);
        const submit = (req.body as Record<string, unknown>).action === 'submit';
        const refuse = (message: string, errors: Record<string, string> = {}, status = 422) => page(req, res, rtId, year, { message, errors }, parsed.typed, status);
        if (req.uploadError) return refuse(req.uploadError.message, { beritaAcara: req.uploadError.message }, req.uploadError.status);
        if (parsed.errors.length) return refuse(parsed.errors.join('\n'));
        try {
          const [file] = await storeForRt(s, actorOf(req), 'plan.edit', rtId, rawUploads(req, [{ name: 'beritaAcara' }]));
          savePlan(s, actorOf(req), { rtId, year, lines: parsed.lines, beritaAcara: file ?? null, submit }, clientIp(req));
        } catch (e) {
          if (!isDomainError(e) || e.kind !== 'validation') throw e;
          return refuse(e.message, e.fields);
        }
        setFlash(s, req, 'success', submit ? 'Rencana diajukan ke bendahara kelurahan.' : 'Draf rencana disimpan.');
        res.redirect(303, `/rt/${rtId}/rencana?tahun=${year}`);
      },
    },
    {
      method: 'post',
      path: '/rt/:id/rencana/revisi',
      need: 'plan.edit',
      handler: (req, res) => {
        const rtId = idFrom(req);
        const year = yearFromBody(s, req);
        revisePlan(s, actorOf(req), { rtId, year }, clientIp(req));
        setFlash(s, req, 'info', 'Revisi dibuka sebagai draf baru. Rencana yang disetujui tetap berlaku sampai revisi disetujui.');
        res.redirect(303, `/rt/${rtId}/rencana?tahun=${year}`);
      },
    },
    {
      method: 'post',
      path: '/rencana/:id/setujui',
      need: 'plan.decide',
      handler: (req, res) => {
        const plan = approvePlan(s, actorOf(req), idFrom(req), clientIp(req));
        setFlash(s, req, 'success', `Rencana versi ${plan.version} disetujui.`);
        res.redirect(303, typeof req.body?.back === 'string' && req.body.back === 'antrian' ? '/antrian' : `/rt/${plan.rtId}/rencana?tahun=${plan.year}`);
      },
    },
    {
      method: 'post',
      path: '/rencana/:id/kembalikan',
      need: 'plan.decide',
      handler: (req, res) => {
        const id = idFrom(req);
        const form = parseForm(noteForm, req.body);
        const plan = s.plans.find(id);
        if (!form.ok) {
          if (!plan) throw notFound('plan_not_found');
          return page(req, res, plan.rtId, plan.year, { message: form.message, errors: form.errors }, undefined, 422);
        }
        const returned = returnPlan(s, actorOf(req), id, form.data.note, clientIp(req));
        setFlash(s, req, 'success', 'Rencana dikembalikan ke ketua RT dengan catatan perbaikan.');
        res.redirect(303, `/rt/${returned.rtId}/rencana?tahun=${returned.year}`);
      },
    },
  ];
}
