/**
 * The chair's phone on a weak signal (issue 19): the quick check a receipt form runs before any
 * byte of a photo is sent, and the service worker that keeps the form usable without signal.
 */
import path from 'node:path';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../domain/grants/evidence-kinds';
import { PROJECT_ROOT } from '../../paths';
import { MAX_DRAFT_BYTES, MAX_DRAFT_FILES } from '../../app/receipt-drafts';
import { FILE_FIELDS, receiptForm, receiptValues } from '../forms/receipt';
import { idParam, requestKeyField } from '../forms/schemas';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { receiptsPageOf } from './receipts';
import { idFrom, uploaded, yearFromBody, type RouteContext, type RouteDef } from './route';

const KINDS = Object.keys(EVIDENCE_KINDS) as [EvidenceKind, ...EvidenceKind[]];
/** The kinds of file the form will carry (repeated `evidenceKind` fields), besides the receipt's fields. */
const kindsOf = (body: unknown): EvidenceKind[] => {
  const v = (body as Record<string, unknown>).evidenceKind;
  const list = z.array(z.enum(KINDS)).max(KINDS.length * 5).safeParse(Array.isArray(v) ? v : v === undefined ? [] : [v]);
  return list.success ? list.data : [];
};

const SERVICE_WORKER = path.join(PROJECT_ROOT, 'views', 'assets', 'sw.js');

/** A draft: whatever was typed (nothing is required yet), the form's key, and the draft it saves again. */
const draftForm = z
  .looseObject({})
  .transform((body) => {
    const b = body as Record<string, unknown>;
    return { values: receiptValues(body), requestKey: b.requestKey, draftId: b.draftId === '' ? undefined : b.draftId };
  })
  .pipe(z.object({ values: z.custom<ReturnType<typeof receiptValues>>(), requestKey: z.unknown().pipe(requestKeyField), draftId: z.unknown().pipe(idParam.optional()) }));

export function receiptPhoneRoutes({ app }: RouteContext): RouteDef[] {
  const page = receiptsPageOf(app);
  const receiptsOf = (rtId: number, year: number) => `/rt/${rtId}/kuitansi?tahun=${year}`;
  const answer = (res: Response, status: number, body: Record<string, unknown>) => res.status(status).set('Cache-Control', 'no-store').json(body);
  return [
    {
      method: 'post',
      path: '/rt/:id/kuitansi/periksa',
      need: 'receipt.record',
      // The same zod form and the same domain rules as the full post: a refusal here is the refusal
      // the upload would have met, with the same message and the same fields marked.
      handler: formHandler({
        schema: receiptForm,
        run: (req: Request, res, form) => {
          const notes = app.receipts.quickCheck(actorOf(req), { rtId: idFrom(req), year: yearFromBody(app, req), ...form }, kindsOf(req.body));
          answer(res, 200, { ok: true, notes });
        },
        redisplay: (_req, res, { message, errors, status }) => answer(res, status, { ok: false, message, errors }),
      }),
    },
    {
      method: 'post',
      path: '/rt/:id/kuitansi/draf',
      need: 'receipt.record',
      // Drafts are small (shrunk photos) and bounded: read in memory, kept in the database.
      multipart: { files: FILE_FIELDS.map(({ name, maxCount }) => ({ name, maxCount })), maxBytes: MAX_DRAFT_BYTES, maxFiles: MAX_DRAFT_FILES, maxFields: 110, memory: true },
      handler: formHandler({
        schema: draftForm,
        run: async (req, res, form) => {
          const rtId = idFrom(req);
          const year = yearFromBody(app, req);
          const files = FILE_FIELDS.flatMap(({ name }) => uploaded(req, name).flatMap((f) => (f.buffer ? [{ field: name, name: f.originalName, content: f.buffer }] : [])));
          await app.receiptDrafts.save(actorOf(req), { rtId, year, draftId: form.draftId, requestKey: form.requestKey, values: form.values, files }, clientIp(req));
          setFlash(app, req, 'success', 'Draf kuitansi tersimpan. Lanjutkan kapan saja dari daftar "Draf tersimpan"; belum ada yang dikirim ke kelurahan.');
          res.redirect(303, `${receiptsOf(rtId, year)}#draf`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const key = requestKeyField.safeParse((req.body as Record<string, unknown>).requestKey);
          page(req, res, idFrom(req), yearFromBody(app, req), { message: `${message} Draf belum tersimpan.`, errors, ...(key.success ? { requestKey: key.data } : {}) }, receiptValues(req.body), status);
        },
      }),
    },
    {
      method: 'get',
      path: '/draf/:id/berkas/:file',
      need: 'receipt.record',
      handler: (req, res) => {
        const f = app.receiptDrafts.file(actorOf(req), idFrom(req), idFrom(req, 'file'));
        res.set({ 'Cache-Control': 'private, no-store', 'Content-Disposition': `inline; filename="${f.name.replace(/[^\w.-]/g, '_')}"` }).type(f.mime).send(f.content);
      },
    },
    {
      method: 'post',
      path: '/draf/:id/hapus',
      need: 'receipt.record',
      handler: (req, res) => {
        const d = app.receiptDrafts.delete(actorOf(req), idFrom(req), clientIp(req));
        setFlash(app, req, 'info', 'Draf kuitansi dihapus.');
        res.redirect(303, `${receiptsOf(d.rtId, d.year)}#draf`);
      },
    },
    {
      method: 'get',
      path: '/sw.js',
      need: 'public',
      bare: true,
      // Served from the root so that its scope covers the whole app; never cached by the browser's
      // HTTP cache (a new version must be found at the next visit).
      handler: (_req, res) => {
        res.set({ 'Cache-Control': 'no-cache', 'Service-Worker-Allowed': '/' }).type('application/javascript').sendFile(SERVICE_WORKER);
      },
    },
  ];
}
