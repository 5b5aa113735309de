/**
 * One storage engine as the application sees it: the unit of work and a store per kind of
 * record, all on the same connection. src/db builds it for SQLite (sqliteStorage); a second
 * engine is a second builder there, and no use case changes.
 */
import type { ApprovalStore } from './approval-store';
import type { AuditStore } from './audit-store';
import type { BalanceStore } from './balance-store';
import type { CheckpointStore } from './checkpoint-store';
import type { ComplaintStore } from './complaint-store';
import type { BundleRecordStore } from './bundle-record-store';
import type { ConsistencyStore } from './consistency-store';
import type { DocumentStore } from './document-store';
import type { EvidenceFileStore } from './evidence-file-store';
import type { HealthStore } from './health-store';
import type { LedgerStore } from './ledger-store';
import type { PlanStore } from './plan-store';
import type { PublicStore } from './public-store';
import type { ProgrammeYearStore } from './programme-year-store';
import type { ReadModelCache } from './read-model-cache';
import type { ReceiptStore } from './receipt-store';
import type { RegistryStore } from './registry-store';
import type { RiskStore } from './risk-store';
import type { SessionStore } from './session-store';
import type { TrancheStore } from './tranche-store';
import type { RtProfileStore } from './rt-profile-store';
import type { ReceiptDraftStore } from './receipt-draft-store';
import type { UnitOfWork } from './unit-of-work';
import type { UserStore } from './user-store';
import type { YearCloseStore } from './year-close-store';
import type { AccountStore } from './account-store';
import type { NotificationStore } from './notification-store';
import type { CommentStore, WorkCountStore } from './work-store';

export interface Storage {
  db: UnitOfWork;
  ledger: LedgerStore;
  years: ProgrammeYearStore;
  registry: RegistryStore;
  audit: AuditStore;
  balances: BalanceStore;
  users: UserStore;
  sessions: SessionStore;
  plans: PlanStore;
  tranches: TrancheStore;
  /** The chain of approval's steps on plans and tranches. */
  approvals: ApprovalStore;
  /** RT profiles: the Keputusan Lurah and the officers. */
  rtProfiles: RtProfileStore;
  receiptDrafts: ReceiptDraftStore;
  evidenceFiles: EvidenceFileStore;
  receipts: ReceiptStore;
  /** The year-end close's open records per RT, overrides of blockers, corrections after close. */
  yearClose: YearCloseStore;
  /** The business records an audit bundle carries (plans, tranches, bank batches, SPJ, audit log). */
  bundleRecords: BundleRecordStore;
  /** Business records checked against the ledger (for verify). */
  consistency: ConsistencyStore;
  /** Signed checkpoints of the ledger and the public keys that signed them. */
  checkpoints: CheckpointStore;
  /** The offices that issue documents, the numbers they issued, receipt numbers. */
  documents: DocumentStore;
  /** Issue 20: the public pages' data version and the photo decisions. */
  publicPages: PublicStore;
  /** Aduan warga: complaints, their steps and answers, the form's per-address counts. */
  complaints: ComplaintStore;
  /** What /healthz checks of the storage. */
  health: HealthStore;
  /** The early-warning desk's kept risk flags (deteksi dini). */
  risk: RiskStore;
  /** Read models kept until the next commit (reports opened by many at once). */
  kept: ReadModelCache;
  /** Temporary passwords issued to RT officers' accounts (the conflict rule). */
  accounts: AccountStore;
  /** The notification outbox and the users' contact settings. */
  notifications: NotificationStore;
  /** What waits for whom, counted (homes, menu badges). */
  work: WorkCountStore;
  /** Comment threads between chair and treasurer on receipts, plans and SPJs. */
  comments: CommentStore;
  /** The audit log written with another clock (the demo seed tells a story over months). */
  auditAt(now: () => Date): AuditStore;
  /** The same stores on a read-only snapshot of their own connection (see UnitOfWork.openSnapshot), or null. */
  openSnapshot(): Storage | null;
}
