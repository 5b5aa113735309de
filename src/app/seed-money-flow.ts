/**
 * Demo money flow in Kelurahan Pleburan (programme year 2026), made through the same use
 * cases as the web: approved plans with paid tranches, plans waiting for the bendahara, a
 * returned plan, a tranche waiting for approval, an approved tranche ready for the bank,
 * and the demo RT (RT 001 / RW 001) with an approved plan and a tranche drawn.
 */
import type { Actor } from '../domain/access';
import type { PlanLine } from '../domain/grants/plan';
import { toActor } from '../db/user-repository';
import { createBankBatch, markBatchPaid } from './bank-batch';
import { approvePlan, returnPlan } from './decide-plan';
import { approveTranche } from './decide-tranche';
import { requestTranche } from './request-tranche';
import { savePlan } from './save-plan';
import { beritaAcaraPdf } from './seed-documents';
import type { Services } from './services';

export const DEMO_PLAN: PlanLine[] = [
  { category: 'ADM', description: 'ATK, fotokopi dan cetak laporan', amount: 600_000 },
  { category: 'SOS', description: 'Konsumsi rapat warga bulanan', amount: 3_000_000 },
  { category: 'SOS', description: 'Santunan duka dan warga sakit', amount: 2_500_000 },
  { category: 'BUD', description: 'Peringatan HUT RI ke-81 dan lomba anak', amount: 4_000_000 },
  { category: 'BUD', description: 'Pengajian rutin dan honor penceramah', amount: 2_400_000 },
  { category: 'PEM', description: 'Senam lansia mingguan (honor instruktur)', amount: 2_000_000 },
  { category: 'LIN', description: 'Kerja bakti dan honor petugas kebersihan', amount: 3_500_000 },
  { category: 'PML', description: 'Pengecatan pos kamling dan tambal jalan', amount: 4_000_000 },
  { category: 'PRL', description: 'Peralatan kebersihan dan tenda lipat', amount: 3_000_000 },
];

const RBB_AUGUST: PlanLine[] = [
  { category: 'SOS', description: 'Konsumsi rapat warga Agustus', amount: 250_000 },
  { category: 'BUD', description: 'Lomba 17-an anak-anak', amount: 1_500_000 },
  { category: 'ADM', description: 'Fotokopi undangan dan daftar hadir', amount: 50_000 },
];

const chairOf = (rtId: number, kelurahanCode: string): Actor => ({
  userId: null,
  username: 'seed:ketua-rt',
  role: 'ketua_rt',
  kelurahanCode,
  rtId,
  kecamatanCodes: null,
});

export async function seedMoneyFlow(s: Services, kelurahanCode: string, year: number): Promise<void> {
  const bendaharaRow = s.users.findByUsername('bendahara.pleburan');
  const ketuaRow = s.users.findByUsername('ketua.pleburan');
  if (!bendaharaRow || !ketuaRow || s.plans.versions(ketuaRow.rtId!, year).length) return;
  const bendahara = toActor(bendaharaRow);
  const kelurahanName = s.registry.findKelurahan(kelurahanCode)!.name;
  const rt = (rw: number, n: number) => s.registry.findRtByNumbers(kelurahanCode, rw, n)!;
  let key = 0;

  const submitPlan = async (rtId: number, actor: Actor) => {
    const r = s.registry.findRt(rtId)!;
    const pdf = await beritaAcaraPdf({ rtLabel: `RT ${String(r.number).padStart(3, '0')} / RW ${String(r.rwNumber).padStart(3, '0')}`, kelurahan: kelurahanName, year, chair: r.chairName, date: `12 Januari ${year}` });
    const file = await s.evidence.put(pdf, 'application/pdf', `berita-acara-rap-${year}.pdf`);
    return savePlan(s, actor, { rtId, year, lines: DEMO_PLAN, beritaAcara: file, submit: true });
  };
  const request = (rtId: number, actor: Actor, month: string) =>
    requestTranche(s, actor, { rtId, year, month, lines: RBB_AUGUST, requestKey: `seed-${year}-${rtId}-${month}-${++key}`.padEnd(16, '0') });

  // The demo RT: its own chair submits; the bendahara approves the plan and the August tranche.
  const demo = toActor(ketuaRow);
  const demoPlan = await submitPlan(ketuaRow.rtId!, demo);
  approvePlan(s, bendahara, demoPlan.id);
  approveTranche(s, bendahara, request(ketuaRow.rtId!, demo, `${year}-08`).id);

  // RTs with approved plans and an approved August tranche.
  for (const [rw, n] of [[1, 2], [1, 3], [2, 1], [2, 2]] as const) {
    const r = rt(rw, n);
    const chair = chairOf(r.id, kelurahanCode);
    approvePlan(s, bendahara, (await submitPlan(r.id, chair)).id);
    approveTranche(s, bendahara, request(r.id, chair, `${year}-08`).id);
  }
  // Paid: the demo RT's and three others' tranches go to the bank in one batch, marked paid.
  const { batchId } = createBankBatch(s, bendahara, kelurahanCode);
  markBatchPaid(s, bendahara, batchId);
  // Approved after the batch: waiting for the next bank batch.
  {
    const r = rt(2, 3);
    const chair = chairOf(r.id, kelurahanCode);
    approvePlan(s, bendahara, (await submitPlan(r.id, chair)).id);
    approveTranche(s, bendahara, request(r.id, chair, `${year}-08`).id);
  }
  // A tranche waiting for the bendahara (the queue).
  {
    const r = rt(3, 1);
    const chair = chairOf(r.id, kelurahanCode);
    approvePlan(s, bendahara, (await submitPlan(r.id, chair)).id);
    request(r.id, chair, `${year}-09`);
  }
  // Plans waiting for the bendahara.
  for (const [rw, n] of [[3, 2], [4, 1]] as const) {
    const r = rt(rw, n);
    await submitPlan(r.id, chairOf(r.id, kelurahanCode));
  }
  // A returned plan, with a note saying exactly what to fix.
  {
    const r = rt(4, 2);
    const plan = await submitPlan(r.id, chairOf(r.id, kelurahanCode));
    returnPlan(s, bendahara, plan.id, 'Berita acara belum memuat tanda tangan 5 warga dari 5 KK; lampirkan ulang. Rincian PML mohon dipisah: pengecatan dan tambal jalan.');
  }
}
