/** The navigation of each role, computed here so templates only loop. */
import { roleMay, type Actor } from '../domain/access';

export interface NavItem {
  href: string;
  label: string;
}

export function navFor(actor: Actor | undefined): NavItem[] {
  if (!actor) return [];
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
  items.push({ href: '/akun/password', label: 'Akun' });
  return items;
}
