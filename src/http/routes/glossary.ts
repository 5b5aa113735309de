/** The short glossary of the words a chair meets (SPJ, RAP, RBB, BKU, LPJ, "dicadangkan", "jurnal balik"). */
import { render, type RouteContext, type RouteDef } from './route';

export function glossaryRoutes(_ctx: RouteContext): RouteDef[] {
  return [{ method: 'get', path: '/istilah', need: 'public', handler: (_req, res) => render(res, 'pages/glossary', { title: 'Daftar istilah' }) }];
}
