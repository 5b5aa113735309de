/** Wires repositories to one database handle; use cases receive this. */
import type { Db } from '../db/client';
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
  now: () => Date;
}

export function createServices(db: Db, now: () => Date = () => new Date()): Services {
  return {
    db,
    ledger: new LedgerRepository(db),
    years: new ProgrammeYearRepository(db),
    registry: new RegistryRepository(db),
    audit: new AuditRepository(db),
    balances: new BalanceRepository(db),
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    now,
  };
}
