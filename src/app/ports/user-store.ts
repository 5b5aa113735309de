/** Users: credentials, role and scope, lockout counters. */
import type { Role } from '../../domain/access';

/** A user as stored. */
export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  kelurahanCode: string | null;
  rtId: number | null;
  /** JSON array of kecamatan codes for an auditor; null = the whole city. */
  kecamatanCodes: string | null;
  /** A civil servant's NIP (18 digits), or null. */
  nip: string | null;
  active: boolean;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  kelurahanCode: string | null;
  rtId: number | null;
  kecamatanCodes: string[] | null;
  nip?: string | null;
  mustChangePassword: boolean;
}

export interface UserStore {
  findByUsername(username: string): UserRow | undefined;
  findById(id: number): UserRow | undefined;
  insert(u: NewUser, now: Date): number;
  /** The active treasurer of a kelurahan (the LPJ's signatory), first by username. */
  bendaharaOf(kelurahanCode: string): UserRow | undefined;
  /** Every user, by role and username. */
  list(): UserRow[];
  /** Users matching a name (username or display name, anywhere), a role and a kelurahan; at most `limit`, with the total. */
  search(f: UserSearch): { total: number; rows: UserRow[] };
  /** Clears the user row's failed-sign-in columns (no longer read: locks live per client address in LoginThrottle). */
  recordSuccess(id: number): void;
  setPassword(id: number, passwordHash: string, mustChangePassword: boolean): void;
  setActive(id: number, active: boolean): void;
  /** A new role and scope (checked by the caller). */
  setScope(id: number, scope: { role: Role; kelurahanCode: string | null; rtId: number | null; kecamatanCodes: string[] | null }): void;
  count(): number;
}

export interface UserSearch {
  text?: string;
  role?: string;
  kelurahanCode?: string;
  limit: number;
}
