/**
 * The kinds of evidence a receipt carries, and what each category asks for by default.
 * The checklist per category is a setting of the programme year (Category.evidence); these
 * are its defaults (DOMAIN.md §4).
 *
 * Invariants:
 * - every checklist names only known kinds and is never empty (a receipt always has its nota).
 */
export const EVIDENCE_KINDS = {
  nota: 'Nota / struk / kuitansi',
  foto_barang: 'Foto barang atau hasil pekerjaan',
  foto_kegiatan: 'Foto kegiatan',
  daftar_hadir: 'Daftar hadir',
  undangan: 'Undangan',
  notulen: 'Notulen',
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

export const isEvidenceKind = (k: string): k is EvidenceKind => Object.hasOwn(EVIDENCE_KINDS, k);

/** What each category needs (DOMAIN.md §4): goods need a photo, activities photos and an attendance list. */
export const DEFAULT_EVIDENCE_CHECKLIST: Record<string, EvidenceKind[]> = {
  ADM: ['nota'],
  SOS: ['nota', 'foto_kegiatan', 'daftar_hadir'],
  BUD: ['nota', 'foto_kegiatan', 'daftar_hadir'],
  PEM: ['nota', 'foto_kegiatan', 'daftar_hadir'],
  LIN: ['nota', 'foto_kegiatan'],
  PML: ['nota', 'foto_barang'],
  PRL: ['nota', 'foto_barang'],
};

/** A category's checklist: its setting, else the default for its code, else the nota alone. */
export function checklistOf(category: { code: string; evidence?: readonly EvidenceKind[] }): EvidenceKind[] {
  return [...(category.evidence ?? DEFAULT_EVIDENCE_CHECKLIST[category.code] ?? ['nota'])];
}

/**
 * A return note from the checklist items the treasurer ticked (as missing or unclear) and her own
 * words: "Kurang/tidak jelas: Foto kegiatan, Daftar hadir. <catatan>". Kinds outside the
 * receipt's checklist are dropped (a stale or forged form cannot name what the category never asked).
 */
export function returnNote(checklist: readonly EvidenceKind[], ticked: readonly string[], note: string): string {
  const named = checklist.filter((k) => ticked.includes(k)).map((k) => EVIDENCE_KINDS[k]);
  const own = note.trim();
  const head = named.length > 0 ? `Kurang/tidak jelas: ${named.join(', ')}.` : '';
  return [head, own].filter(Boolean).join(' ');
}
