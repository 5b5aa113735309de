/**
 * npm run bench [-- --rts 10628 --data CITY.sqlite --duration 10 --out results.json --only http,bundle]
 * npm run bench:quick  (200 RTs, short loads: the harness itself, run by CI)
 *
 * One run, one table: each figure next to an anchor measured in the same run on the same
 * machine, and the ratio. Steps:
 *  1. the city-year generated through the use cases vs raw better-sqlite3 bulk inserts of the same ledger rows;
 *  2. single posts (one entry per transaction) through the app's ledger vs raw better-sqlite3;
 *  3. the city trial balance vs `ledger bal` and `hledger bal` on the app's own journal export (numbers must match);
 *  4. the real server on the city data: LPJ HTML/PDF latency; signed-in pages under 50 connections vs a bare
 *     Express + Handlebars page; receipt uploads (multipart, ~200 KB, validation, storage, pending posting) at 20
 *     connections; a deadline rush of every RT's SPJ within a compressed hour; peak server RSS;
 *     page latency while a city bundle builds (eight requested at once, queued);
 *  5. the city-wide auditor bundle: time and peak memory.
 * Exit code 1 if any number disagrees (trial balances, statuses); budgets are reported, not asserted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import sharp from 'sharp';
import { parse as parseCsv } from 'csv-parse/sync';
import { allocateYear } from '../src/app/allocate-year';
import { bootstrap } from '../src/app/bootstrap';
import { createProgrammeYear } from '../src/app/create-programme-year';
import { approvePlan } from '../src/app/decide-plan';
import { approveTranche } from '../src/app/decide-tranche';
import { markBatchPaid } from '../src/app/answer-bank-batch';
import { createBankBatch } from '../src/app/bank-batch';
import { journalChunks } from '../src/app/export-journal';
import { createUser, recordUserCreated } from '../src/app/manage-users';
import { postEntry } from '../src/app/post-entry';
import { requestTranche } from '../src/app/request-tranche';
import { savePlan } from '../src/app/save-plan';
import { attachDossier, dossierFiles } from '../src/app/seed-dossier';
import { hashToken } from '../src/app/sign-in';
import type { Services } from '../src/app/services';
import { verifyLedger } from '../src/app/verify-ledger';
import { readDesk } from '../src/app/read-desk';
import { refreshAll, refreshDirty } from '../src/app/risk-refresh';
import { verifyRiskFlags } from '../src/app/verify-risk';
import { systemActor } from '../src/domain/access';
import { todayWib } from '../src/domain/calendar';
import { rtSpendingAccount, rtUndrawnAccount } from '../src/domain/ledger/accounts';
import { openReadSnapshot } from '../src/db/client';
import { ReceiptRepository } from '../src/db/receipt-repository';
import { toActor } from '../src/db/user-repository';
import { copyRegistry, RawLedgerWriter, readEntriesAfter, readLedgerRows } from './lib/bench-raw-sql';
import { latency, load, percentile, signIn, startProcess, type Client, type LoadResult } from './lib/bench-http';
import { rawLoad, type RawRequest } from './lib/raw-load';
import { buildServer, SERVER_ENV, SERVER_NODE_ARGS } from './lib/build-server';
import { benchPhone } from './lib/bench-phone';
import { phonePhoto } from './lib/phone-photos';
import { BENCH_PASSWORD, BENCH_YEAR, generateCityYear, monthlyRbb, TREASURER_ONLY_CHAIN } from './lib/city-year';
import { fingerprintImage } from '../src/app/image-fingerprint';
import { onePagePdf } from '../src/app/seed-documents';
import type { Actor } from '../src/domain/access';
import { DEMO_PLAN } from '../src/app/seed-money-flow';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rts: { type: 'string' },
    data: { type: 'string' },
    duration: { type: 'string' },
    out: { type: 'string' },
    evidence: { type: 'string' },
    'rush-minutes': { type: 'string' },
    only: { type: 'string' },
    'upload-chairs': { type: 'string' },
    // --upload-photo 1600x1200: the upload step's nota is a phone photo as the receipt form now sends it
    // (shrunk on the phone: a scene with sensor grain, JPEG 0,8, ~250 KB) instead of 640×480 of noise (issue 19a).
    'upload-photo': { type: 'string' },
    'upload-warmup': { type: 'string' },
    'upload-client': { type: 'string' },
    'upload-prewarm': { type: 'string' },
    // Extra node options for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (a profile is written when it stops).
    'server-args': { type: 'string' },
  },
});
const quick = values.quick;
// --only raw,single,tb,http,bundle: a subset of the steps (for working on one of them; the table in BENCHMARKS.md is a whole run).
// --only uploads: the server step with the receipt uploads alone (no pages, rush or bundle latency).
// --only public: the server step with the public pages (issue 20: an RT page at 200 connections, computed pages, posters) and the uploads.
// --only phone: the chair's phone on a weak signal in Chromium (scripts/lib/bench-phone.ts).
const want = (step: string) => !values.only || values.only.split(',').includes(step);
const httpPages = want('http');
const RTS = Number(values.rts ?? (quick ? 200 : 10_628));
const DURATION = Number(values.duration ?? (quick ? 2 : 10));
// Evidence bytes: written for the quick city (its bundle verifies completely); metadata only for a whole city (1,5 M files).
const EVIDENCE = (values.evidence ?? (quick ? 'fast' : 'none')) as 'fast' | 'none';
const SINGLE_POSTS = quick ? 2_000 : 20_000;
// The deadline hour, compressed: every RT's SPJ arrives within this many seconds.
const RUSH_SECONDS = Number(values['rush-minutes'] ?? (quick ? 0.25 : 1)) * 60;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-bench-'));
const admin = systemActor('bench');
const failures: string[] = [];
const rows: Array<{ measure: string; value: string; anchor: string; ratio: string; budget: string; ok: boolean | null }> = [];
const fmt = (n: number, d = 0) => n.toLocaleString('id-ID', { maximumFractionDigits: d, minimumFractionDigits: d });
const row = (measure: string, value: string, anchor: string, ratio: string, budget: string, ok: boolean | null) => {
  rows.push({ measure, value, anchor, ratio, budget, ok });
  console.log(`  ${measure}: ${value} | ${anchor} | ${ratio} | ${budget} ${ok === null ? '' : ok ? 'OK' : 'MISS'}`);
};
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---------------------------------------------------------------- 1. the city-year
const cityFile = path.join(work, 'city.sqlite');
let genSeconds = NaN;
if (values.data) {
  log(`city data copied from ${values.data}`);
  fs.copyFileSync(values.data, cityFile);
} else {
  log(`generating the city-year (${RTS} RTs) through the use cases`);
  const g = bootstrap({ databasePath: cityFile, evidenceDir: path.join(work, 'evidence') });
  const t0 = performance.now();
  const stats = await generateCityYear(g, { rts: RTS, leaveLastSpj: true, evidence: EVIDENCE, log: (l) => log(`  ${l}`) });
  genSeconds = seconds(t0);
  g.db.checkpoint();
  g.db.close();
  log(`  ${stats.entries} entries, ${stats.postings} postings, ${stats.receipts} receipts in ${genSeconds.toFixed(1)} s`);
}
const s = bootstrap({ databasePath: cityFile, evidenceDir: path.join(work, 'evidence') });
const ledgerRows = s.ledger.rowCounts();
const counts = { entries: ledgerRows.entries, postings: ledgerRows.postings, rts: s.registry.counts().rt, receipts: s.receipts.count(), accounts: ledgerRows.accounts };

if (want('raw')) {
  // Anchor: raw better-sqlite3 inserting the same ledger rows (accounts, entries, postings) into the same schema, 10k entries a transaction.
  const rawFile = path.join(work, 'raw-bulk.sqlite');
  const r = bootstrap({ databasePath: rawFile });
  copyRegistry(r.db, cityFile, { programmeYears: true });
  const { accounts, entries, postings } = readLedgerRows(cityFile);
  const raw = new RawLedgerWriter(r.db);
  const t0 = performance.now();
  raw.accounts(accounts);
  const p = raw.bulk(entries, postings, 10_000);
  const rawSeconds = seconds(t0);
  r.db.close();
  if (p !== postings.length) failures.push(`raw bulk insert copied ${p} of ${postings.length} postings`);
  log(`raw bulk insert of ${entries.length} entries / ${postings.length} postings: ${rawSeconds.toFixed(1)} s`);
  row(
    `City-year through the use cases (${fmt(counts.rts!)} RT, ${fmt(counts.receipts!)} receipts, ${fmt(counts.entries!)} entries, ${fmt(counts.postings!)} postings)`,
    Number.isNaN(genSeconds) ? '(reused data)' : `${fmt(genSeconds, 1)} s`,
    `raw bulk insert of the ledger rows ${fmt(rawSeconds, 1)} s`,
    Number.isNaN(genSeconds) ? '–' : `${fmt(rawSeconds / genSeconds, 2)}×`,
    '≤ 30 s, ≥ 0,3×',
    Number.isNaN(genSeconds) ? null : genSeconds <= 30 && rawSeconds / genSeconds >= 0.3,
  );
}

// ---------------------------------------------------------------- 2. single posts
if (want('single')) {
  const setup = (file: string) => {
    const x = bootstrap({ databasePath: file });
    copyRegistry(x.db, cityFile, { maxRtId: 200 });
    createProgrammeYear(x, admin, BENCH_YEAR, TREASURER_ONLY_CHAIN);
    allocateYear(x, admin, { year: BENCH_YEAR, occurredOn: `${BENCH_YEAR}-07-01` });
    return x;
  };
  const appFile = path.join(work, 'single-app.sqlite');
  const a = setup(appFile);
  const rts = a.registry.activeRts();
  const accountsOf = rts.map((rt) => {
    const ref = { kelurahanCode: rt.kelurahanCode, rwNumber: rt.rwNumber, rtNumber: rt.number };
    return { spending: rtSpendingAccount(ref, 'SOS'), undrawn: rtUndrawnAccount(ref) };
  });
  const first = a.ledger.head()?.id ?? 0;
  const t0 = performance.now();
  for (let i = 0; i < SINGLE_POSTS; i++) {
    const acc = accountsOf[i % accountsOf.length]!;
    a.db.transaction(() =>
      postEntry(a, {
        year: BENCH_YEAR,
        eventType: 'receipt',
        eventRef: `bench:${i}`,
        description: `Belanja ${i}`,
        actor: 'system:bench',
        occurredOn: `${BENCH_YEAR}-08-01`,
        idempotencyKey: `bench-single-${i}`,
        postings: [
          { account: acc.spending, amount: 1000 },
          { account: acc.undrawn, amount: -1000 },
        ],
      }),
    );
  }
  const appSeconds = seconds(t0);
  a.db.close();
  const { entries, postings } = readEntriesAfter(appFile, first);
  const rawFile = path.join(work, 'single-raw.sqlite');
  const r = setup(rawFile);
  const raw = new RawLedgerWriter(r.db);
  const t1 = performance.now();
  for (let i = 0; i < entries.length; i++) raw.one(entries[i]!, postings.slice(2 * i, 2 * i + 2));
  const rawSeconds = seconds(t1);
  r.db.close();
  const appRate = SINGLE_POSTS / appSeconds;
  const rawRate = entries.length / rawSeconds;
  row(
    `Single posts, one entry per transaction (${fmt(SINGLE_POSTS)} entries through postEntry: validation, idempotency, hash chain, balances)`,
    `${fmt(appRate)} entries/s (${fmt(appRate * 2)} postings/s)`,
    `raw better-sqlite3 ${fmt(rawRate)} entries/s`,
    `${fmt(appRate / rawRate, 2)}×`,
    '≥ 0,5×',
    appRate / rawRate >= 0.5,
  );
}

// ---------------------------------------------------------------- 3. trial balance vs ledger and hledger
if (want('tb')) {
  const tb = () => s.ledger.scopeTrialBalance(BENCH_YEAR, null);
  tb();
  const times: number[] = [];
  let app: Array<{ name: string; balance: number }> = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    app = tb();
    times.push(seconds(t0));
  }
  const appSeconds = times.sort()[1]!;
  const journal = path.join(work, 'city.journal');
  const t0 = performance.now();
  const fd = fs.openSync(journal, 'w');
  for (const chunk of journalChunks(s, { year: BENCH_YEAR, kelurahanCode: null })) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  log(`journal export: ${fmt(fs.statSync(journal).size / 1e6, 0)} MB in ${seconds(t0).toFixed(1)} s`);
  const appMap = new Map(app.filter((r) => r.balance !== 0).map((r) => [r.name, r.balance]));
  const same = (label: string, m: Map<string, number>) => {
    const bad = [...new Set([...appMap.keys(), ...m.keys()])].filter((k) => appMap.get(k) !== m.get(k));
    if (bad.length) failures.push(`${label} disagrees with the app's trial balance on ${bad.length} accounts, e.g. ${bad[0]}: app ${appMap.get(bad[0]!)} vs ${m.get(bad[0]!)}`);
    return bad.length === 0;
  };
  const timed = (cmd: string, args: string[]) => {
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.slice(-500)}`);
    return { out: r.stdout, seconds: seconds(t), peakMb: Number(r.stderr.trim().split('\n').at(-1)) / 1024 };
  };
  const led = timed('ledger', ['-f', journal, 'bal', '--flat', '--no-total', '--empty', '--balance-format', '%(account)\t%(display_total)\n']);
  const ledMap = new Map(
    led.out.trim().split('\n').map((l) => l.split('\t')).map(([a, v]) => [a!, Number(v!.replace(/\s*IDR/, ''))] as [string, number]).filter(([, v]) => v !== 0),
  );
  const ledOk = same('ledger', ledMap);
  const hl = timed('hledger', ['-f', journal, 'bal', '-E', '--flat', '-O', 'csv', '--no-total']);
  const hlMap = new Map(
    (parseCsv(hl.out, { columns: true }) as Array<{ account: string; balance: string }>).map((r) => [r.account, Number(r.balance.replace(/\s*IDR/, ''))] as [string, number]).filter(([, v]) => v !== 0),
  );
  const hlOk = same('hledger', hlMap);
  const label = `City trial balance, ${fmt(appMap.size)} accounts (one GROUP BY on the covering index)`;
  row(label, `${fmt(appSeconds * 1000)} ms`, `ledger bal ${fmt(led.seconds, 1)} s, ${fmt(led.peakMb)} MB${ledOk ? ', same numbers' : ', DIFFERENT'}`, `${fmt(led.seconds / appSeconds)}×`, '≤ 0,5 s, ≥ 20×', appSeconds <= 0.5 && led.seconds / appSeconds >= 20);
  row('  … against hledger', '', `hledger bal ${fmt(hl.seconds, 1)} s, ${fmt(hl.peakMb)} MB${hlOk ? ', same numbers' : ', DIFFERENT'}`, `${fmt(hl.seconds / appSeconds)}×`, '≥ 100×', hl.seconds / appSeconds >= 100);

  // hledger's strict checks on the generated city, per kelurahan (a whole city-year needs ~7 GB in
  // hledger's checks): every kelurahan of a full run, the first 10 of a quick one.
  const kelurahan = [...new Set(s.registry.activeRts().map((rt) => rt.kelurahanCode))].sort();
  const checkedKel = quick ? kelurahan.slice(0, 10) : kelurahan;
  const kelJournal = path.join(work, 'kelurahan.journal');
  const refused: string[] = [];
  let worstMb = 0;
  const k0 = performance.now();
  for (const code of checkedKel) {
    const out = fs.openSync(kelJournal, 'w');
    for (const chunk of journalChunks(s, { year: BENCH_YEAR, kelurahanCode: code })) fs.writeSync(out, chunk);
    fs.closeSync(out);
    for (const check of [['check', '-s'], ['check', 'ordereddates']]) {
      const r = spawnSync('/usr/bin/time', ['-f', '%M', 'hledger', '-f', kelJournal, ...check], { encoding: 'utf8', maxBuffer: 1 << 26 });
      worstMb = Math.max(worstMb, Number(r.stderr.trim().split('\n').at(-1)) / 1024 || 0);
      if (r.status !== 0) refused.push(`${code} (hledger ${check.join(' ')}: ${r.stderr.trim().split('\n').slice(0, 3).join(' ')})`);
    }
  }
  if (refused.length) failures.push(`hledger refused ${refused.length} kelurahan journals, e.g. ${refused[0]}`);
  row(
    `hledger check -s and check ordereddates on each kelurahan's journal of the generated city (${fmt(checkedKel.length)} of ${fmt(kelurahan.length)} kelurahan)`,
    refused.length === 0 ? 'all accepted' : `${fmt(refused.length)} refused`,
    `${fmt(seconds(k0), 1)} s, hledger peak ${fmt(worstMb)} MB`,
    '–',
    'all accepted',
    refused.length === 0,
  );
}

// ---------------------------------------------------------------- 3b. the early-warning desk (deteksi dini)
if (want('risk')) {
  // The full pass (npm run risk:refresh) over the city-year, then the city's risk list as the admin
  // and a kecamatan desk read it, then the refresh one recorded receipt costs (its RT marked dirty
  // by the trigger, refreshed with its cross-RT partners), then verify's recomputation.
  const r0 = performance.now();
  const full = refreshAll(s, { years: [BENCH_YEAR], batch: 1000 });
  const fullSeconds = seconds(r0);
  row(`Risk flags: full recompute of ${fmt(full.refreshed)} grantees (npm run risk:refresh)`, `${fmt(fullSeconds, 1)} s`, `${fmt((fullSeconds * 1000) / Math.max(1, full.refreshed), 2)} ms a grantee`, '–', 'reported', null);
  const admin = { userId: 0, username: 'bench-admin', role: 'admin' as const, kelurahanCode: null, rtId: null, kecamatanCodes: null };
  const kec = s.registry.activeRts()[0]!.kecamatanCode;
  const desk = { ...admin, role: 'pengawas' as const, kecamatanCodes: [kec] };
  const times: number[] = [];
  let listed = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const page = readDesk(s, admin, { year: BENCH_YEAR });
    times.push(performance.now() - t0);
    listed = page.total;
  }
  const kecTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    readDesk(s, desk, { year: BENCH_YEAR, kind: 'spj_overdue' });
    kecTimes.push(performance.now() - t0);
  }
  const worstList = Math.max(...times);
  row(`The city's risk list (/pengawas as admin: ${fmt(listed)} flagged grantees ranked, first page of 50 explained), worst of 10`, `${fmt(worstList)} ms`, `median ${fmt(percentile([...times].sort((a, b) => a - b), 50))} ms; a kecamatan desk filtered by kind: worst ${fmt(Math.max(...kecTimes))} ms`, '–', '≤ 2 s', worstList <= 2000);
  const rts = s.registry.activeRts();
  const per: number[] = [];
  for (let i = 0; i < 100; i++) {
    const rt = rts[(i * 97) % rts.length]!;
    s.risk.markDirty(BENCH_YEAR, [rt.id]);
    const t0 = performance.now();
    let spent = 0;
    // One receipt's refresh: its RT, then any partner it marked (a changed vendor or photo key).
    for (let r = refreshDirty(s, 1); r.refreshed; r = refreshDirty(s, 1)) spent += 1;
    per.push(performance.now() - t0);
    if (spent > 1) log(`risk refresh of RT #${rt.id} refreshed ${spent} grantees`);
  }
  row('Risk refresh per recorded receipt (its RT and any cross-RT partners), 100 RTs across the city', `p50 ${fmt(percentile(per.sort((a, b) => a - b), 50), 1)} ms`, `p95 ${fmt(percentile(per, 95), 1)} ms, max ${fmt(Math.max(...per), 1)} ms`, '–', 'reported', null);
  const v0 = performance.now();
  const check = verifyRiskFlags(s);
  if (check.problems.length) failures.push(`risk flags differ from a recomputation: ${check.problems[0]}`);
  row(`verify: kept risk flags against a recomputation (${fmt(check.checked)} grantees)`, check.problems.length ? `${fmt(check.problems.length)} problems` : 'equal', `${fmt(seconds(v0), 1)} s`, '–', 'equal', check.problems.length === 0);
}

// ---------------------------------------------------------------- 4. the server
const year = Number(todayWib(new Date()).slice(0, 4));
const month = todayWib(new Date()).slice(0, 7);
const kelurahanCode = s.registry.activeRts()[0]!.kelurahanCode;
const uploadRt = s.registry.activeRts(kelurahanCode)[0]!;
// The upload load comes from many chairs at once, RTs spread over the city (every k-th RT: several kelurahan), as before a deadline.
const UPLOAD_CHAIRS = Number(values['upload-chairs'] ?? (quick ? 20 : 50));
const uploadRts = (() => {
  const all = s.registry.activeRts();
  const step = Math.max(1, Math.floor(all.length / UPLOAD_CHAIRS));
  return [uploadRt, ...all.filter((rt, i) => i % step === 0 && rt.id !== uploadRt.id)].slice(0, UPLOAD_CHAIRS);
})();
// The pre-warm's chairs (--upload-prewarm): as many other RTs, spread over the rest of the city the
// same way, so that the pre-warm's receipts pile on none of the measured chairs.
const prewarmRts = (() => {
  const measured = new Set(uploadRts.map((rt) => rt.id));
  const rest = s.registry.activeRts().filter((rt) => !measured.has(rt.id));
  const step = Math.max(1, Math.floor(rest.length / UPLOAD_CHAIRS));
  return rest.filter((_, i) => i % step === 0).slice(0, UPLOAD_CHAIRS);
})();
const treasurer = `bendahara.${kelurahanCode}`;
const cpuModel = os.cpus()[0]?.model.trim() ?? '?';
if (want('http') || want('uploads') || want('public')) {
{
  // Accounts for the load: the chair of the first RT, an auditor, and this year's money for the upload RTs.
  if (!s.users.findByUsername('ketua.bench')) await createUser(s, admin, { username: 'ketua.bench', displayName: 'Ketua RT (bench)', role: 'ketua_rt', rtId: uploadRt.id, kelurahanCode: null, kecamatanCodes: null, password: BENCH_PASSWORD, mustChangePassword: false });
  if (!s.users.findByUsername('auditor.bench')) await createUser(s, admin, { username: 'auditor.bench', displayName: 'Auditor (bench)', role: 'auditor', rtId: null, kelurahanCode: null, kecamatanCodes: null, password: BENCH_PASSWORD, mustChangePassword: false });
  if (!s.years.find(year)) createProgrammeYear(s, admin, year, TREASURER_ONLY_CHAIN);
  const kelurahanOf = new Set([...uploadRts, ...prewarmRts].map((rt) => rt.kelurahanCode));
  for (const code of kelurahanOf) allocateYear(s, admin, { year, kelurahanCode: code });
  for (const rt of [...uploadRts, ...prewarmRts]) {
    const chairActor: Actor = rt.id === uploadRt.id ? toActor(s.users.findByUsername('ketua.bench')!) : { userId: null, username: `ketua.rt${rt.id}`, role: 'ketua_rt', kelurahanCode: rt.kelurahanCode, rtId: rt.id, kecamatanCodes: null };
    const bendahara = toActor(s.users.findByUsername(`bendahara.${rt.kelurahanCode}`)!);
    const file = await s.evidence.put(await onePagePdf('BERITA ACARA MUSYAWARAH WARGA', [`RT #${rt.id} (bench ${randomBytes(8).toString('hex')})`]), 'application/pdf', 'berita-acara.pdf');
    attachDossier(s, chairActor, rt.id, year, await dossierFiles(s, rt.id, { rtLabel: `bench RT #${rt.id}`, year, photo: 'small' }));
    const plan = savePlan(s, chairActor, { rtId: rt.id, year, lines: DEMO_PLAN, beritaAcara: file, submit: true });
    approvePlan(s, bendahara, plan.id);
    const t = requestTranche(s, chairActor, { rtId: rt.id, year, month, lines: monthlyRbb('ini'), requestKey: `bench-upload-${randomBytes(6).toString('hex')}` });
    approveTranche(s, bendahara, t.id);
  }
  // Cash a chair may spend is what the bank has paid: each kelurahan's batch, made and marked paid by the city's treasury.
  if (!s.users.findByUsername('bpkad.bench')) await createUser(s, admin, { username: 'bpkad.bench', displayName: 'BPKAD (bench)', role: 'bpkad', rtId: null, kelurahanCode: null, kecamatanCodes: null, password: BENCH_PASSWORD, mustChangePassword: false });
  const treasury = toActor(s.users.findByUsername('bpkad.bench')!);
  for (const code of kelurahanOf) {
    const batchId = createBankBatch(s, treasury, code).batchId;
    markBatchPaid(s, treasury, batchId, { bankReference: `BJTG-BENCH-${batchId}`, paidOn: todayWib(s.now()) });
  }
}
// The rush: every RT's chair has an account and a signed-in session (set up directly; sign-in is scrypt-slow on purpose).
const rushClients: Array<{ rtId: number; cookie: string; csrf: string }> = [];
{
  const hash = s.users.findByUsername('ketua.bench')!.passwordHash;
  const now = new Date();
  s.db.transaction(() => {
    for (const rt of s.registry.activeRts()) {
      const username = `ketua.rt${rt.id}`;
      let id = s.users.findByUsername(username)?.id;
      if (id === undefined) {
        id = s.users.insert({ username, displayName: `Ketua RT #${rt.id}`, role: 'ketua_rt', rtId: rt.id, kelurahanCode: rt.kelurahanCode, kecamatanCodes: null, passwordHash: hash, mustChangePassword: false }, now);
        recordUserCreated(s, systemActor('bench'), null, id);
      }
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      s.sessions.insert({ idHash: hashToken(token), userId: id, csrfToken: csrf, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt: new Date(now.getTime() + 12 * 3600_000).toISOString(), flash: null, ip: null });
      rushClients.push({ rtId: rt.id, cookie: `dana_rt_sid=${token}`, csrf });
    }
  });
}
// The kelurahan with RTs, for the LPJ pages (read before the server takes the file).
const codes = [...new Set(s.registry.activeRts().map((rt) => rt.kelurahanCode))].sort();
// Issue 20: public RT pages (the one shared city-wide: the RT with the most receipts among the first 200) and a sample for cold pages and posters.
const publicRts = s.registry.activeRts().filter((rt) => rt.kind === 'rt');
const publicPathOf = (rt: { kelurahanCode: string; rwNumber: number; number: number }) => `/publik/rt/${rt.kelurahanCode}/${rt.rwNumber}/${rt.number}`;
const sharedRt = publicRts.slice(0, 200).reduce((best, rt) => (s.receipts.ofRt(rt.id, BENCH_YEAR).length > s.receipts.ofRt(best.id, BENCH_YEAR).length ? rt : best), publicRts[0]!);
const publicSample = Array.from({ length: quick ? 20 : 60 }, (_, i) => publicPathOf(publicRts[(i * 97 + 13) % publicRts.length]!));
// The risk flags as a server that has been running keeps them: every grantee the data left dirty
// refreshed now (the generator marks them all; on the whole city the server's background refresher
// would otherwise spend the measured windows recomputing 10,628 grantees, each marking its partners).
{
  // As npm run risk:refresh does (keys stored first, so no grantee's first refresh marks its partners again).
  if (s.risk.dirtyCount()) {
    const r0 = performance.now();
    const done = refreshAll(s, { years: [BENCH_YEAR], batch: 1000 });
    log(`  risk flags brought up to date before the server starts: ${fmt(done.refreshed)} grantees in ${fmt(seconds(r0), 1)} s`);
  }
}
s.db.checkpoint();
s.db.close();
// The copy, its migration and the refreshes above written out to the disk now: their writeback
// otherwise ran during the first measures (the city's copy alone is 1,5 GB).
for (const f of [cityFile, `${cityFile}-wal`].filter((x) => fs.existsSync(x))) {
  const fd = fs.openSync(f, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

// The OS file cache holds the database as on a server that has been running (ledger and hledger,
// run just before, use gigabytes and push it out): read the file once.
for (const f of [cityFile, `${cityFile}-wal`].filter((x) => fs.existsSync(x))) {
  await new Promise<void>((resolve) => fs.createReadStream(f).on('data', () => undefined).on('end', () => resolve()));
}
// The server as npm start runs it: the esbuild bundle.
const server = await startProcess([...SERVER_NODE_ARGS, ...(values['server-args']?.split(' ').filter(Boolean) ?? []), buildServer()], { ...SERVER_ENV, DATABASE_PATH: cityFile, EVIDENCE_DIR: path.join(work, 'evidence'), NODE_ENV: 'production', LOG_LEVEL: 'warn', SESSION_IDLE_MINUTES: '600', PUBLIC_IP_LIMIT: '0', PUBLIC_RENDER_LIMIT: '0' });
const bare = await startProcess(['--import', 'tsx', 'scripts/lib/bare-server.ts'], {});
try {
  log(`server on ${server.url}; bare Express + Handlebars on ${bare.url}`);
  // Which load raises the server's memory: logged after each step.
  // The server's event-loop delay since the previous read (/healthz): what held every request.
  const serverLoop = async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { eventLoop: { p99Ms: number; maxMs: number } }).eventLoop;
  const memory = (after: string) => log(`  server memory after ${after}: RSS ${fmt(server.rssMb())} MB, peak ${fmt(server.peakRssMb())} MB`);
  memory('start');
  const auditor = await signIn(server.url, 'auditor.bench', BENCH_PASSWORD);
  const chair = await signIn(server.url, 'ketua.bench', BENCH_PASSWORD);
  const bendahara = await signIn(server.url, treasurer, BENCH_PASSWORD);
  // After a load ends, requests still queued in the server are finished before the next measure starts.
  const settle = async () => {
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await fetch(`${server.url}/login`).then((r) => r.arrayBuffer());
      if (performance.now() - t < 50) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const sample = Array.from({ length: quick ? 10 : 40 }, (_, i) => codes[(i * 37) % codes.length]!);

  if (httpPages) {
  // LPJ latency (sequential, different kelurahan each time).
  const html = await latency(sample.map((c) => `${server.url}/laporan/lpj/${c}?tahun=${BENCH_YEAR}`), auditor, (r, b) => r.status === 200 && b.includes('Jumlah'));
  row(`Kelurahan LPJ page (HTML, ${html.n} kelurahan)`, `p50 ${fmt(html.p50, 1)} ms, p99 ${fmt(html.p99, 1)} ms`, '–', '–', 'p50 ≤ 50 ms', html.p50 <= 50);
  const pdf = await latency(sample.map((c) => `${server.url}/laporan/lpj/${c}/pdf?tahun=${BENCH_YEAR}`), auditor, (r, b) => r.status === 200 && b.subarray(0, 5).toString() === '%PDF-');
  memory('the LPJ pages');
  row(`Kelurahan LPJ PDF (${pdf.n} kelurahan)`, `p50 ${fmt(pdf.p50)} ms, p99 ${fmt(pdf.p99)} ms`, '–', '–', '≤ 1 s', pdf.p99 <= 1000);

  // Throughput at 50 connections, against the bare page.
  const base = await load({ url: `${bare.url}/`, connections: 50, duration: DURATION });
  row('Bare Express 5 + Handlebars, 50-row table (anchor)', `${fmt(base.rps)} req/s`, '', '', `p50 ${base.p50} ms, p99 ${base.p99} ms`, null);
  for (const [label, who, p] of [
    ['RT chair home', chair, '/'],
    ['Bendahara queue', bendahara, '/antrian'],
    ['LPJ page', bendahara, `/laporan/lpj/${kelurahanCode}?tahun=${BENCH_YEAR}`],
  ] as Array<[string, Client, string]>) {
    await settle();
    const r = await load({ url: server.url + p, connections: 50, duration: DURATION, headers: { cookie: who.cookie } });
    if (r.non2xx || r.errors) failures.push(`${label}: ${r.non2xx} non-2xx answers, ${r.errors} errors under load`);
    memory(label);
    row(`${label} at 50 connections`, `${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`, `bare page ${fmt(base.rps)} req/s`, `${fmt(r.rps / base.rps, 2)}×`, '≥ 0,3×, p99 ≤ 100 ms', r.rps / base.rps >= 0.3 && r.p99 <= 100);
  }

  }

  if (want('public') || httpPages) {
    // Issue 20: an RT's public page shared city-wide. Anonymous, 200 connections, no If-None-Match (every
    // answer the whole page, as for a phone opening it the first time), against the bare page at 200
    // connections in the same run. Then computed pages (a different RT each time: cache misses) and posters.
    const anon: Client = { cookie: '', csrf: '' };
    const shared = `${server.url}${publicPathOf(sharedRt)}?tahun=${BENCH_YEAR}`;
    const firstShared = await fetch(shared);
    const sharedBytes = (await firstShared.arrayBuffer()).byteLength;
    if (firstShared.status !== 200) failures.push(`public RT page: ${firstShared.status}`);
    await settle();
    const bare200 = await load({ url: `${bare.url}/`, connections: 200, duration: DURATION });
    row('Bare Express 5 + Handlebars, 50-row table, at 200 connections (anchor)', `${fmt(bare200.rps)} req/s`, '', '', `p50 ${bare200.p50} ms, p99 ${bare200.p99} ms`, null);
    await settle();
    const loopBefore = await serverLoop();
    const pub = await load({ url: shared, connections: 200, duration: DURATION });
    const loopDuring = await serverLoop();
    log(`  server event loop during the public RT page load: held at most ${fmt(loopDuring.maxMs)} ms (p99 ${fmt(loopDuring.p99Ms)} ms; before it ${fmt(loopBefore.maxMs)} ms)`);
    if (pub.non2xx || pub.errors) failures.push(`public RT page: ${pub.non2xx} non-2xx answers, ${pub.errors} errors under load`);
    memory('the public RT page at 200 connections');
    row(
      `Public RT page shared city-wide (anonymous, ${fmt(sharedBytes / 1024)} KB, kept per data version) at 200 connections`,
      `${fmt(pub.rps)} req/s, p50 ${pub.p50} ms, p99 ${pub.p99} ms, ${pub.non2xx + pub.errors} errors`,
      `bare page ${fmt(bare200.rps)} req/s`,
      `${fmt(pub.rps / bare200.rps, 2)}×`,
      '≥ 0,5×, p99 ≤ 400 ms, no errors',
      pub.rps / bare200.rps >= 0.5 && pub.p99 <= 400 && pub.non2xx + pub.errors === 0,
    );
    const again = await fetch(shared, { headers: { 'if-none-match': firstShared.headers.get('etag') ?? '' } });
    if (again.status !== 304) failures.push(`public RT page: ${again.status} to its own ETag, expected 304`);
    await settle();
    const cold = await latency(publicSample.map((p) => `${server.url}${p}?tahun=${BENCH_YEAR}`), anon, (r, b) => r.status === 200 && b.includes('Belanja dengan bukti'));
    row(`Public RT page computed (cache miss, ${cold.n} RTs)`, `p50 ${fmt(cold.p50, 1)} ms, p99 ${fmt(cold.p99, 1)} ms`, '–', '–', '–', null);
    const posters = await latency(publicSample.map((p) => `${server.url}${p}/poster.pdf?tahun=${BENCH_YEAR}`), anon, (r, b) => r.status === 200 && b.subarray(0, 5).toString() === '%PDF-');
    row(`Poster PDF (A4, chart per category, QR; computed, ${posters.n} RTs)`, `p50 ${fmt(posters.p50)} ms, p99 ${fmt(posters.p99)} ms`, '–', '–', '≤ 200 ms', posters.p99 <= 200);
    const areas = await latency([`/publik?tahun=${BENCH_YEAR}`, `/publik/kecamatan/${sharedRt.kecamatanCode}?tahun=${BENCH_YEAR}`, `/publik/kelurahan/${sharedRt.kelurahanCode}?tahun=${BENCH_YEAR}`].map((p) => server.url + p), anon, (r) => r.status === 200);
    row('Public city, kecamatan and kelurahan pages computed (cache miss, one each)', `p50 ${fmt(areas.p50)} ms, worst ${fmt(areas.p99)} ms`, '–', '–', '–', null);
    memory('the public pages');
  }

  // Receipt uploads: multipart with two photos each (nota and item photo), 20 connections, from many chairs.
  // The nota: a ~200 KB photo (640×480 of noise, which JPEG cannot shrink); the item photo ~50 KB. Every
  // photo has pixels of its own (the same pixels in other bytes are refused as a duplicate): a pool
  // made before the load, on all cores, large enough for 200 uploads/s.
  const photo = (width: number, height: number) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
  const phoneSize = /^(\d{2,4})x(\d{2,4})$/.exec(values['upload-photo'] ?? '');
  let photoSeed = 0;
  const notaPhoto = () => (phoneSize ? phonePhoto(++photoSeed, { width: Number(phoneSize[1]), height: Number(phoneSize[2]), quality: 80, grain: 9 }) : photo(640, 480));
  const samplePhotos = { nota: await notaPhoto(), barang: await photo(320, 240) };
  // What each upload now costs beyond the JPEG walk: the fingerprint (full decode, pixel SHA-256, pHash), in this process.
  const printMs = async (b: Buffer) => {
    const times: number[] = [];
    for (let i = 0; i < (quick ? 20 : 60); i++) {
      const t = performance.now();
      await fingerprintImage(b);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[times.length >> 1]!;
  };
  const print = { nota: await printMs(samplePhotos.nota), barang: await printMs(samplePhotos.barang) };
  row('Photo fingerprint per upload (decode whole, SHA-256 of the pixels, 64-bit pHash), median', `${fmt(print.nota + print.barang, 1)} ms: nota ${phoneSize ? `${phoneSize[1]}×${phoneSize[2]}` : '640×480'} ${fmt(print.nota, 1)} ms, item photo 320×240 ${fmt(print.barang, 1)} ms`, '–', '–', '–', null);
  const boundary = '----danartbench';
  const WARMUP = Number(values['upload-warmup'] ?? (quick ? 1 : 3));
  const PREWARM = Number(values['upload-prewarm'] ?? 10);
  const poolSize = 200 * (DURATION + WARMUP + PREWARM);
  const pool: Buffer[] = [];
  const t0pool = performance.now();
  for (let i = 0; i < poolSize; i += 16) {
    const batch = await Promise.all(Array.from({ length: Math.min(16, poolSize - i) }, async () => ({ nota: await notaPhoto(), barang: await photo(320, 240) })));
    for (const p of batch) {
      const n = pool.length;
      const fields: Record<string, string> = { year: String(year), requestKey: `bench${randomBytes(12).toString('hex')}`, date: todayWib(new Date()), category: 'PML', description: 'Cat dan kuas perbaikan pos kamling', vendor: 'Toko Bangunan Maju', notaNumber: `NB-${n}`, amount: '1000' };
      const parts: Buffer[] = [];
      for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      for (const [field, tag] of [['nota', 'nota'], ['fotoBarang', 'barang']] as const) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${tag}-${n}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), p[tag], Buffer.from('\r\n'));
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      pool.push(Buffer.concat(parts));
    }
  }
  log(`  ${fmt(pool.length)} upload bodies with photos of their own made in ${fmt(seconds(t0pool), 1)} s`);
  const sampleSize = pool[0]!.length;
  const uploaders = rushClients.filter((c) => uploadRts.some((rt) => rt.id === c.rtId));
  const prewarmers = rushClients.filter((c) => prewarmRts.some((rt) => rt.id === c.rtId));
  let chairs = uploaders;
  let sent = 0;
  /** The next upload: round robin over the chairs; past the pool's end a body is sent again, and refused as a duplicate (not counted). */
  const nextUpload = (): RawRequest => {
    const c = chairs[sent % chairs.length]!;
    const body = pool[sent % pool.length]!;
    sent += 1;
    return { method: 'POST', path: `/rt/${c.rtId}/kuitansi`, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
  };
  // The client (--upload-client raw, the default; autocannon as before 2026-12-08 for comparison):
  // scripts/lib/raw-load.ts says why. `atDeadline` counts the receipts stored at the window's end.
  const uploadClient = values['upload-client'] ?? 'raw';
  if (uploadClient !== 'raw' && uploadClient !== 'autocannon') throw new Error('--upload-client raw|autocannon');
  const uploadLoad = (duration: number, atDeadline?: () => void): Promise<LoadResult> => {
    if (uploadClient === 'raw') return rawLoad({ url: server.url, connections: 20, duration, next: nextUpload, atDeadline });
    const request: autocannon.Request = {
      method: 'POST',
      setupRequest: (req) => {
        const r = nextUpload();
        return { ...req, path: r.path, headers: { ...req.headers, ...r.headers }, body: r.body };
      },
    };
    return load({ url: `${server.url}/rt/${uploadRt.id}/kuitansi`, connections: 20, duration, requests: [request], expectBody: undefined }).then((r) => {
      atDeadline?.();
      return r;
    });
  };
  const storedNow = () => {
    // Read on a connection of its own while the server holds the file (WAL: it goes on writing).
    const snapshot = openReadSnapshot(cityFile);
    const receiptsOf = new ReceiptRepository(snapshot);
    const n = uploadRts.reduce((a, rt) => a + receiptsOf.ofRt(rt.id, year).length, 0);
    snapshot.close();
    return n;
  };
  // The pre-warm (--upload-prewarm S, 10 s; 0 for none): the same load from as many other chairs,
  // not measured. A server that has been running has its upload code compiled: after the 1 s
  // warm-up alone V8 was still compiling (~0,9 ms of its threads' CPU per upload in the window;
  // functions optimised per 5 s of load fell from 227 to ~30 only after ~50 s), and a longer
  // warm-up on the measured chairs would pile hundreds of receipts on each, more than an RT
  // records in a year. Other chairs take the pre-warm's receipts instead.
  if (PREWARM > 0 && prewarmers.length === 0) log('  pre-warm: skipped, no RT left beside the measured chairs');
  if (PREWARM > 0 && prewarmers.length > 0) {
    chairs = prewarmers;
    const n0 = sent;
    await uploadLoad(PREWARM);
    log(`  pre-warm: ${fmt(sent - n0)} uploads in ${fmt(PREWARM)} s from ${fmt(prewarmers.length)} other chairs, not measured`);
    chairs = uploaders;
    await settle();
  }
  // The warm-up (--upload-warmup S, 3 s; 1 s with --quick; 0 for none): the same load from the
  // measured chairs, not measured: their first receipts at the bench's shop (each made every RT
  // that ever bought there wait for a risk refresh) are behind them, as before a deadline. The
  // cold figure is the row with --upload-prewarm 0 --upload-warmup 0.
  if (WARMUP > 0) {
    const n0 = sent;
    await uploadLoad(WARMUP);
    log(`  warm-up: ${fmt(sent - n0)} uploads in ${fmt(WARMUP)} s, not measured`);
  }
  await settle();
  // After the settle: a warm-up upload still in flight at its end is not counted as measured.
  const storedBefore = storedNow();
  // The machine's speed, read with a fixed piece of the uploads' work (one upload's two photos
  // fingerprinted in this process, as the server does) just before and just after the window:
  // on this shared VM the same code gave 74–118 uploads/s within an hour, and every thread of the
  // server (libvips' decode too) slowed by the same share. This tells a slow machine from slow code.
  const gauge = async () => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await fingerprintImage(samplePhotos.nota);
      await fingerprintImage(samplePhotos.barang);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[times.length >> 1]!;
  };
  const gaugeBefore = await gauge();
  const upCpu0 = server.cpuSeconds();
  const upThreads0 = server.cpuByThread();
  const load0 = os.loadavg()[0]!;
  const clientCpu0 = process.cpuUsage();
  let storedAtDeadline = 0;
  const up = await uploadLoad(DURATION, () => {
    storedAtDeadline = storedNow();
  });
  const upCpu = server.cpuSeconds() - upCpu0;
  const clientCpu = process.cpuUsage(clientCpu0);
  const upThreads = [...server.cpuByThread()].map(([name, sec]) => [name, sec - (upThreads0.get(name) ?? 0)] as const).filter(([, sec]) => sec > 0);
  const gaugeAfter = await gauge();
  log(`  the machine's speed: one upload's two photos fingerprinted in ${fmt(gaugeBefore, 1)} ms before the window, ${fmt(gaugeAfter, 1)} ms after (median of 15)`);
  memory('the uploads');
  if (sent > pool.length) log(`  the pool of ${fmt(pool.length)} bodies ran out after ${fmt(pool.length)} of ${fmt(sent)} requests`);
  const stored = { n: storedAtDeadline - storedBefore };
  // Which threads of the server spent it (the main thread, libuv's pool where libvips decodes and files are written, V8's helpers).
  log(`  server CPU per upload by thread: ${upThreads.sort((a, b) => b[1] - a[1]).map(([name, sec]) => `${name} ${fmt((1000 * sec) / Math.max(1, stored.n), 1)} ms`).join(', ')}`);
  // The load generator shares the machine's cores: what it spent is CPU the server did not have.
  log(`  the bench's own CPU (the client sending the uploads) per upload: ${fmt((clientCpu.user + clientCpu.system) / 1000 / Math.max(1, stored.n), 1)} ms`);
  // Receipts stored are counted, not answers (a 303 redirect follows a recorded receipt; a refusal is a 4xx page).
  row(
    `Receipt uploads at 20 connections from ${uploaders.length} RT chairs in ${new Set(uploadRts.map((rt) => rt.kelurahanCode)).size} kelurahan (multipart ${fmt(sampleSize / 1024)} KB: a ${fmt(samplePhotos.nota.length / 1024)} KB nota photo of ${phoneSize ? `${phoneSize[1]}×${phoneSize[2]} (a phone photo shrunk as the receipt form sends it)` : '640×480'} and a ${fmt(samplePhotos.barang.length / 1024)} KB item photo, each of its own pixels, checked whole (JPEG markers, full decode), fingerprinted (pixel SHA-256, pHash), looked up against the city's photos and stored with fsync, review thumbnails made; pending receipt with every rule)`,
    `${fmt(stored.n / DURATION)} uploads/s, p99 ${up.p99} ms (${fmt(stored.n)} receipts stored of ${fmt(up.requests)} requests)`,
    `server CPU ${fmt((1000 * upCpu) / Math.max(1, stored.n), 1)} ms per upload (${os.cpus().length} cores, load average ${fmt(load0, 1)} before, ${fmt(os.loadavg()[0]!, 1)} after; the machine's speed: two photos fingerprinted in ${fmt(gaugeBefore, 1)} ms before, ${fmt(gaugeAfter, 1)} ms after)`,
    '–',
    '≥ 100/s',
    stored.n / DURATION >= 100,
  );

  if (httpPages) {
  // The deadline rush: every RT submits its December SPJ within the compressed hour.
  await settle();
  const cpu0 = server.cpuSeconds();
  const t0 = performance.now();
  const statuses = new Map<number, number>();
  const lat: number[] = [];
  await Promise.all(
    rushClients.map(async (c, i) => {
      await new Promise((r) => setTimeout(r, (i / rushClients.length) * RUSH_SECONDS * 1000));
      const t = performance.now();
      let status = 0;
      try {
        const res = await fetch(`${server.url}/rt/${c.rtId}/spj`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: c.csrf, year: String(BENCH_YEAR), month: `${BENCH_YEAR}-12` }),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        // a refused or timed-out connection: counted as status 0
      }
      lat.push(performance.now() - t);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }),
  );
  const wall = seconds(t0);
  const cpu = server.cpuSeconds() - cpu0;
  memory('the rush');
  lat.sort((a, b) => a - b);
  if ((statuses.get(303) ?? 0) !== rushClients.length) failures.push(`deadline rush: answers ${JSON.stringify(Object.fromEntries(statuses))}, expected ${rushClients.length} × 303`);
  row(
    `Deadline rush: ${fmt(rushClients.length)} SPJs in ${fmt(RUSH_SECONDS)} s (an hour compressed ${fmt(3600 / RUSH_SECONDS)}×)`,
    `worst ${fmt(lat.at(-1)!)} ms, p99 ${fmt(lat[Math.ceil(lat.length * 0.99) - 1]!)} ms`,
    `server CPU ${fmt((100 * cpu) / wall)} % of one core (${os.cpus().length} cores)`,
    '–',
    'all accepted',
    (statuses.get(303) ?? 0) === rushClients.length,
  );
  // Pages while city bundles are built: one auditor asks for eight at once (issue 17's attack). They
  // are queued (one city bundle at a time) and built in a child process; the bendahara's queue
  // page is timed before (idle) and while the first one builds.
  await settle();
  const queuePage = Array.from({ length: quick ? 20 : 50 }, () => `${server.url}/antrian`);
  const idle = await latency(queuePage, bendahara, (r) => r.status === 200);
  const asked = await Promise.all(
    Array.from({ length: 8 }, () =>
      fetch(`${server.url}/laporan/bundel?tahun=${BENCH_YEAR}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: auditor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: auditor.csrf }),
      }),
    ),
  );
  if (asked.some((r) => r.status !== 303)) failures.push(`city bundles: answers ${asked.map((r) => r.status).join(', ')}, expected 8 × 303`);
  const firstJob = `${server.url}${asked[0]!.headers.get('location')}`;
  const during: number[] = [];
  let waitingShown = 0;
  const until = performance.now() + (quick ? 20_000 : 180_000);
  for (let i = 0; performance.now() < until; i++) {
    const t = performance.now();
    const r = await fetch(`${server.url}/antrian`, { headers: { cookie: bendahara.cookie } });
    await r.arrayBuffer();
    during.push(performance.now() - t);
    if (r.status !== 200) failures.push(`/antrian answered ${r.status} while a city bundle was built`);
    if (i % 10 === 0) {
      const last = await (await fetch(`${server.url}${asked[7]!.headers.get('location')}`, { headers: { cookie: auditor.cookie } })).text();
      waitingShown = Math.max(waitingShown, Number(/urutan ke-(\d+)/.exec(last)?.[1] ?? 0));
      const first = await (await fetch(firstJob, { headers: { cookie: auditor.cookie } })).text();
      if (!first.includes('Sedang disusun') && !first.includes('Dalam antrean')) break;
    }
  }
  during.sort((a, b) => a - b);
  memory('a city bundle (8 queued)');
  const worst = during.at(-1)!;
  row(
    `Page latency while a city bundle builds (8 requested at once by one auditor: queued, the 8th shown at place ${waitingShown}; built in a child process)`,
    `p50 ${fmt(percentile(during, 50), 1)} ms, p99 ${fmt(percentile(during, 99))} ms, worst ${fmt(worst)} ms (${during.length} pages)`,
    `idle p50 ${fmt(idle.p50, 1)} ms, p99 ${fmt(idle.p99)} ms`,
    `${fmt(percentile(during, 99) / Math.max(1, idle.p99), 1)}×`,
    'worst ≤ 1 s',
    worst <= 1000,
  );
  }
  row('Peak server RSS during all of the above', `${fmt(server.peakRssMb())} MB`, '–', '–', '≤ 300 MB', server.peakRssMb() <= 300);
} finally {
  await server.stop();
  await bare.stop();
}
}

// ---------------------------------------------------------------- 5. the city-wide bundle
if (want('bundle')) {
  if (EVIDENCE === 'none') {
    // export:bundle refuses a scope whose evidence files are not in the store (issue 16): a city
    // generated without evidence bytes has none, so its bundle is not built (use --evidence fast).
    log('bundle: skipped (the city was generated with --evidence none; export:bundle refuses missing evidence)');
  } else {
    const out = path.join(work, 'bundle.zip');
    const t0 = performance.now();
    // Under the server's heap limit (256 MB; in the web the bundle is built in a child process with EXPORT_WORKER_HEAP_MB, 384 by default).
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...SERVER_NODE_ARGS, '--import', 'tsx', 'scripts/export-bundle.ts', '--year', String(BENCH_YEAR), '--out', out], {
      env: { ...process.env, DATABASE_PATH: cityFile, EVIDENCE_DIR: path.join(work, 'evidence') },
      encoding: 'utf8',
    });
    const took = seconds(t0);
    if (r.status !== 0) failures.push(`export:bundle failed: ${r.stderr.slice(-400)}`);
    const peak = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
    row(`City-wide auditor bundle (format 2: journal.jsonl, chain.csv, checkpoints, CSVs, records, statement PDF, hledger journal, evidence): ${fmt(fs.statSync(out).size / 1e6)} MB`, `${fmt(took, 1)} s, peak ${fmt(peak)} MB`, '–', '–', '≤ 30 s, flat memory', took <= 30);
    // verify-bundle streams the ZIP: its time and peak RSS against issue 16's budget (≤ 5 s, ≤ 300 MB for 200 RTs).
    const v0 = performance.now();
    const v = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--import', 'tsx', 'scripts/verify-bundle.ts', out], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const vTook = seconds(v0);
    const vPeak = Number(v.stderr.trim().split('\n').at(-1)) / 1024;
    const evidenceFiles = /(\d+) berkas bukti dan/.exec(v.stdout)?.[1] ?? '?';
    if (v.status !== 0) failures.push(`verify-bundle refused the city bundle: ${(v.stdout + v.stderr).slice(0, 600)}`);
    row(`verify-bundle on that bundle (streamed; ${evidenceFiles} evidence files hashed, every link and entry recomputed, every copy cross-checked)`, `${fmt(vTook, 1)} s, peak ${fmt(vPeak)} MB`, '–', '–', RTS <= 200 ? '≤ 5 s, ≤ 300 MB' : 'flat memory', RTS <= 200 ? vTook <= 5 && vPeak <= 300 : vPeak <= 300);
    log(`verify-bundle: ${v.status === 0 ? 'OK' : 'REFUSED'}`);
  }
}

// ---------------------------------------------------------------- 6. the chair's phone on a weak signal (issue 19a)
// Chromium at 400 kbps / 400 ms: three 4000×3000 photos before (originals) and after (shrunk on
// the phone), and a refusal before upload. Skipped with a line when Chromium is missing.
if (want('phone')) await benchPhone({ row, failures, log });
// ---------------------------------------------------------------- 6. the treasurer's review and the chair's pages (issue 19)
if (want('review')) {
  // Its own seeded demo database and in-process server (scripts/bench-review.ts): 20 receipts × 3 photos.
  const { benchReview } = await import('./bench-review');
  for (const r of await benchReview(log)) row(r.measure, r.value, '–', '–', r.budget, r.ok);
}

if (!values.only) {
  const v = bootstrap({ databasePath: cityFile, evidenceDir: path.join(work, 'evidence') });
  const report = verifyLedger(v, [], { evidence: EVIDENCE !== "none" });
  v.db.close();
  if (!report.ok) failures.push(`verify after the benchmark: ${report.problems.slice(0, 3).join('; ')}`);
}

console.log(`\n## Dana RT benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpuModel}, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}${quick ? ' (quick)' : ''}\n`);
console.log('| measure | value | anchor (same run) | ratio | budget | |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.measure} | ${r.value} | ${r.anchor} | ${r.ratio} | ${r.budget} | ${r.ok === null ? '' : r.ok ? 'met' : 'missed'} |`);
if (values.out) fs.writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), quick, rts: RTS, counts, rows, failures }, null, 2));
fs.rmSync(work, { recursive: true, force: true });
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log('\nAll cross-checks agree (trial balance = ledger = hledger; every request answered as expected; verify OK).');
