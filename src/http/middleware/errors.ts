/** The one place where errors become HTTP responses. */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { fail, isDomainError, type ErrorKind } from '../../domain/errors';
import { requestIdOf } from './request-log';

export const STATUS: Record<ErrorKind, number> = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export const TITLES: Record<number, string> = {
  400: 'Permintaan tidak valid',
  401: 'Perlu masuk',
  403: 'Akses ditolak',
  404: 'Tidak ditemukan',
  409: 'Tidak dapat diproses',
  413: 'Data terlalu besar',
  415: 'Jenis data tidak didukung',
  422: 'Data tidak valid',
  429: 'Terlalu banyak permintaan',
  500: 'Terjadi kesalahan',
  503: 'Layanan sedang tidak tersedia',
};

export function notFoundHandler(req: Request, res: Response): void {
  res.status(404).render('pages/error', { title: TITLES[404], status: 404, errorMessage: 'Halaman yang Anda cari tidak ada atau bukan untuk akun Anda.', requestId: requestIdOf(req) });
}

/**
 * A full disk: SQLite's SQLITE_FULL (the transaction is rolled back whole) or ENOSPC from a file
 * write (the file is a temp file or an orphan the sweep removes). Both are the `storage_full`
 * failure: 503, in Indonesian, nothing half written.
 */
export function isStorageFull(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true;
  }
  return false;
}

export function errorHandler(logger: Logger) {
  // Express recognises an error handler by its four parameters.
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (isStorageFull(err)) {
      logger.error({ err, url: req.originalUrl, method: req.method }, 'penyimpanan penuh: penulisan ditolak');
      err = fail('storage_full');
    }
    let status = 500;
    let message = 'Maaf, terjadi kesalahan di server. Kejadian ini sudah dicatat; silakan coba lagi.';
    if (isDomainError(err)) {
      status = STATUS[err.kind];
      message = err.message;
    } else if (err instanceof Error && /^(Multipart|Unexpected end of form|Malformed part header|Malformed content type|Unsupported content type|Missing Content-Type|Boundary)/i.test(err.message)) {
      // busboy: a truncated or malformed multipart body, or a Content-Type it cannot read (no boundary).
      status = 400;
      message = 'Unggahan terputus atau rusak. Silakan coba kirim lagi.';
    } else if (typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      // body-parser errors: bad input, not a bug.
      status = err.status;
      const type = (err as { type?: string }).type;
      message =
        status === 413 || type === 'entity.too.large'
          ? 'Data yang dikirim terlalu besar.'
          : status === 415
            ? 'Jenis data yang dikirim tidak didukung.'
            : 'Permintaan tidak dapat dibaca. Periksa isian lalu coba lagi.';
    } else {
      logger.error({ err, url: req.originalUrl, method: req.method }, 'unhandled error');
    }
    if (res.headersSent) return;
    res.status(status);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: isDomainError(err) ? err.code : `http_${status}`, message, requestId: requestIdOf(req) });
      return;
    }
    res.render('pages/error', { title: TITLES[status] ?? TITLES[400], status, errorMessage: message, requestId: requestIdOf(req) });
  };
}
