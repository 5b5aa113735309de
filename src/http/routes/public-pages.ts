/**
 * Issue 20 (open books): the public pages, for anyone without sign-in. City → kecamatan →
 * kelurahan → RW → RT, each as HTML and at the same URL + .csv and + .json; an RT's (or an RW
 * grant's) poster at its URL + /poster.pdf; public photos downsized without metadata.
 *
 * Served before cookies and sessions (bare): the same bytes for everyone, so they are kept per
 * data version (app.publicPages.version(): it changes when anything shown may change) and
 * answered with an ETag; a phone that has the page gets 304. Work is bounded per address
 * (middleware/public-limit.ts): requests, and pages computed rather than served from the cache.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { formatBulan } from '../../domain/calendar';
import { formatRupiah } from '../../domain/money';
import { fail } from '../../domain/errors';
import { absorptionChart, areaCsv, areaJson, booksCsv, categoryChart, granteeJson, photoUrl, punctualityChart } from '../../reports/public-formats';
import type { PublicAreaModel, PublicBooks, PublicGranteeModel, PublicRwModel } from '../../reports/shapes/public';
import { AddressCounter } from '../middleware/public-limit';
import { codeFrom, requestedYear, type RouteContext, type RouteDef } from './route';

type Format = 'html' | 'csv' | 'json';
interface Kept {
  version: string;
  etag: string;
  type: string;
  body: Buffer;
  gzip: Buffer | null;
}

const KEPT_MAX = 400;
const TYPES: Record<Format | 'pdf', string> = { html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', pdf: 'application/pdf' };

function formatOf(req: Request): Format {
  const f = req.params.format;
  if (f === undefined) return 'html';
  if (f === 'csv' || f === 'json') return f;
  throw fail('format_not_found');
}

/** A positive RW or RT number of the path (RT 0 is the RW's own grant, reached by its RW page). */
function numberFrom(req: Request, name: string, min = 1): number {
  const v = req.params[name];
  if (typeof v !== 'string' || !/^\d{1,3}$/.test(v) || Number(v) < min) throw fail('bad_id');
  return Number(v);
}

const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

export function publicPageRoutes({ app, cfg }: RouteContext): RouteDef[] {
  const kept = new Map<string, Kept>();
  const inFlight = new Map<string, Promise<Kept>>();
  const requests = new AddressCounter(cfg?.publicIpLimit ?? 0);
  const renders = new AddressCounter(cfg?.publicRenderLimit ?? 0);
  const baseOf = (req: Request) => cfg?.publicBaseUrl ?? `${req.protocol}://${HOST.test(req.get('host') ?? '') ? req.get('host') : 'localhost'}`;

  const send = (req: Request, res: Response, k: Kept) => {
    res.set({ ETag: k.etag, 'Cache-Control': 'public, no-cache', Vary: 'Accept-Encoding', 'Content-Type': k.type });
    if (req.get('if-none-match') === k.etag) return void res.status(304).end();
    if (k.gzip && /\bgzip\b/.test(req.get('accept-encoding') ?? '')) res.set('Content-Encoding', 'gzip').send(k.gzip);
    else res.send(k.body);
  };

  /** Serves what `make` produces for this URL, computed once per data version. */
  const serve = async (req: Request, res: Response, type: string, make: (base: string) => Buffer | Promise<Buffer>) => {
    requests.hit(req, res);
    const base = baseOf(req);
    const version = app.publicPages.version();
    const key = `${base}${req.path}?${requestedYear(req) ?? ''}`;
    // The common case first: the page kept for this version (its ETag with it, no hashing).
    const hit = kept.get(key);
    if (hit?.version === version) return send(req, res, hit);
    const etag = `"${createHash('sha256').update(`${version}|${key}`).digest('base64url').slice(0, 22)}"`;
    if (req.get('if-none-match') === etag) {
      res.set({ ETag: etag, 'Cache-Control': 'public, no-cache', Vary: 'Accept-Encoding' });
      return void res.status(304).end();
    }
    let pending = inFlight.get(key);
    if (!pending) {
      renders.hit(req, res);
      pending = (async () => {
        const body = await make(base);
        const k: Kept = { version, etag, type, body, gzip: type === TYPES.pdf ? null : gzipSync(body) };
        kept.delete(key);
        kept.set(key, k);
        if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value!);
        return k;
      })().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    send(req, res, await pending);
  };

  const html = (req: Request, view: string, model: Record<string, unknown>) =>
    new Promise<Buffer>((resolve, reject) => req.app.render(view, { layout: 'public', user: null, nav: [], aduanAnswers: null, ...model }, (err, out) => (err ? reject(err) : resolve(Buffer.from(out)))));

  const share = (base: string, path: string, title: string, description: string) => {
    const url = base + path;
    return {
      og: { title, description, url, site: 'Dana RT Kota Semarang' },
      whatsapp: `https://wa.me/?text=${encodeURIComponent(`${title}: ${description} ${url}`)}`,
      links: { csv: `${path}.csv`, json: `${path}.json` },
    };
  };

  const areaPage = (req: Request, res: Response, load: () => PublicAreaModel | PublicRwModel, path: string) => {
    const format = formatOf(req);
    return serve(req, res, TYPES[format], (base) => {
      const model = load();
      if (format === 'csv') return Buffer.from(areaCsv(model, base));
      if (format === 'json') return Buffer.from(JSON.stringify(areaJson(model, base, path)));
      const unit = model.level === 'kota' ? 'kecamatan' : model.level === 'kecamatan' ? 'kelurahan' : 'RT/RW';
      const chartRows = model.level === 'kelurahan' && 'rwRows' in model && model.rwRows ? { rows: model.rwRows } : model;
      const chartUnit = model.level === 'kelurahan' ? 'RW' : unit;
      const description = `Tahun ${model.year.year}: dialokasikan ${formatRupiah(model.totals.allocated)}, dibelanjakan ${formatRupiah(model.totals.spent)} (${String(model.totals.absorption).replace('.', ',')} %).`;
      return html(req, 'pages/public-area', {
        title: `Dana RT ${model.name} ${model.year.year}`,
        ...share(base, path, `Dana RT ${model.name}`, description),
        model,
        unit,
        // A kelurahan has tens of RTs: its charts are per RW (the table lists every RT).
        absorptionSvg: absorptionChart(chartRows, `Serapan dana per ${chartUnit}`),
        punctualitySvg: punctualityChart(chartRows, `SPJ tepat waktu per ${chartUnit}`),
        books: 'books' in model && model.books ? booksView(model.books) : null,
        posterPath: 'books' in model && model.books ? `${path}/poster.pdf` : null,
        aduan: model.level === 'rw' && model.target ? app.complaints.formContext({ kind: 'rw', id: model.target.id }, 'page') : null,
        aduanAnswers: model.level === 'rw' && model.target ? app.complaints.publicAnswers({ kind: 'rw', id: model.target.id }) : null,
      });
    });
  };

  const booksView = (b: PublicBooks) => ({
    ...b,
    categorySvg: categoryChart(b),
    tranches: b.tranches.map((t) => ({ ...t, periodLabel: t.mode === 'monthly' ? `RBB ${formatBulan(t.period)}` : `Tahap ${t.period}` })),
    spj: b.spj.map((m) => ({ ...m, monthLabel: formatBulan(m.month) })),
    receipts: b.receipts.map((r) => ({ ...r, photos: r.photos.map((p) => ({ ...p, thumb: photoUrl(p.sha256, 'kecil'), full: photoUrl(p.sha256, 'besar') })) })) });

  const rtPage = (req: Request, res: Response, load: () => PublicGranteeModel, path: string) => {
    const format = formatOf(req);
    return serve(req, res, TYPES[format], (base) => {
      const model = load();
      if (format === 'csv') return Buffer.from(booksCsv(model.books, base));
      if (format === 'json') return Buffer.from(JSON.stringify(granteeJson(model, base, path)));
      const description = `Tahun ${model.year.year}: alokasi ${formatRupiah(model.books.money.allocated)}, dibelanjakan ${formatRupiah(model.books.money.spent)} dengan ${model.books.receipts.length} bukti terverifikasi.`;
      return html(req, 'pages/public-rt', {
        title: `Dana ${model.name} Kelurahan ${model.place.kelurahanName} ${model.year.year}`,
        ...share(base, path, `Dana ${model.name} Kelurahan ${model.place.kelurahanName}`, description),
        model,
        books: booksView(model.books),
        posterPath: `${path}/poster.pdf`,
        // The complaint form with its signed stamp (the page is cached per data version: a day at most), and the answers published.
        aduan: app.complaints.formContext({ kind: model.target.kind, id: model.target.id }, 'page'),
        aduanAnswers: app.complaints.publicAnswers({ kind: model.target.kind, id: model.target.id }),
      });
    });
  };

  const posterOf = (req: Request, res: Response, load: () => PublicGranteeModel | PublicRwModel, path: string) =>
    serve(req, res, TYPES.pdf, async (base) => {
      const pdf = app.publicPages.poster(load(), base + path);
      if (!pdf) throw fail('rt_not_found');
      return pdf;
    });

  const year = (req: Request) => requestedYear(req);
  return [
    { method: 'get', path: '/publik{.:format}', need: 'public', bare: true,
      ownEncoding: true, handler: (req, res) => areaPage(req, res, () => app.publicPages.readPublicCity(year(req)), '/publik') },
    {
      method: 'get',
      path: '/publik/kecamatan/:code{.:format}',
      need: 'public',
      bare: true,
      ownEncoding: true,
      handler: (req, res) => {
        const code = codeFrom(req, 7);
        return areaPage(req, res, () => app.publicPages.readPublicKecamatan(code, year(req)), app.publicPages.path.kecamatan(code));
      },
    },
    {
      method: 'get',
      path: '/publik/kelurahan/:code{.:format}',
      need: 'public',
      bare: true,
      ownEncoding: true,
      handler: (req, res) => {
        const code = codeFrom(req, 10);
        return areaPage(req, res, () => app.publicPages.readPublicKelurahan(code, year(req)), app.publicPages.path.kelurahan(code));
      },
    },
    {
      method: 'get',
      path: '/publik/rw/:kel/:rw{.:format}',
      need: 'public',
      bare: true,
      ownEncoding: true,
      handler: (req, res) => {
        const [kel, rw] = [codeFrom(req, 10, 'kel'), numberFrom(req, 'rw')];
        return areaPage(req, res, () => app.publicPages.readPublicRw(kel, rw, year(req)), app.publicPages.path.rw(kel, rw));
      },
    },
    {
      method: 'get',
      path: '/publik/rw/:kel/:rw/poster.pdf',
      need: 'public',
      bare: true,
      ownEncoding: true,
      handler: (req, res) => {
        const [kel, rw] = [codeFrom(req, 10, 'kel'), numberFrom(req, 'rw')];
        return posterOf(req, res, () => app.publicPages.readPublicRw(kel, rw, year(req)), app.publicPages.path.rw(kel, rw));
      },
    },
    {
      method: 'get',
      path: '/publik/rt/:kel/:rw/:rt{.:format}',
      need: 'public',
      bare: true,
      ownEncoding: true,
      handler: (req, res) => {
        const [kel, rw, rt] = [codeFrom(req, 10, 'kel'), numberFrom(req, 'rw'), numberFrom(req, 'rt')];
        return rtPage(req, res, () => app.publicPages.readPublicRt(kel, rw, rt, year(req)), app.publicPages.path.rt(kel, rw, rt));
      },
    },
    {
      method: 'get',
      path: '/publik/rt/:kel/:rw/:rt/poster.pdf',
      need: 'public',
      bare: true,
      ownEncoding: true,
      handler: (req, res) => {
        const [kel, rw, rt] = [codeFrom(req, 10, 'kel'), numberFrom(req, 'rw'), numberFrom(req, 'rt')];
        return posterOf(req, res, () => app.publicPages.readPublicRt(kel, rw, rt, year(req)), app.publicPages.path.rt(kel, rw, rt));
      },
    },
    {
      method: 'get',
      path: '/publik/foto/:sha/:size',
      need: 'public',
      bare: true,
      ownEncoding: true,
      handler: async (req, res) => {
        const size = req.params.size;
        if (size !== 'kecil' && size !== 'besar') throw fail('file_not_found');
        requests.hit(req, res);
        const sha = String(req.params.sha);
        const etag = `"${sha.slice(0, 20)}-${size}"`;
        // Visibility is checked on every request (a photo hidden a moment ago is gone), then the bytes.
        if (!app.publicPages.isPublicPhoto(sha)) throw fail('file_not_found');
        res.set({ ETag: etag, 'Cache-Control': 'public, no-cache', 'Content-Type': 'image/jpeg', 'Content-Security-Policy': "default-src 'none'; sandbox" });
        if (req.get('if-none-match') === etag) return void res.status(304).end();
        if (!app.publicPages.photoIsKept(sha, size)) renders.hit(req, res);
        res.send(await app.publicPages.publicPhoto(sha, size));
      },
    },
  ];
}
