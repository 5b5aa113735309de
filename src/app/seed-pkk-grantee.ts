/**
 * Demo PKK grantee (Perwal 47/2025, the PKK RT/RW aid, configured without code): the 2026 settings
 * gain the PKK programme from 2 January (a settings version, audited, with demo amounts of
 * Rp10.000.000 per PKK RT and Rp5.000.000 per PKK RW: the regulation's amounts are the admin's to
 * set), and PKK RT 001 / RW 001 Pleburan is registered beside RT 001 itself, allocated, with its
 * dossier, a plan through the chain of approval and one tranche drawn and paid. Its chair signs in
 * as `ketua.pkk.rt001.pleburan`. Everything through the same use cases as an RT's, on the PKK
 * grantee's own accounts (aset:pkk:rt:…).
 */
import { systemActor, toActor } from '../domain/access';
import type { PlanLine } from '../domain/grants/plan';
import { programmeSection } from '../domain/grants/programme-year';
import { demoPkkProgramme } from '../domain/grants/programmes';
import { granteeLabel } from '../domain/registry/rows';
import { allocateYear } from './allocate-year';
import { markBatchPaid } from './answer-bank-batch';
import { createBankBatch } from './bank-batch';
import { approvePlanThroughChain, approveTrancheThroughChain, demoApprovers } from './approve-through-chain';
import { changeYearSettings } from './create-programme-year';
import { addGrantee } from './edit-rt';
import { createUser } from './manage-users';
import { requestTranche } from './request-tranche';
import { savePlan } from './save-plan';
import { at } from './seed-clock';
import { beritaAcaraPdf } from './seed-documents';
import { seedDossier } from './seed-dossier';
import { grantWordsOf, yearOfGrantee } from './scope';
import type { Services } from './services';

export const PKK_DEMO_USER = 'ketua.pkk.rt001.pleburan';

/** The PKK group's plan: Rp10.000.000 over the PKK categories, administration within its 5 %. */
export const PKK_DEMO_PLAN: PlanLine[] = [
  { category: 'ADM', description: 'Buku kegiatan dan ATK PKK', amount: 400_000 },
  { category: 'KEG', description: 'Posyandu balita dan lansia, dasawisma', amount: 5_600_000 },
  { category: 'LAT', description: 'Pelatihan olahan pangan lokal', amount: 2_500_000 },
  { category: 'KON', description: 'Konsumsi rapat bulanan PKK', amount: 1_500_000 },
];

/** Configures PKK in the year's settings from 2 January (once). */
export function seedPkkProgramme(base: Services, year: number): void {
  const y = base.years.find(year);
  if (!y || y.status !== 'open' || programmeSection(y, 'PKK')) return;
  changeYearSettings(at(base, `${year}-01-02T01:00:00Z`), systemActor('seed'), year, { programmes: [...(y.programmes ?? []), demoPkkProgramme()] }, `${year}-01-02`);
}

export async function seedPkkGrantee(base: Services, kelurahanCode: string, year: number, password: string): Promise<void> {
  const bendaharaRow = base.users.findByUsername('bendahara.pleburan');
  const bpkadRow = base.users.findByUsername('bpkad');
  if (!bendaharaRow || !bpkadRow || base.users.findByUsername(PKK_DEMO_USER) || base.registry.findRtByNumbers(kelurahanCode, 1, 1, 'PKK')) return;
  seedPkkProgramme(base, year);
  const seed = systemActor('seed');
  const bendahara = toActor(bendaharaRow);
  const bpkad = toActor(bpkadRow);
  const holders = base.registry.bankAccountHolders();
  let account = 2099100001;
  while (holders.has(String(account))) account += 1;
  const jan = at(base, `${year}-01-12T02:00:00Z`);
  const id = addGrantee(jan, seed, { kelurahanCode, programme: 'PKK', kind: 'rt', rwNumber: 1, rtNumber: 1, chairName: 'Sri Rahayu', bankAccount: String(account), year });
  allocateYear(jan, seed, { year, kelurahanCode, occurredOn: `${year}-01-12` });
  await createUser(jan, seed, { username: PKK_DEMO_USER, displayName: 'Sri Rahayu', role: 'ketua_rt', kelurahanCode: null, rtId: id, kecamatanCodes: null, password, mustChangePassword: false });
  const chair = toActor(base.users.findByUsername(PKK_DEMO_USER)!);
  const g = base.registry.findRt(id)!;
  const kelurahanName = base.registry.findKelurahan(kelurahanCode)!.name;

  // The PKK group's papers name its programme and amount, from the year's settings.
  const grant = { name: grantWordsOf(jan, g, year).name, allocationRupiah: yearOfGrantee(jan, g, year).allocationPerGrantee[g.kind] };
  const pdf = await beritaAcaraPdf({ rtLabel: granteeLabel(g), kelurahan: kelurahanName, year, chair: g.chairName, date: `20 Januari ${year}`, grant });
  await seedDossier(at(base, `${year}-01-21T02:00:00Z`), chair, id, { rtLabel: granteeLabel(g), year, photo: 'real', grantName: grant.name });
  const plan = savePlan(at(base, `${year}-01-22T02:00:00Z`), chair, { rtId: id, year, lines: PKK_DEMO_PLAN, beritaAcara: await base.evidence.put(pdf, 'application/pdf', `berita-acara-rap-pkk-${year}.pdf`), submit: true });
  const approvers = demoApprovers(base, bendahara);
  approvePlanThroughChain(at(base, `${year}-01-28T02:00:00Z`), approvers, plan.id);

  const t = requestTranche(at(base, `${year}-09-01T03:00:00Z`), chair, {
    rtId: id,
    year,
    month: `${year}-09`,
    lines: [
      { category: 'KEG', description: 'Posyandu September', amount: 600_000 },
      { category: 'KON', description: 'Konsumsi rapat PKK September', amount: 150_000 },
    ],
    requestKey: `seed-pkk-${year}-t-0001`,
  });
  approveTrancheThroughChain(at(base, `${year}-09-02T03:00:00Z`), approvers, t.id);
  const { batchId } = createBankBatch(at(base, `${year}-09-03T03:00:00Z`), bpkad, kelurahanCode);
  markBatchPaid(at(base, `${year}-09-05T03:00:00Z`), bpkad, batchId, { bankReference: `BJTG-${year}0905-0922`, paidOn: `${year}-09-05` });
}
