/**
 * The programmes of a year as pages and registration see them: labels of grantee kinds, the list
 * of programmes, whether one pays a kind. The rules themselves (sections, overlay, validation)
 * live in programme-year.ts, beside the year they belong to.
 */
import { isMainProgramme, MAIN_PROGRAMME, MAIN_PROGRAMME_BASIS, MAIN_PROGRAMME_NAME, programmeSection, type GranteeKind, type ProgrammeSection, type ProgrammeYear } from './programme-year';

/** Whether programme `code` pays grantees of `kind` in this year. */
export function programmePays(y: ProgrammeYear, code: string, kind: GranteeKind): boolean {
  if (isMainProgramme(code)) return true;
  return !!programmeSection(y, code)?.granteeKinds.some((k) => k.kind === kind);
}

/** The label of a kind in a programme: "RT"/"RW" for OPS, the section's (e.g. "PKK RT") otherwise. */
export function kindLabel(y: Pick<ProgrammeYear, 'programmes'> | undefined, code: string, kind: GranteeKind): string {
  const base = kind === 'rw' ? 'RW' : 'RT';
  if (isMainProgramme(code)) return base;
  return (y && programmeSection(y, code)?.granteeKinds.find((k) => k.kind === kind)?.label) ?? `${code} ${base}`;
}

/** Every programme of the year: OPS first, then the sections in their order. */
export function programmesOf(y: Pick<ProgrammeYear, 'programmes'>): Array<{ code: string; name: string; legalBasis: string }> {
  return [
    { code: MAIN_PROGRAMME, name: MAIN_PROGRAMME_NAME, legalBasis: MAIN_PROGRAMME_BASIS },
    ...(y.programmes ?? []).map((p) => ({ code: p.code, name: p.name, legalBasis: p.legalBasis })),
  ];
}


/**
 * The PKK RT/RW aid (Perwal 47/2025) as the demo configures it. The amounts are demo figures: the
 * regulation's amounts are set by the admin on the year's settings page.
 */
export function demoPkkProgramme(): ProgrammeSection {
  return {
    code: 'PKK',
    name: 'Bantuan Operasional PKK RT/RW',
    legalBasis: 'Perwal Semarang No. 47 Tahun 2025',
    granteeKinds: [
      { kind: 'rt', label: 'PKK RT', allocationRupiah: 10_000_000 },
      { kind: 'rw', label: 'PKK RW', allocationRupiah: 5_000_000 },
    ],
    categories: [
      { code: 'ADM', name: 'Administrasi', description: 'ATK, cetak, fotokopi, buku kegiatan PKK', maxPercentOfAllocation: '5', itemCaps: [], evidence: ['nota'] },
      { code: 'KEG', name: 'Kegiatan PKK (10 program pokok)', description: 'Posyandu, dasawisma, penghayatan Pancasila, gotong royong, pangan, sandang, perumahan, pendidikan, kesehatan, lingkungan', maxPercentOfAllocation: null, itemCaps: [], evidence: ['nota', 'foto_kegiatan', 'daftar_hadir'] },
      { code: 'LAT', name: 'Pelatihan dan pemberdayaan', description: 'Pelatihan keterampilan, pemberdayaan ekonomi keluarga', maxPercentOfAllocation: null, itemCaps: [{ label: 'Honor narasumber/pelatih', maxRupiah: 500_000 }], evidence: ['nota', 'foto_kegiatan', 'daftar_hadir'] },
      { code: 'KON', name: 'Konsumsi rapat', description: 'Makan dan minum rapat PKK', maxPercentOfAllocation: '20', itemCaps: [], evidence: ['nota', 'foto_kegiatan'] },
    ],
  };
}

/** The categories of every programme of a year, by code (the RT/RW grant's name where both have a code): names in lists. */
export function categoriesOfEveryProgramme(y: Pick<ProgrammeYear, 'categories' | 'programmes'> | undefined): Array<{ code: string; name: string }> {
  if (!y) return [];
  const out = new Map<string, { code: string; name: string }>();
  for (const c of [...y.categories, ...(y.programmes ?? []).flatMap((p) => p.categories)]) if (!out.has(c.code)) out.set(c.code, { code: c.code, name: c.name });
  return [...out.values()];
}
