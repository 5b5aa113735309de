/**
 * The RT chair records spending with its evidence. Files are already in the store (written
 * before this transaction); the receipt row that points to them commits here, or not at all
 * (an uncommitted file is an orphan that the sweep removes). A pending receipt reserves cash.
 */
import { actorLabel, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { fail } from '../domain/errors';
import { checkReceipt, EVIDENCE_KINDS, receiptTransition, type EvidenceKind, type ReceiptDraft, type ReceiptFacts, type ReceiptFlag } from '../domain/grants/receipt';
import type { ReceiptRow } from './ports';
import type { StoredFile } from './evidence-store';
import { rtInScope, yearOfGrantee } from './scope';
import type { Services } from './services';
import { cashAvailableFor } from './cash-facts';
import { nearPhotoFlags, withNewFlags } from './near-duplicate-photos';
import { refuseIfClosed } from '../domain/grants/year-window';
import { refuseIfReported } from '../domain/grants/reported-months';
import { lastReportedOf } from './spj';
import { rbbFlags, refuseOverPlanLine } from './plan-line-facts';
import { refuseOverQuota } from './evidence-quota';
import { assignReceiptNumber } from './document-numbers';
import { finishReceiptDraft } from './receipt-drafts';

export interface UploadedEvidence extends StoredFile {
  kind: EvidenceKind;
}

export const MAX_RECEIPT_FILES = 10;
export const MAX_RECEIPT_BYTES = 30 * 1024 * 1024;

/**
 * Size and count limits, and the first file whose bytes, or whose decoded pixels (the same photo
 * re-saved, as PNG, with other metadata or bytes appended), a live receipt anywhere already uses.
 */
function checkFiles(s: Services, files: readonly UploadedEvidence[]) {
  if (files.length > MAX_RECEIPT_FILES) throw fail('too_many_files', { max: MAX_RECEIPT_FILES });
  if (files.reduce((a, f) => a + f.size, 0) > MAX_RECEIPT_BYTES) throw fail('receipt_files_too_large', { maxBytes: MAX_RECEIPT_BYTES });
  const seen = new Set<string>();
  for (const f of files) {
    const keys = [f.sha256, ...(f.pixelSha256 ? [`pixels:${f.pixelSha256}`] : [])];
    if (keys.some((k) => seen.has(k))) throw fail('evidence_uploaded_twice', { file: f.originalName }, { [`file_${f.kind}`]: 'Berkas yang sama dua kali.' });
    for (const k of keys) seen.add(k);
    const owner = s.receipts.liveFileOwner(f.sha256) ?? (f.pixelSha256 ? s.evidenceFiles.livePixelOwner(f.pixelSha256) : undefined);
    if (owner) return { file: f, owner };
  }
  return null;
}

/**
 * Refuses a file already used by a live receipt. The chair learns only that it is a duplicate;
 * which receipt it duplicates goes to the audit log (committed even though the receipt is not),
 * where the bendahara's review page and the auditor see it.
 */
function refuseDuplicates(s: Services, actor: Actor, files: readonly UploadedEvidence[], ip: string | null, kelurahanCode: string): void {
  const dup = checkFiles(s, files);
  if (!dup) return;
  s.db.transaction(() =>
    s.audit.record(actor, ip, {
      action: 'receipt.duplicate_refused',
      targetType: 'receipt',
      targetId: dup.owner.receiptId,
      kelurahanCode,
      after: { sha256: dup.file.sha256, pixelSha256: dup.file.pixelSha256, fileName: dup.file.originalName, existingReceiptId: dup.owner.receiptId, existingRtId: dup.owner.rtId, existingKelurahan: dup.owner.kelurahanCode },
    }),
  );
  throw fail('evidence_duplicate', { file: dup.file.originalName });
}

/** A receipt may not land in a month already reported, nor in any earlier one (reported-months.ts). */
export function refuseIfMonthReported(s: Services, rtId: number, year: number, date: string): void {
  refuseIfReported(date, lastReportedOf(s, rtId, year));
}

export interface RecordReceiptCommand extends Omit<ReceiptDraft, 'evidenceKinds'> {
  rtId: number;
  year: number;
  files: UploadedEvidence[];
  requestKey: string;
  /** The RT's yearly storage quota (bytes), checked again inside the transaction. */
  quotaBytes?: number;
}

/** What a new receipt's rules are judged against: the same facts before its files are read and in its transaction. */
function entryFacts(s: Services, rtId: number, year: ReceiptFacts['year'], cmd: Parameters<Services['receipts']['sameNota']>[0] & { date: string; category: string }, now: Date): ReceiptFacts {
  const sameNota = s.receipts.sameNota(cmd);
  return {
    year,
    today: todayWib(now),
    allocation: s.balances.ofRt(year.year, rtId).allocated,
    cashAvailable: cashAvailableFor(s, rtId, year.year, cmd.date),
    adminUsed: s.receipts.usedInCategory(rtId, year.year, cmd.category),
    sameNota: sameNota ? { receiptId: sameNota } : null,
  };
}

/**
 * Every rule of a new receipt that needs no file's bytes: the month not reported, the date,
 * category, items and caps, forbidden uses, cash, the category limit, the evidence checklist
 * (against the kinds of file the form carries or says it will carry) and the plan line. The one
 * place these run: the quick check before upload, the check when the first file starts, and
 * the recording transaction all call it. Returns the flags the bendahara will see.
 */
export function checkReceiptFields(s: Services, rt: { id: number }, year: ReceiptFacts['year'], cmd: Omit<RecordReceiptCommand, 'files' | 'rtId' | 'year' | 'requestKey' | 'quotaBytes'>, evidenceKinds: readonly EvidenceKind[], now: Date): ReceiptFlag[] {
  refuseIfMonthReported(s, rt.id, year.year, cmd.date);
  const flags = checkReceipt({ ...cmd, evidenceKinds: [...new Set(evidenceKinds)] }, entryFacts(s, rt.id, year, cmd, now));
  refuseOverPlanLine(s, { ...cmd, rtId: rt.id, year: year.year }, 'entry');
  return flags;
}

/**
 * Everything a receipt needs that no file can change, checked from the typed fields before any
 * file is read (issue 17) or before the phone sends any byte of a photo (issue 19): scope, year
 * open, then checkReceiptFields, and a quota already used up. `evidenceKinds` are the kinds of
 * file the form will carry (the quick check); without them (the upload already streaming) every
 * kind counts as present and the checklist waits for the files. A retry of a form already
 * recorded passes (it gets its receipt).
 */
export function precheckReceipt(s: Services, actor: Actor, cmd: Omit<RecordReceiptCommand, 'files'>, evidenceKinds?: readonly EvidenceKind[]): ReceiptFlag[] {
  const rt = rtInScope(s, actor, 'receipt.record', cmd.rtId);
  const year = yearOfGrantee(s, rt, cmd.year);
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  if (s.receipts.findByRequestKey(cmd.requestKey)) return [];
  const flags = checkReceiptFields(s, rt, year, cmd, evidenceKinds ?? (Object.keys(EVIDENCE_KINDS) as EvidenceKind[]), s.now());
  refuseOverQuota(s, rt.id, year.year, cmd.quotaBytes);
  return flags;
}

export function recordReceipt(s: Services, actor: Actor, cmd: RecordReceiptCommand, ip: string | null = null): ReceiptRow {
  const rt = rtInScope(s, actor, 'receipt.record', cmd.rtId);
  const year = yearOfGrantee(s, rt, cmd.year);
  refuseIfClosed(year, s.tranches.isClosed(year.year, rt.kelurahanCode));
  const now = s.now();
  if (!s.receipts.findByRequestKey(cmd.requestKey)) refuseDuplicates(s, actor, cmd.files, ip, rt.kelurahanCode);
  return s.db.transaction(() => {
    const existing = s.receipts.findByRequestKey(cmd.requestKey);
    if (existing) {
      // A retry of the same form gets the receipt it made; the same key with other content is refused.
      const same = existing.rtId === rt.id && existing.amount === cmd.amount && existing.date === cmd.date && existing.category === cmd.category;
      if (!same) throw fail('request_key_reused');
      return existing;
    }
    const raced = checkFiles(s, cmd.files);
    if (raced) throw fail('evidence_duplicate', { file: raced.file.originalName });
    const flags = checkReceiptFields(s, rt, year, cmd, cmd.files.map((f) => f.kind), now);
    if (cmd.files.length) refuseOverQuota(s, rt.id, year.year, cmd.quotaBytes, cmd.files);
    flags.push(...rbbFlags(s, year, { ...cmd, rtId: rt.id }));
    flags.push(...nearPhotoFlags(s, cmd.files));
    for (const f of cmd.files) s.evidenceFiles.ensure(f, now.toISOString());
    const id = s.receipts.insert(
      {
        rtId: rt.id,
        year: year.year,
        date: cmd.date,
        category: cmd.category,
        description: cmd.description,
        vendor: cmd.vendor,
        notaNumber: cmd.notaNumber,
        amount: cmd.amount,
        status: 'pending',
        flags: JSON.stringify(flags),
        submittedBy: actor.userId,
        submittedAt: now.toISOString(),
        requestKey: cmd.requestKey,
      },
      cmd.items,
      cmd.files.map((f) => ({ sha256: f.sha256, kind: f.kind, originalName: f.originalName })),
    );
    assignReceiptNumber(s, id, rt.id, year.year);
    // A receipt finished from a saved draft: the draft goes in the same transaction.
    finishReceiptDraft(s, actor, rt, cmd.requestKey, id, ip);
    s.audit.record(actor, ip, {
      action: 'receipt.record',
      targetType: 'receipt',
      targetId: id,
      kelurahanCode: rt.kelurahanCode,
      after: { rtId: rt.id, date: cmd.date, category: cmd.category, amount: cmd.amount, files: cmd.files.length, flags: flags.map((f) => f.code), by: actorLabel(actor) },
    });
    return s.receipts.find(id)!;
  });
}

/** The chair withdraws a returned receipt (to record a corrected one); its files become free again. */
export function withdrawReceipt(s: Services, actor: Actor, receiptId: number, ip: string | null = null): ReceiptRow {
  const receipt = s.receipts.find(receiptId);
  if (!receipt) throw fail('receipt_not_found');
  const rt = rtInScope(s, actor, 'receipt.record', receipt.rtId);
  return s.db.transaction(() => {
    const r = s.receipts.find(receiptId)!;
    const status = receiptTransition(r.status, 'withdraw', { isSubmitter: false });
    s.receipts.update(r.id, { status, note: `Ditarik oleh ketua RT. ${r.note ?? ''}`.trim() });
    s.audit.record(actor, ip, { action: 'receipt.withdraw', targetType: 'receipt', targetId: r.id, kelurahanCode: rt.kelurahanCode, before: { status: r.status }, after: { status } });
    return s.receipts.find(r.id)!;
  });
}

/** Before the files of a resubmission are read: the receipt is the actor's, returned, in an open year, and the quota has room. */
export function precheckResubmit(s: Services, actor: Actor, receiptId: number, quotaBytes?: number): void {
  const r = s.receipts.find(receiptId);
  if (!r) throw fail('receipt_not_found');
  const rt = rtInScope(s, actor, 'receipt.record', r.rtId);
  receiptTransition(r.status, 'resubmit', { isSubmitter: false });
  refuseIfClosed(yearOfGrantee(s, rt, r.year), s.tranches.isClosed(r.year, rt.kelurahanCode));
  refuseOverQuota(s, r.rtId, r.year, quotaBytes);
}

/** A returned receipt, completed with the missing evidence, goes back to the bendahara. */
export function resubmitReceipt(s: Services, actor: Actor, receiptId: number, files: UploadedEvidence[], ip: string | null = null, quotaBytes?: number): ReceiptRow {
  const receipt = s.receipts.find(receiptId);
  if (!receipt) throw fail('receipt_not_found');
  const rt = rtInScope(s, actor, 'receipt.record', receipt.rtId);
  refuseDuplicates(s, actor, files, ip, rt.kelurahanCode);
  return s.db.transaction(() => {
    const r = s.receipts.find(receiptId)!;
    const status = receiptTransition(r.status, 'resubmit', { isSubmitter: false });
    if (files.length === 0) {
      throw fail('resubmit_needs_change');
    }
    const year = yearOfGrantee(s, rt, r.year);
    refuseIfClosed(year, s.tranches.isClosed(r.year, rt.kelurahanCode));
    refuseIfMonthReported(s, r.rtId, r.year, r.date);
    const money = s.balances.ofRt(r.year, r.rtId);
    const sameNota = s.receipts.sameNota(r, r.id);
    // Every rule at entry again: the cash, the category limit and the checklist may have changed
    // since. The receipt's own hold (it is returned) does not count against it.
    checkReceipt(
      { date: r.date, category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.notaNumber, amount: r.amount, items: s.receipts.items(r.id), evidenceKinds: [...new Set([...s.receipts.files(r.id).map((f) => f.kind as EvidenceKind), ...files.map((f) => f.kind)])] },
      { year, today: todayWib(s.now()), allocation: money.allocated, cashAvailable: cashAvailableFor(s, r.rtId, r.year, r.date, r), adminUsed: s.receipts.usedInCategory(r.rtId, r.year, r.category) - r.amount, sameNota: sameNota ? { receiptId: sameNota } : null },
    );
    refuseOverPlanLine(s, r, 'entry');
    refuseOverQuota(s, r.rtId, r.year, quotaBytes, files);
    const now = s.now().toISOString();
    const similar = nearPhotoFlags(s, files, r.id);
    for (const f of files) s.evidenceFiles.ensure(f, now);
    s.receipts.addFiles(r.id, files.map((f) => ({ sha256: f.sha256, kind: f.kind, originalName: f.originalName })));
    s.receipts.update(r.id, { status, submittedAt: now, ...(similar.length ? { flags: JSON.stringify(withNewFlags(JSON.parse(r.flags) as ReceiptFlag[], similar)) } : {}) });
    s.audit.record(actor, ip, { action: 'receipt.resubmit', targetType: 'receipt', targetId: r.id, kelurahanCode: rt.kelurahanCode, before: { status: r.status, note: r.note }, after: { status, filesAdded: files.length } });
    return s.receipts.find(r.id)!;
  });
}
