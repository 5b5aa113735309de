/**
 * Issue 20: the photos of the public pages. The kelurahan treasurer may hide a receipt's photo
 * from the public (for example one showing a person's ID card) with a reason, and show it again;
 * each decision is a new row, audited. A public photo is served only as a downsized copy without
 * metadata (no EXIF: no camera position, no owner), and only while it belongs to a verified
 * receipt whose category and the treasurer allow it (src/domain/public/disclosure.ts).
 */
import sharp from 'sharp';
import type { Actor } from '../domain/access';
import { EVIDENCE_KINDS } from '../domain/grants/evidence-kinds';
import { fail } from '../domain/errors';
import { discloseReceipt, isPersonalHelpCategory, PUBLIC_PHOTO_KINDS } from '../domain/public/disclosure';
import { rtInScope, yearOfRt } from './scope';
import type { Services } from './services';

const SHA = /^[0-9a-f]{64}$/;
export const PHOTO_REASON_MAX = 300;

/** The receipt's photos that could be public, each with its current decision, for the treasurer. */
export function readPhotoPublicity(s: Services, actor: Actor, receiptId: number) {
  const receipt = s.receipts.find(receiptId);
  if (!receipt) throw fail('receipt_not_found');
  const rt = rtInScope(s, actor, 'photo.publicity', receipt.rtId);
  const decisions = s.publicPages.decisionsOf(receiptId);
  const photos = s.receipts
    .files(receiptId)
    .filter((f) => (PUBLIC_PHOTO_KINDS as readonly string[]).includes(f.kind))
    .map((f) => {
      const last = decisions.filter((d) => d.sha256 === f.sha256).at(-1) ?? null;
      return { sha256: f.sha256, kind: f.kind, kindLabel: EVIDENCE_KINDS[f.kind as keyof typeof EVIDENCE_KINDS] ?? f.kind, hidden: last?.hidden ?? false, reason: last?.reason ?? null, decidedAt: last?.decidedAt ?? null };
    });
  const category = yearOfRt(s, receipt.rtId, receipt.year).categories.find((c) => c.code === receipt.category);
  return { receipt, rt, photos, personalHelp: category ? isPersonalHelpCategory(category) : false, history: decisions.slice().reverse() };
}

/** Hides a photo from the public pages (reason required) or shows it again; audited in the same transaction. */
export function setPhotoPublicity(s: Services, actor: Actor, cmd: { receiptId: number; sha256: string; hidden: boolean; reason: string }, ip: string | null = null): void {
  const page = readPhotoPublicity(s, actor, cmd.receiptId);
  const photo = page.photos.find((p) => p.sha256 === cmd.sha256);
  if (!photo) throw fail('file_not_found');
  const reason = cmd.reason.trim();
  if (reason.length === 0 || reason.length > PHOTO_REASON_MAX) throw fail('photo_reason_invalid', { max: PHOTO_REASON_MAX }, { reason: `Tulis alasannya (1–${PHOTO_REASON_MAX} karakter).` });
  if (photo.hidden === cmd.hidden) return;
  s.db.transaction(() => {
    s.publicPages.insertDecision({ receiptId: cmd.receiptId, sha256: cmd.sha256, hidden: cmd.hidden, reason, decidedBy: actor.userId, decidedAt: s.now().toISOString() });
    s.audit.record(actor, ip, {
      action: cmd.hidden ? 'photo.public_hidden' : 'photo.public_shown',
      targetType: 'receipt',
      targetId: cmd.receiptId,
      kelurahanCode: page.rt.kelurahanCode,
      before: { sha256: cmd.sha256, hidden: photo.hidden },
      after: { sha256: cmd.sha256, hidden: cmd.hidden, reason },
    });
  });
}

/** Whether anyone may see this file as a public photo now. */
export function isPublicPhoto(s: Services, sha256: string): boolean {
  if (!SHA.test(sha256)) return false;
  for (const c of s.publicPages.photoCandidates(sha256)) {
    if (!c.mime.startsWith('image/')) continue;
    const category = s.years.find(c.year, c.year + '-12-31')?.categories.find((x) => x.code === c.category);
    const hidden = s.publicPages.hiddenAmong([c.receiptId]).has(`${c.receiptId}:${sha256}`) ? new Set([sha256]) : new Set<string>();
    const shown = discloseReceipt({ id: c.receiptId, date: '', category: c.category, description: '', vendor: '', amount: 0, status: c.status }, category ? isPersonalHelpCategory(category) : false, [{ sha256, kind: c.kind }], hidden);
    if (shown && shown.photos.length > 0) return true;
  }
  return false;
}

export type PhotoSize = 'kecil' | 'besar';
const SIDE: Record<PhotoSize, number> = { kecil: 240, besar: 1024 };

/** Downsized copies, most recently used kept (bounded): a shared page's thumbnails are encoded once. */
const copies = new Map<string, Buffer>();
const COPIES_MAX = 200;

/** Whether the downsized copy is kept already (serving it costs no decode). */
export const photoIsKept = (_s: Services, sha256: string, size: PhotoSize): boolean => copies.has(`${sha256}:${size}`);

/** A public photo as a downsized JPEG without metadata, or not_found (never the original bytes). */
export async function publicPhoto(s: Services, sha256: string, size: PhotoSize): Promise<Buffer> {
  // Checked on every request, also for a copy kept: a photo hidden a moment ago is not served.
  if (!isPublicPhoto(s, sha256) || !s.evidence.exists(sha256)) throw fail('file_not_found');
  const key = `${sha256}:${size}`;
  const kept = copies.get(key);
  if (kept) {
    copies.delete(key);
    copies.set(key, kept);
    return kept;
  }
  // sharp writes no metadata unless asked (withMetadata): EXIF, GPS and ICC comments are dropped; rotate() applies the EXIF orientation first.
  const out = await sharp(s.evidence.pathOf(sha256), { limitInputPixels: 40_000_000 })
    .rotate()
    .resize({ width: SIDE[size], height: SIDE[size], fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: size === 'kecil' ? 70 : 80, mozjpeg: false })
    .toBuffer();
  copies.set(key, out);
  if (copies.size > COPIES_MAX) copies.delete(copies.keys().next().value!);
  return out;
}
