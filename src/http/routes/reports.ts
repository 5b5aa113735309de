/** Reports: the kelurahan LPJ (HTML, CSV, XLSX, PDF) and the journal in hledger format. Each download is audited. */
import type { Request } from 'express';
import { journalChunks, journalFileName, journalScopeFor } from '../../app/export-journal';
import { pickYear } from '../../app/read-dashboards';
import { kelurahanInScope } from '../../app/scope';
import { todayWib } from '../../domain/calendar';
import { readLpj, type Lpj } from '../../app/read-lpj';
import { readCashBook, readSpjDocument } from '../../app/read-cash-book';
import { cashBookPdf, spjPdf } from '../../reports/cash-book-pdf';
import { writeAuditBundle } from '../../reports/audit-bundle';
import { ExportJobs, type ExportJob } from '../../app/export-jobs';
import { withReadSnapshot } from '../../app/read-snapshot';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Services } from '../../app/services';
import { can, type Actor } from '../../domain/access';
import { notFound } from '../../domain/errors';
import { barChart } from '../../reports/svg-charts';
import { lpjCsv, lpjPdf, lpjXlsx } from '../../reports/lpj-formats';
import { monthField } from '../forms/schemas';
import { actorOf } from '../middleware/authorize';
import { clientIp } from '../middleware/session';
import { codeFrom, idFrom, render, requestedYear, yearOf, type RouteContext, type RouteDef } from './route';

function audited(s: Services, req: Request, what: string, scope: Record<string, unknown>) {
  s.db.transaction(() =>
    s.audit.record(actorOf(req), clientIp(req), { action: 'report.download', targetType: 'report', targetId: what, kelurahanCode: (scope.kelurahanCode as string | null) ?? null, after: scope }),
  );
}

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

/** A month in the path (YYYY-MM, a real month of a programme year), else 404. */
const yearMonth = (req: Request) => {
  const m = String(req.params.month);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw notFound('month_not_found');
  return m;
};

export function reportRoutes({ s, jobs: maybeJobs, pageBody }: RouteContext): RouteDef[] {
  const jobs = maybeJobs ?? new ExportJobs();
  const kelurahanChoices = (actor: Actor) =>
    s.registry
      .kecamatanList()
      .filter((k) => can(actor, 'report.download', { kecamatanCode: k.code }) || actor.role === 'admin' || (actor.role === 'auditor' && actor.kecamatanCodes === null))
      .flatMap((k) => s.registry.kelurahanList(k.code).filter((l) => l.rtCount > 0).map((l) => ({ code: l.code, label: `${l.name} (${k.name})` })));

  /** The year and kelurahan of an export, checked against the reader's scope (a bendahara's default: its kelurahan). */
  const bundleName = (scope: { year: number; kelurahanCode: string | null }) => journalFileName(s, scope).replace(/^jurnal-/, 'bundel-audit-').replace(/\.journal$/, '.zip');
  /** The caller's own export job, or 404 (another user's job does not exist for them). */
  const jobOf = (req: Request): ExportJob => {
    const id = String(req.params.job);
    const job = /^[A-Za-z0-9_-]{16}$/.test(id) ? jobs.find(id, actorOf(req)) : undefined;
    if (!job) throw notFound('export_not_found');
    return job;
  };
  const exportScope = (req: Request) => {
    const year = yearOf(s, req);
    const kel = typeof req.query.kelurahan === 'string' && /^\d{10}$/.test(req.query.kelurahan) ? req.query.kelurahan : null;
    const actor = actorOf(req);
    const scope = { year, kelurahanCode: kel ?? (actor.role === 'bendahara' ? actor.kelurahanCode : null) };
    journalScopeFor(s, actor, scope);
    return scope;
  };

  return [
    {
      method: 'get',
      path: '/laporan',
      need: 'report.download',
      handler: (req, res) => {
        const actor = actorOf(req);
        const { year, years } = pickYear(s, requestedYear(req));
        const own = actor.role === 'bendahara' && actor.kelurahanCode ? s.registry.findKelurahan(actor.kelurahanCode) : null;
        render(res, 'pages/reports', {
          title: 'Laporan',
          year,
          years,
          yearPath: req.path,
          own,
          kelurahan: own ? [] : kelurahanChoices(actor),
          canCity: can(actor, 'report.city'),
        });
      },
    },
    {
      method: 'get',
      path: '/laporan/lpj/:code',
      need: 'report.download',
      handler: (req, res) => {
        const { year, years } = pickYear(s, requestedYear(req));
        if (!year) throw notFound('year_not_found');
        const actor = actorOf(req);
        const code = codeFrom(req, 10);
        // Access is checked on every request; the report and its rendered body are kept until the
        // next commit (or the next day: it counts days late). The layout (the user's header) is rendered each time.
        kelurahanInScope(s, actor, 'report.download', code);
        const page = s.kept.remember(`lpj:${code}:${year.year}:${monthOf(req) ?? ''}:${todayWib(s.now())}`, () => {
          const l = readLpj(s, actor, code, year.year, monthOf(req));
          const model = { years, yearPath: req.path, ...l, charts: charts(l), query: `tahun=${l.year.year}${monthOf(req) ? `&bulan=${l.month}` : ''}` };
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
        if (!['csv', 'xlsx', 'pdf'].includes(format)) throw notFound('format_not_found');
        const l = readLpj(s, actorOf(req), codeFrom(req, 10), yearOf(s, req), monthOf(req));
        audited(s, req, `lpj.${format}`, { kelurahanCode: l.kelurahan.code, year: l.year.year, month: l.month });
        res.attachment(`${l.fileBase}.${format}`);
        if (format === 'csv') res.type('text/csv; charset=utf-8').send(`\uFEFF${lpjCsv(l)}`);
        else if (format === 'xlsx') res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await lpjXlsx(l));
        else res.type('application/pdf').send(await lpjPdf(l));
      },
    },
    {
      method: 'get',
      path: '/rt/:id/bku',
      need: 'rt.view',
      handler: (req, res) => {
        const { year, years } = pickYear(s, requestedYear(req));
        if (!year) throw notFound('year_not_found');
        const b = readCashBook(s, actorOf(req), idFrom(req), year.year, monthOf(req));
        render(res, 'pages/bku', { title: `BKU ${b.label}`, years, yearPath: req.path, ...b, query: `tahun=${b.year.year}${b.month ? `&bulan=${b.month}` : ''}` });
      },
    },
    {
      method: 'get',
      path: '/rt/:id/bku/pdf',
      need: 'rt.view',
      handler: async (req, res) => {
        const b = readCashBook(s, actorOf(req), idFrom(req), yearOf(s, req), monthOf(req));
        audited(s, req, 'bku.pdf', { kelurahanCode: b.rt.kelurahanCode, rtId: b.rt.id, year: b.year.year, month: b.month });
        res.attachment(`${b.fileBase}.pdf`).type('application/pdf').send(await cashBookPdf(b));
      },
    },
    {
      method: 'get',
      path: '/rt/:id/spj/:month',
      need: 'rt.view',
      handler: (req, res) => {
        const month = yearMonth(req);
        if (!s.years.find(Number(month.slice(0, 4)))) throw notFound('year_not_found');
        const d = readSpjDocument(s, actorOf(req), idFrom(req), Number(month.slice(0, 4)), month);
        render(res, 'pages/spj-doc', { title: `SPJ ${d.monthLabel} ${d.label}`, ...d });
      },
    },
    {
      method: 'get',
      path: '/rt/:id/spj/:month/pdf',
      need: 'rt.view',
      handler: async (req, res) => {
        const month = yearMonth(req);
        if (!s.years.find(Number(month.slice(0, 4)))) throw notFound('year_not_found');
        const d = readSpjDocument(s, actorOf(req), idFrom(req), Number(month.slice(0, 4)), month);
        audited(s, req, 'spj.pdf', { kelurahanCode: d.rt.kelurahanCode, rtId: d.rt.id, month });
        res.attachment(`${d.fileBase}.pdf`).type('application/pdf').send(await spjPdf(d));
      },
    },
    {
      method: 'get',
      path: '/laporan/bundel',
      need: 'report.download',
      handler: async (req, res) => {
        const scope = exportScope(req);
        audited(s, req, 'bundle', scope);
        res.attachment(bundleName(scope)).type('application/zip');
        // Streamed as it is built, from its own snapshot (writers carry on meanwhile).
        await withReadSnapshot(s, (snapshot) => writeAuditBundle(snapshot, scope, res));
      },
    },
    {
      method: 'post',
      path: '/laporan/bundel',
      need: 'report.download',
      handler: (req, res) => {
        // The page's button: the bundle is built in the background while a page shows progress.
        const scope = exportScope(req);
        audited(s, req, 'bundle', scope);
        const job = jobs.startBundle(s, actorOf(req), scope, bundleName(scope));
        res.redirect(303, `/laporan/bundel/proses/${job.id}`);
      },
    },
    {
      method: 'get',
      path: '/laporan/bundel/proses/:job',
      need: 'report.download',
      handler: (req, res) => {
        const job = jobOf(req);
        const percent = job.status === 'done' ? 100 : Math.min(99, Math.floor((100 * job.progress.done) / Math.max(1, job.progress.total)));
        render(res, 'pages/export-job', {
          title: `Bundel audit ${job.scope.year}`,
          job,
          percent,
          running: job.status === 'running',
          done: job.status === 'done',
          failed: job.status === 'failed',
          size: `${(job.bytes / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`,
          elapsed: Math.round(((job.finishedAt ?? new Date()).getTime() - job.startedAt.getTime()) / 1000),
          refreshSeconds: job.status === 'running' ? 2 : null,
        });
      },
    },
    {
      method: 'get',
      path: '/laporan/bundel/proses/:job/unduh',
      need: 'report.download',
      handler: (req, res) => {
        const job = jobOf(req);
        if (job.status !== 'done') throw notFound('export_not_ready');
        res.download(job.file, job.fileName);
      },
    },
    {
      method: 'get',
      path: '/laporan/jurnal',
      need: 'report.download',
      handler: async (req, res) => {
        const scope = exportScope(req);
        audited(s, req, 'journal', scope);
        res.attachment(journalFileName(s, scope)).type('text/plain; charset=utf-8');
        // Streamed entry by entry with backpressure, from its own snapshot: never held in memory, never blocking writers.
        await withReadSnapshot(s, (snapshot) => pipeline(Readable.from(journalChunks(snapshot, scope)), res));
      },
    },
  ];
}
