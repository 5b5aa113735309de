/**
 * The chair's phone on a weak signal (issue 19): the quick check a receipt form runs before any
 * byte of a photo is sent, and the service worker that keeps the form usable without signal.
 */
import path from 'node:path';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { EVIDENCE_KINDS, type EvidenceKind } from '../../domain/grants/evidence-kinds';
import { PROJECT_ROOT } from '../../paths';
import { receiptForm } from '../forms/receipt';
import { actorOf } from '../middleware/authorize';
import { formHandler } from './form';
import { idFrom, yearFromBody, type RouteContext, type RouteDef } from './route';

const KINDS = Object.keys(EVIDENCE_KINDS) as [EvidenceKind, ...EvidenceKind[]];
/** The kinds of file the form will carry (repeated `evidenceKind` fields), besides the receipt's fields. */
const kindsOf = (body: unknown): EvidenceKind[] => {
  const v = (body as Record<string, unknown>).evidenceKind;
  const list = z.array(z.enum(KINDS)).max(KINDS.length * 5).safeParse(Array.isArray(v) ? v : v === undefined ? [] : [v]);
  return list.success ? list.data : [];
};

const SERVICE_WORKER = path.join(PROJECT_ROOT, 'views', 'assets', 'sw.js');

export function receiptPhoneRoutes({ app }: RouteContext): RouteDef[] {
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
