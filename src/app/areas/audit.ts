/** The audit log as the admin (everything) and an auditor (its kecamatan) browse it. */
import type { Actor } from '../../domain/access';
import { ACTION_LABELS, auditRowView } from '../../reports/audit-view';
import type { Services } from '../services';

export interface AuditQuery {
  actor?: string;
  action?: string;
  kelurahanCode?: string;
  /** ISO instants (the day boundaries in WIB, computed by the caller's form). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function auditArea(s: Services) {
  return {
    actions: (selected?: string) => s.audit.actions().map((a) => ({ value: a, label: ACTION_LABELS[a] ?? a, selected: a === selected })),
    list(actor: Actor, q: AuditQuery) {
      const { total, rows } = s.audit.list({ ...q, kecamatanCodes: actor.role === 'auditor' ? actor.kecamatanCodes : null });
      return { total, rows: rows.map((r) => ({ ...r, ...auditRowView(r) })) };
    },
  };
}
