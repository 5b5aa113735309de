/**
 * The RT chair records spending with its evidence. Files are already in the store (written
 * before this transaction); the receipt row that points to them commits here, or not at all
 * (an uncommitted file is an orphan that the sweep removes). A pending receipt reserves cash.
 */
import { actorLabel, type Actor } from '../domain/access';
import { todayWib } from '../domain/calendar';
import { conflict, invalid } from '../domain/errors';
import { checkReceipt, checklistFor, EVIDENCE_KINDS, receiptTransition, type EvidenceKind, type ReceiptDraft } from '../domain/grants/receipt';
import type { ReceiptRow } from '../db/receipt-repository';
import type { StoredFile } from './evidence-store';
import { rtInScope, yearOrThrow } from './scope';
import type { Services } from './services';

export interface UploadedEvidence extends StoredFile {
  kind: EvidenceKind;
}

export const MAX_RECEIPT_FILES = 10;
export const MAX_RECEIPT_BYTES = 30 * 1024 * 1024;

/** Size and count limits, and the first file whose bytes a live receipt anywhere already uses. */
function checkFiles(s: Services, files: readonly UploadedEvidence[]) {
  if (files.length > MAX_RECEIPT_FILES) throw invalid('too_many_files', `Paling banyak ${MAX_RECEIPT_FILES} berkas per kuitansi.`);
  if (files.reduce((a, f) => a + f.size, 0) > MAX_RECEIPT_BYTES) throw invalid('receipt_files_too_large', `Ukuran semua berkas satu kuitansi paling banyak ${MAX_RECEIPT_BYTES / 1024 / 1024} MB.`);
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.sha256)) throw invalid('evidence_duplicate', `Berkas "${f.originalName}" diunggah dua kali.`, { [`file_${f.kind}`]: 'Berkas yang sama dua kali.' });
    seen.add(f.sha256);
    const owner = s.receipts.liveFileOwner(f.sha256);
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
      after: { sha256: dup.file.sha256, fileName: dup.file.originalName, existingReceiptId: dup.owner.receiptId, existingRtId: dup.owner.rtId, existingKelurahan: dup.owner.kelurahanCode },
    }),
  );
  throw conflict('evidence_duplicate', `Berkas "${dup.file.originalName}" sudah pernah dipakai untuk kuitansi lain. Satu bukti hanya untuk satu kuitansi; lampirkan foto atau nota yang asli untuk belanja ini.`);
}

export interface RecordReceiptCommand extends Omit<ReceiptDraft, 'evidenceKinds'> {
  rtId: number;
  year: number;
  files: UploadedEvidence[];
  requestKey: string;
}

export function recordReceipt(s: Services, actor: Actor, cmd: RecordReceiptCommand, ip: string | null = null): ReceiptRow {
  const rt = rtInScope(s, actor, 'receipt.record', cmd.rtId);
  const year = yearOrThrow(s, cmd.year);
  if (year.status === 'closed' || s.tranches.isClosed(year.year, rt.kelurahanCode)) throw conflict('year_closed', `Tahun program ${year.year} sudah ditutup.`);
  const now = s.now();
  if (!s.receipts.findByRequestKey(cmd.requestKey)) refuseDuplicates(s, actor, cmd.files, ip, rt.kelurahanCode);
  return s.db.transaction(() => {
    const existing = s.receipts.findByRequestKey(cmd.requestKey);
    if (existing) {
      if (existing.rtId !== rt.id) throw conflict('request_key_reused', 'Formulir ini sudah dipakai; muat ulang halaman.');
      return existing;
    }
    if (checkFiles(s, cmd.files)) throw conflict('evidence_duplicate', 'Salah satu berkas baru saja dipakai untuk kuitansi lain.');
    const money = s.balances.ofRt(year.year, rt.id);
    const draft: ReceiptDraft = { ...cmd, evidenceKinds: [...new Set(cmd.files.map((f) => f.kind))] };
    const sameNota = s.receipts.sameNota(cmd);
    const flags = checkReceipt(draft, {
      year,
      today: todayWib(now),
      allocation: money.allocated,
      cashAvailable: money.cash - s.receipts.reserved(rt.id, year.year),
      adminUsed: s.receipts.usedInCategory(rt.id, year.year, cmd.category),
      sameNota: sameNota ? { receiptId: sameNota } : null,
    });
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

/** A returned receipt, completed with the missing evidence, goes back to the bendahara. */
export function resubmitReceipt(s: Services, actor: Actor, receiptId: number, files: UploadedEvidence[], ip: string | null = null): ReceiptRow {
  const receipt = s.receipts.find(receiptId);
  if (!receipt) throw invalid('receipt_not_found', 'Kuitansi tidak ditemukan.');
  const rt = rtInScope(s, actor, 'receipt.record', receipt.rtId);
  refuseDuplicates(s, actor, files, ip, rt.kelurahanCode);
  return s.db.transaction(() => {
    const r = s.receipts.find(receiptId)!;
    const status = receiptTransition(r.status, 'resubmit', { isSubmitter: false });
    const kinds = new Set([...s.receipts.files(r.id).map((f) => f.kind), ...files.map((f) => f.kind)]);
    const missing = checklistFor(r.category).filter((k) => !kinds.has(k));
    if (missing.length) {
      throw invalid('evidence_incomplete', `Bukti masih kurang: ${missing.map((k) => EVIDENCE_KINDS[k]).join(', ')}.`, Object.fromEntries(missing.map((k) => [`file_${k}`, 'Wajib dilampirkan.'])));
    }
    const money = s.balances.ofRt(r.year, r.rtId);
    if (r.amount > money.cash - s.receipts.reserved(r.rtId, r.year)) throw invalid('receipt_exceeds_cash', 'Kas RT yang tersedia tidak cukup untuk kuitansi ini.');
    const now = s.now().toISOString();
    for (const f of files) s.evidenceFiles.ensure(f, now);
    s.receipts.addFiles(r.id, files.map((f) => ({ sha256: f.sha256, kind: f.kind, originalName: f.originalName })));
    s.receipts.update(r.id, { status, submittedAt: now });
    s.audit.record(actor, ip, { action: 'receipt.resubmit', targetType: 'receipt', targetId: r.id, kelurahanCode: rt.kelurahanCode, before: { status: r.status, note: r.note }, after: { status, filesAdded: files.length } });
    return s.receipts.find(r.id)!;
  });
}
