/**
 * What the application needs from storage: one store per kind of record, the unit of work that
 * opens transactions, and the read-model cache. src/db implements them; use cases depend on
 * these, never on src/db.
 */
export type * from './approval-store';
export type * from './audit-store';
export type * from './balance-store';
export type * from './checkpoint-store';
export type * from './complaint-store';
export type * from './bundle-record-store';
export type * from './consistency-store';
export type * from './document-store';
export type * from './evidence-file-store';
export type * from './health-store';
export type * from './ledger-store';
export type * from './plan-store';
export type * from './public-store';
export type * from './risk-store';
export type * from './complaint-signals';
export type * from './programme-year-store';
export type * from './read-model-cache';
export type * from './receipt-store';
export type * from './receipt-draft-store';
export type * from './registry-store';
export type * from './rt-profile-store';
export type * from './session-store';
export type * from './tranche-store';
export type * from './unit-of-work';
export type * from './user-store';
export type * from './year-close-store';
export type * from './storage';
export type * from './account-store';
export type * from './notification-store';
export type * from './work-store';
