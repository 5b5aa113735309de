/** Evidence files, handed only to someone whose scope covers an RT that uses the file; every download audited. */
import { can, readsWholeCity, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import type { Services } from '../services';

const SHA = /^[0-9a-f]{64}$/;

function openEvidence(s: Services, actor: Actor, sha256: string, ip: string | null) {
  if (!SHA.test(sha256)) throw fail('file_not_found');
  const rtIds = () => [...s.plans.referencesFile(sha256).map((r) => r.rtId), ...s.receipts.rtsUsingFile(sha256), ...s.rtProfiles.rtsUsingFile(sha256)];
  const allowed =
    readsWholeCity(actor) ||
    rtIds().some((id) => {
      const rt = s.registry.findRt(id);
      return !!rt && can(actor, 'rt.view', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id });
    });
  const meta = s.evidenceFiles.find(sha256);
  if (!allowed || !meta || !s.evidence.exists(sha256)) throw fail('file_not_found');
  s.db.transaction(() => s.audit.record(actor, ip, { action: 'file.download', targetType: 'file', targetId: sha256.slice(0, 16) }));
  return { path: s.evidence.pathOf(sha256), mime: meta.mime };
}

export function filesArea(s: Services) {
  return { open: (actor: Actor, sha256: string, ip: string | null) => openEvidence(s, actor, sha256, ip) };
}
