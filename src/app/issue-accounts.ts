/**
 * Accounts at city scale: the admin or the kelurahan treasurer creates and resets RT officers'
 * accounts with a temporary password (random, shown once, changed at the first sign-in). Each
 * issue is recorded for the conflict rule (src/domain/accounts/password-conflict.ts), audited
 * (never the password) and told to the account's owner, in the same transaction.
 */
import { randomInt } from 'node:crypto';
import { authorize, roleLabelOf, type Actor, type Role } from '../domain/access';
import { refuseIssuing } from '../domain/accounts/issuing';
import { passwordSha256 } from '../domain/audit/audited-state';
import { fail } from '../domain/errors';
import { granteeLabel } from '../domain/registry/rows';
import type { RtDetail } from './ports';
import { recordUserCreated } from './manage-users';
import { recordPasswordIssue } from './password-issues';
import { hashPassword } from './passwords';
import type { Services } from './services';

/** No 0/o, 1/l/i: read off a printed slip and typed on a phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password: three groups of four (≈ 59 bits), e.g. "k7m2-xq9d-4hte". */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

const ROLE_PREFIX: Partial<Record<Role, string>> = { ketua_rt: 'ketua', sekretaris_rt: 'sekretaris', bendahara_rt: 'bendahara' };

/** The username an RT officer's account gets: role, kelurahan code, RW and RT, e.g. "ketua.3374050005.1.3". */
export const rtUsername = (role: Role, rt: Pick<RtDetail, 'kelurahanCode' | 'rwNumber' | 'number'>) => `${ROLE_PREFIX[role] ?? role}.${rt.kelurahanCode}.${rt.rwNumber}.${rt.number}`;

export interface IssuedAccount {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** Shown once (slip or letter), never stored. */
  temporary: string;
  rt: RtDetail;
}

function loadRt(s: Services, actor: Actor, rtId: number): RtDetail {
  authorize(actor, 'account.issue');
  const rt = s.registry.findRt(rtId);
  if (!rt) throw fail('rt_not_found');
  return rt;
}

/** Creates an RT officer's account with a temporary password. */
export async function createRtAccount(
  s: Services,
  actor: Actor,
  cmd: { rtId: number; role: Role; displayName: string },
  ip: string | null = null,
): Promise<IssuedAccount> {
  const rt = loadRt(s, actor, cmd.rtId);
  refuseIssuing(actor, { role: cmd.role, kelurahanCode: rt.kelurahanCode });
  const displayName = cmd.displayName.trim();
  if (!displayName) throw fail('form_invalid', { problems: ['Nama wajib diisi.'] }, { displayName: 'Wajib diisi.' });
  const username = rtUsername(cmd.role, rt);
  const temporary = temporaryPassword();
  const passwordHash = await hashPassword(temporary);
  const id = s.db.transaction(() => insertIssued(s, actor, ip, { username, displayName, role: cmd.role, rt, passwordHash }));
  return { userId: id, username, displayName, role: cmd.role, temporary, rt };
}

/** In the caller's transaction: the account, its audit row (user.create), the issue and the owner's notification. */
function insertIssued(s: Services, actor: Actor, ip: string | null, u: { username: string; displayName: string; role: Role; rt: RtDetail; passwordHash: string }): number {
  if (s.users.findByUsername(u.username)) throw fail('username_taken', undefined, { username: `Sudah ada akun ${u.username}; atur ulang kata sandinya.` });
  const id = s.users.insert({ username: u.username, displayName: u.displayName, role: u.role, kelurahanCode: u.rt.kelurahanCode, rtId: u.rt.id, kecamatanCodes: null, passwordHash: u.passwordHash, mustChangePassword: true }, s.now());
  recordUserCreated(s, actor, ip, id);
  recordPasswordIssue(s, actor, { id, rtId: u.rt.id }, 'create');
  return id;
}

/** Gives an existing account a new temporary password; its sessions end. */
export async function resetAccount(s: Services, actor: Actor, userId: number, ip: string | null = null): Promise<IssuedAccount> {
  authorize(actor, 'account.issue');
  const user = s.users.findById(userId);
  if (!user) throw fail('user_not_found');
  refuseIssuing(actor, { id: user.id, role: user.role, kelurahanCode: user.kelurahanCode });
  const temporary = temporaryPassword();
  const hash = await hashPassword(temporary);
  s.db.transaction(() => {
    s.users.setPassword(user.id, hash, true);
    s.sessions.deleteForUser(user.id);
    s.audit.record(actor, ip, {
      action: 'user.reset_password',
      targetType: 'user',
      targetId: user.id,
      kelurahanCode: user.kelurahanCode,
      after: { passwordSha256: passwordSha256(hash), mustChangePassword: true, rtId: user.rtId },
    });
    recordPasswordIssue(s, actor, user, 'reset');
  });
  const rt = user.rtId ? s.registry.findRt(user.rtId) : undefined;
  return { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, temporary, rt: rt! };
}

/** One RT's new accounts in a bulk run (its letter). */
export interface BulkLetter {
  rt: RtDetail;
  label: string;
  accounts: Array<{ username: string; displayName: string; roleLabel: string; temporary: string }>;
}

/**
 * Creates the officers' accounts of every active RT of a kelurahan from the RT import: the chair
 * always, the secretary and the treasurer when the import names them; an officer who already has
 * an account (or whose username is taken) is left alone. One transaction for all; one letter per
 * RT that got at least one account. The letters carry the temporary passwords; nothing else keeps them.
 */
export async function createKelurahanAccounts(s: Services, actor: Actor, kelurahanCode: string, ip: string | null = null): Promise<{ letters: BulkLetter[]; skipped: number }> {
  authorize(actor, 'account.issue');
  const kel = s.registry.findKelurahan(kelurahanCode);
  if (!kel) throw fail('kelurahan_not_found');
  refuseIssuing(actor, { role: 'ketua_rt', kelurahanCode });
  const rts = s.registry.activeRts(kelurahanCode);
  if (rts.length === 0) throw fail('no_rt_to_issue');
  const existing = new Set(s.accounts.rtOfficersOf(kelurahanCode).map((u) => `${u.rtId}:${u.role}`));
  const wanted = rts.flatMap((rt) =>
    ([
      ['ketua_rt', rt.chairName.trim() || `Ketua ${granteeLabel(rt)}`],
      ['sekretaris_rt', rt.secretaryName?.trim() ?? ''],
      ['bendahara_rt', rt.treasurerName?.trim() ?? ''],
    ] as Array<[Role, string]>)
      .filter(([, name]) => name !== '')
      .map(([role, displayName]) => ({ rt, role, displayName, username: rtUsername(role, rt) })),
  );
  const todo = wanted.filter((w) => !existing.has(`${w.rt.id}:${w.role}`) && !s.users.findByUsername(w.username));
  const skipped = wanted.length - todo.length;
  const prepared: Array<(typeof todo)[number] & { temporary: string; passwordHash: string }> = [];
  // Hashing is the slow part (scrypt, ~50 ms each): done before the one short transaction.
  for (const w of todo) {
    const temporary = temporaryPassword();
    prepared.push({ ...w, temporary, passwordHash: await hashPassword(temporary) });
  }
  s.db.transaction(() => {
    for (const p of prepared) insertIssued(s, actor, ip, p);
    s.audit.record(actor, ip, { action: 'user.bulk_create', targetType: 'kelurahan', targetId: kelurahanCode, kelurahanCode, after: { created: prepared.length, skipped } });
  });
  const letters = new Map<number, BulkLetter>();
  for (const p of prepared) {
    const letter = letters.get(p.rt.id) ?? { rt: p.rt, label: granteeLabel(p.rt), accounts: [] };
    letter.accounts.push({ username: p.username, displayName: p.displayName, roleLabel: roleLabelOf(p.role, p.rt), temporary: p.temporary });
    letters.set(p.rt.id, letter);
  }
  return { letters: [...letters.values()], skipped };
}

/** The treasurer's (or admin's) list of a kelurahan's RT officers' accounts, with the RTs to create them for. */
export function kelurahanAccounts(s: Services, actor: Actor, kelurahanCode: string) {
  authorize(actor, 'account.issue');
  const kel = s.registry.findKelurahan(kelurahanCode);
  if (!kel) throw fail('kelurahan_not_found');
  refuseIssuing(actor, { role: 'ketua_rt', kelurahanCode });
  const rts = s.registry.rtsOfKelurahan(kelurahanCode);
  const byRt = new Map(rts.map((rt) => [rt.id, rt]));
  const users = s.accounts.rtOfficersOf(kelurahanCode).map((u) => {
    const rt = byRt.get(u.rtId);
    // Contacts are shown to the admin and the officers' own treasurer only (this page's readers).
    const contact = s.notifications.contactOf(u.id);
    return { ...u, roleLabel: roleLabelOf(u.role as Role, rt ?? null), rtLabel: rt ? granteeLabel(rt) : '', phone: contact?.phone ?? null, email: contact?.email ?? null };
  });
  const withChair = new Set(users.filter((u) => u.role === 'ketua_rt').map((u) => u.rtId));
  return {
    kelurahan: kel,
    users,
    rts: rts.filter((rt) => rt.active).map((rt) => ({ id: rt.id, label: granteeLabel(rt), chairName: rt.chairName, hasChair: withChair.has(rt.id) })),
    withoutChair: rts.filter((rt) => rt.active && !withChair.has(rt.id)).length,
  };
}
