/**
 * Who may give whom a temporary password (create or reset an account).
 *
 * Invariants:
 * - the admin: any account but her own (her own password goes through Akun → Ganti kata sandi);
 * - the kelurahan treasurer: only the RT officers (ketua, sekretaris, bendahara RT) of RTs of
 *   her own kelurahan; an account of another kelurahan does not exist for her (404), an account
 *   of another role (admin, another treasurer, a lurah) is refused (403);
 * - nobody else (403).
 */
import { RT_ROLES, type Actor, type Role } from '../access';
import { fail } from '../errors';

/** The roles a treasurer issues accounts for. */
export const ISSUABLE_ROLES: readonly Role[] = RT_ROLES;

export interface IssueTarget {
  id?: number;
  role: Role;
  kelurahanCode: string | null;
}

export function refuseIssuing(actor: Actor, target: IssueTarget): void {
  if (actor.role === 'system') return;
  if (actor.role !== 'admin' && actor.role !== 'bendahara') throw fail('forbidden_role');
  if (target.id !== undefined && target.id === actor.userId) throw fail('cannot_reset_self');
  if (actor.role === 'admin') return;
  if (target.kelurahanCode === null || target.kelurahanCode !== actor.kelurahanCode) throw fail('not_in_scope');
  if (!ISSUABLE_ROLES.includes(target.role)) throw fail('account_not_issuable');
}
