/**
 * Demo of a closed year (programme year 2025, Kelurahan Pleburan), told through the same use
 * cases as the web: the demo RT (RT 001 / RW 001) agreed its plan in July 2025, drew August,
 * spent and reported it; September to December were never reported in the app, so at the close
 * in January 2026 the admin cleared those four SPJ blockers with a written reason. Kelurahan
 * Pleburan's 2025 was then closed (cash returned to Kas Daerah, the undrawn allocation lapsed),
 * and in February 2026, after the Inspektorat's audit, the admin posted a correction into the
 * closed year: a Rp250.000 purchase found to be a forbidden use, paid back to Kas Daerah.
 */
import { toActor } from '../domain/access';
import { closeBlockers, closeYear, overrideBlocker } from './close-year';
import { correctClosedYear } from './correct-closed-year';
import { markBatchPaid } from './answer-bank-batch';
import { createBankBatch } from './bank-batch';
import { verifyReceipt } from './decide-receipt';
import { recordReceipt } from './record-receipt';
import { requestTranche } from './request-tranche';
import { savePlan } from './save-plan';
import { at } from './seed-clock';
import { approvePlanThroughChain, approveTrancheThroughChain, demoApprovers } from './approve-through-chain';
import { beritaAcaraPdf, evidenceImage } from './seed-documents';
import { seedDossier } from './seed-dossier';
import { DEMO_PLAN } from './seed-money-flow';
import type { Services } from './services';
import { submitSpj, verifySpj } from './spj';

export async function seedClosedYear(base: Services, kelurahanCode: string, year = 2025): Promise<void> {
  const adminRow = base.users.findByUsername('admin');
  const bendaharaRow = base.users.findByUsername('bendahara.pleburan');
  const ketuaRow = base.users.findByUsername('ketua.pleburan');
  if (!adminRow || !bendaharaRow || !ketuaRow || !base.years.find(year) || base.plans.versions(ketuaRow.rtId!, year).length) return;
  const admin = toActor(adminRow);
  const bendahara = toActor(bendaharaRow);
  const approvers = demoApprovers(base, bendahara);
  const chair = toActor(ketuaRow);
  const rtId = ketuaRow.rtId!;
  const kelurahanName = base.registry.findKelurahan(kelurahanCode)!.name;

  // July 2025: the plan, agreed in a residents' meeting, approved.
  const jul = at(base, `${year}-07-21T02:00:00Z`);
  const pdf = await beritaAcaraPdf({ rtLabel: 'RT 001 / RW 001', kelurahan: kelurahanName, year, chair: chair.username, date: `19 Juli ${year}` });
  const beritaAcara = await jul.evidence.put(pdf, 'application/pdf', `berita-acara-rap-${year}.pdf`);
  await seedDossier(jul, chair, rtId, { rtLabel: 'RT 001 / RW 001', year, photo: 'real' });
  approvePlanThroughChain(at(base, `${year}-07-28T02:00:00Z`), approvers, savePlan(jul, chair, { rtId, year, lines: DEMO_PLAN, beritaAcara, submit: true }).id);

  // August 2025: the first tranche, paid by the bank; two purchases verified; the August SPJ verified.
  const t = requestTranche(at(base, `${year}-08-04T02:00:00Z`), chair, {
    rtId, year, month: `${year}-08`, requestKey: `seed-${year}-close-tranche-0001`,
    lines: [{ category: 'SOS', description: 'Konsumsi rapat warga Agustus', amount: 500_000 }, { category: 'BUD', description: 'Lomba 17-an anak-anak', amount: 1_500_000 }],
  });
  approveTrancheThroughChain(at(base, `${year}-08-08T02:00:00Z`), approvers, t.id);
  // The city's treasury (BPKAD) batches it for the bank and records the bank's payment.
  const bpkadRow = base.users.findByUsername('bpkad');
  if (!bpkadRow) return;
  const bpkad = toActor(bpkadRow);
  const { batchId } = createBankBatch(at(base, `${year}-08-09T02:00:00Z`), bpkad, kelurahanCode);
  markBatchPaid(at(base, `${year}-08-11T02:00:00Z`), bpkad, batchId, { bankReference: `BJTG-${year}0811-0102`, paidOn: `${year}-08-11` });
  const aug = at(base, `${year}-08-25T02:00:00Z`);
  let n = 9000;
  for (const r of [
    { date: `${year}-08-14`, category: 'SOS', description: 'Konsumsi rapat warga Agustus', vendor: 'Warung Bu Sri', nota: 'WS-2508', amount: 250_000 },
    { date: `${year}-08-17`, category: 'BUD', description: 'Hadiah lomba 17-an anak-anak', vendor: 'Toko Sinar Jaya', nota: 'SJ-1708', amount: 1_200_000 },
  ]) {
    const files = [];
    for (const kind of ['nota', 'foto_kegiatan', 'daftar_hadir'] as const) {
      const img = await evidenceImage(kind, kind === 'nota' ? [r.vendor.toUpperCase(), r.date, r.description, `Rp ${r.amount.toLocaleString('id-ID')}`, `No. ${++n}`] : [r.description, r.date, `No. ${++n}`], n);
      files.push({ ...(await aug.evidence.put(img, 'image/jpeg', `${kind}-${n}.jpg`)), kind });
    }
    const receipt = recordReceipt(aug, chair, { rtId, year, date: r.date, category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.nota, amount: r.amount, items: [], files, requestKey: `seed-${year}-close-receipt-${n}` });
    verifyReceipt(at(base, `${year}-09-02T02:00:00Z`), bendahara, receipt.id);
  }
  verifySpj(at(base, `${year}-09-08T02:00:00Z`), bendahara, submitSpj(at(base, `${year}-09-05T02:00:00Z`), chair, { rtId, year, month: `${year}-08` }).id);

  // January 2026: September–December were never reported in the app; the admin clears them with a reason, then closes.
  const jan = at(base, `${year + 1}-01-06T02:00:00Z`);
  for (const b of closeBlockers(jan, year, [kelurahanCode])) {
    overrideBlocker(jan, admin, {
      year,
      blockerKey: b.key,
      reason: 'Tidak ada belanja setelah Agustus; SPJ nihil September–Desember diserahkan di atas kertas ke kelurahan (berita acara 5 Januari 2026).',
    });
  }
  closeYear(at(base, `${year + 1}-01-06T03:00:00Z`), admin, { year, kelurahanCode });

  // February 2026: after the Inspektorat's audit, a correction into the closed year.
  correctClosedYear(at(base, `${year + 1}-02-10T02:00:00Z`), admin, {
    year, rtId, from: 'spending:SOS', to: 'returned', amount: 250_000, requestKey: `seed-${year}-correction-0001`,
    reason: 'Temuan Inspektorat: konsumsi Agustus dipakai untuk acara keluarga pengurus; RT menyetor kembali Rp250.000 ke Kas Daerah (STS 10 Februari 2026).',
  });
}
