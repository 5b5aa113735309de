/**
 * Reports: the LPJ, the cash book and SPJ documents, the journal and the auditor's bundle.
 * Every download is written to the audit log by the use case that hands it out.
 */
import { pipeline } from 'node:stream/promises';
import { Readable, type Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { can, type Actor } from '../../domain/access';
import { todayWib } from '../../domain/calendar';
import { fail } from '../../domain/errors';
import type { BundleScope } from '../../reports/audit-bundle';
import type { Lpj } from '../../reports/shapes/lpj';
import { bundleRunner } from '../bundle-process';
import { checkpointFor } from '../checkpoints';
import { ExportJobs, type ExportJob } from '../export-jobs';
import { journalChunks, journalFileName, journalScopeFor } from '../export-journal';
import { readCashBook, readSpjDocument } from '../read-cash-book';
import { readLpj } from '../read-lpj';
import { readReceiptDocument } from '../read-receipt-document';
import { withReadSnapshot } from '../read-snapshot';
import { kelurahanInScope } from '../scope';
import type { Services } from '../services';
import { bindTo } from './bind';
import { issueDocumentNumber, type NumberedDocument } from '../document-numbers';
import { rtUnit } from '../../domain/documents/document-number';
import { kelurahanInReach } from './registry';

type Ip = string | null;

/** Audits a download; a numbered document gets its number (the one issued before, or the next) in the same transaction. */
function recordDownload(s: Services, actor: Actor, ip: Ip, what: string, scope: Record<string, unknown>, numbered?: NumberedDocument): string | null {
  return s.db.transaction(() => {
    const number = numbered ? issueDocumentNumber(s, actor, numbered) : null;
    s.audit.record(actor, ip, { action: 'report.download', targetType: 'report', targetId: what, kelurahanCode: (scope.kelurahanCode as string | null) ?? null, after: number ? { ...scope, number } : scope });
    return number;
  });
}

/** The scope of an export, checked against the reader's: a bendahara's default is its own kelurahan. */
function exportScope(s: Services, actor: Actor, year: number, kelurahanCode: string | null): BundleScope {
  const scope = { year, kelurahanCode: kelurahanCode ?? (actor.role === 'bendahara' ? actor.kelurahanCode : null) };
  journalScopeFor(s, actor, scope);
  return scope;
}

const bundleFileName = (s: Services, scope: BundleScope) => journalFileName(s, scope).replace(/^jurnal-/, 'bundel-audit-').replace(/\.journal$/, '.zip');

/** The reports page: the bendahara's own kelurahan, or the kelurahan the reader may choose from. */
function reportsPage(s: Services, actor: Actor) {
  const own = actor.role === 'bendahara' && actor.kelurahanCode ? (s.registry.findKelurahan(actor.kelurahanCode) ?? null) : null;
  return { own, kelurahan: own ? [] : kelurahanInReach(s, actor, 'report.download'), canCity: can(actor, 'report.city') };
}

export function reportsArea(s: Services, cfg: Pick<Config, 'exportMaxRunning' | 'exportMaxQueuedPerUser' | 'exportWorkerHeapMb'>, logger?: Logger) {
  // Each bundle in a child process with its own heap; after each one the WAL is folded back
  // (the bundle's snapshot held it open meanwhile).
  const jobs = new ExportJobs(bundleRunner(s, cfg.exportWorkerHeapMb), { maxRunning: cfg.exportMaxRunning, maxQueuedPerUser: cfg.exportMaxQueuedPerUser }, logger, () => void s.db.walCheckpoint());
  return {
    ...bindTo(s, { page: reportsPage, lpj: readLpj, cashBook: readCashBook, spjDocument: readSpjDocument }),
    /**
     * The LPJ page, kept with what decorate makes of it until the next commit (or the next day:
     * it counts days late). Access is checked on every call.
     */
    lpjPage<T>(actor: Actor, code: string, year: number, month: string | undefined, decorate: (l: Lpj) => T): T {
      kelurahanInScope(s, actor, 'report.download', code);
      return s.kept.remember(`lpj:${code}:${year}:${month ?? ''}:${todayWib(s.now())}`, () => decorate(readLpj(s, actor, code, year, month)));
    },
    /** The LPJ and, for a printed format (PDF, XLSX), the signed checkpoint it carries. */
    downloadLpj(actor: Actor, code: string, year: number, month: string | undefined, format: string, ip: Ip) {
      const l = readLpj(s, actor, code, year, month);
      const checkpoint = format === 'csv' ? null : checkpointFor(s, 'dokumen');
      const numbered: NumberedDocument | undefined = format === 'csv' ? undefined : { kelurahanCode: l.kelurahan.code, kind: 'LPJ', year: l.year.year, docKey: `lpj:${l.kelurahan.code}:${l.year.year}:${month ?? 'tahun'}` };
      const number = recordDownload(s, actor, ip, `lpj.${format}`, { kelurahanCode: l.kelurahan.code, year: l.year.year, month: l.month, checkpoint: checkpoint?.seq }, numbered);
      return { ...l, number, checkpoint };
    },
    /** The cash book with the signed checkpoint its PDF carries. */
    downloadCashBook(actor: Actor, rtId: number, year: number, month: string | undefined, ip: Ip) {
      const b = readCashBook(s, actor, rtId, year, month);
      const checkpoint = checkpointFor(s, 'dokumen');
      const numbered: NumberedDocument = { kelurahanCode: b.rt.kelurahanCode, kind: 'BKU', year: b.year.year, unit: rtUnit(b.rt.number, b.rt.rwNumber), docKey: `bku:${b.rt.id}:${b.year.year}:${b.month ?? 'tahun'}` };
      const number = recordDownload(s, actor, ip, 'bku.pdf', { kelurahanCode: b.rt.kelurahanCode, rtId: b.rt.id, year: b.year.year, month: b.month, checkpoint: checkpoint.seq }, numbered);
      return { ...b, number, checkpoint };
    },
    /** The SPJ document with the signed checkpoint its PDF carries. */
    downloadSpj(actor: Actor, rtId: number, month: string, ip: Ip) {
      const d = readSpjDocument(s, actor, rtId, Number(month.slice(0, 4)), month);
      const checkpoint = checkpointFor(s, 'dokumen');
      const numbered: NumberedDocument = { kelurahanCode: d.rt.kelurahanCode, kind: 'SPJ', year: d.year.year, unit: rtUnit(d.rt.number, d.rt.rwNumber), docKey: `spj:${d.rt.id}:${month}` };
      const number = recordDownload(s, actor, ip, 'spj.pdf', { kelurahanCode: d.rt.kelurahanCode, rtId: d.rt.id, month, checkpoint: checkpoint.seq }, numbered);
      return { ...d, number, checkpoint };
    },
    /** A receipt (kuitansi) printed to be signed, with its meterai box when the amount needs one. */
    downloadReceipt(actor: Actor, rtId: number, receiptId: number, ip: Ip) {
      const r = readReceiptDocument(s, actor, rtId, receiptId);
      recordDownload(s, actor, ip, 'kuitansi.pdf', { kelurahanCode: s.registry.findRt(rtId)!.kelurahanCode, rtId, receiptId, number: r.number });
      return r;
    },
    /** Checks the scope and names the file; the caller then streams it with writeBundle/writeJournal. */
    prepareExport(actor: Actor, kind: 'bundle' | 'journal', year: number, kelurahanCode: string | null, ip: Ip) {
      const scope = exportScope(s, actor, year, kelurahanCode);
      // Every export is signed at: the head it starts from is then on record (reused while it has not moved).
      const checkpoint = checkpointFor(s, 'ekspor');
      recordDownload(s, actor, ip, kind, { ...scope, checkpoint: checkpoint.seq });
      return { scope, fileName: kind === 'bundle' ? bundleFileName(s, scope) : journalFileName(s, scope) };
    },
    /**
     * Streams a bundle prepared by prepareExport to out once the queue lets it start (built in a
     * child process from its own snapshot; writers carry on meanwhile).
     */
    writeBundle: (actor: Actor, scope: BundleScope, fileName: string, out: Writable) => jobs.stream(actor, scope, fileName, out),
    /**
     * Streams the journal entry by entry with backpressure, from its own snapshot: never held in
     * memory. The snapshot is released when the download ends or is cut, then the WAL is folded back.
     */
    writeJournal: async (scope: BundleScope, out: Writable) => {
      try {
        await withReadSnapshot(s, async (snapshot) => {
          const chunks = journalChunks(snapshot, scope);
          try {
            await pipeline(Readable.from(chunks), out);
          } finally {
            // A download cut midway leaves the rows' statement open: finished here, before the
            // snapshot closes (Readable.from would only do it later, and the close would fail).
            chunks.return(undefined);
          }
        });
      } finally {
        s.db.walCheckpoint();
      }
    },
    /** Queues a bundle built in the background; the page then shows its place in the queue, then its progress. */
    startBundle(actor: Actor, year: number, kelurahanCode: string | null, ip: Ip): ExportJob {
      const { scope, fileName } = this.prepareExport(actor, 'bundle', year, kelurahanCode, ip);
      return jobs.start(actor, scope, fileName);
    },
    /** A waiting job's place in the queue (1: next), 0 once it runs. */
    queuePosition: (job: ExportJob) => jobs.position(job),
    /** The caller's own export job (another user's job does not exist for them). */
    job(actor: Actor, id: string): ExportJob {
      const job = /^[A-Za-z0-9_-]{16}$/.test(id) ? jobs.find(id, actor) : undefined;
      if (!job) throw fail('export_not_found');
      return job;
    },
  };
}
