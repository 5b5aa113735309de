/** The registry: home pages per role, kecamatan → kelurahan → RT, editing an RT, CSV imports. */
import { readsWholeCity, type Action, type Actor } from '../../domain/access';
import { addGrantee, addRwGrantee, editRt, granteeChoices, setRtActive } from '../edit-rt';
import { editKelurahanOffice, readKelurahanOffice } from '../edit-kelurahan-office';
import { importRts, importWilayah } from '../import-registry';
import { readCity, readKecamatan, readKelurahan, readPublicSummary, readRt } from '../read-dashboards';
import type { Services } from '../services';
import { can } from '../../domain/access';
import { bindTo } from './bind';
import { readRtProfile, saveRtProfile } from '../rt-profile';

/** Every kelurahan (with its kecamatan's name), for pickers. */
export function kelurahanOptions(s: Services, keep: (k: { code: string; rtCount: number; kecamatanCode: string }) => boolean = () => true) {
  return s.registry.kecamatanList().flatMap((k) =>
    s.registry
      .kelurahanList(k.code)
      .filter((l) => keep({ code: l.code, rtCount: l.rtCount, kecamatanCode: k.code }))
      .map((l) => ({ code: l.code, label: `${l.name} (${k.name})` })),
  );
}

/** The kelurahan an actor may read for an action (with RTs only). */
export function kelurahanInReach(s: Services, actor: Actor, action: Action) {
  return kelurahanOptions(s, (k) => k.rtCount > 0 && (readsWholeCity(actor) || can(actor, action, { kecamatanCode: k.kecamatanCode, kelurahanCode: k.code })));
}

export function registryArea(s: Services) {
  return {
    ...bindTo(s, { readCity, readKecamatan, readKelurahan, readRt, readPublicSummary, editRt, setRtActive, addRwGrantee, addGrantee, granteeChoices, importWilayah, importRts, readRtProfile, saveRtProfile, readKelurahanOffice, editKelurahanOffice }),
    kelurahan: (code: string) => s.registry.findKelurahan(code) ?? null,
    kelurahanOptions: () => kelurahanOptions(s),
    kecamatanList: () => s.registry.kecamatanList().map((k) => ({ code: k.code, name: k.name })),
    counts: () => s.registry.counts(),
  };
}
