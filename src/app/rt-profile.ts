/**
 * An RT's institutional profile: the Keputusan Lurah that formed it (number, date, the file as
 * evidence) and its ketua, sekretaris and bendahara, each a user of that RT in that role. The RT's
 * officers, its kelurahan and the admin read it; only the admin changes it (audited).
 */
import { authorize, can, roleLabelOf, type Actor, type Role } from '../domain/access';
import { fail } from '../domain/errors';
import { granteeLabel } from '../domain/registry/rows';
import type { StoredFile } from './evidence-store';
import type { RtProfileRow } from './ports';
import { rtInScope } from './scope';
import type { Services } from './services';
import { withEvidence, type RawUpload } from './upload-evidence';

export const OFFICERS = [
  { field: 'ketuaUserId', role: 'ketua_rt', label: 'Ketua RT' },
  { field: 'sekretarisUserId', role: 'sekretaris_rt', label: 'Sekretaris RT' },
  { field: 'bendaharaUserId', role: 'bendahara_rt', label: 'Bendahara RT' },
] as const satisfies ReadonlyArray<{ field: keyof RtProfileRow; role: Role; label: string }>;

export interface RtProfileCommand {
  rtId: number;
  decreeNumber: string | null;
  decreeDate: string | null;
  ketuaUserId: number | null;
  sekretarisUserId: number | null;
  bendaharaUserId: number | null;
}

export function readRtProfile(s: Services, actor: Actor, rtId: number) {
  const rt = rtInScope(s, actor, 'rt.profile', rtId);
  const p = s.rtProfiles.find(rt.id);
  const users = s.users.list().filter((u) => u.rtId === rt.id && u.active);
  return {
    rt,
    label: `${granteeLabel(rt)} ${rt.kelurahanName}`,
    decree: p?.decreeNumber || p?.decreeDate || p?.decreeSha256 ? { number: p.decreeNumber, date: p.decreeDate, sha256: p.decreeSha256, name: p.decreeName } : null,
    officers: OFFICERS.map((o) => {
      const id = p?.[o.field] ?? null;
      const u = id ? s.users.findById(id) : undefined;
      return {
        field: o.field,
        label: roleLabelOf(o.role, rt),
        name: u?.displayName ?? null,
        username: u?.username ?? null,
        // The admin's choice: the RT's users in this role.
        choices: users.filter((x) => x.role === o.role).map((x) => ({ id: x.id, label: `${x.displayName} (${x.username})`, selected: x.id === id })),
      };
    }),
    canEdit: can(actor, 'rt.profile_edit', { kecamatanCode: rt.kecamatanCode, kelurahanCode: rt.kelurahanCode, rtId: rt.id }),
  };
}

/** The admin records the decree and names the officers; each must be an active user of this RT in that role. */
export async function saveRtProfile(s: Services, actor: Actor, cmd: RtProfileCommand, decree: RawUpload | undefined, ip: string | null = null) {
  authorize(actor, 'rt.profile_edit');
  const rt = rtInScope(s, actor, 'rt.profile_edit', cmd.rtId);
  const year = s.years.years().at(-1) ?? new Date().getFullYear();
  return withEvidence(s, actor, 'rt.profile_edit', { rtId: rt.id, year }, decree ? [decree] : [], ([file]) => recordRtProfile(s, actor, cmd, file, ip));
}

/** Inside one transaction: the officers checked, the file kept, the profile saved and audited. */
export function recordRtProfile(s: Services, actor: Actor, cmd: RtProfileCommand, file: StoredFile | undefined, ip: string | null) {
  if (cmd.decreeDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(cmd.decreeDate)) throw fail('decree_date_invalid', undefined, { decreeDate: 'Tanggal harus berformat TTTT-BB-HH.' });
  return s.db.transaction(() => {
    const before = s.rtProfiles.find(cmd.rtId);
    const grantee = s.registry.findRt(cmd.rtId) ?? null;
    for (const o of OFFICERS) {
      const id = cmd[o.field];
      if (id === null) continue;
      const u = s.users.findById(id);
      if (!u || u.rtId !== cmd.rtId || u.role !== o.role || !u.active) throw fail('officer_invalid', undefined, { [o.field]: `Pilih pengguna aktif ${grantee ? granteeLabel(grantee) : 'RT'} ini dengan peran ${roleLabelOf(o.role, grantee)}.` });
    }
    const now = s.now().toISOString();
    if (file) s.evidenceFiles.ensure(file, now);
    const row: RtProfileRow = {
      rtId: cmd.rtId,
      decreeNumber: cmd.decreeNumber?.trim() || null,
      decreeDate: cmd.decreeDate,
      decreeSha256: file?.sha256 ?? before?.decreeSha256 ?? null,
      decreeName: file?.originalName ?? before?.decreeName ?? null,
      ketuaUserId: cmd.ketuaUserId,
      sekretarisUserId: cmd.sekretarisUserId,
      bendaharaUserId: cmd.bendaharaUserId,
      updatedAt: now,
    };
    s.rtProfiles.save(row);
    const rt = s.registry.findRt(cmd.rtId)!;
    const { updatedAt: _b, ...was } = before ?? ({} as Partial<RtProfileRow>);
    const { updatedAt: _a, ...is } = row;
    s.audit.record(actor, ip, { action: 'registry.rt.profile', targetType: 'rt', targetId: cmd.rtId, kelurahanCode: rt.kelurahanCode, before: before ? was : null, after: is });
    return row;
  });
}
