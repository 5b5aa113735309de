/**
 * `npm run verify`'s replay of the conflict rule (src/domain/accounts/password-conflict.ts) from
 * the audit log alone: every temporary password given to an RT officer's account (user.create
 * with mustChangePassword, user.reset_password) and every decision on an RT's items, in the
 * log's order; a decision by someone who issued a password for that RT within 30 days before is
 * named. The password_issues table is not read: the log is the evidence.
 */
import { barringIssue, conflictUntil, type PasswordIssue } from '../domain/accounts/password-conflict';
import type { Services } from './services';

/** The audit actions that decide an RT's item, and the item type their target names. */
const DECISIONS: Record<string, true> = {
  'receipt.verify': true,
  'receipt.return': true,
  'receipt.reject': true,
  'receipt.reverse': true,
  'plan.approve': true,
  'plan.return': true,
  'plan.reject': true,
  'tranche.approve': true,
  'tranche.return': true,
  'tranche.reject': true,
  'tranche.reverse': true,
  'spj.verify': true,
  'spj.return': true,
  'approval.step': true,
};
const ITEM_TYPES = new Set(['receipt', 'plan', 'tranche', 'spj']);

const afterOf = (summary: string): Record<string, unknown> => {
  try {
    return ((JSON.parse(summary) as { after?: Record<string, unknown> }).after ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
};

export function verifyPasswordConflicts(s: Pick<Services, 'audit' | 'accounts'>, max = 20): string[] {
  const rtOfUser = new Map<number, number | null>();
  const issues = new Map<string, PasswordIssue[]>();
  const problems: string[] = [];
  let found = 0;
  for (const r of s.audit.iterateChain()) {
    if (r.action === 'user.create' || r.action === 'user.change_scope' || r.action === 'user.reset_password') {
      const after = afterOf(r.summary);
      const userId = Number(r.targetId);
      if (r.action !== 'user.reset_password') rtOfUser.set(userId, typeof after.rtId === 'number' ? after.rtId : null);
      const issued = r.action === 'user.reset_password' || (r.action === 'user.create' && after.mustChangePassword === true);
      const rtId = typeof after.rtId === 'number' ? after.rtId : rtOfUser.get(userId);
      if (!issued || r.actorUserId === null || rtId === null || rtId === undefined) continue;
      const key = `${r.actorUserId}:${rtId}`;
      issues.set(key, [...(issues.get(key) ?? []), { issuedBy: r.actorUserId, rtId, issuedAt: r.at }]);
      continue;
    }
    if (!DECISIONS[r.action] || r.actorUserId === null || !ITEM_TYPES.has(r.targetType)) continue;
    const rtId = s.accounts.rtOfItem(r.targetType as 'receipt', Number(r.targetId));
    if (rtId === undefined) continue;
    const bar = barringIssue(issues.get(`${r.actorUserId}:${rtId}`) ?? [], r.actorUserId, rtId, r.at);
    if (!bar) continue;
    found += 1;
    if (found <= max) {
      problems.push(`log audit #${r.id}: ${r.action} ${r.targetType} #${r.targetId} (RT #${rtId}) oleh ${r.actorName} padahal ia memberi kata sandi sementara ke akun RT itu pada ${bar.issuedAt.slice(0, 10)} (terlarang sampai ${conflictUntil(bar.issuedAt).slice(0, 10)})`);
    }
  }
  if (found > max) problems.push(`… dan ${found - max} keputusan lain yang melanggar aturan kata sandi sementara`);
  return problems;
}
