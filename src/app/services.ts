/** Wires repositories to one database handle; use cases receive this. */
import path from 'node:path';
import type { Db } from '../db/client';
import { EvidenceRepository } from '../db/evidence-repository';
import { PlanRepository } from '../db/plan-repository';
import { TrancheRepository } from '../db/tranche-repository';
import { EvidenceStore } from './evidence-store';
import { ReadCache } from '../db/read-cache';
import { ReceiptRepository } from '../db/receipt-repository';
import { receiptSpendingReports, type SpendingReports } from './spending-reports';
import { AuditRepository } from '../db/audit-repository';
import { BalanceRepository } from '../db/balance-repository';
import { LedgerRepository } from '../db/ledger-repository';
import { ProgrammeYearRepository } from '../db/programme-year-repository';
import { RegistryRepository } from '../db/registry-repository';
import { SessionRepository } from '../db/session-repository';
import { UserRepository } from '../db/user-repository';

export interface Services {
  db: Db;
  ledger: LedgerRepository;
  years: ProgrammeYearRepository;
  registry: RegistryRepository;
  audit: AuditRepository;
  balances: BalanceRepository;
  users: UserRepository;
  sessions: SessionRepository;
  plans: PlanRepository;
  tranches: TrancheRepository;
  evidenceFiles: EvidenceRepository;
  evidence: EvidenceStore;
  receipts: ReceiptRepository;
  spending: SpendingReports;
  /** Read models kept until the next commit (reports opened by many at once). */
  kept: ReadCache;
  now: () => Date;
}

export function createServices(db: Db, now: () => Date = () => new Date(), evidenceDir?: string): Services {
  const receipts = new ReceiptRepository(db);
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
    evidenceFiles: new EvidenceRepository(db),
    // Default: beside the database file, so every database has its own store.
    evidence: new EvidenceStore(evidenceDir ?? path.join(path.dirname(db.file), 'evidence')),
    receipts,
    spending: receiptSpendingReports(receipts),
    kept: new ReadCache(db),
    now,
  };
}
