/**
 * The ledger's signed checkpoints and the server's public keys, for anyone (no sign-in): a
 * printed document's short checkpoint or QR can be compared here, and the signatures checked
 * with the keys, without trusting the server's pages of the ledger.
 */
import type { Request } from 'express';
import { shortCheckpoint } from '../../domain/ledger/checkpoint';
import { render, type RouteContext, type RouteDef } from './route';

const REASONS: Record<string, string> = { harian: 'harian', ekspor: 'ekspor', dokumen: 'dokumen cetak', mulai: 'mulai', manual: 'manual (rotasi kunci)' };

/** ?halaman=N (1 for anything else). */
const pageOf = (req: Request) => (typeof req.query.halaman === 'string' && /^\d{1,6}$/.test(req.query.halaman) ? Number(req.query.halaman) : 1);

export function publicCheckpointRoutes({ app }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/publik/checkpoint',
      need: 'public',
      handler: (req, res) => {
        const p = app.checkpoints.page(pageOf(req));
        const link = (n: number) => `/publik/checkpoint?halaman=${n}`;
        render(res, 'pages/public-checkpoint', {
          title: 'Titik periksa buku besar',
          ...p,
          rows: p.checkpoints.map((c) => ({ ...c, short: shortCheckpoint(c), reasonLabel: REASONS[c.reason] ?? c.reason, keyShort: c.keyId.slice(0, 16) })),
          keys: p.keys.map((k) => ({ ...k, keyShort: k.keyId.slice(0, 16) })),
          prev: p.page > 1 ? link(p.page - 1) : null,
          next: p.page < p.pages ? link(p.page + 1) : null,
        });
      },
    },
    {
      method: 'get',
      path: '/publik/checkpoint.json',
      need: 'public',
      handler: (req, res) => {
        res.set('Cache-Control', 'no-cache').json(app.checkpoints.json(pageOf(req)));
      },
    },
    {
      method: 'get',
      path: '/publik/kunci-publik.pem',
      need: 'public',
      handler: (_req, res) => {
        // Plain text, shown in the browser (and printable); curl or a download keeps it as a .pem file.
        res.set('Cache-Control', 'no-cache').type('text/plain; charset=utf-8').send(app.checkpoints.publicKeysPem());
      },
    },
  ];
}
