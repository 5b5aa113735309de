/**
 * Receipt drafts saved on the server ("Simpan draf", issue 19a): the chair keeps a receipt
 * half-done (fields and photos) and finishes it later, from any device.
 *
 * Invariants:
 * - a draft has no ledger effect and reserves no cash; its photos are not evidence (they are not
 *   in the evidence store) until the receipt is recorded, and no rule of a receipt is checked on
 *   a draft (it may be incomplete);
 * - a draft belongs to one RT; only who may record that RT's receipts sees, changes or deletes it;
 * - bounded: at most MAX_DRAFTS_PER_RT drafts, MAX_DRAFT_BYTES of files per draft and
 *   MAX_RT_DRAFT_BYTES per RT; each file is a photo or PDF by its bytes;
 * - a draft keeps the form's one-time key: the receipt finished from it is recorded once, and
 *   recording it removes the draft in the same transaction (recordReceipt);
 * - every save and delete writes an audit row in its transaction.
 */
import { actorLabel, type Actor } from '../domain/access';
import { fail } from '../domain/errors';
import { examineBytes, ALLOWED_TYPES } from './examine-file';
import type { ReceiptFormValues } from './read-receipts';
import type { NewReceiptDraftFile, ReceiptDraftRow } from './ports';
import { cleanFileName } from './evidence-store';
import { rtInScope, yearOrThrow } from './scope';
import type { Services } from './services';

export const MAX_DRAFTS_PER_RT = 10;
export const MAX_DRAFT_BYTES = 8 * 1024 * 1024;
export const MAX_RT_DRAFT_BYTES = 40 * 1024 * 1024;
export const MAX_DRAFT_FILES = 10;

export interface DraftUpload {
  field: string;
  name: string;
  content: Buffer;
}

export interface SaveDraftCommand {
  rtId: number;
  year: number;
  /** The draft being saved again, or none for a new one. */
  draftId?: number;
  requestKey: string;
  values: ReceiptFormValues;
  files: readonly DraftUpload[];
}

/** The draft, in the actor's scope (404 outside it: a draft is no one else's business). */
function draftInScope(s: Services, actor: Actor, draftId: number): ReceiptDraftRow {
  const d = s.receiptDrafts.find(draftId);
  if (!d) throw fail('receipt_draft_not_found');
  try {
    rtInScope(s, actor, 'receipt.record', d.rtId);
  } catch {
    throw fail('receipt_draft_not_found');
  }
  return d;
}

/** Each file's type from its bytes (a photo must decode); anything else is refused as the receipt form refuses it. */
async function examined(files: readonly DraftUpload[]): Promise<NewReceiptDraftFile[]> {
  const out: NewReceiptDraftFile[] = [];
  for (const f of files) {
    const label = `Berkas "${cleanFileName(f.name).slice(0, 60)}"`;
    if (f.content.length === 0) throw fail('file_empty', { label });
    const r = await examineBytes(f.content);
    if (!r.ok) throw r.problem === 'corrupt' ? fail('file_corrupt', { label }) : r.problem === 'pixels' ? fail('image_too_large', { label }) : fail('file_type_not_allowed', { label });
    if (!(r.mime in ALLOWED_TYPES)) throw fail('file_type_not_allowed', { label });
    out.push({ field: f.field, name: cleanFileName(f.name), mime: r.mime, content: f.content });
  }
  return out;
}

export async function saveReceiptDraft(s: Services, actor: Actor, cmd: SaveDraftCommand, ip: string | null = null): Promise<ReceiptDraftRow> {
  const rt = rtInScope(s, actor, 'receipt.record', cmd.rtId);
  yearOrThrow(s, cmd.year);
  if (cmd.files.length > MAX_DRAFT_FILES) throw fail('too_many_files', { max: MAX_DRAFT_FILES });
  const newBytes = cmd.files.reduce((a, f) => a + f.content.length, 0);
  if (newBytes > MAX_DRAFT_BYTES) throw fail('receipt_draft_too_large', { maxBytes: MAX_DRAFT_BYTES });
  const files = cmd.files.length ? await examined(cmd.files) : undefined;
  return s.db.transaction(() => {
    const existing = cmd.draftId !== undefined ? draftInScope(s, actor, cmd.draftId) : s.receiptDrafts.findByRequestKey(cmd.requestKey);
    if (existing && existing.rtId !== rt.id) throw fail('receipt_draft_not_found');
    // Saved again without files: the photos saved before stay with it.
    const bytes = files ? newBytes : (existing?.bytes ?? 0);
    const usage = s.receiptDrafts.usage(rt.id);
    if (!existing && usage.count >= MAX_DRAFTS_PER_RT) throw fail('receipt_draft_limit', { max: MAX_DRAFTS_PER_RT });
    if (usage.bytes - (existing?.bytes ?? 0) + bytes > MAX_RT_DRAFT_BYTES) throw fail('receipt_draft_rt_full', { maxBytes: MAX_RT_DRAFT_BYTES });
    const row = { fields: JSON.stringify(cmd.values), bytes, savedBy: actor.userId, savedAt: s.now().toISOString() };
    let id: number;
    if (existing) {
      s.receiptDrafts.update(existing.id, row, files);
      id = existing.id;
    } else {
      id = s.receiptDrafts.insert({ ...row, rtId: rt.id, year: cmd.year, requestKey: cmd.requestKey }, files ?? []);
    }
    s.audit.record(actor, ip, {
      action: 'receipt_draft.save',
      targetType: 'receipt_draft',
      targetId: id,
      kelurahanCode: rt.kelurahanCode,
      after: { rtId: rt.id, year: cmd.year, amount: cmd.values.amount, category: cmd.values.category, files: files ? files.length : 'kept', bytes, by: actorLabel(actor) },
    });
    return s.receiptDrafts.find(id)!;
  });
}

export function deleteReceiptDraft(s: Services, actor: Actor, draftId: number, ip: string | null = null): ReceiptDraftRow {
  return s.db.transaction(() => {
    const d = draftInScope(s, actor, draftId);
    const rt = s.registry.findRt(d.rtId)!;
    s.receiptDrafts.delete(d.id);
    s.audit.record(actor, ip, { action: 'receipt_draft.delete', targetType: 'receipt_draft', targetId: d.id, kelurahanCode: rt.kelurahanCode, before: { rtId: d.rtId, year: d.year, bytes: d.bytes } });
    return d;
  });
}

/** Removes the draft a receipt was finished from (inside recordReceipt's transaction). */
export function finishReceiptDraft(s: Services, actor: Actor, rt: { id: number; kelurahanCode: string }, requestKey: string, receiptId: number, ip: string | null): void {
  const d = s.receiptDrafts.findByRequestKey(requestKey);
  if (!d || d.rtId !== rt.id) return;
  s.receiptDrafts.delete(d.id);
  s.audit.record(actor, ip, { action: 'receipt_draft.finish', targetType: 'receipt_draft', targetId: d.id, kelurahanCode: rt.kelurahanCode, after: { receiptId } });
}

export interface DraftView {
  id: number;
  savedAt: string;
  values: ReceiptFormValues;
  requestKey: string;
  files: Array<{ id: number; field: string; name: string; mime: string; size: number; href: string }>;
}

function viewOf(s: Services, d: ReceiptDraftRow): DraftView {
  return {
    id: d.id,
    savedAt: d.savedAt,
    values: JSON.parse(d.fields) as ReceiptFormValues,
    requestKey: d.requestKey,
    files: s.receiptDrafts.files(d.id).map((f) => ({ ...f, href: `/draf/${d.id}/berkas/${f.id}` })),
  };
}

/** An RT's drafts of a year, for whoever may record its receipts (none for anyone else). */
export function readReceiptDrafts(s: Services, actor: Actor, rtId: number, year: number): DraftView[] {
  rtInScope(s, actor, 'receipt.record', rtId);
  return s.receiptDrafts.ofRt(rtId, year).map((d) => viewOf(s, d));
}

export function readReceiptDraft(s: Services, actor: Actor, draftId: number): DraftView & { rtId: number; year: number } {
  const d = draftInScope(s, actor, draftId);
  return { ...viewOf(s, d), rtId: d.rtId, year: d.year };
}

export function readReceiptDraftFile(s: Services, actor: Actor, draftId: number, fileId: number) {
  draftInScope(s, actor, draftId);
  const f = s.receiptDrafts.fileContent(draftId, fileId);
  if (!f) throw fail('file_not_found');
  return f;
}
