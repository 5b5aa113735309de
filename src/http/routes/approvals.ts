/** The chain of approval's later steps: the lurah's and the camat's queue and their one click. */
import { actorOf } from '../middleware/authorize';
import { clientIp, setFlash } from '../middleware/session';
import { idFrom, render, type RouteContext, type RouteDef } from './route';
import { formHandler } from './form';
import { reasonForm } from '../forms/schemas';

export function approvalRoutes({ app }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/persetujuan',
      need: 'approval.queue',
      handler: (req, res) => render(res, 'pages/approvals', { title: 'Antrian persetujuan', ...app.approvals.queue(actorOf(req)) }),
    },
    ...(['rencana', 'pencairan'] as const).map(
      (kind): RouteDef => ({
        method: 'post',
        path: `/persetujuan/${kind}/:id`,
        need: 'approval.step',
        handler: (req, res) => {
          const { approved, what } = app.approvals.takeStep(actorOf(req), kind, idFrom(req), clientIp(req));
          setFlash(app, req, 'success', approved ? `${what}: langkah terakhir dicatat; ${kind === 'pencairan' ? 'pencairan disetujui dan menunggu dibayar BPKAD' : 'rencana disetujui'}.` : `${what}: langkah Anda dicatat; menunggu langkah berikutnya.`);
          res.redirect(303, '/persetujuan');
        },
      }),
        ),
    // At their step, the lurah and the camat may send it back instead, with a reason (the chair reads it): returned to fix, or rejected for good.
    ...([['rencana', 'kembalikan'], ['rencana', 'tolak'], ['pencairan', 'kembalikan'], ['pencairan', 'tolak']] as const).map(
      ([kind, verb]): RouteDef => ({
        method: 'post',
        path: `/persetujuan/${kind}/:id/${verb}`,
        need: 'approval.step',
        handler: formHandler({
          schema: reasonForm,
          run: (req, res, { reason }) => {
            const { what, outcome } = app.approvals.sendBack(actorOf(req), kind, idFrom(req), verb, reason, clientIp(req));
            setFlash(app, req, 'success', `${what} ${outcome}.`);
            res.redirect(303, '/persetujuan');
          },
          redisplay: (req, res, { message, errors, status }) =>
            render(res, 'pages/approvals', { title: 'Antrian persetujuan', ...app.approvals.queue(actorOf(req)), message, errors, sendBack: { key: `${kind === 'rencana' ? 'plan' : 'tranche'}:${idFrom(req)}:${verb}`, reason: String((req.body as Record<string, unknown>)?.reason ?? '') } }, status),
        }),
      }),
    ),
  ];
}
