/** Receipts and the monthly SPJ: the RT chair records and reports, the bendahara reviews. */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { MAX_FILE_BYTES } from '../../app/evidence-store';
import { rejectReceipt, returnReceipt, reverseReceipt, verifyReceipt } from '../../app/decide-receipt';
import { pickYear } from '../../app/read-dashboards';
import { readReceiptPage, readReview, type ReceiptFormValues } from '../../app/read-receipts';
import { MAX_RECEIPT_FILES, recordReceipt, resubmitReceipt, withdrawReceipt, type UploadedEvidence } from '../../app/record-receipt';
import { returnSpj, submitSpj, verifySpj } from '../../app/spj';
import type { Services } from '../../app/services';
import { invalid, isDomainError, notFound } from '../../domain/errors';
import { formatRupiah } from '../../domain/money';
import { periodLabel } from '../../domain/grants/tranche';
import { FILE_FIELDS, parseReceiptForm } from '../forms/receipt';
import { parseForm } from '../forms/parse';
import { monthField, noteForm, reasonForm, requestKeyField } from '../forms/schemas';
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { rawUploads, yearFromBody } from './plans';
import { storeForRt } from '../../app/upload-evidence';
import { idFrom, render, yearOf, type RouteContext, type RouteDef } from './route';

const newKey = () => randomBytes(18).toString('base64url');
const MULTIPART = { files: FILE_FIELDS.map(({ name, maxCount }) => ({ name, maxCount })), maxBytes: MAX_FILE_BYTES, maxFiles: MAX_RECEIPT_FILES };

/** Checks the scope, then checks and stores every uploaded file tagged with its kind (before any database write). */
async function storeEvidence(s: Services, req: Request, rtId: number): Promise<UploadedEvidence[]> {
  const stored = await storeForRt(s, actorOf(req), 'receipt.record', rtId, rawUploads(req, FILE_FIELDS));
  return stored.map((f) => ({ ...f, kind: f.kind! }));
}

export function receiptRoutes({ s }: RouteContext): RouteDef[] {
  const page = (req: Request, res: Response, rtId: number, year: number, extra: Record<string, unknown> = {}, values?: ReceiptFormValues, status = 200) => {
    const model = readReceiptPage(s, actorOf(req), rtId, year, values);
    const { years } = pickYear(s, year);
    render(res, 'pages/receipts', { title: `Belanja dan SPJ ${model.label} ${year}`, years, yearPath: req.path, requestKey: newKey(), ...model, ...extra }, status);
  };
  const decided = (req: Request, res: Response, path: string, message: string) => {
    setFlash(s, req, 'success', message);
    res.redirect(303, (req.body as Record<string, unknown> | undefined)?.back === 'verifikasi' ? '/verifikasi' : path);
  };

  return [
    {
      method: 'get',
      path: '/rt/:id/kuitansi',
      need: 'rt.view',
      handler: (req, res) => {
        page(req, res, idFrom(req), yearOf(s, req));
      },
    },
    {
      method: 'post',
      path: '/rt/:id/kuitansi',
      need: 'receipt.record',
      multipart: MULTIPART,
      handler: async (req, res) => {
        const rtId = idFrom(req);
        const year = yearFromBody(s, req);
        const form = parseReceiptForm(req);
        const key = requestKeyField.safeParse((req.body as Record<string, unknown>).requestKey);
        const refuse = (message: string, errors: Record<string, string>, status = 422) =>
          page(req, res, rtId, year, { message: `${message} Berkas perlu dipilih ulang.`, errors, requestKey: key.success ? key.data : newKey() }, form.values, status);
        if (req.uploadError) return refuse(req.uploadError.message, {}, req.uploadError.status);
        if (!key.success) return refuse(key.error.issues[0]!.message, {});
        if (!form.data) return refuse('Periksa kembali isian yang ditandai.', form.errors);
        try {
          const files = await storeEvidence(s, req, rtId);
          const r = recordReceipt(s, actorOf(req), { rtId, year, ...form.data, files, requestKey: key.data }, clientIp(req));
          setFlash(s, req, 'success', `Kuitansi ${formatRupiah(r.amount)} tercatat dan menunggu verifikasi kelurahan.`);
        } catch (e) {
          if (!isDomainError(e) || (e.kind !== 'validation' && e.kind !== 'conflict')) throw e;
          return refuse(e.message, e.fields);
        }
        res.redirect(303, `/rt/${rtId}/kuitansi?tahun=${year}`);
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/kirim-ulang',
      need: 'receipt.record',
      multipart: MULTIPART,
      handler: async (req, res) => {
        const id = idFrom(req);
        const receipt = s.receipts.find(id);
        if (!receipt) throw notFound('receipt_not_found');
        if (req.uploadError) return page(req, res, receipt.rtId, receipt.year, { message: req.uploadError.message }, undefined, req.uploadError.status);
        try {
          const files = await storeEvidence(s, req, receipt.rtId);
          resubmitReceipt(s, actorOf(req), id, files, clientIp(req));
        } catch (e) {
          if (!isDomainError(e) || (e.kind !== 'validation' && e.kind !== 'conflict')) throw e;
          return page(req, res, receipt.rtId, receipt.year, { message: e.message, errors: e.fields }, undefined, 422);
        }
        setFlash(s, req, 'success', 'Kuitansi dilengkapi dan dikirim ulang ke kelurahan.');
        res.redirect(303, `/rt/${receipt.rtId}/kuitansi?tahun=${receipt.year}`);
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/tarik',
      need: 'receipt.record',
      handler: (req, res) => {
        const r = withdrawReceipt(s, actorOf(req), idFrom(req), clientIp(req));
        setFlash(s, req, 'info', `Kuitansi #${r.id} ditarik. Catat kuitansi yang benar; berkasnya boleh dipakai lagi.`);
        res.redirect(303, `/rt/${r.rtId}/kuitansi?tahun=${r.year}`);
      },
    },
    {
      method: 'get',
      path: '/verifikasi',
      need: 'queue.view',
      handler: (req, res) => render(res, 'pages/review', { title: 'Verifikasi kuitansi dan SPJ', ...readReview(s, actorOf(req)) }),
    },
    {
      method: 'post',
      path: '/kuitansi/:id/verifikasi',
      need: 'receipt.decide',
      handler: (req, res) => {
        const r = verifyReceipt(s, actorOf(req), idFrom(req), clientIp(req));
        decided(req, res, `/rt/${r.rtId}/kuitansi?tahun=${r.year}`, `Kuitansi #${r.id} (${formatRupiah(r.amount)}) terverifikasi dan dibukukan.`);
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/kembalikan',
      need: 'receipt.decide',
      handler: (req, res) => {
        const form = parseForm(noteForm, req.body);
        if (!form.ok) throw invalid('note_required', 'Sebutkan apa yang kurang sebelum mengembalikan kuitansi.');
        const r = returnReceipt(s, actorOf(req), idFrom(req), form.data.note, clientIp(req));
        decided(req, res, `/rt/${r.rtId}/kuitansi?tahun=${r.year}`, `Kuitansi #${r.id} dikembalikan ke ketua RT untuk dilengkapi.`);
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/tolak',
      need: 'receipt.decide',
      handler: (req, res) => {
        const form = parseForm(reasonForm, req.body);
        if (!form.ok) throw invalid('reason_required', 'Alasan penolakan wajib diisi.');
        const r = rejectReceipt(s, actorOf(req), idFrom(req), form.data.reason, clientIp(req));
        decided(req, res, `/rt/${r.rtId}/kuitansi?tahun=${r.year}`, `Kuitansi #${r.id} ditolak; kas yang dicadangkan dilepas.`);
      },
    },
    {
      method: 'post',
      path: '/kuitansi/:id/batalkan',
      need: 'receipt.reverse',
      handler: (req, res) => {
        const form = parseForm(reasonForm, req.body);
        if (!form.ok) throw invalid('reason_required', 'Alasan pembatalan wajib diisi.');
        const r = reverseReceipt(s, actorOf(req), idFrom(req), form.data.reason, clientIp(req));
        decided(req, res, `/rt/${r.rtId}/kuitansi?tahun=${r.year}`, `Kuitansi #${r.id} dibatalkan dengan jurnal balik; catat kuitansi baru yang benar.`);
      },
    },
    {
      method: 'post',
      path: '/rt/:id/spj',
      need: 'spj.submit',
      handler: (req, res) => {
        const rtId = idFrom(req);
        const year = yearFromBody(s, req);
        const month = monthField.safeParse((req.body as Record<string, unknown>).month);
        if (!month.success) throw invalid('month_invalid', 'Pilih bulan SPJ.');
        try {
          submitSpj(s, actorOf(req), { rtId, year, month: month.data }, clientIp(req));
        } catch (e) {
          if (!isDomainError(e) || (e.kind !== 'validation' && e.kind !== 'conflict')) throw e;
          return page(req, res, rtId, year, { message: e.message }, undefined, 422);
        }
        setFlash(s, req, 'success', 'SPJ diajukan ke bendahara kelurahan.');
        res.redirect(303, `/rt/${rtId}/kuitansi?tahun=${year}`);
      },
    },
    {
      method: 'post',
      path: '/spj/:id/verifikasi',
      need: 'spj.decide',
      handler: (req, res) => {
        const spj = verifySpj(s, actorOf(req), idFrom(req), clientIp(req));
        decided(req, res, `/rt/${spj.rtId}/kuitansi?tahun=${spj.year}`, `SPJ ${periodLabel('monthly', spj.month)} terverifikasi.`);
      },
    },
    {
      method: 'post',
      path: '/spj/:id/kembalikan',
      need: 'spj.decide',
      handler: (req, res) => {
        const form = parseForm(noteForm, req.body);
        if (!form.ok) throw invalid('note_required', 'Sebutkan apa yang harus diperbaiki.');
        const spj = returnSpj(s, actorOf(req), idFrom(req), form.data.note, clientIp(req));
        decided(req, res, `/rt/${spj.rtId}/kuitansi?tahun=${spj.year}`, `SPJ ${periodLabel('monthly', spj.month)} dikembalikan ke ketua RT.`);
      },
    },
  ];
}
