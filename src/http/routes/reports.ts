/** Reports: the kelurahan LPJ (HTML, CSV, XLSX, PDF), BKU and SPJ documents, the journal and the audit bundle. Each download is audited. */
import type { Request, Response } from 'express';
import type { Lpj } from '../../reports/shapes/lpj';
import { fail } from '../../domain/errors';
import { periodLabel } from '../../domain/grants/tranche';
import { cashBookPdf, spjPdf } from '../../reports/cash-book-pdf';
import { barChart } from '../../reports/svg-charts';
import { lpjCsv, lpjPdf, lpjXlsx } from '../../reports/lpj-formats';
import { receiptPdf } from '../../reports/receipt-pdf';
import { monthField } from '../forms/schemas';
import { resendSpjForm } from '../forms/item-thread';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { cutWhenStalled } from '../middleware/stall-guard';
import { codeFrom, idFrom, render, requestedYear, yearOf, type RouteContext, type RouteDef } from './route';

const monthOf = (req: Request) => {
  const m = monthField.safeParse(req.query.bulan);
  return m.success ? m.data : undefined;
};

function charts(l: Lpj) {
  return {
    byCategory: barChart({ title: 'Belanja per kategori', items: l.categories.map((c, i) => ({ label: `${c.code} ${c.name}`.slice(0, 38), value: l.totals.spentByCategory[i]! })) }),
    byRt: barChart({
      title: 'Realisasi belanja per RT (% dari alokasi)',
      max: 100,
      percent: true,
      items: l.rows.map((r) => ({ label: r.label, value: Number(r.realisation.replace(',', '.')) })),
    }),
  };
}

/** A month in the path (YYYY-MM, a month of an existing programme year), else 404. */
const yearMonthOf = (req: Request, exists: (year: number) => boolean) => {
  const m = String(req.params.month);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw fail('month_not_found');
  if (!exists(Number(m.slice(0, 4)))) throw fail('year_not_found', { year: Number(m.slice(0, 4)) });
  return m;
};

/** ?kelurahan=CODE of an export (10 digits), or the reader's default. */
const kelurahanQuery = (req: Request) => (typeof req.query.kelurahan === 'string' && /^\d{10}$/.test(req.query.kelurahan) ? req.query.kelurahan : null);

/** A download that failed after its first bytes (cut, client gone) has nothing left to answer: only the connection goes. */
async function streaming(res: Response, write: () => Promise<unknown>) {
  try {
    await write();
  } catch (e) {
    if (!res.headersSent && !res.destroyed) throw e;
    res.destroy();
  }
}

export function reportRoutes({ app, cfg, pageBody }: RouteContext): RouteDef[] {
  // A download whose client reads nothing for this long is cut (and what it holds released).
  const stallMs = (cfg?.downloadStallSeconds ?? 60) * 1000;
  /** The SPJ page: the document, and for a returned SPJ the treasurer's note, its thread and "Kirim ulang" (refilled after a refusal). */
  const spjPage = (req: Request, res: Response, rtId: number, month: string, extra: { message?: string; errors?: Record<string, string>; reply?: string } = {}, status = 200) => {
    const d = app.reports.spjDocument(actorOf(req), rtId, Number(month.slice(0, 4)), month);
    const thread = app.threads.read(actorOf(req), 'spj', d.report.id);
    render(res, 'pages/spj-doc', { title: `SPJ ${d.monthLabel} ${d.label}`, ...d, thread, reply: extra.reply ?? '', message: extra.message, replyErrors: extra.errors ?? {} }, status);
  };
  return [
    {
      method: 'get',
      path: '/laporan',
      need: 'report.download',
      handler: (req, res) => {
        const { year, years } = app.years.pick(requestedYear(req));
        render(res, 'pages/reports', { title: 'Laporan', year, years, yearPath: req.path, ...app.reports.page(actorOf(req)) });
      },
    },
    {
      method: 'get',
      path: '/laporan/lpj/:code',
      need: 'report.download',
      handler: (req, res) => {
        const { year, years } = app.years.pick(requestedYear(req));
        if (!year) throw fail('no_programme_year');
        const month = monthOf(req);
        // The report and its rendered body are kept until the next commit; the layout (the user's header) is rendered each time.
        const page = app.reports.lpjPage(actorOf(req), codeFrom(req, 10), year.year, month, (l) => {
          const model = { years, yearPath: req.path, ...l, charts: charts(l), query: `tahun=${l.year.year}${month ? `&bulan=${l.month}` : ''}` };
          return { title: `LPJ ${l.year.year} Kelurahan ${l.kelurahan.name}`, model, body: pageBody ? pageBody('pages/lpj', model) : undefined };
        });
        res.type('html');
        render(res, 'pages/lpj', { title: page.title, ...page.model, prerendered: page.body });
      },
    },
    {
      method: 'get',
      path: '/laporan/lpj/:code/:format',
      need: 'report.download',
      handler: async (req, res) => {
        const format = String(req.params.format);
        if (!['csv', 'xlsx', 'pdf'].includes(format)) throw fail('format_not_found');
        const l = app.reports.downloadLpj(actorOf(req), codeFrom(req, 10), yearOf(app, req), monthOf(req), format, clientIp(req));
        res.attachment(`${l.fileBase}.${format}`);
        if (format === 'csv') res.type('text/csv; charset=utf-8').send(`\uFEFF${lpjCsv(l)}`);
        else if (format === 'xlsx') res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await lpjXlsx(l, l.checkpoint));
        else res.type('application/pdf').send(await lpjPdf(l, l.checkpoint));
      },
    },
    {
      method: 'get',
      path: '/rt/:id/bku',
      need: 'rt.view',
      handler: (req, res) => {
        const { year, years } = app.years.pick(requestedYear(req));
        if (!year) throw fail('no_programme_year');
        const b = app.reports.cashBook(actorOf(req), idFrom(req), year.year, monthOf(req));
        render(res, 'pages/bku', { title: `BKU ${b.label}`, years, yearPath: req.path, ...b, query: `tahun=${b.year.year}${b.month ? `&bulan=${b.month}` : ''}` });
      },
    },
    {
      method: 'get',
      path: '/rt/:id/bku/pdf',
      need: 'rt.view',
      handler: async (req, res) => {
        const b = app.reports.downloadCashBook(actorOf(req), idFrom(req), yearOf(app, req), monthOf(req), clientIp(req));
        res.attachment(`${b.fileBase}.pdf`).type('application/pdf').send(await cashBookPdf(b, b.checkpoint));
      },
    },
    {
      method: 'get',
      path: '/rt/:id/spj/:month',
      need: 'rt.view',
      handler: (req, res) => spjPage(req, res, idFrom(req), yearMonthOf(req, app.years.exists)),
    },
    {
      method: 'post',
      path: '/spj/:id/kirim-ulang',
      need: 'spj.submit',
      handler: formHandler({
        schema: resendSpjForm,
        run: (req, res, { reply }) => {
          const spj = app.spj.resend(actorOf(req), { id: idFrom(req), reply }, clientIp(req));
          setFlash(app, req, 'success', `SPJ ${periodLabel('monthly', spj.month)} dikirim ulang ke bendahara kelurahan.`);
          res.redirect(303, `/rt/${spj.rtId}/spj/${spj.month}`);
        },
        redisplay: (req, res, { message, errors, status }) => {
          const { rtId, month } = app.spj.locate(actorOf(req), idFrom(req));
          const reply = (req.body as Record<string, unknown> | undefined)?.reply;
          spjPage(req, res, rtId, month, { message, errors, reply: typeof reply === 'string' ? reply : '' }, status);
        },
      }),
    },
    {
      method: 'get',
      path: '/rt/:id/spj/:month/pdf',
      need: 'rt.view',
      handler: async (req, res) => {
        const month = yearMonthOf(req, app.years.exists);
        const d = app.reports.downloadSpj(actorOf(req), idFrom(req), month, clientIp(req));
        res.attachment(`${d.fileBase}.pdf`).type('application/pdf').send(await spjPdf(d, d.checkpoint));
      },
    },
    {
      method: 'get',
      path: '/rt/:id/kuitansi/:receipt/pdf',
      need: 'rt.view',
      handler: async (req, res) => {
        const r = app.reports.downloadReceipt(actorOf(req), idFrom(req), idFrom(req, 'receipt'), clientIp(req));
        res.attachment(`${r.fileBase}.pdf`).type('application/pdf').send(await receiptPdf(r));
      },
    },
    {
      method: 'get',
      path: '/laporan/bundel',
      need: 'report.download',
      handler: async (req, res) => {
        const { scope, fileName } = app.reports.prepareExport(actorOf(req), 'bundle', yearOf(app, req), kelurahanQuery(req), clientIp(req));
        // Streamed as it is built (in a child process, from its own snapshot) once the export
        // queue lets it start; a client that stops reading is cut and the build stopped. A full
        // queue refuses at once (429), before this answer becomes a file.
        const written = app.reports.writeBundle(actorOf(req), scope, fileName, res);
        res.attachment(fileName).type('application/zip');
        cutWhenStalled(res, stallMs);
        await streaming(res, () => written);
      },
    },
    {
      method: 'post',
      path: '/laporan/bundel',
      need: 'report.download',
      handler: (req, res) => {
        // The page's button: the bundle is built in the background while a page shows progress.
        const job = app.reports.startBundle(actorOf(req), yearOf(app, req), kelurahanQuery(req), clientIp(req));
        res.redirect(303, `/laporan/bundel/proses/${job.id}`);
      },
    },
    {
      method: 'get',
      path: '/laporan/bundel/proses/:job',
      need: 'report.download',
      handler: (req, res) => {
        const job = app.reports.job(actorOf(req), String(req.params.job));
        const percent = job.status === 'done' ? 100 : Math.min(99, Math.floor((100 * job.progress.done) / Math.max(1, job.progress.total)));
        const position = app.reports.queuePosition(job);
        render(res, 'pages/export-job', {
          title: `Bundel audit ${job.scope.year}`,
          job,
          percent,
          queued: job.status === 'queued',
          position,
          ahead: Math.max(0, position - 1),
          running: job.status === 'running',
          done: job.status === 'done',
          failed: job.status === 'failed',
          size: `${(job.bytes / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`,
          elapsed: Math.round(((job.finishedAt ?? new Date()).getTime() - (job.startedAt ?? job.queuedAt).getTime()) / 1000),
          waited: Math.round(((job.startedAt ?? new Date()).getTime() - job.queuedAt.getTime()) / 1000),
          refreshSeconds: job.status === 'running' || job.status === 'queued' ? 2 : null,
        });
      },
    },
    {
      method: 'get',
      path: '/laporan/bundel/proses/:job/unduh',
      need: 'report.download',
      handler: (req, res) => {
        const job = app.reports.job(actorOf(req), String(req.params.job));
        if (job.status !== 'done') throw fail('export_not_ready');
        cutWhenStalled(res, stallMs);
        res.download(job.file, job.fileName);
      },
    },
    {
      method: 'get',
      path: '/laporan/jurnal',
      need: 'report.download',
      handler: async (req, res) => {
        const { scope, fileName } = app.reports.prepareExport(actorOf(req), 'journal', yearOf(app, req), kelurahanQuery(req), clientIp(req));
        res.attachment(fileName).type('text/plain; charset=utf-8');
        // A client that stops reading is cut after DOWNLOAD_STALL_SECONDS: its snapshot is released.
        cutWhenStalled(res, stallMs);
        await streaming(res, () => app.reports.writeJournal(scope, res));
      },
    },
  ];
}
