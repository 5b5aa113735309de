/**
 * The city-year generator: a whole programme year of a city, told through the application's
 * own use cases (the same code paths as the web, every rule at entry included), deterministic
 * from a seed.
 *
 * Story (programme year 2025, which starts on 1 July):
 * - the real wilayah (172 kelurahan) and N RTs spread over them, all allocated on 1 July;
 * - every RT's plan (RAP) submitted with its berita acara and approved in July;
 * - each month August–December: the previous month's SPJ submitted and verified, this month's
 *   tranche requested (RBB within the plan), approved, batched for the bank and paid; then
 *   about 12 receipts across the categories with their evidence, verified, a few rejected,
 *   a few verified and then reversed;
 * - December's SPJ submitted and verified in the first week of January.
 *
 * Writes are grouped: one outer transaction per kelurahan and step (each use case's own
 * transaction then joins it), as a city's batch of work would be committed. Evidence bytes are
 * written with `evidence: 'store' | 'fast'` (seeded photos with pixels of their own, one-page
 * PDFs, each photo fingerprinted as an upload is; `store` also fsyncs, so only sensible for
 * small cities); otherwise receipts carry their evidence metadata (one distinct SHA-256, pixel
 * hash and perceptual hash per file, so the city-wide duplicate and near-duplicate rules still
 * run on every file) without the bytes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { allocateYear } from '../../src/app/allocate-year';
import { markBatchPaid } from '../../src/app/answer-bank-batch';
import { createBankBatch } from '../../src/app/bank-batch';
import { createProgrammeYear } from '../../src/app/create-programme-year';
import type { ApprovalStepCode } from '../../src/domain/grants/approval-chain';
import { rejectReceipt, reverseReceipt, verifyReceipt } from '../../src/app/decide-receipt';
import { approvePlan } from '../../src/app/decide-plan';
import { approveTranche } from '../../src/app/decide-tranche';
import type { StoredFile } from '../../src/app/evidence-store';
import { createUser, recordUserCreated } from '../../src/app/manage-users';
import { toActor } from '../../src/db/user-repository';
import { assertImportOk, importRts, importWilayah } from '../../src/app/import-registry';
import { recordReceipt, type UploadedEvidence } from '../../src/app/record-receipt';
import { requestTranche } from '../../src/app/request-tranche';
import { savePlan } from '../../src/app/save-plan';
import { attachDossier, dossierFiles } from '../../src/app/seed-dossier';
import { at } from '../../src/app/seed-clock';
import { prng, SEED_DIR } from '../../src/app/seed';
import { DEMO_PLAN } from '../../src/app/seed-money-flow';
import { onePagePdf, seededPng } from '../../src/app/seed-documents';

/** n bytes of SHA-256 in counter mode over the text: distinct for distinct texts, whatever their number. */
function widePixels(text: string, n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i * 32 < n; i++) createHash('sha256').update(`${i}:${text}`).digest().copy(out, i * 32, 0, Math.min(32, n - i * 32));
  return out;
}
import { fingerprintPixels } from '../../src/app/image-fingerprint';
import type { Services } from '../../src/app/services';
import { submitSpj, verifySpj } from '../../src/app/spj';
import { systemActor, type Actor } from '../../src/domain/access';
import type { PlanLine } from '../../src/domain/grants/plan';
import { checklistFor, type EvidenceKind } from '../../src/domain/grants/receipt';

/**
 * The generated city's years take the treasurer's approval alone (a programme setting): one
 * approval per plan and tranche, as the benches and the crash test measure them; the chain of
 * approval itself (lurah, camat) is tested in test/integration/approval-chain.test.ts.
 */
export const TREASURER_ONLY_CHAIN: { approvalSteps: ApprovalStepCode[] } = { approvalSteps: ['verify'] };

export const BENCH_YEAR = 2025;
export const BENCH_PASSWORD = 'bench-dana-rt-2025';
const MONTHS = [8, 9, 10, 11, 12] as const;

export interface CityYearOptions {
  rts: number;
  seed?: number;
  /**
   * Evidence bytes: 'store' through the evidence store (checked, fsynced: slow), 'fast' written
   * straight to the store's path without fsync (a benchmark's shortcut), 'none' metadata only
   * (the default: a whole city's 1,5 million files would fill gigabytes).
   */
  evidence?: 'store' | 'fast' | 'none';
  /** Receipts per RT per month (default 12: about 60 in the year). */
  receiptsPerMonth?: number;
  /** Leave December's SPJ unsubmitted (the benchmark's deadline rush submits it over HTTP). */
  leaveLastSpj?: boolean;
  log?: (line: string) => void;
}

export interface CityYearStats {
  kelurahan: number;
  rts: number;
  plans: number;
  tranches: number;
  receipts: number;
  verified: number;
  rejected: number;
  reversed: number;
  spj: number;
  evidenceFiles: number;
  entries: number;
  postings: number;
  steps: Array<{ step: string; ms: number }>;
}

/** The wilayah CSV and the city's RTs: N RTs spread over the 172 kelurahan, 8 RT per RW. */
export function cityRegistry(rts: number): { wilayah: string; rtCsv: string } {
  const wilayah = fs.readFileSync(path.join(SEED_DIR, 'semarang-wilayah.csv'), 'utf8');
  const kelurahan = wilayah.trim().split('\n').slice(1).map((l) => l.split(',')[2]!);
  const lines = ['kelurahan_code,rw,rt,chair_name,bank_account'];
  for (let i = 0; i < rts; i++) {
    const k = kelurahan[i % kelurahan.length]!;
    const n = Math.floor(i / kelurahan.length);
    lines.push(`${k},${Math.floor(n / 8) + 1},${(n % 8) + 1},Ketua RT ${i + 1},${String(2_000_000_000 + i)}`);
  }
  return { wilayah, rtCsv: `${lines.join('\n')}\n` };
}

/** One fifth of the plan per category each month: the RBB of a monthly tranche (Rp5.000.000). */
export function monthlyRbb(monthName: string): PlanLine[] {
  const perCategory = new Map<string, number>();
  for (const l of DEMO_PLAN) perCategory.set(l.category, (perCategory.get(l.category) ?? 0) + l.amount);
  return [...perCategory].map(([category, amount]) => ({ category, description: `Kebutuhan ${category} bulan ${monthName}`, amount: amount / 5 }));
}

const BULAN = ['', 'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

interface ReceiptPlan {
  category: string;
  description: string;
  vendor: string;
  amount: number;
  items: Array<{ name: string; quantity: number; unitPrice: number }>;
}

/** A month of spending that fits the month's RBB: 12 receipts (or the first n of them), whole thousands. */
function monthReceipts(rand: () => number, month: number, n: number): ReceiptPlan[] {
  const th = (lo: number, hi: number) => Math.round((lo + rand() * (hi - lo)) / 1000) * 1000;
  const bulan = BULAN[month]!;
  const all: ReceiptPlan[] = [
    { category: 'ADM', description: `Fotokopi dan ATK ${bulan}`, vendor: 'Fotokopi Barokah', amount: th(40_000, 110_000), items: [] },
    { category: 'SOS', description: `Konsumsi rapat warga ${bulan}`, vendor: 'Warung Bu Sri', amount: th(200_000, 350_000), items: [] },
    { category: 'SOS', description: 'Santunan warga sakit', vendor: 'Apotek Sehat', amount: th(200_000, 350_000), items: [] },
    { category: 'SOS', description: 'Konsumsi kerja bakti', vendor: 'Katering Bu Endang', amount: th(150_000, 350_000), items: [] },
    { category: 'BUD', description: 'Pengajian rutin warga', vendor: 'Katering Bu Endang', amount: th(300_000, 600_000), items: [] },
    { category: 'BUD', description: 'Peringatan hari besar', vendor: 'Toko Sinar Jaya', amount: th(300_000, 600_000), items: [] },
    { category: 'PEM', description: 'Senam lansia: sewa pengeras suara', vendor: 'Sound System Jaya', amount: th(150_000, 380_000), items: [] },
    { category: 'LIN', description: 'Kantong sampah dan disinfektan', vendor: 'Toko Plastik Makmur', amount: th(150_000, 330_000), items: [] },
    { category: 'LIN', description: 'Perlengkapan ronda malam', vendor: 'Toko Serba Ada', amount: th(150_000, 330_000), items: [] },
    { category: 'PML', description: 'Cat tembok pos kamling', vendor: 'Toko Bangunan Maju', amount: th(200_000, 390_000), items: [] },
    { category: 'PML', description: 'Semen dan pasir tambal jalan', vendor: 'Toko Bangunan Maju', amount: th(200_000, 390_000), items: [] },
  ];
  const broom = th(10_000, 20_000);
  const bins = th(50_000, 90_000);
  all.push({ category: 'PRL', description: 'Sapu lidi dan tempat sampah', vendor: 'Toko Plastik Makmur', amount: 10 * broom + 3 * bins, items: [{ name: 'Sapu lidi', quantity: 10, unitPrice: broom }, { name: 'Tempat sampah 60 liter', quantity: 3, unitPrice: bins }] });
  return all.slice(0, n);
}

export async function generateCityYear(s: Services, opts: CityYearOptions): Promise<CityYearStats> {
  const log = opts.log ?? (() => {});
  const rand = prng(opts.seed ?? 2025);
  const perMonth = opts.receiptsPerMonth ?? 12;
  const year = BENCH_YEAR;
  const stats: CityYearStats = { kelurahan: 0, rts: 0, plans: 0, tranches: 0, receipts: 0, verified: 0, rejected: 0, reversed: 0, spj: 0, evidenceFiles: 0, entries: 0, postings: 0, steps: [] };
  const step = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    const ms = performance.now() - t0;
    stats.steps.push({ step: name, ms });
    log(`${name.padEnd(44)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
    return r;
  };
  const clocks = new Map<string, Services>();
  const clock = (iso: string) => {
    let c = clocks.get(iso);
    if (!c) clocks.set(iso, (c = at(s, iso)));
    return c;
  };
  const day = (m: number, d: number, hour = 3) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
  const admin = systemActor('bench');
  const mode = opts.evidence ?? 'none';
  let fileNo = 0;
  /**
   * A file as the web would store it: real bytes with their own pixels (a seeded photo) or text
   * (a one-page PDF), fingerprinted by the same function as an upload. Without bytes (`none`) a
   * photo gets a fingerprint drawn from its name (as distinct as real ones), so the city-wide
   * duplicate and near-duplicate lookups run over a full index.
   */
  const storeFile = async (kind: EvidenceKind | 'berita_acara', label: string): Promise<StoredFile> => {
    fileNo += 1;
    stats.evidenceFiles += 1;
    const text = `${label} #${fileNo}`;
    const pdf = kind === 'berita_acara';
    const name = pdf ? `berita-acara-${fileNo}.pdf` : `${kind}-${fileNo}.png`;
    const mime = pdf ? 'application/pdf' : 'image/png';
    if (mode === 'none') {
      const sha256 = createHash('sha256').update(text).digest('hex');
      const drawn = pdf ? null : { pixelSha256: createHash('sha256').update(`pixels ${text}`).digest('hex'), phash: createHash('sha256').update(`phash ${text}`).digest('hex').slice(0, 16) };
      return { sha256, size: pdf ? 900 : 1200, mime, originalName: name, pixelSha256: drawn?.pixelSha256 ?? null, phash: drawn?.phash ?? null };
    }
    // A photo is a PNG of seeded noise: lossless, so its fingerprint comes from the pixels it was
    // written from, by the function an upload uses after decoding (29,000 decodes cost the quick
    // city ~80 s).
    // Pixels from SHA-256 of the text: seededPng's 32-bit seeds collide past ~70,000 photos (a 1,000-RT city has 146,000).
    const photo = pdf ? null : seededPng(text, 16, 12, widePixels(text, 16 * 12 * 3));
    const bytes = photo ? photo.png : await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', [text]);
    const print = photo ? fingerprintPixels(photo.pixels, photo) : null;
    if (mode === 'store') return s.evidence.put(bytes, mime, name, print);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const target = s.evidence.pathOf(sha256);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
    return { sha256, size: bytes.length, mime, originalName: name, pixelSha256: print?.pixelSha256 ?? null, phash: print?.phash ?? null };
  };

  await step('import wilayah and RTs', () => {
    const { wilayah, rtCsv } = cityRegistry(opts.rts);
    assertImportOk(importWilayah(s, admin, wilayah));
    assertImportOk(importRts(s, admin, rtCsv));
    if (!s.years.find(year)) createProgrammeYear(s, admin, year, TREASURER_ONLY_CHAIN);
  });
  await step('allocate (1 July)', () => allocateYear(s, admin, { year, occurredOn: `${year}-07-01` }));

  const byKelurahan = new Map<string, Array<{ id: number; chair: Actor }>>();
  for (const rt of s.registry.activeRts()) {
    const list = byKelurahan.get(rt.kelurahanCode) ?? [];
    list.push({ id: rt.id, chair: { userId: null, username: `ketua.rt${rt.id}`, role: 'ketua_rt', kelurahanCode: rt.kelurahanCode, rtId: rt.id, kecamatanCodes: null } });
    byKelurahan.set(rt.kelurahanCode, list);
  }
  stats.kelurahan = byKelurahan.size;
  stats.rts = [...byKelurahan.values()].reduce((a, l) => a + l.length, 0);
  // One treasurer account per kelurahan (a decision needs a person other than the submitter).
  // The first goes through createUser; the others reuse its password hash, because scrypt is
  // slow on purpose and account creation is not what this benchmark measures.
  const treasurers = new Map<string, Actor>();
  await step(`treasurer accounts (${byKelurahan.size})`, async () => {
    const codes = [...byKelurahan.keys()];
    await createUser(s, admin, { username: `bendahara.${codes[0]}`, displayName: `Bendahara ${codes[0]}`, role: 'bendahara', kelurahanCode: codes[0]!, rtId: null, kecamatanCodes: null, password: BENCH_PASSWORD, mustChangePassword: false });
    const passwordHash = s.users.findByUsername(`bendahara.${codes[0]}`)!.passwordHash;
    s.db.transaction(() => {
      for (const code of codes.slice(1)) {
        const id = s.users.insert({ username: `bendahara.${code}`, displayName: `Bendahara ${code}`, role: 'bendahara', kelurahanCode: code, rtId: null, kecamatanCodes: null, passwordHash, mustChangePassword: false }, s.now());
        recordUserCreated(s, admin, null, id);
      }
    });
    for (const code of codes) treasurers.set(code, toActor(s.users.findByUsername(`bendahara.${code}`)!));
    // The city's treasury (BPKAD) makes and answers the bank batches, never a kelurahan treasurer.
    if (!s.users.findByUsername('bpkad.bench')) {
      s.db.transaction(() => {
        const id = s.users.insert({ username: 'bpkad.bench', displayName: 'BPKAD (bench)', role: 'bpkad', kelurahanCode: null, rtId: null, kecamatanCodes: null, passwordHash, mustChangePassword: false }, s.now());
        recordUserCreated(s, admin, null, id);
      });
    }
  });
  const bendahara = (code: string): Actor => treasurers.get(code)!;
  const treasury = toActor(s.users.findByUsername('bpkad.bench')!);

  // Each kelurahan's batch of work in one transaction; files are stored before it (as the web does).
  const perKelurahan = async (fn: (code: string, rts: Array<{ id: number; chair: Actor }>) => Promise<Array<() => void>>) => {
    for (const [code, rts] of byKelurahan) {
      const writes = await fn(code, rts);
      s.db.transaction(() => {
        for (const w of writes) w();
      });
    }
  };

  // The Perwal's dossier: one set of small files shared by every RT of the bench (content-addressed, stored once).
  const dossier = await dossierFiles(s, 0, { rtLabel: 'bench', year, photo: 'small' });
  await step('plans submitted and approved (July)', () =>
    perKelurahan(async (code, rts) => {
      const writes: Array<() => void> = [];
      for (const rt of rts) {
        const file = await storeFile('berita_acara', `berita acara RAP RT#${rt.id}`);
        writes.push(() => {
          attachDossier(clock(day(7, 10)), rt.chair, rt.id, year, dossier);
          const plan = savePlan(clock(day(7, 10)), rt.chair, { rtId: rt.id, year, lines: DEMO_PLAN, beritaAcara: file, submit: true });
          approvePlan(clock(day(7, 15)), bendahara(code), plan.id);
          stats.plans += 1;
        });
      }
      return writes;
    }),
  );

  const reportMonth = (m: number, submitOn: string, verifyOn: string) =>
    perKelurahan(async (code, rts) => [
      () => {
        for (const rt of rts) {
          const spj = submitSpj(clock(submitOn), rt.chair, { rtId: rt.id, year, month: `${year}-${String(m).padStart(2, '0')}` });
          verifySpj(clock(verifyOn), bendahara(code), spj.id);
          stats.spj += 1;
        }
      },
    ]);

  let seq = 0;
  const key = (what: string) => `bench-${what}-${String(++seq).padStart(9, '0')}`;
  for (const m of MONTHS) {
    const mm = String(m).padStart(2, '0');
    if (m > MONTHS[0]) await step(`SPJ ${BULAN[m - 1]} submitted and verified`, () => reportMonth(m - 1, day(m, 2), day(m, 3)));
    await step(`tranche ${BULAN[m]}: request, approve, bank, paid`, () =>
      perKelurahan(async (code, rts) => [
        () => {
          for (const rt of rts) {
            const t = requestTranche(clock(day(m, 4)), rt.chair, { rtId: rt.id, year, month: `${year}-${mm}`, lines: monthlyRbb(BULAN[m]!), requestKey: key(`t${rt.id}`) });
            approveTranche(clock(day(m, 5)), bendahara(code), t.id);
            stats.tranches += 1;
          }
          const { batchId } = createBankBatch(clock(day(m, 6)), treasury, code);
          markBatchPaid(clock(day(m, 7)), treasury, batchId, { bankReference: `BJTG-${year}${mm}07-${batchId}`, paidOn: day(m, 7).slice(0, 10) });
        },
      ]),
    );
    await step(`receipts ${BULAN[m]}: record, decide`, () =>
      perKelurahan(async (code, rts) => {
        const writes: Array<() => void> = [];
        for (const rt of rts) {
          const plans = monthReceipts(rand, m, perMonth);
          const recorded: Array<{ fate: number; files: UploadedEvidence[]; r: ReceiptPlan; date: string; nota: string }> = [];
          // The month's files are made and fingerprinted together (libvips' threads work side by side); names stay in order.
          const made = plans.map((r, i) => Promise.all(checklistFor(s.years.find(year)!, r.category).map(async (kind): Promise<UploadedEvidence> => ({ ...(await storeFile(kind, `RT#${rt.id} ${year}-${mm} ${i} ${kind}`)), kind }))));
          for (let i = 0; i < plans.length; i++) {
            const r = plans[i]!;
            const files = await made[i]!;
            const dayOfMonth = 8 + Math.floor((i * 20) / plans.length);
            recorded.push({ fate: rand(), files, r, date: `${year}-${mm}-${String(dayOfMonth).padStart(2, '0')}`, nota: `N${rt.id}-${mm}-${i}` });
          }
          writes.push(() => {
            for (const x of recorded) {
              const receipt = recordReceipt(clock(`${x.date}T04:00:00Z`), rt.chair, { rtId: rt.id, year, date: x.date, category: x.r.category, description: x.r.description, vendor: x.r.vendor, notaNumber: x.nota, amount: x.r.amount, items: x.r.items, files: x.files, requestKey: key(`r${rt.id}`) });
              stats.receipts += 1;
              const decideOn = clock(day(m, 28, 5));
              if (x.fate < 0.03) {
                rejectReceipt(decideOn, bendahara(code), receipt.id, 'Nota tidak terbaca; ajukan ulang dengan nota asli.');
                stats.rejected += 1;
              } else {
                verifyReceipt(decideOn, bendahara(code), receipt.id);
                stats.verified += 1;
                if (x.fate > 0.99) {
                  reverseReceipt(clock(day(m, 28, 6)), bendahara(code), receipt.id, 'Salah catat: belanja dibatalkan dan uang dikembalikan ke kas RT.');
                  stats.reversed += 1;
                }
              }
            }
          });
        }
        return writes;
      }),
    );
  }
  if (!opts.leaveLastSpj) await step('SPJ Desember submitted and verified (January)', () => reportMonth(12, `${year + 1}-01-03T03:00:00Z`, `${year + 1}-01-05T03:00:00Z`));
  const counts = s.ledger.rowCounts();
  stats.entries = counts.entries;
  stats.postings = counts.postings;
  return stats;
}
