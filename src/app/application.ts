/**
 * The application as the web sees it: use cases and read models, one area per part of the
 * product. Routes hold this, never Services (repositories) or the database; transactions and
 * audit rows are written inside the use cases.
 */
import type { Logger } from 'pino';
import type { Config } from '../config';
import { approvalsArea } from './areas/approvals';
import { auditArea } from './areas/audit';
import { authArea } from './areas/auth';
import { bankArea } from './areas/bank';
import { checkpointsArea } from './areas/checkpoints';
import { complaintsArea } from './areas/complaints';
import { deskArea } from './areas/desk';
import { filesArea, makeReceiptThumbnails, thumbnailStoreOf } from './areas/files';
import { plansArea } from './areas/plans';
import { publicArea } from './areas/public';
import { receiptsArea } from './areas/receipts';
import { receiptDraftsArea } from './areas/receipt-drafts';
import { registryArea } from './areas/registry';
import { reportsArea } from './areas/reports';
import { spjArea } from './areas/spj';
import { tranchesArea } from './areas/tranches';
import { usersArea } from './areas/users';
import { yearsArea } from './areas/years';
import { yearCloseArea } from './areas/year-close';
import { accountsArea } from './areas/accounts';
import { notificationsArea } from './areas/notifications';
import type { Transports } from './notification-transports';
import { homeArea } from './areas/home';
import { threadsArea } from './areas/threads';
import { checkHealth } from './check-health';
import { openSnapshots } from './read-snapshot';
import { LoginThrottle } from './login-throttle';
import type { Services } from './services';
import { sweepEvidence } from './upload-evidence';
import { ImageWorkers } from './image-workers';

export function createApplication(s: Services, cfg: Config, logger?: Logger, transports?: Transports) {
  // Uploaded photos are decoded and fingerprinted on worker threads (IMAGE_WORKERS; 0: on this thread).
  const imageWorkers = cfg.imageWorkers > 0 ? new ImageWorkers(cfg.imageWorkers, cfg.imageWorkerFiles) : null;
  s.evidence.examineOn(imageWorkers);
  // Review thumbnails: one store for the /kecil route and the upload (made after the receipt commits, not awaited).
  const thumbs = thumbnailStoreOf(s, () => imageWorkers);
  const thumbnailsOf = (receiptId: number) => void makeReceiptThumbnails(s, thumbs, receiptId);
  const throttle = new LoginThrottle({ lockAfter: cfg.loginLockAfter, lockMinutes: cfg.loginLockMinutes, max: cfg.loginTrackMax });
  return {
    now: () => s.now(),
    years: yearsArea(s),
    auth: authArea(s, cfg, throttle),
    registry: registryArea(s),
    users: usersArea(s, throttle),
    plans: plansArea(s, cfg.evidenceQuotaBytes),
    tranches: tranchesArea(s),
    approvals: approvalsArea(s),
    receipts: receiptsArea(s, cfg.evidenceQuotaBytes, thumbnailsOf),
    receiptDrafts: receiptDraftsArea(s),
    spj: spjArea(s),
    bank: bankArea(s),
    yearClose: yearCloseArea(s),
    reports: reportsArea(s, cfg, logger),
    audit: auditArea(s),
    files: filesArea(s, thumbs),
    checkpoints: checkpointsArea(s),
    accounts: accountsArea(s, `${cfg.notifications.publicUrl}/login`),
    notifications: notificationsArea(s, cfg.notifications, transports, (err) => logger?.error({ err }, 'notifikasi gagal')),
    /** Issue 20: the public pages (no sign-in), their poster and photos. */
    publicPages: publicArea(s),
    complaints: complaintsArea(s),
    desk: deskArea(s),
    home: homeArea(s),
    threads: threadsArea(s),
    /** Housekeeping the server runs by itself. */
    maintenance: {
      /** Removes stored files that no committed row refers to (older than the grace period). */
      sweepEvidence: (olderThanMs?: number) => sweepEvidence(s, olderThanMs),
      /** At start (no request in flight): removes every upload left in the quarantine by a crash. */
      clearQuarantine: () => s.evidence.clearQuarantine(0),
      /** A request's place in the quarantine: its files stream in there and wait for their record to commit. */
      openQuarantine: () => s.evidence.openQuarantine(),
      /** For /healthz: the database writable and migrated, the evidence store writable, disk space left. */
      health: () => checkHealth(s, cfg),
      /** Folds the WAL into the database file (at shutdown, before close). */
      checkpoint: () => s.db.checkpoint(),
      /** Folds what it can of the WAL into the database file without waiting for readers (every WAL_CHECKPOINT_SECONDS, and after each export). */
      walCheckpoint: () => s.db.walCheckpoint(),
      /** Folds the WAL from a thread of its own, off the thread that serves requests (WAL_FOLD_MS). */
      foldInBackground: (everyMs: number, onProblem: (err: Error) => void) => s.db.foldInBackground(everyMs, { onProblem }),
      /** Read snapshots held open by downloads in this process (0 when none streams). */
      openSnapshots,
      close: () => {
        void imageWorkers?.close();
        s.db.close();
      },
    },
  };
}

export type Application = ReturnType<typeof createApplication>;
