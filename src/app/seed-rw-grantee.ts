/**
 * Demo RW grantee (Perwal 32/2025 pays RWs too): RW 001 Pleburan registered as a grantee of its
 * own with its chair and bank account, its 2026 allocation (Rp3.000.000 by the year's setting),
 * a plan agreed in January, a September tranche drawn and paid, receipts verified and reported,
 * and one receipt waiting in November. Its chair signs in as `ketua.rw01.pleburan`. Everything
 * through the same use cases as an RT's, on the RW's own accounts (aset:rw:…).
 */
import { systemActor, toActor } from '../domain/access';
import type { PlanLine } from '../domain/grants/plan';
import { RW_GRANTEE_NUMBER, granteeLabel } from '../domain/registry/rows';
import { allocateYear } from './allocate-year';
import { markBatchPaid } from './answer-bank-batch';
import { createBankBatch } from './bank-batch';
import { approvePlanThroughChain, approveTrancheThroughChain, demoApprovers } from './approve-through-chain';
import { verifyReceipt } from './decide-receipt';
import { addRwGrantee } from './edit-rt';
import { createUser } from './manage-users';
import { recordReceipt, type UploadedEvidence } from './record-receipt';
import { requestTranche } from './request-tranche';
import { savePlan } from './save-plan';
import { at } from './seed-clock';
import { beritaAcaraPdf, evidenceImage } from './seed-documents';
import { seedDossier } from './seed-dossier';
import type { Services } from './services';
import { submitSpj, verifySpj } from './spj';

export const RW_DEMO_USER = 'ketua.rw01.pleburan';

/** The RW's plan: Rp3.000.000, administration within its 2,5 % (Rp75.000). */
export const RW_DEMO_PLAN: PlanLine[] = [
  { category: 'ADM', description: 'ATK dan fotokopi surat RW', amount: 75_000 },
  { category: 'SOS', description: 'Konsumsi rapat koordinasi ketua RT se-RW', amount: 1_200_000 },
  { category: 'LIN', description: 'Kerja bakti lingkungan RW', amount: 1_000_000 },
  { category: 'PRL', description: 'Peralatan kebersihan RW', amount: 725_000 },
];

export async function seedRwGrantee(base: Services, kelurahanCode: string, year: number, password: string): Promise<void> {
  const bendaharaRow = base.users.findByUsername('bendahara.pleburan');
  const bpkadRow = base.users.findByUsername('bpkad');
  if (!bendaharaRow || !bpkadRow || base.users.findByUsername(RW_DEMO_USER) || base.registry.findRtByNumbers(kelurahanCode, 1, RW_GRANTEE_NUMBER)) return;
  const seed = systemActor('seed');
  const bendahara = toActor(bendaharaRow);
  const bpkad = toActor(bpkadRow);
  // A 10-digit Bank Jateng account no RT holds.
  const holders = base.registry.bankAccountHolders();
  let account = 2099000001;
  while (holders.has(String(account))) account += 1;
  const jan = at(base, `${year}-01-10T02:00:00Z`);
  const rwId = addRwGrantee(jan, seed, { kelurahanCode, rwNumber: 1, chairName: 'Haryanto Wibisono', bankAccount: String(account) });
  allocateYear(jan, seed, { year, kelurahanCode, occurredOn: `${year}-01-10` });
  await createUser(jan, seed, { username: RW_DEMO_USER, displayName: 'Haryanto Wibisono', role: 'ketua_rt', kelurahanCode: null, rtId: rwId, kecamatanCodes: null, password, mustChangePassword: false });
  const chair = toActor(base.users.findByUsername(RW_DEMO_USER)!);
  const rw = base.registry.findRt(rwId)!;
  const kelurahanName = base.registry.findKelurahan(kelurahanCode)!.name;

  let seq = 0;
  const key = (what: string) => `seed-rw-${year}-${what}-${++seq}`.padEnd(16, '0');
  const pdf = await beritaAcaraPdf({ rtLabel: granteeLabel(rw), kelurahan: kelurahanName, year, chair: rw.chairName, date: `18 Januari ${year}` });
  // The Perwal's dossier first, then the plan through every step of the year's chain of approval.
  await seedDossier(at(base, `${year}-01-19T02:00:00Z`), chair, rwId, { rtLabel: granteeLabel(rw), year, photo: 'real' });
  const plan = savePlan(at(base, `${year}-01-20T02:00:00Z`), chair, { rtId: rwId, year, lines: RW_DEMO_PLAN, beritaAcara: await base.evidence.put(pdf, 'application/pdf', `berita-acara-rap-rw-${year}.pdf`), submit: true });
  const approvers = demoApprovers(base, bendahara);
  approvePlanThroughChain(at(base, `${year}-01-27T02:00:00Z`), approvers, plan.id);

  const t = requestTranche(at(base, `${year}-09-01T02:00:00Z`), chair, {
    rtId: rwId,
    year,
    month: `${year}-09`,
    lines: [
      { category: 'SOS', description: 'Konsumsi rapat koordinasi September', amount: 300_000 },
      { category: 'PRL', description: 'Peralatan kebersihan RW', amount: 450_000 },
    ],
    requestKey: key('t'),
  });
  approveTrancheThroughChain(at(base, `${year}-09-02T02:00:00Z`), approvers, t.id);
  const { batchId } = createBankBatch(at(base, `${year}-09-03T02:00:00Z`), bpkad, kelurahanCode);
  markBatchPaid(at(base, `${year}-09-05T02:00:00Z`), bpkad, batchId, { bankReference: `BJTG-${year}0905-0921`, paidOn: `${year}-09-05` });

  const photo = async (s: Services, kind: 'nota' | 'foto_barang' | 'foto_kegiatan' | 'daftar_hadir', lines: string[]): Promise<UploadedEvidence> => {
    const n = ++seq;
    return { ...(await s.evidence.put(await evidenceImage(kind, [...lines, `No. ${5000 + n}`], 500 + n), 'image/jpeg', `rw-${kind}-${n}.jpg`)), kind };
  };
  const receipt = async (when: string, r: { date: string; category: string; description: string; vendor: string; nota: string; amount: number; items?: Array<{ name: string; quantity: number; unitPrice: number }> }, kinds: Array<'nota' | 'foto_barang' | 'foto_kegiatan' | 'daftar_hadir'>) => {
    const s = at(base, when);
    const files = [];
    for (const k of kinds) files.push(await photo(s, k, k === 'nota' ? [r.vendor.toUpperCase(), r.date, r.description, `Rp ${r.amount.toLocaleString('id-ID')}`] : [r.description, r.date]));
    return recordReceipt(s, chair, { rtId: rwId, year, date: r.date, category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.nota, amount: r.amount, items: r.items ?? [], files, requestKey: key('r') });
  };
  const oct2 = at(base, `${year}-10-02T02:00:00Z`);
  verifyReceipt(oct2, bendahara, (await receipt(`${year}-09-12T02:00:00Z`, { date: `${year}-09-12`, category: 'SOS', description: 'Konsumsi rapat koordinasi ketua RT se-RW', vendor: 'Warung Bu Sri', nota: 'WS-0912', amount: 280_000 }, ['nota', 'foto_kegiatan', 'daftar_hadir'])).id);
  verifyReceipt(oct2, bendahara, (await receipt(`${year}-09-20T02:00:00Z`, { date: `${year}-09-20`, category: 'PRL', description: 'Gerobak sampah kecil dan sapu', vendor: 'Toko Plastik Makmur', nota: 'PM-311', amount: 420_000, items: [{ name: 'Gerobak sampah kecil', quantity: 1, unitPrice: 300_000 }, { name: 'Sapu ijuk', quantity: 8, unitPrice: 15_000 }] }, ['nota', 'foto_barang'])).id);
  verifySpj(at(base, `${year}-10-08T02:00:00Z`), bendahara, submitSpj(at(base, `${year}-10-05T02:00:00Z`), chair, { rtId: rwId, year, month: `${year}-09` }).id);
  // November: one receipt waiting for the bendahara.
  await receipt(`${year}-11-24T02:00:00Z`, { date: `${year}-11-23`, category: 'LIN', description: 'Kerja bakti bersih selokan RW', vendor: 'Toko Bangunan Maju', nota: 'BM-902', amount: 40_000 }, ['nota', 'foto_kegiatan']);
}
