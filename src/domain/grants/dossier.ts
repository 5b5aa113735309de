/**
 * The dossier (berkas) that must accompany an RT's plan before money moves (Perwal 32/2025,
 * DP3A guideline B/1350/400.10.2/VII/2025): the letters, copies, the RAP, the berita acara,
 * the attendance list and photos of the residents' meeting, and the SPTJM.
 *
 * Invariants:
 * - a plan is submitted, and approved, only with a complete dossier: every required item has at
 *   least its minimum number of files (the RAP itself counts when the plan has lines);
 * - a file of an item is one of the types that item allows (a photo of the meeting is a photo);
 * - an item holds at most its maximum number of files (a single-file item is replaced, not added to);
 * - what was required is fixed when the plan is submitted (`requirementsOf`), so a later change of
 *   the checklist never re-judges a plan already submitted or decided.
 */
import { fail } from '../errors';

export const DOSSIER_KINDS = ['surat_permohonan', 'sk_lurah', 'buku_tabungan', 'rap', 'rap_ttd', 'berita_acara', 'daftar_hadir', 'foto_rapat', 'sptjm'] as const;
export type DossierKind = (typeof DOSSIER_KINDS)[number];

const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const TYPE_NAMES: Readonly<Record<string, string>> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

export interface DossierItem {
  kind: DossierKind;
  /** What the chair and the treasurer read (Bahasa Indonesia). */
  label: string;
  hint: string;
  required: boolean;
  /** At least this many files make the item present (a required item needs at least 1). */
  minCount: number;
  maxCount: number;
  /** The types a file of this item may be (decided by its bytes). */
  types: readonly string[];
  /** Made by Dana RT itself (the RAP from the plan's lines): nothing to upload. */
  generated?: boolean;
}

/** The checklist of the DP3A guideline, in its order: the default of every programme year. */
export const DOSSIER_CHECKLIST: readonly DossierItem[] = [
  { kind: 'surat_permohonan', label: 'Surat permohonan pencairan', hint: 'Ditandatangani ketua RT.', required: true, minCount: 1, maxCount: 1, types: DOCUMENT_TYPES },
  { kind: 'sk_lurah', label: 'Salinan Keputusan Lurah pembentukan RT/RW', hint: 'Salinan SK yang berlaku.', required: true, minCount: 1, maxCount: 1, types: DOCUMENT_TYPES },
  { kind: 'buku_tabungan', label: 'Salinan buku tabungan Bank Jateng atas nama RT', hint: 'Halaman yang memuat nama dan nomor rekening.', required: true, minCount: 1, maxCount: 1, types: DOCUMENT_TYPES },
  { kind: 'rap', label: 'Rencana Anggaran Penggunaan (RAP)', hint: 'Dibuat otomatis dari baris rencana ini.', required: true, minCount: 1, maxCount: 1, types: [], generated: true },
  { kind: 'rap_ttd', label: 'Pindaian RAP bertanda tangan', hint: 'Tidak wajib.', required: false, minCount: 0, maxCount: 1, types: DOCUMENT_TYPES },
  {
    kind: 'berita_acara',
    label: 'Berita acara kesepakatan RAP',
    hint: 'Ditandatangani ketua, sekretaris, bendahara RT dan paling sedikit 5 warga dari 5 KK.',
    required: true,
    minCount: 1,
    maxCount: 1,
    types: DOCUMENT_TYPES,
  },
  { kind: 'daftar_hadir', label: 'Daftar hadir musyawarah warga', hint: 'Daftar hadir rapat yang menyepakati RAP.', required: true, minCount: 1, maxCount: 1, types: DOCUMENT_TYPES },
  { kind: 'foto_rapat', label: 'Foto musyawarah warga', hint: 'Paling sedikit 1 foto (JPEG, PNG atau WebP), paling banyak 10.', required: true, minCount: 1, maxCount: 10, types: PHOTO_TYPES },
  { kind: 'sptjm', label: 'Surat Pernyataan Tanggung Jawab Mutlak (SPTJM)', hint: 'Ditandatangani ketua RT di atas meterai.', required: true, minCount: 1, maxCount: 1, types: DOCUMENT_TYPES },
];

/** A year's checklist: its own setting when it has one (programme settings), else the guideline's. */
export function dossierChecklistOf(year: { year: number; dossier?: readonly DossierItem[] }): readonly DossierItem[] {
  return year.dossier ?? DOSSIER_CHECKLIST;
}

export const isDossierKind = (v: unknown): v is DossierKind => typeof v === 'string' && (DOSSIER_KINDS as readonly string[]).includes(v);

export function dossierItem(checklist: readonly DossierItem[], kind: string): DossierItem {
  const item = checklist.find((i) => i.kind === kind);
  if (!item || item.generated) throw fail('dossier_kind_unknown');
  return item;
}

/** What a submission fixes: the minimum number of files per required item (kind → count). */
export type DossierRequirements = Readonly<Record<string, number>>;

export function requirementsOf(checklist: readonly DossierItem[]): DossierRequirements {
  return Object.fromEntries(checklist.filter((i) => i.required).map((i) => [i.kind, Math.max(1, i.minCount)]));
}

/** The requirements a submission stored (JSON); anything unreadable requires the whole default checklist. */
export function parseRequirements(json: string): DossierRequirements {
  try {
    const v: unknown = JSON.parse(json);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).filter(([k, n]) => isDossierKind(k) && Number.isSafeInteger(n) && (n as number) >= 1);
      if (entries.length) return Object.fromEntries(entries) as DossierRequirements;
    }
  } catch {
    // falls through to the default
  }
  return requirementsOf(DOSSIER_CHECKLIST);
}

export interface DossierJudgement {
  complete: boolean;
  /** The required items with fewer files than their minimum, in checklist order. */
  missing: DossierKind[];
}

/**
 * A plan's files counted per item, as every judge of the dossier counts them (the submission, the
 * treasurer's decision, `verify` and verify-bundle): its files not withdrawn, per kind; the
 * berita acara held in the plan's own column; the RAP made from its lines.
 */
export function dossierCounts(docKinds: Iterable<string>, hasBeritaAcara: boolean, hasLines: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of docKinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  if (hasBeritaAcara) counts.set('berita_acara', 1);
  if (hasLines) counts.set('rap', 1);
  return counts;
}

/** Judges a plan's files (kind → number of files) against what is required. */
export function judgeDossier(required: DossierRequirements, counts: ReadonlyMap<string, number>): DossierJudgement {
  const missing = (Object.keys(required) as DossierKind[]).filter((k) => (counts.get(k) ?? 0) < required[k]!);
  return { complete: missing.length === 0, missing };
}

export function dossierLabel(checklist: readonly DossierItem[], kind: string): string {
  return checklist.find((i) => i.kind === kind)?.label ?? DOSSIER_CHECKLIST.find((i) => i.kind === kind)?.label ?? kind;
}

/** Refuses a submission or an approval whose dossier is incomplete, naming every missing item. */
export function refuseIncompleteDossier(checklist: readonly DossierItem[], counts: ReadonlyMap<string, number>, required = requirementsOf(checklist)): DossierRequirements {
  const { missing } = judgeDossier(required, counts);
  if (missing.length) {
    throw fail(
      'dossier_incomplete',
      { missing: missing.map((k) => dossierLabel(checklist, k)) },
      Object.fromEntries(missing.map((k) => [`dok_${k}`, 'Belum diunggah.'])),
    );
  }
  return required;
}

/** Refuses a file whose type the item does not take (a PDF as a meeting photo). */
export function refuseDossierFileType(item: DossierItem, mime: string): void {
  if (!item.types.includes(mime)) {
    const names = item.types.map((t) => TYPE_NAMES[t] ?? t);
    throw fail('dossier_file_type', { label: item.label, types: names }, { [`dok_${item.kind}`]: `Harus ${names.join(', ')}.` });
  }
}

/** Refuses one more file for an item that already holds its maximum (single-file items are replaced instead). */
export function refuseDossierFull(item: DossierItem, current: number): void {
  if (item.maxCount > 1 && current >= item.maxCount) throw fail('dossier_item_full', { label: item.label, max: item.maxCount }, { [`dok_${item.kind}`]: `Paling banyak ${item.maxCount} berkas.` });
}
