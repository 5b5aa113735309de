/** Evidence files, handed only to someone whose scope covers an RT that uses the file; every download audited. */
import { can, readsWholeCity, type Actor } from '../../domain/access';
import { fail } from '../../domain/errors';
import type { ImageWorkers } from '../image-workers';
import type { Services } from '../services';
import { THUMBS_SUFFIX, ThumbnailStore } from '../thumbnail-store';

const SHA = /^[0-9a-f]{64}$/;

/** The stored file's type, for a reader whose scope covers an RT that uses it; 404 otherwise (and for what is not there). */
function allowedFile(s: Services, actor: Actor, sha256: string): { mime: string } {
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
  return meta;
}

function openEvidence(s: Services, actor: Actor, sha256: string, ip: string | null) {
  const meta = allowedFile(s, actor, sha256);
  s.db.transaction(() => s.audit.record(actor, ip, { action: 'file.download', targetType: 'file', targetId: sha256.slice(0, 16) }));
  return { path: s.evidence.pathOf(sha256), mime: meta.mime };
}

/** The review thumbnails beside the evidence store: one store per application, shared by the /kecil route and the upload. */
export const thumbnailStoreOf = (s: Services, workers: () => ImageWorkers | null = () => null) => new ThumbnailStore(`${s.evidence.dir}${THUMBS_SUFFIX}`, workers);

/**
 * Keeps the thumbnails a receipt's upload made for its image files (issue 19: made at upload, so
 * the first review is as fast as the next), in the same store the /kecil route reads from. Called
 * after the receipt's transaction committed; never throws. Nothing is decoded here: a photo whose
 * upload made none (the image workers were behind, a rush) gets its thumbnail at its first view,
 * so a rush spends the threads on the checks every upload needs (issue 15).
 */
export async function makeReceiptThumbnails(s: Services, thumbs: ThumbnailStore, receiptId: number): Promise<void> {
  try {
    const images = s.receipts.files(receiptId).filter((f) => s.evidenceFiles.find(f.sha256)?.mime.startsWith('image/'));
    await Promise.all(images.map((f) => thumbs.keepMade(f.sha256).catch(() => undefined)));
  } catch {
    // The database or the store went away under us (a shutdown): the first view makes them.
  }
}

export function filesArea(s: Services, thumbs: ThumbnailStore = thumbnailStoreOf(s)) {
  return {
    open: (actor: Actor, sha256: string, ip: string | null) => openEvidence(s, actor, sha256, ip),
    /**
     * A photo's review thumbnail (≤ 15 KB, made once and kept beside the store), under the same
     * access check as the photo. Not audited as a download: the full photo is what is handed out.
     * A PDF has none (404): the page links to it instead.
     */
    async thumbnail(actor: Actor, sha256: string): Promise<{ path: string; mime: string }> {
      const meta = allowedFile(s, actor, sha256);
      if (!meta.mime.startsWith('image/')) throw fail('file_not_found');
      return { path: await thumbs.get(sha256, s.evidence.pathOf(sha256)), mime: 'image/webp' };
    },
  };
}
