/** Receipts and the monthly SPJ: the RT chair records and reports, the bendahara reviews. */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { MAX_FILE_BYTES } from '../../app/evidence-store';
import type { ReceiptFormValues } from '../../app/read-receipts';
import { MAX_RECEIPT_FILES } from '../../app/record-receipt';
import { formatRupiah } from '../../domain/money';
import { periodLabel } from '../../domain/grants/tranche';
import { FILE_FIELDS, receiptForm, receiptValues } from '../forms/receipt';
import { parseOrRefuse } from '../forms/parse';
import { idParam, monthField, noteForm, reasonForm, requestKeyField } from '../forms/schemas';
import { fail } from '../../domain/errors';
import { returnForm, reviewBack } from '../forms/review';
import { receiptFilter, reviewFilter, type ReceiptFilter } from '../forms/filters';
import { orBackWithMessage, wantsJson } from './back-to-page';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { formHandler } from './form';
import { idFrom, rawUploads, render, yearFromBody, yearOf, type RouteContext, type RouteDef } from './route';

const newKey = () => randomBytes(18).toString('base64url');
const FILES = FILE_FIELDS.map(({ name, maxCount }) => ({ name, maxCount }));
/** The receipt form: ~10 text fields and up to 30 item rows of 3. */
const RECEIPT_FIELDS = 110;
const spjForm = z.object({ month: monthField });
/** Adding files to a returned receipt: the files are the whole form. */
const anyForm = z.unknown();

/** The receipts page of an RT and year (with its form refilled, its filters, and, for who records, the RT's saved drafts). */
export function receiptsPageOf(app: RouteContext['app']) {
  return (req: Request, res: Response, rtId: number, year: number, extra: Record<string, unknown> = {}, values?: ReceiptFormValues, status = 200, filter?: ReceiptFilter) => {
    const model = app.receipts.page(actorOf(req), rtId, year, values, filter && { status: filter.status, month: filter.bulan, category: filter.kategori });
    const { years } = app.years.pick(year);
    const drafts = model.canRecord ? app.receiptDrafts.list(actorOf(req), rtId, year) : [];
    render(res, 'pages/receipts', { title: `Belanja dan SPJ ${model.label} ${year}`, years, yearPath: req.path, requestKey: newKey(), drafts, ...model, ...extra }, status);
  };
}

export function receiptRoutes({ app }: RouteContext): RouteDef[] {
  const page = receiptsPageOf(app);
  // From the review page the treasurer goes on at the next item (its anchor), with her filters;
  // a decision posted in the background by review.js is answered with its message only.
  const decided = (req: Request, res: Response, path: string, message: string) => {
    if (wantsJson(req)) {
      res.json({ ok: true, message });
      return;
    }
    setFlash(app, req, 'success', message);
    res.redirect(303, reviewBack(req.body) ?? path);
  };
  /** A refused decision on the review page comes back to it (at the same item) with the message. */
  const onReview = (req: Request, res: Response, run: () => void) => {
    const back = reviewBack({ ...(req.body as object), next: String(req.params.id) });
    if (back) orBackWithMessage(app, req, res, back, run);
    else run();
  };
  const receiptsOf = (rtId: number, year: number) => `/rt/${rtId}/kuitansi?tahun=${year}`;

  return [
    {
      method: 'get',
      path: '/rt/:id/kuitansi',
      need: 'rt.view',
      handler: (req, res) => {
        // ?draf=ID: a saved draft opened back into the form (its key, its fields, its photos).
        const draftId = idParam.safeParse(req.query.draf);
        if (!draftId.success) return page(req, res, idFrom(req), yearOf(app, req), {}, undefined, 200, parseOrRefuse(receiptFilter, req.query));
        const draft = app.receiptDrafts.open(actorOf(req), draftId.data);
        if (draft.rtId !== idFrom(req)) throw fail('receipt_draft_not_found');
        page(req, res, draft.rtId, draft.year, { requestKey: draft.requestKey, draft }, draft.values);
      },
    },
    {
      method: 'post',
      path: '/rt/:id/kuitansi',
      need: 'receipt.record',
      multipart: {
        files: FILES,
        maxBytes: MAX_FILE_BYTES,
        maxFiles: MAX_RECEIPT_FILES,
        maxFields: RECEIPT_FIELDS,
        // The text fields come first in the form: every rule that needs no file is checked when
        // the first file starts, and a refusal answers without reading the files (issue 17).
        // A form that does not parse yet is left to the handler (it says what is missing).
        precheck: (req) => {
          const form = receiptForm.safeParse(req.body);
          if (form.success) app.receipts.precheck(actorOf(req), { rtId: idFrom(req), year: yearFromBody(app, req), ...form.data });
        },
      },
      handler: formHandler({
        schema: receiptForm,
        run: async (req, res, form) => {
          const rtId = idFrom(req);
          const year = yearFromBody(app, req);
          const r = await app.receipts.record(actorOf(req), { rtId, year, ...form }, rawUploads(req, FILE_FIELDS), clientIp(req));
          setFlash(app, req, 'success', `Kuitansi ${formatRupiah(r.amount)} tercatat dan menunggu verifikasi kelurahan.`);
          res.redirect(303, receiptsOf(rtId, year));
        },
        redisplay: (req, res, { message, errors, status }) => {
          // The same one-time key again, so a retry after the refusal still posts once.
          const key = requestKeyField.safeParse((req.body as Record<string, unknown>).requestKey);
          const extra = { message: `${message} Berkas perlu dipilih ulang.`, errors, requestKey: key.success ? key.data : newKey() };
          page(req, res, idFrom(req), yearFromBody(app, req), extra, receiptValues(req.body), status);
        },
      }),
    },
    {
      method: 'post',
      path: '/kuitansi/:id/kirim-ulang',
      need: 'receipt.record',
      multipart: { files: FILES, maxBytes: MAX_FILE_BYTES, maxFiles: MAX_RECEIPT_FILES, precheck: (req) => app.receipts.precheckResubmit(actorOf(req), idFrom(req)) },
      handler: formHandler({
        schema: anyForm,
        run: async (req, res) => {
          const r = await app.receipts.resubmit(actorOf(req), idFrom(req), rawUploads(req, FILE_FIELDS), clientIp(req));
          setFlash(app, req, 'success', 'Kuitansi dilengkapi dan dikirim ulang ke kelurahan.');
          res.redirect(303, receiptsOf(r.rtId, r.year));
        },
        redisplay: (req, res, { message, errors, status }) => {
          const { rtId, year } = app.receipts.locate(actorOf(req), idFrom(req));
          page(req, res, rtId, year, { message, errors }, undefined, status);
        },
      }),
    },
    {
      method: 'post',
      path: '/kuitansi/:id/tarik',
      need: 'receipt.record',
      handler: (req, res) => {
        const r = app.receipts.withdraw(actorOf(req), idFrom(req), clientIp(req));
        setFlash(app, req, 'info', `Kuitansi #${r.id} ditarik. Catat kuitansi yang benar; berkasnya boleh dipakai lagi.`);
        res.redirect(303, receiptsOf(r.rtId, r.year));
      },
    },
    {
      method: 'get',
      path: '/verifikasi',
      need: 'queue.view',
      handler: (req, res) => {
        const f = parseOrRefuse(reviewFilter, req.query);
        const model = app.receipts.review(actorOf(req), { rtId: f.rt, month: f.bulan, category: f.kategori });
        render(res, 'pages/review', { title: 'Verifikasi kuitansi dan SPJ', pageScripts: ['review.js'], back: reviewBack({ back: req.originalUrl }) ?? '/verifikasi', bulan: f.bulan ?? '', ...model });
      },
    },
    {
      method: 'get',
      path: '/kuitansi/:id/banding/:other',
      need: 'rt.view',
      handler: (req, res) => {
        const model = app.receipts.compare(actorOf(req), idFrom(req), idFrom(req, 'other'));
        render(res, 'pages/compare', { title: `Kuitansi #${model.left.id} dan #${model.right.id} berdampingan`, pageScripts: ['review.js'], ...model });
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/verifikasi',
      need: 'receipt.decide',
      handler: (req, res) => {
        onReview(req, res, () => {
          const r = app.receipts.verify(actorOf(req), idFrom(req), clientIp(req));
          decided(req, res, receiptsOf(r.rtId, r.year), `Kuitansi #${r.id} (${formatRupiah(r.amount)}) terverifikasi dan dibukukan.`);
        });
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/kembalikan',
      need: 'receipt.decide',
      handler: (req, res) => {
        onReview(req, res, () => {
          const { missing, note } = parseOrRefuse(returnForm, req.body);
          const r = app.receipts.returnWithChecklist(actorOf(req), idFrom(req), missing, note, clientIp(req));
          decided(req, res, receiptsOf(r.rtId, r.year), `Kuitansi #${r.id} dikembalikan ke ${app.receipts.chairOf(r.rtId)} untuk dilengkapi.`);
        });
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/tolak',
      need: 'receipt.decide',
      handler: (req, res) => {
        onReview(req, res, () => {
          const { reason } = parseOrRefuse(reasonForm, req.body);
          const r = app.receipts.reject(actorOf(req), idFrom(req), reason, clientIp(req));
          decided(req, res, receiptsOf(r.rtId, r.year), `Kuitansi #${r.id} ditolak; kas yang dicadangkan dilepas.`);
        });
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/batalkan',
      need: 'receipt.reverse',
      handler: (req, res) => {
        const { reason } = parseOrRefuse(reasonForm, req.body);
        const r = app.receipts.reverse(actorOf(req), idFrom(req), reason, clientIp(req));
        decided(req, res, receiptsOf(r.rtId, r.year), `Kuitansi #${r.id} dibatalkan dengan jurnal balik; catat kuitansi baru yang benar.`);
      },
    },
    {
      method: 'post',
      path: '/rt/:id/spj',
      need: 'spj.submit',
      handler: formHandler({
        schema: spjForm,
        run: (req, res, { month }) => {
          const rtId = idFrom(req);
          const year = yearFromBody(app, req);
          app.spj.submit(actorOf(req), { rtId, year, month }, clientIp(req));
          setFlash(app, req, 'success', 'SPJ diajukan ke bendahara kelurahan.');
          res.redirect(303, receiptsOf(rtId, year));
        },
        redisplay: (req, res, { message, errors, status }) => page(req, res, idFrom(req), yearFromBody(app, req), { message, errors }, undefined, status),
      }),
    },
    {
      method: 'post',
      path: '/spj/:id/tarik',
      need: 'spj.submit',
      handler: (req, res) => {
        const spj = app.spj.withdraw(actorOf(req), idFrom(req), clientIp(req));
        decided(req, res, receiptsOf(spj.rtId, spj.year), `SPJ ${periodLabel('monthly', spj.month)} ditarik; catat kuitansi yang terlewat, lalu ajukan lagi.`);
      },
    },
    {
      method: 'post',
      path: '/spj/:id/verifikasi',
      need: 'spj.decide',
      handler: (req, res) => {
        const spj = app.spj.verify(actorOf(req), idFrom(req), clientIp(req));
        decided(req, res, receiptsOf(spj.rtId, spj.year), `SPJ ${periodLabel('monthly', spj.month)} terverifikasi.`);
      },
    },
    {
      method: 'post',
      path: '/spj/:id/kembalikan',
      need: 'spj.decide',
      handler: (req, res) => {
        const { note } = parseOrRefuse(noteForm, req.body);
        const spj = app.spj.return(actorOf(req), idFrom(req), note, clientIp(req));
        decided(req, res, receiptsOf(spj.rtId, spj.year), `SPJ ${periodLabel('monthly', spj.month)} dikembalikan ke ${app.spj.chairOf(spj.rtId)}.`);
      },
    },
  ];
}
