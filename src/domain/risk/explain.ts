/**
 * Each risk flag explained in Indonesian with its numbers (the desk, the weekly summary).
 *
 * Invariants: the sentence carries the flag's own numbers (never recomputed here); money is
 * shown as Rp25.000.000, months as "Agustus 2025".
 */
import { formatBulan, formatTanggal } from '../calendar';
import { formatRupiah } from '../money';
import type { RiskFlag } from './flags';

const n = (f: RiskFlag, k: string) => Number(f.numbers[k] ?? 0);
const t = (f: RiskFlag, k: string) => String(f.numbers[k] ?? '');

export function explainFlag(f: RiskFlag): string {
  switch (f.kind) {
    case 'spj_overdue':
      return `${n(f, 'months')} SPJ bulanan belum diajukan atau dikembalikan lewat tenggat, paling lama ${n(f, 'worstDays')} hari (mulai ${formatBulan(t(f, 'firstMonth'))}).`;
    case 'lapse':
      return `Baru ${formatRupiah(n(f, 'spent'))} terbelanja dari ${formatRupiah(n(f, 'expected'))} yang diharapkan rencana sampai hari ini (${n(f, 'elapsedPercent')}% tahun berjalan). Dengan laju ini belanja setahun ${formatRupiah(n(f, 'projected'))}, jadi ${formatRupiah(n(f, 'lapsing'))} dari ${formatRupiah(n(f, 'allocation'))} akan kembali ke kas daerah.`;
    case 'spike':
      return `Belanja ${formatBulan(t(f, 'month'))} ${formatRupiah(n(f, 'spent'))}, ${(n(f, 'timesMedian10') / 10).toLocaleString('id-ID')}× median bulanan RT ini (${formatRupiah(n(f, 'median'))}); ${n(f, 'spikes')} bulan melonjak.`;
    case 'round_amounts':
      return `${n(f, 'round')} dari ${n(f, 'count')} kuitansi terverifikasi (${n(f, 'sharePercent')}%) bernominal kelipatan ${formatRupiah(n(f, 'unit'))}.`;
    case 'just_under':
      return `${n(f, 'count')} kuitansi antara ${formatRupiah(n(f, 'floor'))} dan di bawah batas meterai ${formatRupiah(n(f, 'threshold'))} (jumlah ${formatRupiah(n(f, 'total'))}).`;
    case 'item_cap_under':
      return `${n(f, 'count')} dari ${n(f, 'capped')} rincian berbatas harga (${n(f, 'sharePercent')}%) berharga satuan tepat di bawah atau sama dengan batasnya, dalam ${n(f, 'receipts')} kuitansi; terbanyak ${n(f, 'ofCap')} rincian "${t(f, 'cap')}" antara ${formatRupiah(n(f, 'floor'))} dan ${formatRupiah(n(f, 'maxRupiah'))}.`;
    case 'splitting':
      return `${n(f, 'receipts')} kuitansi dari penjual yang sama antara ${formatTanggal(t(f, 'from'))} dan ${formatTanggal(t(f, 'to'))}, masing-masing di bawah ${formatRupiah(n(f, 'threshold'))} tetapi berjumlah ${formatRupiah(n(f, 'total'))}; ${n(f, 'groups')} kelompok seperti ini.`;
    case 'shared_vendor':
      return `Penjual "${t(f, 'vendor')}" juga dipakai ${n(f, 'rts')} RT di ${n(f, 'kelurahan')} kelurahan.`;
    case 'nota_series':
      return `Nota seri "${t(f, 'series')}" dengan nomor berdekatan (selisih ≤ ${n(f, 'span')}) dipakai ${n(f, 'rts')} RT.`;
    case 'shared_photo':
      return `${n(f, 'receipts')} kuitansi memuat foto yang mirip dengan foto kuitansi ${n(f, 'otherRts')} RT lain.`;
    case 'complaints_overdue':
      return `${n(f, 'count')} aduan warga belum dijawab lewat tenggat; yang tertua bertenggat ${formatTanggal(t(f, 'oldestDeadline'))} (${n(f, 'days')} hari lalu).`;
    case 'tranche_unpaid':
      return `${n(f, 'count')} pencairan sudah disetujui tetapi belum dibayar, paling lama ${n(f, 'worstDays')} hari (jumlah ${formatRupiah(n(f, 'amount'))}).`;
  }
}
