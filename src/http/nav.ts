/** The navigation of each role, computed here so templates only loop. */
import { roleMay, RT_ROLES, type Actor } from '../domain/access';
import type { Application } from '../app/application';

export interface NavItem {
  href: string;
  label: string;
  /** What waits there for the user (the menu's badge); absent when nothing does. */
  count?: number;
}

/**
 * The menu of a role, each page once, with the counts of what waits there (page path → count,
 * from the application's menuBadges).
 */
export function navFor(actor: Actor | undefined, badges: Record<string, number> = {}): NavItem[] {
  if (!actor) return [];
  return withBadges(itemsFor(actor), badges);
}

function withBadges(items: NavItem[], badges: Record<string, number>): NavItem[] {
  const seen = new Set<string>();
  return items
    .filter((i) => !seen.has(i.href) && seen.add(i.href))
    .map((i) => (badges[i.href] ? { ...i, count: badges[i.href] } : i));
}

function itemsFor(actor: Actor): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'Beranda' }];
  switch (actor.role) {
    case 'ketua_rt':
    case 'sekretaris_rt':
    case 'bendahara_rt':
      if (actor.rtId) {
        items.push(
          { href: `/rt/${actor.rtId}/kuitansi`, label: 'Belanja & SPJ' },
          { href: `/rt/${actor.rtId}/pencairan`, label: 'Pencairan' },
          { href: `/rt/${actor.rtId}/rencana`, label: 'RAP' },
          { href: `/rt/${actor.rtId}/bku`, label: 'Buku kas' },
          { href: `/rt/${actor.rtId}/profil`, label: 'Profil RT' },
        );
      }
      break;
    case 'lurah':
    case 'camat':
      items.push({ href: '/persetujuan', label: 'Persetujuan' });
      break;
    case 'bendahara':
      items.push({ href: '/antrian', label: 'Antrian' }, { href: '/verifikasi', label: 'Verifikasi' });
      if (actor.kelurahanCode) {
        items.push(
          { href: `/wilayah/kelurahan/${actor.kelurahanCode}`, label: 'RT' },
          { href: `/kelurahan/${actor.kelurahanCode}/bank`, label: 'Bank' },
          { href: `/kelurahan/${actor.kelurahanCode}/akun`, label: 'Akun RT' },
          { href: '/laporan', label: 'Laporan' },
        );
      }
      break;
    case 'bpkad':
      items.push({ href: '/bank', label: 'Pembayaran bank' });
      break;
    case 'auditor':
      items.push({ href: '/laporan', label: 'Laporan' }, { href: '/audit', label: 'Log audit' });
      break;
    case 'pengawas':
      items.push({ href: '/pengawas', label: 'Deteksi dini' });
      break;
    case 'admin':
      items.push(
        { href: '/admin/pengguna', label: 'Pengguna' },
        { href: '/admin/impor', label: 'Impor data' },
        { href: '/admin/tahun', label: 'Tahun program' },
        { href: '/tutup-tahun', label: 'Tutup tahun' },
        { href: '/pengawas', label: 'Deteksi dini' },
        { href: '/laporan', label: 'Laporan' },
        { href: '/audit', label: 'Log audit' },
      );
      break;
    default:
      break;
  }
  if (roleMay(actor, 'complaint.inbox')) items.push({ href: '/aduan', label: 'Aduan warga' });
  if (roleMay(actor, 'notification.view')) items.push({ href: '/notifikasi', label: 'Notifikasi' });
  items.push({ href: '/akun/password', label: 'Akun' });
  return items;
}

/** The menu's counts; a count that cannot be read (a misconfigured account) leaves the menu without badges, logged. */
export function safeBadges(app: Pick<Application, 'home'>, actor: Actor, logger?: { warn: (o: object, msg: string) => void }): Record<string, number> {
  try {
    return app.home.menuBadges(actor);
  } catch (e) {
    logger?.warn({ err: e, user: actor.username }, 'hitungan menu tidak terbaca');
    return {};
  }
}

/** An RT's officers find their RT's pages in the menu: the RT's own tabs would repeat it. */
export const menuHoldsRtPages = (actor: Actor | undefined): boolean => !!actor && actor.role !== 'system' && RT_ROLES.includes(actor.role) && actor.rtId !== null;
