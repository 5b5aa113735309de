/** The record of a temporary password given to an RT officer's account: the conflict rule's row and the owner's notification. */
import { ROLE_LABELS, type Actor } from '../domain/access';
import { conflictUntil } from '../domain/accounts/password-conflict';
import type { UserRow } from './ports';
import { notify } from './notify';
import type { Services } from './services';

/**
 * Records the issue for the conflict rule and tells the owner (in the caller's transaction).
 * An account without an RT (the admin resetting an auditor) has no RT items: nothing to bar.
 */
export function recordPasswordIssue(s: Services, actor: Actor, user: Pick<UserRow, 'id' | 'rtId'>, kind: 'create' | 'reset'): void {
  if (actor.userId === null || user.rtId === null) return;
  const issuedAt = s.now().toISOString();
  s.accounts.recordIssue({ userId: user.id, rtId: user.rtId, issuedBy: actor.userId, kind, issuedAt });
  notify(
    s,
    user.id,
    {
      kind: 'password_issued',
      payload: {
        byName: actor.username,
        byRole: actor.role === 'system' ? 'sistem' : ROLE_LABELS[actor.role],
        issuedOn: issuedAt.slice(0, 10),
        conflictUntil: conflictUntil(issuedAt).slice(0, 10),
        created: kind === 'create',
        link: '/akun/password',
      },
    },
    `password_issued:${user.id}:${issuedAt}`,
  );
}

