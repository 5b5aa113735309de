/**
 * The dossier of a demo or test plan (src/domain/grants/dossier.ts): a small real PDF for each
 * letter and copy, and a photo of the meeting with its own pixels, uploaded through the same use
 * case as the chair's page. The berita acara is not among them: it comes with the plan (savePlan).
 */
import type { Actor } from '../domain/access';
import { DOSSIER_CHECKLIST, type DossierKind } from '../domain/grants/dossier';
import { uploadPlanDocument } from './plan-documents';
import { evidenceImage, onePagePdf, seededPhoto } from './seed-documents';
import type { StoredFile } from './evidence-store';
import type { Services } from './services';

const TITLES: Partial<Record<DossierKind, string>> = {
  surat_permohonan: 'SURAT PERMOHONAN PENCAIRAN BANTUAN OPERASIONAL RT',
  sk_lurah: 'KEPUTUSAN LURAH TENTANG PEMBENTUKAN PENGURUS RT',
  buku_tabungan: 'BANK JATENG - BUKU TABUNGAN',
  daftar_hadir: 'DAFTAR HADIR MUSYAWARAH WARGA PENYUSUNAN RAP',
  sptjm: 'SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK',
};

export interface SeedDossierOptions {
  rtLabel: string;
  year: number;
  /** Another programme's grantee: its programme's name titles the surat permohonan (absent: the RT grant's). */
  grantName?: string;
  /** Items left out (a demo RT whose dossier is still incomplete). */
  skip?: readonly DossierKind[];
  /** 'real': a photo-like meeting picture (the demo); 'small': a tiny noise JPEG (tests, fast). */
  photo?: 'real' | 'small';
}

/** Makes the files of every required item but the berita acara (and the RAP, made from the lines): small real PDFs and a meeting photo. */
export async function dossierFiles(s: Services, rtId: number, o: SeedDossierOptions): Promise<Array<{ kind: DossierKind; file: StoredFile }>> {
  const skip = new Set<DossierKind>(['berita_acara', 'rap', 'rap_ttd', ...(o.skip ?? [])]);
  const out: Array<{ kind: DossierKind; file: StoredFile }> = [];
  for (const item of DOSSIER_CHECKLIST) {
    if (skip.has(item.kind) || !item.required) continue;
    const key = `${o.rtLabel} ${o.year} RT#${rtId} ${item.kind}`;
    if (item.kind === 'foto_rapat') {
      const bytes = o.photo === 'real' ? await evidenceImage('foto_kegiatan', ['Musyawarah warga RAP', o.rtLabel, String(o.year)], rtId * 31 + o.year) : await seededPhoto(key, 48, 36);
      out.push({ kind: item.kind, file: await s.evidence.put(bytes, 'image/jpeg', `foto-musyawarah-${o.year}.jpg`) });
      continue;
    }
    const title = item.kind === 'surat_permohonan' && o.grantName ? `SURAT PERMOHONAN PENCAIRAN ${o.grantName.toUpperCase()}` : TITLES[item.kind];
    const pdf = await onePagePdf(title ?? item.label.toUpperCase(), [o.rtLabel, `Tahun anggaran ${o.year}`, `(${key})`]);
    out.push({ kind: item.kind, file: await s.evidence.put(pdf, 'application/pdf', `${item.kind.replace('_', '-')}-${o.year}.pdf`) });
  }
  return out;
}

/** Records files already stored on the RT's working plan version (a bench or fixture may reuse one set for many RTs). */
export function attachDossier(s: Services, actor: Actor, rtId: number, year: number, files: ReadonlyArray<{ kind: DossierKind; file: StoredFile }>): void {
  for (const { kind, file } of files) uploadPlanDocument(s, actor, { rtId, year, kind, file });
}

/** Uploads every required item but the berita acara (and the RAP, made from the lines) to the RT's working plan version. */
export async function seedDossier(s: Services, actor: Actor, rtId: number, o: SeedDossierOptions): Promise<void> {
  attachDossier(s, actor, rtId, o.year, await dossierFiles(s, rtId, o));
}
