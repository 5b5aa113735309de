/** The declarative route table: every route names the permission it needs. */
import type { Request, RequestHandler, Response } from 'express';
import type { Application } from '../../app/application';
import type { RawUpload } from '../../app/upload-evidence';
import type { Config } from '../../config';
import type { Action } from '../../domain/access';
import { fail } from '../../domain/errors';
import type { EvidenceKind } from '../../domain/grants/receipt';
import { idParam, yearField, yearQuery } from '../forms/schemas';
import type { MultipartSpec, UploadedPart } from '../middleware/upload';

export interface RouteDef {
  method: 'get' | 'post';
  path: string;
  need: Action | 'public';
  /** multipart/form-data (file uploads): the file fields, a size limit per file, a count limit, the check before files (src/http/middleware/upload.ts). */
  multipart?: MultipartSpec;
  /** Served before cookies, sessions and CSRF (a probe such as /healthz): sets no cookie, reads no session. */
  bare?: true;
  /**
   * A bare route whose answers carry their own encoding (kept gzip bodies) or are not worth
   * compressing (PDF, JPEG): registered before the compression middleware, which would otherwise
   * wrap every answer for nothing (~20 µs a request on a page shared city-wide).
   */
  ownEncoding?: true;
  /**
   * A post anyone may make without a session, acting for nobody (a resident's complaint from a
   * public page that is cached for every visitor, so it cannot carry a per-visitor CSRF token).
   * It is not CSRF-checked: a forged cross-site post is no more than the forger posting it
   * himself. Its own guards (a signed form stamp, per-address limits, a honeypot) hold it back.
   */
  anonymousPost?: true;
  handler: RequestHandler;
}

export interface RouteContext {
  /** The use cases and read models: routes never see repositories or the database. */
  app: Application;
  cfg: Config;
  /** Renders a page's body without the layout (absent when routes are only listed). */
  pageBody?: (view: string, model: object) => Buffer;
}

/** A numeric path id, or 404 (never a 500) for anything else. */
export function idFrom(req: Request, name = 'id'): number {
  const r = idParam.safeParse(req.params[name]);
  if (!r.success) throw fail('bad_id');
  return r.data;
}

export function codeFrom(req: Request, digits: number, name = 'code'): string {
  const v = req.params[name];
  if (typeof v !== 'string' || !new RegExp(`^\\d{${digits}}$`).test(v)) throw fail('bad_code');
  return v;
}

export const requestedYear = (req: Request) => yearQuery.parse(req.query).tahun;

/** The programme year a page asks for (?tahun=), else the current one; 404 when there is none. */
export const yearOf = (app: Application, req: Request) => app.years.shown(requestedYear(req));

/** The programme year a form posts (a year that exists), else 422. */
export function yearFromBody(app: Application, req: Request): number {
  const r = yearField.safeParse((req.body as Record<string, unknown> | undefined)?.year);
  if (!r.success || !app.years.exists(r.data)) throw fail('year_invalid');
  return r.data;
}

/** The files uploaded in one field of a multipart form. */
export function uploaded(req: Request, field: string): UploadedPart[] {
  return (req.uploads ?? []).filter((f) => f.field === field);
}

/** The quarantined files of some form fields, as uploads for the use cases. */
export function rawUploads(req: Request, fields: Array<{ name: string; kind?: EvidenceKind }>): RawUpload[] {
  return fields.flatMap(({ name, kind }) =>
    uploaded(req, name).flatMap((f) => (f.path && f.sha256 ? [{ path: f.path, sha256: f.sha256, size: f.size, originalName: f.originalName, field: kind ? `file_${kind}` : name, kind }] : [])),
  );
}

export function render(res: Response, view: string, model: Record<string, unknown>, status = 200): void {
  res.status(status).render(view, model);
}
