/**
 * The dossier of a demo or test plan (src/domain/grants/dossier.ts): a small real PDF for each
 * letter and copy, and a photo of the meeting with its own pixels, uploaded through the same use
 * case as the chair's page. The berita acara is not among them: it comes with the plan (savePlan).
 */
import type { Actor } from '../domain/access';
import { DOSSIER_CHECKLIST, type DossierKind } from '../domain/grants/dossier';
import { uploadPlanDocument } from './plan-documents';
import { evidenceImage, onePagePdf, seededPhoto } from './seed-documents';
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
  /** Items left out (a demo RT whose dossier is still incomplete). */
  skip?: readonly DossierKind[];
  /** 'real': a photo-like meeting picture (the demo); 'small': a tiny noise JPEG (tests, fast). */
  photo?: 'real' | 'small';
}

/** Uploads every required item but the berita acara (and the RAP, made from the lines) to the RT's working plan version. */
export async function seedDossier(s: Services, actor: Actor, rtId: number, o: SeedDossierOptions): Promise<void> {
  const skip = new Set<DossierKind>(['berita_acara', 'rap', 'rap_ttd', ...(o.skip ?? [])]);
  for (const item of DOSSIER_CHECKLIST) {
    if (skip.has(item.kind) || !item.required) continue;
    const key = `${o.rtLabel} ${o.year} RT#${rtId} ${item.kind}`;
    if (item.kind === 'foto_rapat') {
      const bytes = o.photo === 'real' ? await evidenceImage('foto_kegiatan', ['Musyawarah warga RAP', o.rtLabel, String(o.year)], rtId * 31 + o.year) : await seededPhoto(key, 48, 36);
      const file = await s.evidence.put(bytes, 'image/jpeg', `foto-musyawarah-${o.year}.jpg`);
      uploadPlanDocument(s, actor, { rtId, year: o.year, kind: item.kind, file });
      continue;
    }
    const pdf = await onePagePdf(TITLES[item.kind] ?? item.label.toUpperCase(), [o.rtLabel, `Tahun anggaran ${o.year}`, `(${key})`]);
    const file = await s.evidence.put(pdf, 'application/pdf', `${item.kind.replace('_', '-')}-${o.year}.pdf`);
    uploadPlanDocument(s, actor, { rtId, year: o.year, kind: item.kind, file });
  }
}
