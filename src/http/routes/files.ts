/** Evidence files, served only to someone whose scope covers an RT that uses the file. */
import { actorOf } from '../middleware/authorize';
import { clientIp } from '../middleware/session';
import type { RouteContext, RouteDef } from './route';

export function fileRoutes({ app }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/berkas/:sha',
      need: 'rt.view',
      handler: (req, res) => {
        const sha = String(req.params.sha);
        const file = app.files.open(actorOf(req), sha, clientIp(req));
        res.set({
          'Content-Type': file.mime,
          'Content-Disposition': `inline; filename="${sha.slice(0, 12)}.${file.mime.split('/')[1]}"`,
          // Never kept in a cache: after sign-out on a shared phone the photo must not be readable from it.
          'Cache-Control': 'no-store',
          // Even a file that slipped past the checks cannot run script in our origin.
          // Our own pages may show it inline (the review page previews PDFs); nobody else may frame it.
          'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
          'X-Frame-Options': 'SAMEORIGIN',
        });
        res.sendFile(file.path);
      },
    },
    {
      method: 'get',
      path: '/berkas/:sha/kecil',
      need: 'rt.view',
      handler: async (req, res) => {
        const sha = String(req.params.sha);
        const thumb = await app.files.thumbnail(actorOf(req), sha);
        res.set({
          'Content-Type': thumb.mime,
          // Named by the photo's hash, so it never changes: kept for a year, in this browser only.
          // Signing out clears the browser's cache (Clear-Site-Data) on a shared phone.
          'Cache-Control': 'private, max-age=31536000, immutable',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          'X-Content-Type-Options': 'nosniff',
        });
        res.sendFile(thumb.path);
      },
    },
  ];
}
