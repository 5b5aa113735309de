/** The history of a plan or tranche (who, when, what, note), from the audit log. */
import { auditRowView } from '../reports/audit-view';
import type { Services } from './services';

export function historyOf(s: Services, targetType: 'plan' | 'tranche' | 'receipt' | 'spj', ids: number[]) {
  return s.audit.forTargets(targetType, ids).map((r) => {
    let note: string | null = null;
    try {
      const after = (JSON.parse(r.summary) as { after?: { note?: string; reason?: string } }).after;
      note = after?.note ?? after?.reason ?? null;
    } catch {
      note = null;
    }
    return { at: r.at, actorName: r.actorName, targetId: r.targetId, ...auditRowView(r), note };
  });
}
