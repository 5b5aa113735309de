/** Bank batches of a kelurahan. */
import { stringify } from 'csv-stringify/sync';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { codeFrom, idFrom, render, type RouteContext, type RouteDef } from './route';

export function bankRoutes({ app }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/kelurahan/:code/bank',
      need: 'bank.batch',
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
      need: 'bank.batch',
      handler: (req, res) => {
        const model = app.bank.batch(actorOf(req), idFrom(req));
        render(res, 'pages/bank-batch', { title: `Batch bank #${model.batch.id}`, ...model, canMarkPaid: !model.batch.paidAt });
      },
    },
    {
      method: 'get',
      path: '/bank/batch/:id/csv',
      need: 'bank.batch',
      handler: (req, res) => {
        const { batch, kelurahan, rows } = app.bank.batch(actorOf(req), idFrom(req));
        const csv = stringify(
          rows.map((r) => [r.bankAccount, r.accountName, r.amount, r.reference, `Dana operasional RT ${r.period}`]),
          { header: true, columns: ['no_rekening', 'nama_rekening', 'jumlah', 'referensi', 'keterangan'] },
        );
        const name = `bank-${batch.year}-${kelurahan.name.replace(/[^A-Za-z0-9]+/g, '-')}-batch-${batch.id}.csv`;
        res.attachment(name).type('text/csv; charset=utf-8').send(csv);
      },
    },
    {
      method: 'post',
      path: '/bank/batch/:id/dibayar',
      need: 'bank.batch',
      handler: (req, res) => {
        const id = idFrom(req);
        app.bank.markPaid(actorOf(req), id, clientIp(req));
        setFlash(app, req, 'success', `Batch #${id} ditandai sudah dibayar bank.`);
        res.redirect(303, `/bank/batch/${id}`);
      },
    },
  ];
}
