/** Accounts at city scale: the kelurahan's RT officers' accounts, single slips and the bulk letters. */
import { ROLE_LABELS, roleLabelOf, type Actor, type Role } from '../../domain/access';
import { conflictUntil } from '../../domain/accounts/password-conflict';
import { formatTanggal, todayWib } from '../../domain/calendar';
import type { AccountLettersModel } from '../../reports/account-letters-pdf';
import { documentOffice } from '../document-office';
import { createKelurahanAccounts, createRtAccount, kelurahanAccounts, resetAccount, type IssuedAccount } from '../issue-accounts';
import { granteeLabel } from '../../domain/registry/rows';
import type { Services } from '../services';

const issuerRole = (a: Actor) => (a.role === 'system' ? 'Sistem' : ROLE_LABELS[a.role]);

export function accountsArea(s: Services, signInUrl: string) {
  /** The printable slip of one issued account (shown once, never stored). */
  const slip = (actor: Actor, a: IssuedAccount) => {
    const now = s.now().toISOString();
    return {
      header: a.rt ? documentOffice(s, a.rt.kelurahanCode).header : null,
      username: a.username,
      displayName: a.displayName,
      roleLabel: roleLabelOf(a.role, a.rt ?? null),
      rtLabel: a.rt ? `${granteeLabel(a.rt)}, Kelurahan ${a.rt.kelurahanName}` : '',
      temporary: a.temporary,
      signInUrl,
      issuedOn: formatTanggal(todayWib(s.now())),
      issuerName: (actor.userId !== null && s.users.findById(actor.userId)?.displayName) || actor.username,
      issuerRole: issuerRole(actor),
      conflictUntil: formatTanggal(conflictUntil(now).slice(0, 10)),
      backHref: a.rt ? `/kelurahan/${a.rt.kelurahanCode}/akun` : '/',
    };
  };
  return {
    page: (actor: Actor, kelurahanCode: string) => kelurahanAccounts(s, actor, kelurahanCode),
    create: async (actor: Actor, cmd: { rtId: number; role: Role; displayName: string }, ip: string | null) => slip(actor, await createRtAccount(s, actor, cmd, ip)),
    reset: async (actor: Actor, userId: number, ip: string | null) => slip(actor, await resetAccount(s, actor, userId, ip)),
    /** Creates the chairs' accounts of every RT of the kelurahan without one; the letters' model (passwords only in it). */
    bulk: async (actor: Actor, kelurahanCode: string, ip: string | null): Promise<AccountLettersModel & { skipped: number }> => {
      const { letters, skipped } = await createKelurahanAccounts(s, actor, kelurahanCode, ip);
      const office = documentOffice(s, kelurahanCode);
      const kel = s.registry.findKelurahan(kelurahanCode)!;
      return {
        header: office.header,
        kelurahanName: kel.name,
        placeDate: `Semarang, ${formatTanggal(todayWib(s.now()))}`,
        signInUrl,
        issuerName: actor.role === 'bendahara' ? (office.bendahara.name ?? actor.username) : actor.username,
        issuerRole: actor.role === 'bendahara' ? `Bendahara Kelurahan ${kel.name}` : issuerRole(actor),
        conflictUntil: formatTanggal(conflictUntil(s.now().toISOString()).slice(0, 10)),
        letters: letters.map((l) => ({ rtLabel: l.label, accounts: l.accounts })),
        skipped,
      };
    },
  };
}
