/** Evidence files, served only to someone whose scope covers an RT that uses the file. */
import { can } from '../../domain/access';
import { notFound } from '../../domain/errors';
import { actorOf } from '../middleware/authorize';
import { clientIp } from '../middleware/session';
import type { RouteContext, RouteDef } from './route';

const SHA = /^[0-9a-f]{64}$/;

export function fileRoutes({ s }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/berkas/:sha',
      need: 'rt.view',
      handler: (req, res) => {
        const sha = String(req.params.sha);
        if (!SHA.test(sha)) throw notFound('file_not_found');
        const actor = actorOf(req);
        const rtIds = [...s.plans.referencesFile(sha).map((r) => r.rtId), ...s.receipts.rtsUsingFile(sha)];
        const cityWide = actor.role === 'admin' || (actor.role === 'auditor' && actor.kecamatanCodes === null);
        const allowed = cityWide || rtIds.some((id) => {
          const rt = s.registry.findRt(id);
          return !!rt && can(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
        });
        const meta = s.evidenceFiles.find(sha);
        if (!allowed || !meta || !s.evidence.exists(sha)) throw notFound('file_not_found', 'Berkas tidak ditemukan.');
        s.db.transaction(() => s.audit.record(actor, clientIp(req), { action: 'file.download', targetType: 'file', targetId: sha.slice(0, 16) }));
        res.set({
          'Content-Type': meta.mime,
          'Content-Disposition': `inline; filename="${sha.slice(0, 12)}.${meta.mime.split('/')[1]}"`,
          'Cache-Control': 'private, max-age=3600',
          // Even a file that slipped past the checks cannot run script in our origin.
          // Our own pages may show it inline (the review page previews PDFs); nobody else may frame it.
          'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
          'X-Frame-Options': 'SAMEORIGIN',
        });
        res.sendFile(s.evidence.pathOf(sha));
      },
    },
  ];
}
