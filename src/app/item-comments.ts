/**
 * The comment thread on a receipt, a plan or an SPJ: the RT's officers and the kelurahan's
 * officials read and write it (access.ts 'item.comment'); each comment is audited in the
 * transaction that stores it.
 */
import { ROLE_LABELS, RT_ROLES, roleLabelOf, roleMay, type Actor, type Role } from '../domain/access';
import { checkCommentBody, COMMENT_PATH_NAMES, refuseIfThreadMoved, type CommentKind } from '../domain/comments';
import { fail } from '../domain/errors';
import type { RtDetail } from './ports';
import { rtInScope } from './scope';
import type { Services } from './services';

/** The RT an item belongs to, and where its page is (the thread is shown there). */
export function itemOf(s: Services, kind: CommentKind, id: number): { rtId: number; year: number; href: string } {
  if (kind === 'receipt') {
    const r = s.receipts.find(id);
    if (!r) throw fail('receipt_not_found');
    return { rtId: r.rtId, year: r.year, href: `/kuitansi/${r.id}` };
  }
  if (kind === 'plan') {
    const p = s.plans.find(id);
    if (!p) throw fail('not_in_scope');
    return { rtId: p.rtId, year: p.year, href: `/rt/${p.rtId}/rencana?tahun=${p.year}` };
  }
  const r = s.receipts.spjById(id);
  if (!r) throw fail('not_in_scope');
  return { rtId: r.rtId, year: r.year, href: `/rt/${r.rtId}/spj/${r.month}` };
}

function itemInScope(s: Services, actor: Actor, kind: CommentKind, id: number): { rt: RtDetail; href: string } {
  const item = itemOf(s, kind, id);
  return { rt: rtInScope(s, actor, 'item.comment', item.rtId), href: item.href };
}

/** Where the item's page is, for a reader in scope. */
export function itemHrefFor(s: Services, actor: Actor, kind: CommentKind, id: number): string {
  return itemInScope(s, actor, kind, id).href;
}

/** The thread as its page shows it; null for a reader who may not see threads (auditor, admin, BPKAD, camat). */
export function readThread(s: Services, actor: Actor, kind: CommentKind, id: number) {
  if (!roleMay(actor, 'item.comment')) return null;
  const { rt } = itemInScope(s, actor, kind, id);
  // The grantee's officers by their titles there ("Ketua RW", "Ketua PKK RT").
  const comments = s.comments.ofItem(kind, id).map((c) => ({ ...c, roleLabel: c.authorRole in ROLE_LABELS ? roleLabelOf(c.authorRole as Role, rt) : c.authorRole, mine: c.authorId === actor.userId }));
  return { kind, id, domId: `${COMMENT_PATH_NAMES[kind]}-${id}`, forRt: actor.role !== 'system' && RT_ROLES.includes(actor.role), comments, latestId: comments.at(-1)?.id ?? 0, postPath: `/komentar/${COMMENT_PATH_NAMES[kind]}/${id}` };
}

export interface AddCommentCommand {
  kind: CommentKind;
  id: number;
  body: string;
  /** The latest comment id the writer's page showed (0: none). */
  seen: number;
}

/** Adds a comment; returns the item's page to go back to. */
export function addComment(s: Services, actor: Actor, cmd: AddCommentCommand, ip: string | null = null): { href: string; commentId: number } {
  const { rt, href } = itemInScope(s, actor, cmd.kind, cmd.id);
  if (actor.userId === null) throw fail('forbidden_role');
  const body = checkCommentBody(cmd.body);
  return s.db.transaction(() => {
    refuseIfThreadMoved(cmd.seen, s.comments.ofItem(cmd.kind, cmd.id).at(-1)?.id ?? 0);
    const commentId = s.comments.insert({ itemKind: cmd.kind, itemId: cmd.id, authorId: actor.userId!, body, createdAt: s.now().toISOString() });
    s.audit.record(actor, ip, { action: 'comment.add', targetType: cmd.kind, targetId: cmd.id, kelurahanCode: rt.kelurahanCode, after: { commentId, body } });
    return { href: `${href}#diskusi-${COMMENT_PATH_NAMES[cmd.kind]}-${cmd.id}`, commentId };
  });
}
