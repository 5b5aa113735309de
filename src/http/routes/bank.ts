/** Bank batches: made, cancelled and answered by the city's treasury (BPKAD); read by the kelurahan. */
import type { Request, Response } from 'express';
import { bankPaidForm, bankRowAnswerForm, reasonForm } from '../forms/schemas';
import { keepInput } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formatRupiah } from '../../domain/money';
import { formHandler, type FormRefusal } from './form';
import { codeFrom, idFrom, render, type RouteContext, type RouteDef } from './route';

export function bankRoutes({ app }: RouteContext): RouteDef[] {
  // A refused answer or cancellation shows the batch again with the message (and the input kept).
  const batchPage = (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) => {
    const model = app.bank.batch(actorOf(req), idFrom(req));
    render(res, 'pages/bank-batch', { title: `Batch bank #${model.batch.id}`, ...model, ...extra }, status);
  };
  const refused = (fields: string[]) => (req: Request, res: Response, { message, errors, status }: FormRefusal) =>
    batchPage(req, res, { message, errors, values: keepInput(req.body, fields), formRow: req.params.rowId ?? null }, status);

  return [
    {
      method: 'get',
      path: '/bank',
      need: 'bank.batch',
      handler: (req, res) => render(res, 'pages/bank-overview', { title: 'Pembayaran bank', ...app.bank.overview(actorOf(req)) }),
    },
    {
      method: 'get',
      path: '/kelurahan/:code/bank',
      need: 'bank.view',
      handler: (req, res) => {
        const model = app.bank.page(actorOf(req), codeFrom(req, 10));
        render(res, 'pages/bank', { title: `Pembayaran bank ${model.kelurahan.name}`, ...model });
      },
    },
    {
      method: 'post',
      path: '/kelurahan/:code/bank',
      need: 'bank.batch',
      handler: (req, res) => {
        const { batchId, valid, skipped } = app.bank.createBatch(actorOf(req), codeFrom(req, 10), clientIp(req));
        const note = skipped.length ? ` ${skipped.length} baris ditahan karena rekening bermasalah (lihat daftar).` : '';
        setFlash(app, req, skipped.length ? 'info' : 'success', `Batch #${batchId} dibuat: ${valid.length} pencairan.${note}`);
        res.redirect(303, `/bank/batch/${batchId}`);
      },
    },
    {
      method: 'get',
      path: '/bank/batch/:id',
      need: 'bank.view',
      handler: (req, res) => batchPage(req, res),
    },
    {
      method: 'get',
      path: '/bank/batch/:id/csv',
      need: 'bank.view',
      handler: (req, res) => {
        // The stored file, byte for byte (never rebuilt from today's account numbers); the download is audited.
        const { csv, sha256, fileName } = app.bank.download(actorOf(req), idFrom(req), clientIp(req));
        res.attachment(fileName).type('text/csv; charset=utf-8').set('X-Content-SHA256', sha256).send(csv);
      },
    },
    {
      method: 'post',
      path: '/bank/batch/:id/dibayar',
      need: 'bank.batch',
      handler: formHandler({
        schema: bankPaidForm,
        run: (req, res, form) => {
          const id = idFrom(req);
          app.bank.markPaid(actorOf(req), id, form, clientIp(req));
          setFlash(app, req, 'success', `Semua baris batch #${id} yang menunggu dicatat dibayar bank (ref. ${form.bankReference}).`);
          res.redirect(303, `/bank/batch/${id}`);
        },
        redisplay: refused(['bankReference', 'paidOn']),
      }),
    },
    {
      method: 'post',
      path: '/bank/batch/:id/baris/:rowId',
      need: 'bank.batch',
      handler: formHandler({
        schema: bankRowAnswerForm,
        run: (req, res, answer) => {
          const id = idFrom(req);
          const row = app.bank.answerRow(actorOf(req), { batchId: id, rowId: idFrom(req, 'rowId'), answer }, clientIp(req));
          const what = answer.outcome === 'paid' ? 'dibayar' : 'gagal; pencairannya kembali menunggu batch baru';
          setFlash(app, req, answer.outcome === 'paid' ? 'success' : 'info', `Baris ${row.rtLabel} dicatat ${what}.`);
          res.redirect(303, `/bank/batch/${id}`);
        },
        redisplay: refused(['outcome', 'bankReference', 'paidOn', 'reason']),
      }),
    },
    {
      method: 'post',
      path: '/bank/batch/:id/batal',
      need: 'bank.batch',
      handler: formHandler({
        schema: reasonForm,
        run: (req, res, form) => {
          const id = idFrom(req);
          app.bank.cancel(actorOf(req), id, form.reason, clientIp(req));
          setFlash(app, req, 'success', `Batch #${id} dibatalkan; pencairannya kembali menunggu batch baru.`);
          res.redirect(303, `/bank/batch/${id}`);
        },
        redisplay: refused(['reason']),
      }),
    },
  ];
}
