/** Temporary passwords issued to RT officers' accounts (the conflict rule's record), and the lookups the rule needs. */
import type { PasswordIssue } from '../../domain/accounts/password-conflict';

export interface NewPasswordIssue extends PasswordIssue {
  userId: number;
  kind: 'create' | 'reset';
}

export interface AccountStore {
  recordIssue(i: NewPasswordIssue): void;
  /** The issues by `issuedBy` for RT `rtId` at or after `since` (ISO). */
  issuesBy(issuedBy: number, rtId: number, since: string): PasswordIssue[];
  /** The RT an item belongs to (for verify's replay of decisions): receipt, plan, tranche or SPJ by id. */
  rtOfItem(itemType: 'receipt' | 'plan' | 'tranche' | 'spj', id: number): number | undefined;
  /** The active RT officers' user ids of one RT (who is told about the RT's items). */
  activeUsersOfRt(rtId: number): number[];
  /** The active kelurahan treasurers: user id and kelurahan (the daily summary's readers). */
  activeTreasurers(): Array<{ userId: number; kelurahanCode: string }>;
  /** The RT officers' accounts (ketua, sekretaris, bendahara RT) of a kelurahan's RTs, by RW, RT and role. */
  rtOfficersOf(kelurahanCode: string): Array<{ id: number; username: string; displayName: string; role: string; rtId: number; active: boolean; mustChangePassword: boolean }>;
}
