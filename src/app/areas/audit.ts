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
    /**
     * The kelurahan an audit filter names, by its code or its name ("Pleburan", "Kelurahan
     * Pleburan", any letter case): its code, or the reason it names none or several.
     */
    kelurahanFor(text: string): { code: string } | { problem: string } {
      if (/^\d{10}$/.test(text)) return { code: text };
      const name = text.replace(/^kel(urahan|\.)?\s+/i, '').trim();
      const found = s.registry.kelurahanByName(name);
      if (found.length === 1) return { code: found[0]!.code };
      if (found.length === 0) return { problem: `Tidak ada kelurahan bernama “${name}”.` };
      return { problem: `Ada ${found.length} kelurahan bernama “${name}”: ${found.map((k) => `${k.code} (Kec. ${k.kecamatanName})`).join(', ')}. Isi kodenya.` };
    },
    /** Kelurahan names for the filter's suggestions. */
    kelurahanNames: () => s.registry.kecamatanList().flatMap((k) => s.registry.kelurahanList(k.code).map((l) => l.name)),
    actions: (selected?: string) => s.audit.actions().map((a) => ({ value: a, label: ACTION_LABELS[a] ?? a, selected: a === selected })),
    list(actor: Actor, q: AuditQuery) {
      const { total, rows } = s.audit.list({ ...q, kecamatanCodes: actor.role === 'auditor' ? actor.kecamatanCodes : null });
      return { total, rows: rows.map((r) => ({ ...r, ...auditRowView(r) })) };
    },
  };
}
