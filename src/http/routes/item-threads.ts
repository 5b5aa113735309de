/** One receipt's page and its edit in full; the comment thread of a receipt, plan or SPJ (issue 19, helper 19b). */
import type { Request, Response } from 'express';
import { COMMENT_PATH_NAMES, type CommentKind } from '../../domain/comments';
import { fail } from '../../domain/errors';
import { formatRupiah } from '../../domain/money';
import { commentForm, editReceiptForm } from '../forms/item-thread';
import { receiptValues } from '../forms/receipt';
import type { ReceiptFormValues } from '../../app/read-receipts';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler, type FormRefusal } from './form';
import { idFrom, render, type RouteContext, type RouteDef } from './route';

/** The item kinds as their paths name them. */
const kindFrom = (req: Request): CommentKind => {
  const k = (Object.keys(COMMENT_PATH_NAMES) as CommentKind[]).find((x) => COMMENT_PATH_NAMES[x] === req.params.kind);
  if (!k) throw fail('bad_id');
  return k;
};
const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 4000) : '');

export function itemThreadRoutes({ app }: RouteContext): RouteDef[] {
  const receiptPage = (req: Request, res: Response, o: { typed?: ReceiptFormValues; refusal?: FormRefusal; commentBody?: string; commentRefusal?: FormRefusal } = {}) => {
    const model = app.threads.receiptItem(actorOf(req), idFrom(req), o.typed);
    const r = model.receipt;
    render(
      res,
      'pages/receipt-item',
      { title: `Kuitansi #${r.id} ${model.label}`, ...model, message: o.refusal?.message ?? o.commentRefusal?.message, errors: o.refusal?.errors ?? {}, commentBody: o.commentBody ?? '', commentErrors: o.commentRefusal?.errors ?? {} },
      o.refusal?.status ?? o.commentRefusal?.status ?? 200,
    );
  };
  /** The thread alone (the SPJ's, and any thread after a refused comment on a plan or SPJ). */
  const threadPage = (req: Request, res: Response, kind: CommentKind, o: { body?: string; refusal?: FormRefusal } = {}) => {
    const thread = app.threads.read(actorOf(req), kind, idFrom(req));
    if (!thread) throw fail('forbidden_role');
    const titles: Record<CommentKind, string> = { receipt: 'kuitansi', plan: 'rencana (RAP)', spj: 'SPJ' };
    render(res, 'pages/item-thread', { title: `Diskusi ${titles[kind]} #${idFrom(req)}`, thread, backHref: app.threads.itemHref(actorOf(req), kind, idFrom(req)), commentBody: o.body ?? '', commentErrors: o.refusal?.errors ?? {}, message: o.refusal?.message }, o.refusal?.status ?? 200);
  };

  return [
    {
      method: 'get',
      path: '/kuitansi/:id',
      need: 'home.view',
      handler: (req, res) => receiptPage(req, res),
    },
    {
      method: 'post',
      path: '/kuitansi/:id/ubah',
      need: 'receipt.record',
      handler: formHandler({
        schema: editReceiptForm,
        run: (req, res, form) => {
          const r = app.threads.editReceipt(actorOf(req), { receiptId: idFrom(req), ...form }, clientIp(req));
          setFlash(app, req, 'success', `Kuitansi #${r.id} (${formatRupiah(r.amount)}) diperbaiki dan dikirim ulang ke kelurahan.`);
          res.redirect(303, `/kuitansi/${r.id}`);
        },
        redisplay: (req, res, refusal) => receiptPage(req, res, { typed: receiptValues(req.body), refusal }),
      }),
    },
    {
      method: 'get',
      path: '/komentar/:kind/:id',
      need: 'item.comment',
      handler: (req, res) => threadPage(req, res, kindFrom(req)),
    },
    {
      method: 'post',
      path: '/komentar/:kind/:id',
      need: 'item.comment',
      handler: formHandler({
        schema: commentForm,
        run: (req, res, form) => {
          const { href } = app.threads.add(actorOf(req), { kind: kindFrom(req), id: idFrom(req), body: form.body, seen: form.seen }, clientIp(req));
          setFlash(app, req, 'success', 'Komentar terkirim.');
          res.redirect(303, href);
        },
        redisplay: (req, res, refusal) => {
          const kind = kindFrom(req);
          const body = str((req.body as Record<string, unknown>).body);
          if (kind === 'receipt') return receiptPage(req, res, { commentBody: body, commentRefusal: refusal });
          return threadPage(req, res, kind, { body, refusal });
        },
      }),
    },
  ];
}
