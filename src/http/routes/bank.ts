/** Bank batches of a kelurahan, and the year-end close. */
import { stringify } from 'csv-stringify/sync';
import { batchCandidates, createBankBatch, loadBatch, markBatchPaid } from '../../app/bank-batch';
import { closeBlockers, closeYear } from '../../app/close-year';
import { invalid } from '../../domain/errors';
import { closeYearForm } from '../forms/schemas';
import { keepInput, parseForm } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formatRupiah } from '../../domain/money';
import { codeFrom, idFrom, render, type RouteContext, type RouteDef } from './route';

export function bankRoutes({ s }: RouteContext): RouteDef[] {
  const closeModel = (values: Record<string, string>) => {
    const years = s.years.years().map((y) => s.years.find(y)!);
    const selectedYear = Number(values.year) || years.find((y) => y.status === 'open')?.year || years.at(-1)?.year || 0;
    const selectedKel = values.kelurahanCode || null;
    const closed = selectedYear ? s.tranches.closedKelurahan(selectedYear) : new Set<string>();
    return {
      title: 'Tutup tahun program',
      values,
      years: years.map((y) => ({ year: y.year, status: y.status, selected: y.year === selectedYear })),
      kelurahan: s.registry.kecamatanList().flatMap((k) =>
        s.registry.kelurahanList(k.code).map((l) => ({ code: l.code, label: `${l.name} (${k.name})`, closed: closed.has(l.code), selected: l.code === selectedKel })),
      ),
      blockers: selectedYear ? closeBlockers(s, selectedYear, selectedKel ? [selectedKel] : null) : [],
      closedCount: closed.size,
    };
  };

  return [
    {
      method: 'get',
      path: '/kelurahan/:code/bank',
      need: 'bank.batch',
      handler: (req, res) => {
        const { kelurahan, rows } = batchCandidates(s, actorOf(req), codeFrom(req, 10));
        const batches = s.tranches.batches(kelurahan.code);
        render(res, 'pages/bank', {
          title: `Pembayaran bank ${kelurahan.name}`,
          kelurahan,
          rows,
          validCount: rows.filter((r) => !r.problem).length,
          validTotal: rows.filter((r) => !r.problem).reduce((a, r) => a + r.amount, 0),
          invalid: rows.filter((r) => r.problem),
          batches,
        });
      },
    },
    {
      method: 'post',
      path: '/kelurahan/:code/bank',
      need: 'bank.batch',
      handler: (req, res) => {
        const { batchId, valid, skipped } = createBankBatch(s, actorOf(req), codeFrom(req, 10), clientIp(req));
        const note = skipped.length ? ` ${skipped.length} baris ditahan karena rekening bermasalah (lihat daftar).` : '';
        setFlash(s, req, skipped.length ? 'info' : 'success', `Batch #${batchId} dibuat: ${valid.length} pencairan.${note}`);
        res.redirect(303, `/bank/batch/${batchId}`);
      },
    },
    {
      method: 'get',
      path: '/bank/batch/:id',
      need: 'bank.batch',
      handler: (req, res) => {
        const model = loadBatch(s, actorOf(req), idFrom(req));
        render(res, 'pages/bank-batch', { title: `Batch bank #${model.batch.id}`, ...model, canMarkPaid: !model.batch.paidAt });
      },
    },
    {
      method: 'get',
      path: '/bank/batch/:id/csv',
      need: 'bank.batch',
      handler: (req, res) => {
        const { batch, kelurahan, rows } = loadBatch(s, actorOf(req), idFrom(req));
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
        markBatchPaid(s, actorOf(req), id, clientIp(req));
        setFlash(s, req, 'success', `Batch #${id} ditandai sudah dibayar bank.`);
        res.redirect(303, `/bank/batch/${id}`);
      },
    },
    {
      method: 'get',
      path: '/tutup-tahun',
      need: 'year.close',
      handler: (req, res) => render(res, 'pages/close-year', closeModel(keepInput(req.query, ['year', 'kelurahanCode']))),
    },
    {
      method: 'post',
      path: '/tutup-tahun',
      need: 'year.close',
      handler: (req, res) => {
        const values = keepInput(req.body, ['year', 'kelurahanCode']);
        const form = parseForm(closeYearForm, req.body);
        if (!form.ok) return render(res, 'pages/close-year', { ...closeModel(values), errors: form.errors, message: form.message }, 422);
        const r = closeYear(s, actorOf(req), { year: form.data.year, kelurahanCode: form.data.kelurahanCode ?? null }, clientIp(req));
        if (!r.closed) {
          throw invalid('close_blocked', `Belum dapat ditutup:\n${r.blockers.map((b) => b.message).join('\n')}`);
        }
        setFlash(
          s,
          req,
          'success',
          `${r.kelurahanClosed} kelurahan ditutup: ${formatRupiah(r.returnedRupiah)} kas dikembalikan ke Kas Daerah, ${formatRupiah(r.lapsedRupiah)} alokasi gugur (${r.entries} jurnal).${r.yearClosed ? ` Tahun program ${form.data.year} ditutup.` : ''}`,
        );
        res.redirect(303, `/tutup-tahun?year=${form.data.year}`);
      },
    },
  ];
}
