/**
 * What the users are told, in one place: each kind of notification, its payload and its words.
 *
 * Invariants:
 * - a message is built from the payload only (amounts in rupiah, dates, labels the use case
 *   wrote), so the in-app list, the e-mail and the WhatsApp text say the same thing;
 * - a payload never carries a password, a token, a phone number or an e-mail address;
 * - the time-based kinds (SPJ due/overdue, lapse, daily summary) have a dedupe key per day, so a
 *   scheduler tick run twice (or after a restart) writes each once.
 */
import { formatTanggal } from '../calendar';
import { formatRupiah } from '../money';

export const CHANNELS = ['in_app', 'email', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels a delivery row is written for (in-app is the notification row itself). */
export const DELIVERY_CHANNELS = ['email', 'whatsapp'] as const satisfies readonly Channel[];
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = { in_app: 'Di aplikasi', email: 'E-mail', whatsapp: 'WhatsApp' };

export interface Payloads {
  item_returned: { itemType: 'receipt' | 'plan' | 'spj'; itemId: number; rtLabel: string; note: string; link: string };
  /** A plan or a tranche sent back by one of the chain's approvers (returned to fix, or rejected for good). */
  item_sent_back: { itemType: 'plan' | 'tranche'; itemId: number; outcome: 'returned' | 'rejected'; rtLabel: string; byName: string; byRole: string; note: string; link: string };
  tranche_approved: { trancheId: number; period: string; amount: number; rtLabel: string; link: string };
  money_transferred: { trancheId: number; period: string; amount: number; rtLabel: string; paidOn: string; link: string };
  spj_due_soon: { month: string; monthLabel: string; dueOn: string; daysLeft: number; rtLabel: string; link: string };
  spj_overdue: { month: string; monthLabel: string; dueOn: string; daysLate: number; rtLabel: string; link: string };
  money_lapsing: { year: number; amount: number; lapsesOn: string; daysLeft: number; rtLabel: string; link: string };
  daily_summary: { date: string; kelurahanName: string; receipts: number; plans: number; tranches: number; spj: number; link: string };
  password_issued: { byName: string; byRole: string; issuedOn: string; conflictUntil: string; created: boolean; link: string };
  /** Aduan warga: a resident's complaint given to this official (received, or escalated past its deadline). */
  complaint_assigned: { code: string; reason: 'received' | 'escalated'; link: string };
  /** The early-warning desk's weekly summary (issue 20). */
  desk_weekly: { weekOf: string; text: string; link: string };
}
export type NotificationKind = keyof Payloads;
export const NOTIFICATION_KINDS = [
  'item_returned',
  'item_sent_back',
  'tranche_approved',
  'money_transferred',
  'spj_due_soon',
  'spj_overdue',
  'money_lapsing',
  'daily_summary',
  'password_issued',
  'complaint_assigned',
  'desk_weekly',
] as const satisfies readonly NotificationKind[];

export type AnyNotification = { [K in NotificationKind]: { kind: K; payload: Payloads[K] } }[NotificationKind];

export interface Message {
  subject: string;
  text: string;
  link: string;
}

const ITEM_LABELS = { receipt: 'Kuitansi', plan: 'Rencana (RAP)', spj: 'SPJ' } as const;
const SENT_BACK_LABELS = { plan: 'Rencana (RAP)', tranche: 'Pencairan' } as const;

/** The words of a notification (subject for the e-mail and the list, text for every channel). */
export function messageOf(n: AnyNotification): Message {
  switch (n.kind) {
    case 'item_returned': {
      const p = n.payload;
      return { subject: `${ITEM_LABELS[p.itemType]} #${p.itemId} dikembalikan`, text: `${ITEM_LABELS[p.itemType]} #${p.itemId} ${p.rtLabel} dikembalikan untuk diperbaiki: ${p.note}`, link: p.link };
    }
    case 'item_sent_back': {
      const p = n.payload;
      const what = `${SENT_BACK_LABELS[p.itemType]} #${p.itemId}`;
      const verb = p.outcome === 'returned' ? 'dikembalikan untuk diperbaiki' : 'ditolak';
      const next = p.outcome === 'returned' ? ' Perbaiki lalu ajukan lagi; setiap langkah persetujuan dimulai dari awal.' : '';
      return { subject: `${what} ${verb}`, text: `${what} ${p.rtLabel} ${verb} oleh ${p.byName} (${p.byRole}): ${p.note.replace(/[.\s]+$/, '')}.${next}`, link: p.link };
    }
    case 'tranche_approved': {
      const p = n.payload;
      return { subject: `Pencairan ${p.period} disetujui`, text: `Pencairan ${p.period} ${p.rtLabel} sebesar ${formatRupiah(p.amount)} disetujui dan menunggu transfer dari kas daerah.`, link: p.link };
    }
    case 'money_transferred': {
      const p = n.payload;
      return { subject: `Dana ${p.period} sudah ditransfer`, text: `Dana ${p.period} ${p.rtLabel} sebesar ${formatRupiah(p.amount)} sudah ditransfer ke rekening RT pada ${formatTanggal(p.paidOn)}.`, link: p.link };
    }
    case 'spj_due_soon': {
      const p = n.payload;
      return { subject: `SPJ ${p.monthLabel} jatuh tempo ${p.daysLeft} hari lagi`, text: `SPJ ${p.monthLabel} ${p.rtLabel} harus dikirim paling lambat ${formatTanggal(p.dueOn)} (${p.daysLeft} hari lagi).`, link: p.link };
    }
    case 'spj_overdue': {
      const p = n.payload;
      return { subject: `SPJ ${p.monthLabel} terlambat`, text: `SPJ ${p.monthLabel} ${p.rtLabel} jatuh tempo ${formatTanggal(p.dueOn)} dan belum dikirim (terlambat ${p.daysLate} hari). Pencairan berikutnya menunggu SPJ ini.`, link: p.link };
    }
    case 'money_lapsing': {
      const p = n.payload;
      return { subject: `${formatRupiah(p.amount)} akan hangus ${formatTanggal(p.lapsesOn)}`, text: `Dana ${p.rtLabel} tahun ${p.year} yang belum dipakai (${formatRupiah(p.amount)}) dikembalikan ke kas daerah pada ${formatTanggal(p.lapsesOn)}, ${p.daysLeft} hari lagi.`, link: p.link };
    }
    case 'daily_summary': {
      const p = n.payload;
      const waiting = p.receipts + p.plans + p.tranches + p.spj;
      return {
        subject: `Ringkasan ${formatTanggal(p.date)}: ${waiting} menunggu Anda`,
        text: `Kelurahan ${p.kelurahanName} per ${formatTanggal(p.date)}: ${p.receipts} kuitansi, ${p.plans} rencana, ${p.tranches} pencairan dan ${p.spj} SPJ menunggu diperiksa.`,
        link: p.link,
      };
    }
    case 'complaint_assigned': {
      const p = n.payload;
      return p.reason === 'received'
        ? { subject: `Aduan warga ${p.code} untuk Anda`, text: `Aduan warga ${p.code} menunggu jawaban Anda, paling lambat 3 hari kerja; jawabannya terbit di halaman publik.`, link: p.link }
        : { subject: `Aduan warga ${p.code} dialihkan kepada Anda`, text: `Aduan warga ${p.code} belum dijawab sampai tenggatnya dan kini menunggu jawaban Anda (3 hari kerja).`, link: p.link };
    }
    case 'desk_weekly': {
      const p = n.payload;
      return { subject: `Ringkasan mingguan meja pengawasan (${formatTanggal(p.weekOf)})`, text: p.text, link: p.link };
    }
    case 'password_issued': {
      const p = n.payload;
      return {
        subject: p.created ? 'Akun Anda dibuat' : 'Kata sandi Anda diatur ulang',
        text: `${p.created ? 'Akun Anda dibuat' : 'Kata sandi Anda diatur ulang'} oleh ${p.byName} (${p.byRole}) pada ${formatTanggal(p.issuedOn)} dengan kata sandi sementara. Sampai ${formatTanggal(p.conflictUntil)} ia tidak boleh memutuskan kuitansi, rencana, pencairan atau SPJ RT Anda. Jika bukan Anda yang meminta, hubungi admin kota.`,
        link: p.link,
      };
    }
  }
}

/** Delivery attempts before a delivery is given up (status failed). */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** The wait before attempt n+1 after n failed attempts: 1, 2, 4, 8, 16 minutes… at most 6 hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failedAttempts - 1), 6 * 60 * 60_000);
}
