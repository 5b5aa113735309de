/** GET /healthz for a load balancer or systemd: no sign-in, no cookie, no session, no audit row. */
import { loopDelaySinceLastRead } from '../loop-delay';
import type { RouteContext, RouteDef } from './route';

export function healthRoutes({ app }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/healthz',
      need: 'public',
      bare: true,
      handler: (_req, res) => {
        const h = app.maintenance.health();
        // The event loop's delay since the previous probe: informative, never a failure by itself.
        res.status(h.ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status: h.ok ? 'ok' : 'fail', ...h, eventLoop: loopDelaySinceLastRead() });
      },
    },
  ];
}
