/** Browsing the audit log (admin: everything; auditor: its scope). */
import { startOfDayWib } from '../../domain/calendar';
import { auditQuery } from '../forms/schemas';
import { keepInput, parseForm } from '../forms/parse';
import { actorOf } from '../middleware/authorize';
import { render, type RouteContext, type RouteDef } from './route';

const PAGE_SIZE = 50;
const FIELDS = ['actor', 'action', 'kelurahan', 'dari', 'sampai'] as const;

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function auditRoutes({ app }: RouteContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/audit',
      need: 'audit.view',
      handler: (req, res) => {
        const values = keepInput(req.query, FIELDS);
        const actions = app.audit.actions(values.action);
        const q = parseForm(auditQuery, req.query);
        const kelurahanNames = app.audit.kelurahanNames();
        const refuse = (errors: Record<string, string>, message: string) =>
          render(res, 'pages/audit', { title: 'Log audit', values, actions, kelurahanNames, errors, message, rows: [], invalid: true }, 422);
        if (!q.ok) return refuse(q.errors, q.message);
        const kel = q.data.kelurahan ? app.audit.kelurahanFor(q.data.kelurahan) : null;
        if (kel && 'problem' in kel) return refuse({ kelurahan: kel.problem }, kel.problem);
        const page = Math.max(1, q.data.hal ?? 1);
        const { total, rows } = app.audit.list(actorOf(req), {
          actor: q.data.actor,
          action: q.data.action,
          kelurahanCode: kel?.code,
          from: q.data.dari ? startOfDayWib(q.data.dari) : undefined,
          to: q.data.sampai ? startOfDayWib(nextDay(q.data.sampai)) : undefined,
          page,
          pageSize: PAGE_SIZE,
        });
        const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
        const link = (p: number) => `/audit?${new URLSearchParams({ ...values, hal: String(p) }).toString()}`;
        render(res, 'pages/audit', {
          title: 'Log audit',
          values,
          actions,
          kelurahanNames,
          total,
          rows,
          page,
          pages,
          prev: page > 1 ? link(page - 1) : null,
          next: page < pages ? link(page + 1) : null,
        });
      },
    },
  ];
}
