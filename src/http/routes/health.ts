/** GET /healthz for a load balancer or systemd: no sign-in, no cookie, no session, no audit row. */
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
        res.status(h.ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status: h.ok ? 'ok' : 'fail', ...h });
      },
    },
  ];
}
