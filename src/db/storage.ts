/** The SQLite storage: every repository on one connection (the application's Storage port). */
import type { Storage } from '../app/ports';
import { ApprovalRepository } from './approval-repository';
import { AuditRepository } from './audit-repository';
import { RtProfileRepository } from './rt-profile-repository';
import { ReceiptDraftRepository } from './receipt-draft-repository';
import { BalanceRepository } from './balance-repository';
import { CheckpointRepository } from './checkpoint-repository';
import { ComplaintRepository } from './complaint-repository';
import { BundleRecordRepository } from './bundle-record-repository';
import type { Db } from './client';
import { ConsistencyRepository } from './consistency-repository';
import { DocumentRepository } from './document-repository';
import { EvidenceRepository } from './evidence-repository';
import { HealthRepository } from './health-repository';
import { LedgerRepository } from './ledger-repository';
import { PlanRepository } from './plan-repository';
import { PublicRepository } from './public-repository';
import { ProgrammeYearRepository } from './programme-year-repository';
import { ReadCache } from './read-cache';
import { ReceiptRepository } from './receipt-repository';
import { RegistryRepository } from './registry-repository';
import { RiskRepository } from './risk-repository';
import { SessionRepository } from './session-repository';
import { TrancheRepository } from './tranche-repository';
import { UserRepository } from './user-repository';
import { YearCloseRepository } from './year-close-repository';
import { AccountRepository } from './account-repository';
import { NotificationRepository } from './notification-repository';
import { CommentRepository, WorkRepository } from './work-repository';

/** A Storage whose unit of work is still the SQLite handle (tests and operator scripts reach the file through it). */
export interface SqliteStorage extends Storage {
  db: Db;
}

export function sqliteStorage(db: Db, now: () => Date = () => new Date()): SqliteStorage {
  return {
    db,
    ledger: new LedgerRepository(db),
    years: new ProgrammeYearRepository(db),
    registry: new RegistryRepository(db),
    audit: new AuditRepository(db, now),
    balances: new BalanceRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    plans: new PlanRepository(db),
    tranches: new TrancheRepository(db),
    approvals: new ApprovalRepository(db),
    rtProfiles: new RtProfileRepository(db),
    receiptDrafts: new ReceiptDraftRepository(db),
    evidenceFiles: new EvidenceRepository(db),
    receipts: new ReceiptRepository(db),
    yearClose: new YearCloseRepository(db),
    bundleRecords: new BundleRecordRepository(db),
    consistency: new ConsistencyRepository(db),
    checkpoints: new CheckpointRepository(db),
    documents: new DocumentRepository(db),
    complaints: new ComplaintRepository(db),
    health: new HealthRepository(db),
    publicPages: new PublicRepository(db),
    risk: new RiskRepository(db),
    kept: new ReadCache(db),
    accounts: new AccountRepository(db),
    notifications: new NotificationRepository(db),
    work: new WorkRepository(db),
    comments: new CommentRepository(db),
    auditAt: (clock) => new AuditRepository(db, clock),
    openSnapshot() {
      const snapshot = db.openSnapshot();
      return snapshot ? sqliteStorage(snapshot, now) : null;
    },
  };
}
