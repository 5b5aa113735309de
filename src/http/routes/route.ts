/** The declarative route table: every route names the permission it needs. */
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../../config';
import type { Action } from '../../domain/access';
import { notFound } from '../../domain/errors';
import type { ExportJobs } from '../../app/export-jobs';
import type { Services } from '../../app/services';
import { pickYear } from '../../app/read-dashboards';
import { idParam, yearQuery } from '../forms/schemas';

export interface RouteDef {
  method: 'get' | 'post';
  path: string;
  need: Action | 'public';
  /** multipart/form-data (file uploads): the file fields, a size limit per file, a count limit; CSRF is checked after multer. */
  multipart?: { files: Array<{ name: string; maxCount: number }>; maxBytes: number; maxFiles: number };
  handler: RequestHandler;
}

export interface RouteContext {
  s: Services;
  cfg: Config;
  /** Background exports (one registry per app; absent when routes are only listed). */
  jobs?: ExportJobs;
  /** Renders a page's body without the layout (absent when routes are only listed). */
  pageBody?: (view: string, model: object) => Buffer;
}

/** A numeric path id, or 404 (never a 500) for anything else. */
export function idFrom(req: Request, name = 'id'): number {
  const r = idParam.safeParse(req.params[name]);
  if (!r.success) throw notFound('bad_id');
  return r.data;
}

export function codeFrom(req: Request, digits: number, name = 'code'): string {
  const v = req.params[name];
  if (typeof v !== 'string' || !new RegExp(`^\\d{${digits}}$`).test(v)) throw notFound('bad_code');
  return v;
}

export const requestedYear = (req: Request) => yearQuery.parse(req.query).tahun;

/** The programme year a page asks for (?tahun=), else the current one; 404 when there is none. */
export function yearOf(s: Services, req: Request): number {
  const { year } = pickYear(s, requestedYear(req));
  if (!year) throw notFound('year_not_found', 'Belum ada tahun program.');
  return year.year;
}

/** The files uploaded in one field of a multipart form. */
export function uploaded(req: Request, field: string): Express.Multer.File[] {
  const files = req.files as Record<string, Express.Multer.File[]> | undefined;
  return files?.[field] ?? [];
}

export function render(res: Response, view: string, model: Record<string, unknown>, status = 200): void {
  res.status(status).render(view, model);
}
