/**
 * The seed: the real Semarang wilayah, programme years 2025 and 2026 with their allocations,
 * and (never in production) realistic RTs for Kecamatan Semarang Selatan and one demo user
 * per role. Deterministic: the same seed gives the same city. Everything goes through the
 * same use cases the web and the CLI use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import { systemActor } from '../domain/access';
import { allocateYear } from './allocate-year';
import { createProgrammeYear } from './create-programme-year';
import { assertImportOk, importRts, importWilayah } from './import-registry';
import { createUser } from './manage-users';
import { seedMoneyFlow } from './seed-money-flow';
import { recordRtProfile } from './rt-profile';
import { onePagePdf } from './seed-documents';
import type { Actor } from '../domain/access';
import { seedClosedYear } from './seed-year-close';
import { seedComplaints } from './seed-complaints';
import { seedOffices } from './seed-offices';
import { seedPkkGrantee } from './seed-pkk-grantee';
import { seedRwGrantee } from './seed-rw-grantee';
import type { Services } from './services';
import { prng } from './prng';
import { seedRisk } from './seed-risk';

export const DEMO_PASSWORD = 'dana-rt-demo';
export const SEED_DIR = path.join(PROJECT_ROOT, 'src/db/seed-data');
const SEMARANG_SELATAN = '3374050';
export const PLEBURAN = '3374050005';

export { prng } from './prng';

const FIRST = ['Agus', 'Bambang', 'Sri', 'Budi', 'Siti', 'Endang', 'Joko', 'Tri', 'Heru', 'Dwi', 'Slamet', 'Rahmat', 'Yuni',
  'Hendro', 'Retno', 'Teguh', 'Wahyu', 'Nur', 'Eko', 'Indah', 'Ahmad', 'Lilik', 'Sugeng', 'Ani', 'Hari', 'Rina', 'Dedi',
  'Sulastri', 'Muhammad', 'Kartini', 'Yohanes', 'Maria', 'Fransiskus', 'Lestari', 'Imam', 'Tatik'];
const LAST = ['Santoso', 'Suryono', 'Wahyuni', 'Hartono', 'Aminah', 'Lestari', 'Susilo', 'Wulandari', 'Prasetyo', 'Astuti',
  'Riyadi', 'Hidayat', 'Kartika', 'Wibowo', 'Nugroho', 'Hasanah', 'Purnomo', 'Setiawan', 'Rahmawati', 'Saputra',
  'Kurniawan', 'Handayani', 'Suharto', 'Widodo', 'Utomo', 'Pratiwi', 'Sulistyo', 'Gunawan', 'Haryanto', 'Mulyani'];

function personName(rand: () => number): string {
  const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)]!;
  return `${pick(FIRST)} ${pick(LAST)}`;
}

/** RT rows for the ten kelurahan of Semarang Selatan: 8–12 RW each, 4–10 RT per RW. */
export function demoRtCsv(seed = 2025): { csv: string; officers: Map<string, [string, string]> } {
  const rand = prng(seed);
  const lines = ['kelurahan_code,rw,rt,chair_name,bank_account'];
  const officers = new Map<string, [string, string]>();
  for (let k = 1; k <= 10; k++) {
    const kelurahanCode = `${SEMARANG_SELATAN}${String(k).padStart(3, '0')}`;
    const rwCount = 8 + Math.floor(rand() * 5);
    for (let rw = 1; rw <= rwCount; rw++) {
      const rtCount = 4 + Math.floor(rand() * 7);
      for (let rt = 1; rt <= rtCount; rt++) {
        // Bank Jateng account numbers: exactly 10 digits.
        const account = `20${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
        lines.push(`${kelurahanCode},${rw},${rt},${personName(rand)},${account}`);
        officers.set(`${kelurahanCode}/${rw}/${rt}`, [personName(rand), personName(rand)]);
      }
    }
  }
  return { csv: `${lines.join('\n')}\n`, officers };
}

export function isEmpty(s: Services): boolean {
  return s.registry.counts().kecamatan === 0 && s.years.years().length === 0;
}

/** What every install gets: the city's wilayah and the programme years (no RTs, no users). */
export function seedBase(s: Services): void {
  const actor = systemActor('seed');
  assertImportOk(importWilayah(s, actor, fs.readFileSync(path.join(SEED_DIR, 'semarang-wilayah.csv'), 'utf8')));
  // The demo's 2026 asks the camat to know each plan and tranche too (off by default), so every step shows: from the year's first day.
  for (const year of [2025, 2026]) if (!s.years.find(year)) createProgrammeYear(s, actor, year, year === 2026 ? { approvalSteps: ['verify', 'approve', 'acknowledge'] } : {});
}

export async function seedDemo(s: Services, opts: { production: boolean }): Promise<{ rts: number; users: number }> {
  seedBase(s);
  if (opts.production) return { rts: 0, users: 0 };
  const actor = systemActor('seed');
  const { csv, officers } = demoRtCsv();
  assertImportOk(importRts(s, actor, csv));
  s.db.transaction(() => {
    for (const rt of s.registry.activeRts()) {
      const names = officers.get(`${rt.kelurahanCode}/${rt.rwNumber}/${rt.number}`);
      if (names && !rt.secretaryName) {
        s.registry.updateRt(rt.id, { chairName: rt.chairName, bankAccount: rt.bankAccount, secretaryName: names[0], treasurerName: names[1] });
        s.audit.record(actor, null, {
          action: 'registry.rt.update',
          targetType: 'rt',
          targetId: rt.id,
          kelurahanCode: rt.kelurahanCode,
          before: { secretaryName: null, treasurerName: null },
          after: { secretaryName: names[0], treasurerName: names[1] },
        });
      }
    }
  });
  // The city allocates at the start of each programme year.
  for (const year of [2025, 2026]) allocateYear(s, actor, { year, occurredOn: s.years.find(year)!.startsOn });
  const demoRt = s.registry.findRtByNumbers(PLEBURAN, 1, 1)!;
  const demoUsers = [
    { username: 'admin', displayName: 'Admin Kota (DP3A)', role: 'admin' as const },
    { username: 'bendahara.pleburan', displayName: 'Dewi Kusumawati', role: 'bendahara' as const, kelurahanCode: PLEBURAN, nip: '198503122010012004' },
    { username: 'ketua.pleburan', displayName: demoRt.chairName, role: 'ketua_rt' as const, rtId: demoRt.id },
    // RT 001 / RW 001's other officers, its lurah and its camat (the chain of approval).
    { username: 'sekretaris.rt001.pleburan', displayName: demoRt.secretaryName ?? 'Sekretaris RT 001', role: 'sekretaris_rt' as const, rtId: demoRt.id },
    { username: 'bendahara.rt001.pleburan', displayName: demoRt.treasurerName ?? 'Bendahara RT 001', role: 'bendahara_rt' as const, rtId: demoRt.id },
    { username: 'lurah.pleburan', displayName: 'Agus Prasetyo, S.STP., M.Si.', role: 'lurah' as const, kelurahanCode: PLEBURAN, nip: '197808142003121005' },
    { username: 'camat.semarangselatan', displayName: 'Drs. Bambang Sutrisno, M.M.', role: 'camat' as const, kecamatanCodes: [PLEBURAN.slice(0, 7)], nip: '196911201994031007' },
    { username: 'auditor', displayName: 'Inspektorat Kota Semarang', role: 'auditor' as const },
    { username: 'bpkad', displayName: 'BPKAD Kota Semarang (kas daerah)', role: 'bpkad' as const },
    // The early-warning desk of Kecamatan Semarang Selatan (deteksi dini).
    { username: 'pengawas.semarangselatan', displayName: 'Meja Pengawasan Kecamatan Semarang Selatan', role: 'pengawas' as const, kecamatanCodes: [PLEBURAN.slice(0, 7)] },
  ];
  let created = 0;
  for (const u of demoUsers) {
    if (s.users.findByUsername(u.username)) continue;
    await createUser(s, actor, {
      kelurahanCode: null,
      rtId: null,
      kecamatanCodes: null,
      ...u,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
    });
    created += 1;
  }
  await seedRtProfile(s, actor, demoRt.id);
  seedOffices(s, actor);
  await seedClosedYear(s, PLEBURAN, 2025);
  // The RW grantee's story first: the demo's RT story ends the ledger (with a tranche).
  await seedRwGrantee(s, PLEBURAN, 2026, DEMO_PASSWORD);
  // The PKK RT/RW aid (Perwal 47/2025), configured in the 2026 settings without code.
  await seedPkkGrantee(s, PLEBURAN, 2026, DEMO_PASSWORD);
  await seedMoneyFlow(s, PLEBURAN, 2026);
  seedComplaints(s, PLEBURAN);
  seedRisk(s);
  return { rts: s.registry.counts().rt, users: created };
}

/** RT 001 / RW 001 Pleburan's profile: the Keputusan Lurah (a one-page PDF) and its three officers. */
async function seedRtProfile(s: Services, actor: Actor, rtId: number): Promise<void> {
  if (s.rtProfiles.find(rtId)) return;
  const id = (username: string) => s.users.findByUsername(username)?.id ?? null;
  const number = '141/012/PLB/I/2025';
  const file = await s.evidence.put(await onePagePdf('KEPUTUSAN LURAH PLEBURAN', [`Nomor ${number}`, 'tentang Pembentukan Pengurus RT 001 / RW 001', 'Kelurahan Pleburan, Kecamatan Semarang Selatan']), 'application/pdf', 'keputusan-lurah-rt001-rw001.pdf');
  recordRtProfile(s, actor, { rtId, decreeNumber: number, decreeDate: '2025-01-06', ketuaUserId: id('ketua.pleburan'), sekretarisUserId: id('sekretaris.rt001.pleburan'), bendaharaUserId: id('bendahara.rt001.pleburan') }, file, null);
}
