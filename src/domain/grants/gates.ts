/**
 * The gates a tranche request must pass. Each is a setting of the programme year and each
 * refuses with its own code and message; a switched-off gate is reported as such, never
 * skipped silently.
 *
 * The SPJ and receipt facts come from the receipts module through SpendingFacts: until it
 * provides a verified SPJ, the monthly gate refuses (it does not pass by default).
 */
import Decimal from 'decimal.js';
import { formatRupiah } from '../money';
import { formatTanggal } from '../calendar';
import { isValidBankAccount } from '../registry/rows';
import { isInsideYear, type ProgrammeYear } from './programme-year';
import { periodLabel } from './tranche';

export interface GateFailure {
  code: string;
  message: string;
}

export interface TrancheFacts {
  year: ProgrammeYear;
  today: string;
  mode: 'monthly' | 'staged';
  period: string;
  amount: number;
  planApproved: boolean;
  /** Undrawn allocation minus what pending tranches already reserve. */
  undrawnAvailable: number;
  bankAccount: string;
  bankAccountShared: boolean;
  kelurahanClosed: boolean;
  /** Monthly: the month of the latest earlier tranche, whose SPJ must be verified. */
  previousSpj: { month: string; verified: boolean } | null;
  /** Staged: the previous stage, and how much of it verified receipts account for. */
  previousStage: { stage: number; amount: number; accounted: number } | null;
}

export function checkTrancheGates(f: TrancheFacts): GateFailure[] {
  const g = f.year.gates;
  const out: GateFailure[] = [];
  if (f.kelurahanClosed || f.year.status === 'closed') {
    out.push({ code: 'year_closed', message: `Tahun program ${f.year.year} sudah ditutup untuk kelurahan ini.` });
  }
  if (g.planApproved && !f.planApproved) {
    out.push({ code: 'plan_not_approved', message: 'Rencana anggaran (RAP) RT belum disetujui kelurahan.' });
  }
  if (g.insideYear && !isInsideYear(f.year, f.today)) {
    out.push({
      code: 'tranche_date_outside_year',
      message: `Hari ini (${formatTanggal(f.today)}) di luar tahun program ${f.year.year} (${formatTanggal(f.year.startsOn)} – ${formatTanggal(f.year.endsOn)}).`,
    });
  }
  if (g.withinAllocation && f.amount > f.undrawnAvailable) {
    out.push({
      code: 'tranche_exceeds_allocation',
      message: `Jumlah ${formatRupiah(f.amount)} melebihi sisa alokasi yang belum dicairkan (${formatRupiah(f.undrawnAvailable)}).`,
    });
  }
  if (g.bankAccountValid && (!isValidBankAccount(f.bankAccount) || f.bankAccountShared)) {
    out.push({
      code: 'bank_account_invalid',
      message: f.bankAccountShared
        ? `Nomor rekening ${f.bankAccount} juga tercatat untuk RT lain; minta admin kota memeriksanya.`
        : 'Nomor rekening RT tidak valid (harus tepat 10 angka).',
    });
  }
  if (f.mode === 'monthly' && g.previousSpjVerified && f.previousSpj && !f.previousSpj.verified) {
    out.push({
      code: 'previous_report_not_verified',
      message: `SPJ ${periodLabel('monthly', f.previousSpj.month)} belum diverifikasi kelurahan; pencairan berikutnya menunggu SPJ itu.`,
    });
  }
  if (f.mode === 'staged' && g.stageAccounted && f.previousStage) {
    const needed = new Decimal(f.previousStage.amount).times(f.year.stageAccountedPercent).dividedBy(100).ceil().toNumber();
    if (f.previousStage.accounted < needed) {
      out.push({
        code: 'previous_stage_not_accounted',
        message: `Tahap ${f.previousStage.stage} baru dipertanggungjawabkan ${formatRupiah(f.previousStage.accounted)}; perlu paling sedikit ${formatRupiah(needed)} (${f.year.stageAccountedPercent} %) dengan kuitansi terverifikasi.`,
      });
    }
  }
  return out;
}
