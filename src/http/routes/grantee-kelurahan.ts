/** The kelurahan in a path (:code, ten digits) that the admin may edit, else 404. */
import type { Request } from 'express';
import type { Application } from '../../app/application';
import { actorOf } from '../middleware/authorize';
import { codeFrom } from './route';

export function kelurahanOf(app: Application, req: Request) {
  const code = codeFrom(req, 10);
  // Read through the dashboard (its scope check: 404 outside it), for the kelurahan's name.
  return app.registry.readKelurahan(actorOf(req), code, undefined).kelurahan;
}
