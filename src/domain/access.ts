/**
 * Who may do what: the one permission table, and the scope rules.
 *
 * Invariants:
 * - a role that may never do an action gets `forbidden` (403), whatever the resource;
 * - a role that may do it, on a resource outside its scope, gets `not_found` (404), so the
 *   existence of another RT's or kelurahan's data is never revealed;
 * - an auditor holds no write action at all; nobody approves what they submitted themselves
 *   (checked by the use cases that approve);
 * - the treasurer who approves a tranche never pays it: bank batches are made, cancelled and
 *   answered only by the city's treasury (BPKAD, city scope).
 */
import { fail } from './errors';

export const ROLES = ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin kota',
  bendahara: 'Bendahara kelurahan',
  ketua_rt: 'Ketua RT',
  sekretaris_rt: 'Sekretaris RT',
  bendahara_rt: 'Bendahara RT',
  lurah: 'Lurah',
  camat: 'Camat',
  auditor: 'Auditor',
  bpkad: 'BPKAD (kas daerah)',
  pengawas: 'Pengawas (deteksi dini)',
};

/**
 * A grantee as its officers' titles name it: an RT or an RW, of the main programme (OPS, nothing
 * added) or of another one (PKK: "Ketua PKK RT"). The one place these titles are made.
 */
export interface GranteeWords {
  kind: 'rt' | 'rw';
  programme?: string | null;
}
const OFFICES: Partial<Record<Role, string>> = { ketua_rt: 'Ketua', sekretaris_rt: 'Sekretaris', bendahara_rt: 'Bendahara' };
const wordsOf = (g: GranteeWords | 'rt' | 'rw' | null): GranteeWords | null => (typeof g === 'string' ? { kind: g } : g);
/** "RT", "RW", "PKK RT", "PKK RW": the grantee's unit as titles carry it. */
const unitWordOf = (g: GranteeWords) => `${g.programme && g.programme !== 'OPS' ? `${g.programme} ` : ''}${g.kind === 'rw' ? 'RW' : 'RT'}`;

/** An RW grantee's officers hold the RT roles (the same pages and rules); they are named as RW officers, a PKK group's as PKK officers. */
export function roleLabelOf(role: Role, grantee: GranteeWords | 'rt' | 'rw' | null = null): string {
  const g = wordsOf(grantee);
  const office = OFFICES[role];
  return g && office ? `${office} ${unitWordOf(g)}` : ROLE_LABELS[role];
}

/** The officers' titles of a grantee, for pages and documents: "Ketua RT", "Ketua RW", "Ketua PKK RT". */
export function officerLabelsOf(grantee: GranteeWords | 'rt' | 'rw') {
  const g = wordsOf(grantee)!;
  return {
    unit: g.kind === 'rw' ? 'RW' : 'RT',
    chair: roleLabelOf('ketua_rt', g),
    secretary: roleLabelOf('sekretaris_rt', g),
    treasurer: roleLabelOf('bendahara_rt', g),
  };
}

/** The chair as a sentence names her: "ketua RT", "ketua RW", "ketua PKK RT". */
export const chairWordOf = (grantee: GranteeWords | 'rt' | 'rw'): string => `ketua ${unitWordOf(wordsOf(grantee)!)}`;

export interface Actor {
  userId: number | null;
  username: string;
  role: Role | 'system';
  kelurahanCode: string | null;
  rtId: number | null;
  /** Auditor's and pengawas' scope: null = the whole city. A camat's one kecamatan. */
  kecamatanCodes: string[] | null;
}

/** The RT's officers: each sees its own RT, as the chair does. */
export const RT_ROLES: readonly Role[] = ['ketua_rt', 'sekretaris_rt', 'bendahara_rt'];
/** The roles that take a step of the chain of approval (approval-chain.ts says which step). */
export const APPROVER_ROLES = ['bendahara', 'lurah', 'camat'] as const;

/** Where a resource lives; the more fields, the narrower. Empty = city level. */
export interface Scope {
  kecamatanCode?: string;
  kelurahanCode?: string;
  rtId?: number;
}

const PERMISSIONS = {
  'home.view': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'],
  'account.change_password': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'],
  'rt.view': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'auditor', 'pengawas'],
  /** The RT's profile (Keputusan Lurah, officers): its officers, the kelurahan, the admin. */
  'rt.profile': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'pengawas'],
  'rt.profile_edit': ['admin'],
  'kelurahan.view': ['admin', 'bendahara', 'auditor', 'pengawas'],
  'city.view': ['admin', 'auditor', 'pengawas'],
  /** The early-warning desk (deteksi dini): its risk list, and marking a flag as followed up. */
  'desk.view': ['pengawas', 'admin'],
  'desk.follow_up': ['pengawas'],
  'registry.edit': ['admin'],
  'registry.import': ['admin'],
  'user.manage': ['admin'],
  'audit.view': ['admin', 'auditor'],
  'plan.edit': ['ketua_rt'],
  'plan.decide': ['bendahara'],
  'tranche.request': ['ketua_rt'],
  'tranche.decide': ['bendahara'],
  'tranche.reverse': ['bendahara', 'admin'],
  'queue.view': ['bendahara'],
  /** The later steps of the chain of approval (approved by the lurah, known by the camat). */
  'approval.step': ['lurah', 'camat'],
  'approval.queue': ['lurah', 'camat'],
  /** Seeing a kelurahan's bank batches and downloading their stored files (each download audited). */
  'bank.view': ['bpkad', 'bendahara', 'admin', 'auditor'],
  /** Making, cancelling and answering bank batches: the city's treasury only. */
  'bank.batch': ['bpkad'],
  'year.close': ['admin'],
  /** Changing an open year's rules (limits, gates, SPJ due day). */
  'year.rules': ['admin'],
  'receipt.record': ['ketua_rt', 'bendahara_rt'],
  'receipt.decide': ['bendahara'],
  'receipt.reverse': ['bendahara', 'admin'],
  'spj.submit': ['ketua_rt'],
  'spj.decide': ['bendahara'],
  'report.download': ['admin', 'bendahara', 'auditor'],
  'report.city': ['admin', 'auditor'],
  /** Creating and resetting RT officers' accounts with a temporary password (the treasurer: her kelurahan's RTs only). */
  'account.issue': ['admin', 'bendahara'],
  /** The user's own notifications and contact settings. */
  'notification.view': ['admin', 'bendahara', 'ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'lurah', 'camat', 'auditor', 'bpkad', 'pengawas'],
  /** Issue 20: hiding a receipt's photo from the public pages (with a reason), or showing it again. */
  'photo.publicity': ['bendahara'],
  /** Aduan warga: the inbox of complaints of one's scope, and answering them (the answer is published). */
  'complaint.inbox': ['lurah', 'bendahara', 'pengawas', 'admin'],
  'complaint.answer': ['lurah', 'bendahara', 'pengawas', 'admin'],
  /** The comment thread on a receipt, plan or SPJ: the RT's officers and the kelurahan's officials only. */
  'item.comment': ['ketua_rt', 'sekretaris_rt', 'bendahara_rt', 'bendahara', 'lurah'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  role: 'system',
  kelurahanCode: null,
  rtId: null,
  kecamatanCodes: null,
};

export const systemActor = (name: string): Actor => ({ ...SYSTEM_ACTOR, username: `system:${name}` });

/** A signed-in user as an actor (kecamatanCodes is stored as a JSON list, null for the whole city). */
export const toActor = (u: { id: number; username: string; role: Role; kelurahanCode: string | null; rtId: number | null; kecamatanCodes: string | null }): Actor => ({
  userId: u.id,
  username: u.username,
  role: u.role,
  kelurahanCode: u.kelurahanCode,
  rtId: u.rtId,
  kecamatanCodes: u.kecamatanCodes ? (JSON.parse(u.kecamatanCodes) as string[]) : null,
});

/** The label stored on journal entries and audit rows. */
export const actorLabel = (a: Actor) => (a.userId === null ? a.username : `user:${a.userId}:${a.username}`);

/** An actor label read back: a user's id and username, or a system job's name. */
export function parseActorLabel(label: string): { userId: number; username: string } | { system: string } {
  const m = /^user:(\d+):(.+)$/.exec(label);
  return m ? { userId: Number(m[1]), username: m[2]! } : { system: label };
}

export function roleMay(actor: Actor, action: Action): boolean {
  if (actor.role === 'system') return true;
  return (PERMISSIONS[action] as readonly Role[]).includes(actor.role);
}

/** The city-wide reader: sees every kecamatan (admin, system, an auditor without a kecamatan list). */
export function readsWholeCity(actor: Actor): boolean {
  return actor.role === 'system' || actor.role === 'admin' || ((actor.role === 'auditor' || actor.role === 'pengawas') && actor.kecamatanCodes === null);
}

export function inScope(actor: Actor, r: Scope): boolean {
  if (readsWholeCity(actor)) return true;
  switch (actor.role) {
    case 'auditor':
    case 'pengawas':
      return r.kecamatanCode !== undefined && !!actor.kecamatanCodes?.includes(r.kecamatanCode);
    case 'bendahara':
    case 'lurah':
      return r.kelurahanCode !== undefined && r.kelurahanCode === actor.kelurahanCode;
    case 'camat':
      return r.kecamatanCode !== undefined && !!actor.kecamatanCodes?.includes(r.kecamatanCode);
    case 'ketua_rt':
    case 'sekretaris_rt':
    case 'bendahara_rt':
      return r.rtId !== undefined && r.rtId === actor.rtId;
    case 'bpkad':
      // The city's treasury pays every kelurahan; what it may do there is only what the table gives it.
      return true;
    default:
      // system and admin read the whole city (above).
      return false;
  }
}

export function can(actor: Actor, action: Action, resource: Scope = {}): boolean {
  return roleMay(actor, action) && inScope(actor, resource);
}

/** Throws forbidden (wrong role) or not_found (outside the actor's scope). */
export function authorize(actor: Actor, action: Action, resource?: Scope): void {
  if (!roleMay(actor, action)) throw fail('forbidden_role');
  if (resource && !inScope(actor, resource)) throw fail('not_in_scope');
}
