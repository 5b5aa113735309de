/**
 * Demo money flow in Kelurahan Pleburan (programme year 2026), told month by month through the
 * same use cases as the web: plans agreed in January, August tranches drawn and paid, receipts
 * in every state with generated evidence photos, verified and overdue SPJs, a flagged
 * duplicate, a photo flagged as near another receipt's, a plan revision moving money between
 * categories, spending flagged beyond its month's RBB, and what is waiting now for the bendahara
 * (plans, a tranche, receipts, an SPJ).
 * The demo RT (RT 001 / RW 001, ketua.pleburan) has an approved plan, an August tranche whose
 * SPJ is verified (so it can request the next one), and cash left to spend.
 */
import { granteeLabel } from '../domain/registry/rows';
import fs from 'node:fs';
import sharp from 'sharp';
import type { Actor } from '../domain/access';
import type { PlanLine } from '../domain/grants/plan';
import type { EvidenceKind } from '../domain/grants/receipt';
import { toActor } from '../domain/access';
import { answerBankRow, markBatchPaid } from './answer-bank-batch';
import { createBankBatch } from './bank-batch';
import { returnPlan } from './decide-plan';
import { rejectReceipt, returnReceipt, verifyReceipt } from './decide-receipt';
import { recordReceipt, type UploadedEvidence } from './record-receipt';
import { requestTranche } from './request-tranche';
import { revisePlan, savePlan } from './save-plan';
import { at } from './seed-clock';
import { approvePlanThroughChain, approveTrancheThroughChain, demoApprovers } from './approve-through-chain';
import { beritaAcaraPdf, evidenceImage } from './seed-documents';
import { seedDossier } from './seed-dossier';
import { setPhotoPublicity } from './public-photos';
import type { Services } from './services';
import { submitSpj, verifySpj, withdrawSpj } from './spj';

/** Why the demo treasurer hid the lomba receipt's activity photo from the public page. */
export const SEED_HIDDEN_PHOTO_REASON = 'Foto memperlihatkan wajah anak-anak peserta lomba; tidak untuk halaman publik.';

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

const rbb = (month: string): PlanLine[] => [
  { category: 'SOS', description: `Konsumsi rapat warga ${month}`, amount: 250_000 },
  { category: 'BUD', description: month === 'Agustus' ? 'Lomba 17-an anak-anak' : 'Pengajian bulanan', amount: 1_500_000 },
  { category: 'ADM', description: 'Fotokopi undangan dan daftar hadir', amount: 50_000 },
];

// RT chairs without a demo login act in the story under a readable name (they are not accounts).
const chairOf = (rtId: number, kelurahanCode: string): Actor => ({ userId: null, username: `ketua RT #${rtId} (data demo)`, role: 'ketua_rt', kelurahanCode, rtId, kecamatanCodes: null });

export async function seedMoneyFlow(base: Services, kelurahanCode: string, year: number): Promise<void> {
  const bendaharaRow = base.users.findByUsername('bendahara.pleburan');
  const ketuaRow = base.users.findByUsername('ketua.pleburan');
  const bpkadRow = base.users.findByUsername('bpkad');
  if (!bendaharaRow || !ketuaRow || !bpkadRow || base.plans.versions(ketuaRow.rtId!, year).length) return;
  const bendahara = toActor(bendaharaRow);
  const approvers = demoApprovers(base, bendahara);
  // The city's treasury makes the bank batches and records the bank's answers.
  const bpkad = toActor(bpkadRow);
  const kelurahanName = base.registry.findKelurahan(kelurahanCode)!.name;
  const rt = (rw: number, n: number) => base.registry.findRtByNumbers(kelurahanCode, rw, n)!;
  let seq = 0;
  const key = (what: string) => `seed-${year}-${what}-${++seq}`.padEnd(16, '0');

  const submitPlan = async (s: Services, rtId: number, actor: Actor, o: { lines?: PlanLine[]; date?: string; revisionReason?: string } = {}) => {
    const r = s.registry.findRt(rtId)!;
    const pdf = await beritaAcaraPdf({ rtLabel: granteeLabel(r), kelurahan: kelurahanName, year, chair: r.chairName, date: o.date ?? `12 Januari ${year}` });
    const file = await s.evidence.put(pdf, 'application/pdf', `berita-acara-rap-${year}.pdf`);
    // The Perwal's dossier with the first plan (a revision starts from the approved version's files).
    if (!s.plans.approved(rtId, year)) await seedDossier(s, actor, rtId, { rtLabel: granteeLabel(r), year, photo: 'real' });
    return savePlan(s, actor, { rtId, year, lines: o.lines ?? DEMO_PLAN, beritaAcara: file, submit: true, revisionReason: o.revisionReason });
  };
  const request = (s: Services, rtId: number, actor: Actor, month: string, label: string) =>
    requestTranche(s, actor, { rtId, year, month, lines: rbb(label), requestKey: key(`t${rtId}`) });

  const photo = async (s: Services, kind: EvidenceKind & ('nota' | 'foto_barang' | 'foto_kegiatan' | 'daftar_hadir'), lines: string[]): Promise<UploadedEvidence> => {
    const n = ++seq;
    const buf = await evidenceImage(kind, [...lines, `No. ${1000 + n}`], n);
    return { ...(await s.evidence.put(buf, 'image/jpeg', `${kind}-${n}.jpg`)), kind };
  };
  const receipt = async (
    s: Services,
    actor: Actor,
    rtId: number,
    r: { date: string; category: string; description: string; vendor: string; nota: string; amount: number; items?: Array<{ name: string; quantity: number; unitPrice: number }> },
    kinds: Array<'nota' | 'foto_barang' | 'foto_kegiatan' | 'daftar_hadir'>,
  ) => {
    const files = [];
    for (const k of kinds) files.push(await photo(s, k, k === 'nota' ? [r.vendor.toUpperCase(), r.date, r.description, `Rp ${r.amount.toLocaleString('id-ID')}`] : [r.description, r.date]));
    return recordReceipt(s, actor, { rtId, year, date: r.date, category: r.category, description: r.description, vendor: r.vendor, notaNumber: r.nota, amount: r.amount, items: r.items ?? [], files, requestKey: key(`r${rtId}`) });
  };
  const activity: Array<'nota' | 'foto_kegiatan' | 'daftar_hadir'> = ['nota', 'foto_kegiatan', 'daftar_hadir'];

  // January: plans agreed and approved.
  const jan = at(base, `${year}-01-15T02:00:00Z`);
  const janDecide = at(base, `${year}-01-22T02:00:00Z`);
  const demo = toActor(ketuaRow);
  const drawing = [[1, 2], [1, 3], [2, 1], [2, 2]] as const;
  approvePlanThroughChain(janDecide, approvers, (await submitPlan(jan, ketuaRow.rtId!, demo)).id);
  for (const [rw, n] of [...drawing, [2, 3], [3, 1]] as const) {
    const r = rt(rw, n);
    approvePlanThroughChain(janDecide, approvers, (await submitPlan(jan, r.id, chairOf(r.id, kelurahanCode))).id);
  }

  // August: tranches requested and approved, one bank batch (made by BPKAD), paid by the bank two days later.
  const aug1 = at(base, `${year}-08-01T02:00:00Z`);
  const aug3 = at(base, `${year}-08-03T02:00:00Z`);
  approveTrancheThroughChain(aug3, approvers, request(aug1, ketuaRow.rtId!, demo, `${year}-08`, 'Agustus').id);
  for (const [rw, n] of drawing) {
    const r = rt(rw, n);
    approveTrancheThroughChain(aug3, approvers, request(aug1, r.id, chairOf(r.id, kelurahanCode), `${year}-08`, 'Agustus').id);
  }
  const { batchId } = createBankBatch(at(base, `${year}-08-04T02:00:00Z`), bpkad, kelurahanCode);
  markBatchPaid(at(base, `${year}-08-06T02:00:00Z`), bpkad, batchId, { bankReference: `BJTG-${year}0806-0417`, paidOn: `${year}-08-06` });

  // August spending, recorded in date order (each receipt takes the RT's next number, KW-001…),
  // verified in early September; the demo RT's SPJ verified.
  const aug = at(base, `${year}-08-25T02:00:00Z`);
  const sep2 = at(base, `${year}-09-02T02:00:00Z`);
  verifyReceipt(sep2, bendahara, (await receipt(aug, demo, ketuaRow.rtId!, { date: `${year}-08-07`, category: 'ADM', description: 'Fotokopi undangan rapat', vendor: 'Fotokopi Barokah', nota: 'FB-118', amount: 50_000 }, ['nota'])).id);
  verifyReceipt(sep2, bendahara, (await receipt(aug, demo, ketuaRow.rtId!, { date: `${year}-08-10`, category: 'SOS', description: 'Konsumsi rapat warga Agustus', vendor: 'Warung Bu Sri', nota: 'WS-0810', amount: 250_000 }, activity)).id);
  const lomba = (await receipt(aug, demo, ketuaRow.rtId!, { date: `${year}-08-17`, category: 'BUD', description: 'Hadiah lomba 17-an anak-anak', vendor: 'Toko Sinar Jaya', nota: 'SJ-2291', amount: 1_200_000 }, activity)).id;
  verifyReceipt(sep2, bendahara, lomba);
  // The lomba's activity photo shows the children's faces: the kelurahan treasurer hides it from the
  // public page with a reason, through her own use case (audited); the receipt itself stays public.
  const lombaPhoto = base.receipts.files(lomba).find((f) => f.kind === 'foto_kegiatan')!;
  setPhotoPublicity(at(base, `${year}-09-03T02:00:00Z`), bendahara, { receiptId: lomba, sha256: lombaPhoto.sha256, hidden: true, reason: SEED_HIDDEN_PHOTO_REASON });
  verifySpj(at(base, `${year}-09-08T02:00:00Z`), bendahara, submitSpj(at(base, `${year}-09-05T02:00:00Z`), demo, { rtId: ketuaRow.rtId!, year, month: `${year}-08` }).id);
  // September and October: no spending, reported as such ("nihil") and verified.
  verifySpj(at(base, `${year}-10-08T02:00:00Z`), bendahara, submitSpj(at(base, `${year}-10-05T02:00:00Z`), demo, { rtId: ketuaRow.rtId!, year, month: `${year}-09` }).id);
  verifySpj(at(base, `${year}-11-07T02:00:00Z`), bendahara, submitSpj(at(base, `${year}-11-04T02:00:00Z`), demo, { rtId: ketuaRow.rtId!, year, month: `${year}-10` }).id);
  // November: one receipt sent back to the demo chair to complete.
  returnReceipt(at(base, `${year}-11-26T02:00:00Z`), bendahara, (await receipt(at(base, `${year}-11-25T02:00:00Z`), demo, ketuaRow.rtId!, { date: `${year}-11-24`, category: 'SOS', description: 'Konsumsi kerja bakti November', vendor: 'Warung Bu Sri', nota: 'WS-1124', amount: 120_000 }, activity)).id,
    'Foto kegiatan kurang jelas; lampirkan foto kerja bakti yang memperlihatkan warga.');

  // RT 002 / RW 001: receipts in every state; its August SPJ was never submitted (overdue).
  {
    const r = rt(1, 2);
    const chair = chairOf(r.id, kelurahanCode);
    verifyReceipt(sep2, bendahara, (await receipt(aug, chair, r.id, { date: `${year}-08-12`, category: 'LIN', description: 'Kerja bakti bersih saluran', vendor: 'Toko Bangunan Maju', nota: 'BM-771', amount: 600_000 }, ['nota', 'foto_kegiatan'])).id);
    returnReceipt(sep2, bendahara, (await receipt(aug, chair, r.id, { date: `${year}-08-17`, category: 'BUD', description: 'Konsumsi tirakatan 17 Agustus', vendor: 'Katering Bu Endang', nota: 'KE-017', amount: 450_000 }, activity)).id,
      'Daftar hadir tirakatan tanpa tanda tangan peserta; lampirkan daftar hadir yang ditandatangani.');
    rejectReceipt(sep2, bendahara, (await receipt(aug, chair, r.id, { date: `${year}-08-20`, category: 'PRL', description: 'Pembelian termos air', vendor: 'Toko Serba Ada', nota: 'SA-550', amount: 150_000, items: [{ name: 'Termos air 2 liter', quantity: 1, unitPrice: 150_000 }] }, ['nota', 'foto_barang'])).id,
      'Nota tidak terbaca dan tanggal di nota berbeda; ajukan ulang dengan nota asli.');
    await receipt(at(base, `${year}-11-24T02:00:00Z`), chair, r.id, { date: `${year}-11-22`, category: 'SOS', description: 'Santunan warga sakit', vendor: 'Apotek Sehat', nota: 'AS-3321', amount: 300_000 }, ['nota', 'foto_kegiatan', 'daftar_hadir']);
  }
  // RT 003 / RW 001: receipts waiting, one flagged (same shop, nota, amount and date as RT 002's).
  {
    const r = rt(1, 3);
    const chair = chairOf(r.id, kelurahanCode);
    const nov = at(base, `${year}-11-25T02:00:00Z`);
    await receipt(nov, chair, r.id, { date: `${year}-08-12`, category: 'LIN', description: 'Kerja bakti bersih saluran', vendor: 'Toko Bangunan Maju', nota: 'BM-771', amount: 600_000 }, ['nota', 'foto_kegiatan']);
    await receipt(nov, chair, r.id, { date: `${year}-11-20`, category: 'PRL', description: 'Sapu lidi dan tempat sampah', vendor: 'Toko Plastik Makmur', nota: 'PM-208', amount: 280_000, items: [{ name: 'Sapu lidi', quantity: 10, unitPrice: 13_000 }, { name: 'Tempat sampah 60 liter', quantity: 2, unitPrice: 75_000 }] }, ['nota', 'foto_barang']);
    // The same photo again: refused at entry, and shown to the bendahara as a duplicate attempt.
    const used = base.receipts.files(base.receipts.ofRt(r.id, year)[0]!.id)[0]!;
    try {
      recordReceipt(nov, chair, { rtId: r.id, year, date: `${year}-11-21`, category: 'ADM', description: 'Fotokopi', vendor: 'Fotokopi Barokah', notaNumber: null, amount: 20_000, items: [], files: [{ ...used, size: 1, mime: 'image/jpeg', pixelSha256: base.evidenceFiles.find(used.sha256)!.pixelSha256, phash: null, kind: 'nota' }], requestKey: key('dup') });
    } catch {
      // expected: evidence_duplicate
    }
  }
  // RT 002 / RW 002: its nota photo is the demo RT's August nota, resized and saved again (other
  // pixels, the same picture): accepted, and flagged to the bendahara with a link to the demo RT's
  // receipt; its chair sees nothing of it. (The same pixels would have been refused.)
  {
    const r = rt(2, 2);
    const original = base.receipts.ofRt(ketuaRow.rtId!, year).find((x) => x.notaNumber === 'FB-118')!;
    const nota = base.receipts.files(original.id).find((f) => f.kind === 'nota')!;
    const copy = await sharp(fs.readFileSync(base.evidence.pathOf(nota.sha256))).resize(560).jpeg({ quality: 70 }).toBuffer();
    const nov = at(base, `${year}-11-25T02:00:00Z`);
    recordReceipt(nov, chairOf(r.id, kelurahanCode), {
      rtId: r.id, year, date: `${year}-11-23`, category: 'ADM', description: 'Fotokopi undangan rapat RW', vendor: 'Fotokopi Barokah', notaNumber: 'FB-131', amount: 45_000, items: [],
      files: [{ ...(await nov.evidence.put(copy, 'image/jpeg', 'nota-fotokopi.jpg')), kind: 'nota' }], requestKey: key(`r${r.id}`),
    });
  }
  // RT 001 / RW 002: August spent and reported; its SPJ is waiting for the bendahara.
  {
    const r = rt(2, 1);
    const chair = chairOf(r.id, kelurahanCode);
    verifyReceipt(sep2, bendahara, (await receipt(aug, chair, r.id, { date: `${year}-08-16`, category: 'BUD', description: 'Lomba 17-an dan tumpengan', vendor: 'Toko Sinar Jaya', nota: 'SJ-2304', amount: 1_500_000 }, activity)).id);
    submitSpj(at(base, `${year}-11-26T02:00:00Z`), chair, { rtId: r.id, year, month: `${year}-08` });
  }

  // October: RT 002 / RW 002 moves money between categories: a revision agreed by the residents,
  // approved by the kelurahan (the plan page shows both versions, who, when and why).
  {
    const r = rt(2, 2);
    const chair = chairOf(r.id, kelurahanCode);
    const oct = at(base, `${year}-10-06T02:00:00Z`);
    revisePlan(oct, chair, { rtId: r.id, year });
    const lines = DEMO_PLAN.map((l) =>
      l.category === 'PML' ? { ...l, amount: l.amount - 500_000 } : l.category === 'PRL' ? { ...l, description: 'Peralatan kebersihan dan dua tenda lipat', amount: l.amount + 500_000 } : l,
    );
    const reason = 'Musyawarah warga 5 Oktober: Rp500.000 dari pemeliharaan (PML) dipindah ke peralatan (PRL) untuk tenda lipat kedua.';
    approvePlanThroughChain(at(base, `${year}-10-09T02:00:00Z`), approvers, (await submitPlan(oct, r.id, chair, { lines, date: `5 Oktober ${year}`, revisionReason: reason })).id);
  }

  // RT 002 / RW 002: drew August, sent its August SPJ late on 20 November and took it back two
  // days later to add a forgotten receipt (a withdrawn SPJ; the month is open again, still late).
  {
    const r = rt(2, 2);
    const chair = chairOf(r.id, kelurahanCode);
    withdrawSpj(at(base, `${year}-11-22T02:00:00Z`), chair, submitSpj(at(base, `${year}-11-20T02:00:00Z`), chair, { rtId: r.id, year, month: `${year}-08` }).id);
  }

  // November: what waits for the bendahara now.
  const nov20 = at(base, `${year}-11-20T02:00:00Z`);
  {
    const r = rt(2, 3);
    approveTrancheThroughChain(at(base, `${year}-11-26T02:00:00Z`), approvers, request(at(base, `${year}-11-24T02:00:00Z`), r.id, chairOf(r.id, kelurahanCode), `${year}-11`, 'November').id);
    // The bank refuses the transfer (the account name does not match its records): the row fails, the
    // money stays in transit and the tranche goes into the next batch, which the bank has not paid yet.
    const failed = createBankBatch(at(base, `${year}-11-27T02:00:00Z`), bpkad, kelurahanCode);
    const row = base.tranches.batchRows(failed.batchId)[0]!;
    answerBankRow(at(base, `${year}-11-28T02:00:00Z`), bpkad, { batchId: failed.batchId, rowId: row.id, answer: { outcome: 'failed', reason: 'Nama pemilik rekening tidak sesuai data bank (retur otomatis).' } });
    createBankBatch(at(base, `${year}-11-30T02:00:00Z`), bpkad, kelurahanCode);
  }
  {
    const r = rt(3, 1);
    request(at(base, `${year}-11-25T02:00:00Z`), r.id, chairOf(r.id, kelurahanCode), `${year}-11`, 'November');
  }
  for (const [rw, n] of [[3, 2], [4, 1]] as const) {
    const r = rt(rw, n);
    await submitPlan(nov20, r.id, chairOf(r.id, kelurahanCode));
  }
  {
    // RT 003 / RW 004: a draft plan whose dossier is still incomplete (no passbook copy, berita acara or SPTJM yet).
    const r = rt(4, 3);
    const chair = chairOf(r.id, kelurahanCode);
    const draftAt = at(base, `${year}-11-18T02:00:00Z`);
    await seedDossier(draftAt, chair, r.id, { rtLabel: granteeLabel(r), year, photo: 'real', skip: ['buku_tabungan', 'sptjm'] });
    savePlan(draftAt, chair, { rtId: r.id, year, lines: DEMO_PLAN, beritaAcara: null, submit: false });
  }
  {
    const r = rt(4, 2);
    const plan = await submitPlan(at(base, `${year}-11-10T02:00:00Z`), r.id, chairOf(r.id, kelurahanCode));
    returnPlan(at(base, `${year}-11-12T02:00:00Z`), bendahara, plan.id, 'Berita acara belum memuat tanda tangan 5 warga dari 5 KK; lampirkan ulang. Rincian PML mohon dipisah: pengecatan dan tambal jalan.');
  }
}
