/** The annual plan (RAP): the RT chair drafts and submits, the bendahara approves or returns. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { MAX_FILE_BYTES } from '../../app/evidence-store';
import type { TypedLine } from '../../app/read-plans';
import { linesForm, typedLines } from '../forms/lines';
import { cleanText } from '../../domain/registry/rows';
import { noteForm, reasonForm } from '../forms/schemas';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { idFrom, rawUploads, render, yearFromBody, yearOf, type RouteContext, type RouteDef } from './route';

/** The reason a revision gives, as typed (cleaned, at most 1000 characters). */
const revisionReasonOf = (body: unknown): string => {
  const v = (body as Record<string, unknown> | undefined)?.revisionReason;
  return cleanText(typeof v === 'string' ? v : '').slice(0, 1000);
};

/** The dossier item a file is for, as the form sent it (checked by the use case). */
const kindOf = (body: unknown): string => {
  const v = (body as Record<string, unknown> | undefined)?.kind;
  return typeof v === 'string' ? v.slice(0, 40) : '';
};

/** A note or reason as typed, to refill its form (at most 1000 characters). */
const typedOf = (body: unknown, field: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[field];
  return typeof v === 'string' ? v.slice(0, 1000) : '';
};

const dossierUploadForm = z.object({
  kind: z.string({ error: 'Jenis berkas tidak dikenal.' }).trim().max(40, { error: 'Jenis berkas tidak dikenal.' }),
});

export function planRoutes({ app }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, rtId: number, year: number, extra: Record<string, unknown> = {}, typed?: TypedLine[], status = 200, typedReason?: string) => {
    const versi = req.query.versi;
    const v = typeof versi === 'string' && /^\d{1,4}$/.test(versi) ? Number(versi) : undefined;
    const model = app.plans.page(actorOf(req), rtId, year, typed, v, typedReason);
    const { years } = app.years.pick(year);
    render(res, 'pages/plan', { title: `RAP ${model.label} ${year}`, years, yearPath: req.path, ...model, thread: model.latest ? app.threads.read(actorOf(req), 'plan', model.latest.id) : null, ...extra }, status);
  };

  return [
    {
      method: 'get',
      path: '/rt/:id/rencana',
      need: 'rt.view',
      handler: (req, res) => page(req, res, idFrom(req), yearOf(app, req)),
    },
    {
      method: 'post',
      path: '/rt/:id/rencana',
      need: 'plan.edit',
      multipart: {
        files: [{ name: 'beritaAcara', maxCount: 1 }],
        maxBytes: MAX_FILE_BYTES,
        maxFiles: 1,
        // Up to 60 rows of 3 fields, the reason, the year, the token.
        maxFields: 190,
        // The lines come before the file in the form: checked before the berita acara is read.
        precheck: (req) => {
          const lines = linesForm.safeParse(req.body);
          if (lines.success) {
            const submit = (req.body as Record<string, unknown>).action === 'submit';
            app.plans.precheck(actorOf(req), { rtId: idFrom(req), year: yearFromBody(app, req), lines: lines.data, submit, revisionReason: revisionReasonOf(req.body) });
          }
        },
      },
      handler: formHandler({
        schema: linesForm,
        run: async (req, res, lines) => {
          const rtId = idFrom(req);
          const year = yearFromBody(app, req);
          const submit = (req.body as Record<string, unknown>).action === 'submit';
          const [beritaAcara] = rawUploads(req, [{ name: 'beritaAcara' }]);
          await app.plans.save(actorOf(req), { rtId, year, lines, submit, revisionReason: revisionReasonOf(req.body) }, beritaAcara, clientIp(req));
          setFlash(app, req, 'success', submit ? 'Rencana diajukan ke bendahara kelurahan.' : 'Draf rencana disimpan.');
          res.redirect(303, `/rt/${rtId}/rencana?tahun=${year}`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const fields = req.uploadError ? { beritaAcara: message, ...errors } : errors;
          page(req, res, idFrom(req), yearFromBody(app, req), { message, errors: fields }, typedLines(req.body), status, revisionReasonOf(req.body));
        },
      }),
    },
    {
      method: 'post',
      path: '/rt/:id/rencana/berkas',
      need: 'plan.edit',
      multipart: {
        files: [{ name: 'dokumen', maxCount: 1 }],
        maxBytes: MAX_FILE_BYTES,
        maxFiles: 1,
        // The kind and the year come before the file: checked before it is read.
        precheck: (req) => app.plans.precheckDocument(actorOf(req), { rtId: idFrom(req), year: yearFromBody(app, req), kind: kindOf(req.body) }),
      },
      handler: formHandler({
        schema: dossierUploadForm,
        run: async (req, res, { kind }) => {
          const rtId = idFrom(req);
          const year = yearFromBody(app, req);
          const [file] = rawUploads(req, [{ name: 'dokumen' }]);
          await app.plans.uploadDocument(actorOf(req), { rtId, year, kind }, file ? { ...file, field: `dok_${kind}` } : undefined, clientIp(req));
          setFlash(app, req, 'success', 'Berkas rencana diunggah.');
          res.redirect(303, `/rt/${rtId}/rencana?tahun=${year}#berkas`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const kind = kindOf(req.body);
          const fields = req.uploadError && kind && !errors[`dok_${kind}`] ? { [`dok_${kind}`]: message, ...errors } : errors;
          page(req, res, idFrom(req), yearFromBody(app, req), { message, errors: fields }, undefined, status);
        },
      }),
    },
    {
      method: 'post',
      path: '/rt/:id/rencana/berkas/:doc/hapus',
      need: 'plan.edit',
      handler: (req, res) => {
        const rtId = idFrom(req);
        const plan = app.plans.withdrawDocument(actorOf(req), { rtId, documentId: idFrom(req, 'doc') }, clientIp(req));
        setFlash(app, req, 'success', 'Berkas dihapus dari kelengkapan rencana.');
        res.redirect(303, `/rt/${rtId}/rencana?tahun=${plan.year}#berkas`);
      },
    },
    {
      method: 'post',
      path: '/rt/:id/rencana/revisi',
      need: 'plan.edit',
      handler: (req, res) => {
        const rtId = idFrom(req);
        const year = yearFromBody(app, req);
        app.plans.revise(actorOf(req), { rtId, year }, clientIp(req));
        setFlash(app, req, 'info', 'Revisi dibuka sebagai draf baru. Rencana yang disetujui tetap berlaku sampai revisi disetujui.');
        res.redirect(303, `/rt/${rtId}/rencana?tahun=${year}`);
      },
    },
    {
      method: 'post',
      path: '/rencana/:id/setujui',
      need: 'plan.decide',
      handler: (req, res) => {
        const plan = app.plans.approve(actorOf(req), idFrom(req), clientIp(req));
        setFlash(app, req, 'success', `Rencana versi ${plan.version} disetujui.`);
        res.redirect(303, (req.body as Record<string, unknown>).back === 'antrian' ? '/antrian' : `/rt/${plan.rtId}/rencana?tahun=${plan.year}`);
      },
    },
    {
      method: 'post',
      path: '/rencana/:id/kembalikan',
      need: 'plan.decide',
      handler: formHandler({
        schema: noteForm,
        run: (req, res, { note }) => {
          const returned = app.plans.return(actorOf(req), idFrom(req), note, clientIp(req));
          setFlash(app, req, 'success', `Rencana dikembalikan ke ${app.plans.chairOf(returned.rtId)} dengan catatan perbaikan.`);
          res.redirect(303, `/rt/${returned.rtId}/rencana?tahun=${returned.year}`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const { rtId, year } = app.plans.locate(actorOf(req), idFrom(req));
          page(req, res, rtId, year, { message, errors, values: { note: typedOf(req.body, 'note') } }, undefined, status);
        },
      }),
    },
    // The treasurer's other way back at her step: rejected for good (this version is closed; the chair opens a new one).
    {
      method: 'post',
      path: '/rencana/:id/tolak',
      need: 'plan.decide',
      handler: formHandler({
        schema: reasonForm,
        run: (req, res, { reason }) => {
          const rejected = app.plans.reject(actorOf(req), idFrom(req), reason, clientIp(req));
          setFlash(app, req, 'success', `Rencana versi ${rejected.version} ditolak; ${app.plans.chairOf(rejected.rtId)} membaca alasannya dan menyusun versi baru.`);
          res.redirect(303, `/rt/${rejected.rtId}/rencana?tahun=${rejected.year}`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const { rtId, year } = app.plans.locate(actorOf(req), idFrom(req));
          // The use case names the field 'note' (as the lurah's form does 'reason'): shown beside this form's one.
          page(req, res, rtId, year, { message, errors: { reason: errors.reason ?? errors.note }, values: { reason: typedOf(req.body, 'reason') } }, undefined, status);
        },
      }),
    },
  ];
}
