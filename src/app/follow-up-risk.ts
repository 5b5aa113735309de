/**
 * Marks a risk flag as followed up ("sudah ditindaklanjuti") with a note: desk.follow_up in the
 * flag's kecamatan, audited in the same transaction. The flag stays on the list as followed up
 * and opens again when a refresh finds its severity above the one it was followed up at.
 */
import { authorize, actorLabel, type Actor } from '../domain/access';
import { fail } from '../domain/errors';
import type { Services } from './services';

export function followUpRiskFlag(s: Services, actor: Actor, flagId: number, note: string, ip: string | null = null): { rtId: number; year: number } {
  const text = note.trim();
  return s.db.transaction(() => {
    const flag = s.risk.findFlag(flagId);
    const rt = flag && s.registry.findRt(flag.rtId);
    if (!flag || !rt) throw fail('risk_flag_not_found');
    authorize(actor, 'desk.follow_up', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
    if (text.length < 5 || text.length > 1000) throw fail('risk_follow_up_note_required', undefined, { note: 'Catatan 5–1.000 huruf.' });
    if (flag.state === 'followed_up') throw fail('risk_flag_already_followed');
    const at = s.now().toISOString();
    s.risk.followUp(flag.id, { note: text, by: actorLabel(actor), at, severity: flag.severity });
    const state = s.risk.stateOf(flag.year, flag.rtId);
    // The grantee's score counts open flags only: recomputed by its next refresh, marked now.
    s.risk.markDirty(flag.year, [flag.rtId]);
    s.audit.record(actor, ip, {
      action: 'risk.follow_up',
      targetType: 'risk_flag',
      targetId: flag.id,
      kelurahanCode: rt.kelurahanCode,
      kecamatanCode: rt.kecamatanCode,
      before: { kind: flag.kind, state: flag.state, severity: flag.severity, score: state?.openScore ?? null },
      after: { state: 'followed_up', note: text },
    });
    return { rtId: flag.rtId, year: flag.year };
  });
}
