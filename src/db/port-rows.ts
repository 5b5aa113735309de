/**
 * The row types the application declares in its ports are the tables' rows, column for column:
 * a column added to the schema and not to its port (or the reverse, or a changed type or
 * nullability) fails the type check here rather than slipping through structurally.
 */
import type {
  ApprovalStepRow,
  AuditRow,
  RtProfileRow,
  BankBatchRow,
  BatchRowRecord,
  EvidenceFileRow,
  KecamatanRow,
  NewBankBatch,
  NewSpj,
  NewTranche,
  PlanRow,
  ReceiptRow,
  SessionRow,
  SpjRow,
  TrancheRow,
  UserRow,
} from '../app/ports';
import type { approvalSteps, auditLog, rtProfiles, bankBatchRows, bankBatches, evidenceFiles, kecamatan, plans, receipts, sessions, spjReports, tranches, users } from './schema';

/** true only when A and B are the same type (not merely assignable one to the other). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

export type PortRowsAreTableRows = [
  Holds<Same<AuditRow, typeof auditLog.$inferSelect>>,
  // The stored file is read on its own (batchFile), never with the batch.
  Holds<Same<BankBatchRow, Omit<typeof bankBatches.$inferSelect, 'csvFile'>>>,
  Holds<Same<NewBankBatch, { [K in 'kelurahanCode' | 'year' | 'rowCount' | 'total' | 'createdBy' | 'createdAt' | 'csvFile' | 'csvSha256']-?: NonNullable<(typeof bankBatches.$inferInsert)[K]> }>>,
  Holds<Same<BatchRowRecord, typeof bankBatchRows.$inferSelect>>,
  Holds<Same<EvidenceFileRow, typeof evidenceFiles.$inferSelect>>,
  Holds<Same<KecamatanRow, typeof kecamatan.$inferSelect>>,
  Holds<Same<PlanRow, typeof plans.$inferSelect>>,
  Holds<Same<ReceiptRow, typeof receipts.$inferSelect>>,
  Holds<Same<SessionRow, typeof sessions.$inferSelect>>,
  Holds<Same<SpjRow, typeof spjReports.$inferSelect>>,
  Holds<Same<NewSpj, Omit<typeof spjReports.$inferInsert, 'id'>>>,
  Holds<Same<TrancheRow, typeof tranches.$inferSelect>>,
  Holds<Same<NewTranche, Omit<typeof tranches.$inferInsert, 'id'>>>,
  Holds<Same<UserRow, typeof users.$inferSelect>>,
  Holds<Same<ApprovalStepRow, typeof approvalSteps.$inferSelect>>,
  Holds<Same<RtProfileRow, typeof rtProfiles.$inferSelect>>,
];
