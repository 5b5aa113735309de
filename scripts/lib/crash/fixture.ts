/**
 * The crash test's database: the demo seed, then (through the same use cases as the web) a
 * second treasurer for Pleburan, two treasurers for Bulustalan, and RT chairs with approved
 * plans, so that real HTTP traffic can request, approve and spend from the first minute.
 * The programme year is the current one (created and allocated if the seed lacks it), so
 * the test runs on the real clock, as the server does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allocateYear } from '../../../src/app/allocate-year';
import { bootstrap } from '../../../src/app/bootstrap';
import { changeProgrammeYearRules, createProgrammeYear } from '../../../src/app/create-programme-year';
import { TREASURER_ONLY_CHAIN } from '../city-year';
import { approvePlan } from '../../../src/app/decide-plan';
import { createUser } from '../../../src/app/manage-users';
import { savePlan } from '../../../src/app/save-plan';
import { seedDossier } from '../../../src/app/seed-dossier';
import { DEMO_PASSWORD, PLEBURAN, seedDemo } from '../../../src/app/seed';
import { DEMO_PLAN } from '../../../src/app/seed-money-flow';
import { onePagePdf } from '../../../src/app/seed-documents';
import type { Services } from '../../../src/app/services';
import { systemActor, type Actor } from '../../../src/domain/access';
import { todayWib } from '../../../src/domain/calendar';
import { toActor } from '../../../src/db/user-repository';
import { seedCounts, type SeedCounts } from './check';

const BULUSTALAN = '3374050001';

/** A chair who spends (receipts), or one whose tranches are requested, approved and reversed over and over. */
export type ChairRole = 'spender' | 'drawer';

export interface Chair {
  username: string;
  rtId: number;
  kelurahanCode: string;
  role: ChairRole;
}

export interface Fixture {
  databasePath: string;
  evidenceDir: string;
  year: number;
  password: string;
  /** What the demo seed alone makes (a first start must make exactly this). */
  seed: SeedCounts;
  chairs: Chair[];
  /** Two treasurers per kelurahan, so approvals race. */
  treasurers: Array<{ username: string; kelurahanCode: string }>;
}

const user = async (s: Services, username: string, o: { role: 'bendahara' | 'ketua_rt'; kelurahanCode?: string; rtId?: number }) => {
  const existing = s.users.findByUsername(username);
  if (existing) return toActor(existing);
  const id = await createUser(s, systemActor('crash-test'), {
    username,
    displayName: username,
    role: o.role,
    kelurahanCode: o.kelurahanCode ?? null,
    rtId: o.rtId ?? null,
    kecamatanCodes: null,
    password: DEMO_PASSWORD,
    mustChangePassword: false,
  });
  return toActor(s.users.findById(id)!);
};

/** The current programme year, created and allocated when the seed does not have it. */
function currentYear(s: Services): number {
  const year = Number(todayWib(new Date()).slice(0, 4));
  if (!s.years.find(year)) {
    const y = createProgrammeYear(s, systemActor('crash-test'), year, TREASURER_ONLY_CHAIN);
    allocateYear(s, systemActor('crash-test'), { year, occurredOn: y.startsOn });
  } else {
    // The demo's year asks for the lurah and the camat too; the crash clients approve as treasurers.
    changeProgrammeYearRules(s, systemActor('crash-test'), year, TREASURER_ONLY_CHAIN);
  }
  return year;
}

/** RTs without a plan this year and with a bank account of their own (the bank gate would refuse a shared one). */
function freshRts(s: Services, kelurahanCode: string, year: number, count: number, skip: number[]) {
  const shared = s.tranches.sharedAccounts();
  return s.registry
    .activeRts(kelurahanCode)
    .filter((rt) => !skip.includes(rt.id) && !shared.has(rt.bankAccount) && s.plans.versions(rt.id, year).length === 0)
    .slice(0, count);
}

async function approvedPlan(s: Services, chair: Actor, treasurer: Actor, rtId: number, year: number): Promise<void> {
  if (s.plans.approved(rtId, year)) return;
  const beritaAcara = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', [`RT #${rtId}, rencana tahun ${year}`]), 'application/pdf', 'berita-acara.pdf');
  await seedDossier(s, chair, rtId, { rtLabel: `RT #${rtId}`, year, photo: 'small' });
  const plan = savePlan(s, chair, { rtId, year, lines: DEMO_PLAN, beritaAcara, submit: true });
  approvePlan(s, treasurer, plan.id);
}

/** Builds the database in dir: `spenders` and `drawers` chairs per kelurahan (two kelurahan). */
export async function buildFixture(dir: string, o: { spenders: number; drawers: number }): Promise<Fixture> {
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, 'dana-rt.sqlite');
  const evidenceDir = path.join(dir, 'evidence');
  const s = bootstrap({ databasePath, evidenceDir });
  await seedDemo(s, { production: false });
  const seed = seedCounts(databasePath)!;
  const year = currentYear(s);
  const chairs: Chair[] = [];
  const treasurers: Fixture['treasurers'] = [];
  for (const [kelurahanCode, name] of [[PLEBURAN, 'pleburan'], [BULUSTALAN, 'bulustalan']] as const) {
    const first = kelurahanCode === PLEBURAN ? 'bendahara.pleburan' : `bendahara.${name}`;
    const second = `bendahara2.${name}`;
    // Users are created side by side: each password hash takes a while.
    const [treasurer] = await Promise.all([first, second].map((u) => user(s, u, { role: 'bendahara', kelurahanCode })));
    treasurers.push({ username: first, kelurahanCode }, { username: second, kelurahanCode });
    const demoRt = kelurahanCode === PLEBURAN ? s.users.findByUsername('ketua.pleburan')!.rtId! : 0;
    if (demoRt) chairs.push({ username: 'ketua.pleburan', rtId: demoRt, kelurahanCode, role: 'spender' });
    const rts = freshRts(s, kelurahanCode, year, o.spenders + o.drawers - (demoRt ? 1 : 0), [demoRt]);
    const named = rts.map((rt, i) => ({ rt, username: `ketua.${name}.rw${rt.rwNumber}.rt${rt.number}`, role: (i < o.drawers ? 'drawer' : 'spender') as ChairRole }));
    const actors = await Promise.all(named.map((c) => user(s, c.username, { role: 'ketua_rt', rtId: c.rt.id })));
    for (const [i, c] of named.entries()) {
      await approvedPlan(s, actors[i]!, treasurer!, c.rt.id, year);
      chairs.push({ username: c.username, rtId: c.rt.id, kelurahanCode, role: c.role });
    }
  }
  s.db.checkpoint();
  s.db.close();
  return { databasePath, evidenceDir, year, password: DEMO_PASSWORD, seed, chairs, treasurers };
}
