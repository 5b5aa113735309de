/**
 * The crash test: the real server on a temporary database, real concurrent HTTP traffic
 * through the money flow, and SIGKILL at random moments, many times over. After every kill
 * the database is checked (check.ts) while the server is down, then the server is started
 * again as it is in production (no repair step) and the clients carry on, sending again
 * every operation whose answer they never got.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prng } from '../../../src/app/seed';
import { todayWib } from '../../../src/domain/calendar';
import { checkAfterCrash, type CheckResult } from './check';
import { chairLoop, treasurerLoop, type Traffic } from './clients';
import { buildFixture, type Chair, type Fixture } from './fixture';
import { killDuringSeed } from './first-start';
import { Browser, type Target } from './http-client';
import { OpLog, type OpKind } from './operations';
import { ROOT, ServerProcess } from './server-process';

export interface CrashOptions {
  kills: number;
  seed: number;
  /** RT chairs per kelurahan (two kelurahan) who record receipts, and who draw and have tranches reversed. */
  spenders: number;
  drawers: number;
  /** How long the server takes traffic before a kill, at random in this range (ms). */
  upMs: [number, number];
  /** Share of kills that land while the server is still starting. */
  startupKillShare: number;
  /** Kills during a new install's first start (the seed), before the traffic. */
  seedKills: number;
  log: (line: string) => void;
  /** Keep the temporary folder (always kept when the run fails). */
  keep?: boolean;
}

export interface CrashSummary {
  ok: boolean;
  kills: number;
  startupKills: number;
  seedKills: number;
  restarts: number;
  durationMs: number;
  meanStartMs: number;
  attempted: number;
  acked: number;
  found: number;
  refused: number;
  /** Answers never received (the kill), all sent again after the restart. */
  lostReplies: number;
  unknownAtEnd: number;
  lost: number;
  duplicates: number;
  halfThere: number;
  anomalies: string[];
  problems: string[];
  byKind: Record<string, { attempted: number; acked: number }>;
  orphansSwept: number;
  entriesAtEnd: number;
  verifyCli: string;
  dir: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function verifyCli(f: Fixture): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: f.databasePath, EVIDENCE_DIR: f.evidenceDir },
    encoding: 'utf8',
  });
  return `${r.status === 0 ? '' : `exit ${r.status}: `}${(r.stdout + r.stderr).trim()}`;
}

/** One run: the fixture, the users, the server of the moment, and the figures so far. */
class CrashRun {
  readonly s: CrashSummary;
  readonly t: Traffic;
  private readonly target: Target = { url: '' };
  private readonly chairs: Array<{ chair: Chair; browser: Browser }>;
  private readonly treasurers: Browser[];
  private server?: ServerProcess;
  private last?: CheckResult;
  private startMs = 0;

  constructor(
    private readonly o: CrashOptions,
    private readonly f: Fixture,
    readonly rand: () => number,
  ) {
    this.chairs = f.chairs.map((c) => ({ chair: c, browser: new Browser(this.target, c.username) }));
    this.treasurers = f.treasurers.map((u) => new Browser(this.target, u.username));
    this.t = {
      alive: false,
      log: new OpLog(),
      year: f.year,
      today: todayWib(new Date()),
      rand,
      retries: new Map(),
      reversals: new Map(),
      drawerRts: new Set(f.chairs.filter((c) => c.role === 'drawer').map((c) => c.rtId)),
      treasurerKelurahan: new Map(f.treasurers.map((u) => [u.username, u.kelurahanCode])),
      markerPrefix: `CT${o.seed}`,
      anomalies: [],
    };
    this.s = {
      ok: false, kills: 0, startupKills: 0, seedKills: 0, restarts: 0, durationMs: 0, meanStartMs: 0, attempted: 0, acked: 0, found: 0, refused: 0, lostReplies: 0,
      unknownAtEnd: 0, lost: 0, duplicates: 0, halfThere: 0, anomalies: this.t.anomalies, problems: [], byKind: {}, orphansSwept: 0, entriesAtEnd: 0, verifyCli: '',
      dir: path.dirname(f.databasePath),
    };
  }

  /** Starts the server as npm start does (no repair step) and points every user at it. */
  async start(): Promise<void> {
    const p = await ServerProcess.spawn(this.f);
    this.startMs += await p.ready();
    this.s.restarts += 1;
    this.target.url = p.url;
    this.server = p;
  }

  signIn(): Promise<unknown> {
    return Promise.all([...this.chairs.map((c) => c.browser), ...this.treasurers].map((b) => b.signIn(this.f.password)));
  }

  /** Runs every user's loop until t.alive turns false (and their last request ends). */
  private traffic(): Promise<unknown> {
    this.t.alive = true;
    this.t.today = todayWib(new Date());
    return Promise.all([...this.chairs.map(({ chair, browser }) => chairLoop(this.t, browser, chair)), ...this.treasurers.map((b) => treasurerLoop(this.t, b))]);
  }

  /** Checks the database of the dead server; false when something is wrong. */
  private async check(label: string): Promise<boolean> {
    const c = await checkAfterCrash(this.f.databasePath, this.f.evidenceDir, this.t.log.ops);
    this.last = c;
    const s = this.s;
    s.orphansSwept += c.orphansSwept;
    s.entriesAtEnd = c.entries;
    s.lost = Math.max(s.lost, c.lost.length);
    s.duplicates = Math.max(s.duplicates, c.duplicates.length);
    s.halfThere = Math.max(s.halfThere, c.halfThere.length);
    const bad = [...c.lost.map((x) => `hilang ${x}`), ...c.duplicates.map((x) => `ganda ${x}`), ...c.halfThere.map((x) => `setengah ${x}`), ...c.problems];
    for (const b of bad.slice(0, 10)) s.problems.push(`${label}: ${b}`);
    this.o.log(
      `${label}: verify ${c.verifyOk ? 'OK' : 'RUSAK'} (${c.entries} jurnal), acked ${c.acked}, found ${c.found}, lost ${c.lost.length}, duplicates ${c.duplicates.length}, half there ${c.halfThere.length}, unanswered ${this.t.log.count('unknown')}, orphans swept ${c.orphansSwept}`,
    );
    return bad.length === 0;
  }

  /** Traffic for a random while, then SIGKILL with requests in flight. */
  async killUnderTraffic(): Promise<boolean> {
    const phase = this.traffic();
    await sleep(this.o.upMs[0] + this.rand() * (this.o.upMs[1] - this.o.upMs[0]));
    this.t.alive = false;
    await this.server!.kill('SIGKILL');
    await phase;
    this.s.kills += 1;
    return this.check(`kill ${this.s.kills}`);
  }

  /** SIGKILL while the server starts: migrations, the sweep and the first requests must survive that too. */
  async killWhileStarting(): Promise<boolean> {
    const p = await ServerProcess.spawn(this.f);
    await sleep(300 + this.rand() * 4_000);
    await p.kill('SIGKILL');
    this.s.kills += 1;
    this.s.startupKills += 1;
    return this.check(`kill ${this.s.kills} (while starting)`);
  }

  /** The last start: every unanswered operation is sent again, then a clean stop, the final check and npm run verify. */
  async finish(): Promise<void> {
    await this.start();
    const phase = this.traffic();
    await sleep(1_500);
    for (let i = 0; i < 300 && [...this.t.retries.values()].some((l) => l.length); i++) await sleep(100);
    this.t.alive = false;
    await phase;
    await this.server!.kill('SIGTERM');
    await this.check('final');
    this.s.verifyCli = verifyCli(this.f);
  }

  async stop(): Promise<void> {
    if (this.server?.running) await this.server.kill('SIGKILL');
  }

  summarize(t0: number): CrashSummary {
    const { s, t } = this;
    for (const k of new Set<OpKind>(t.log.ops.map((op) => op.kind))) {
      const ops = t.log.ops.filter((op) => op.kind === k);
      s.byKind[k] = { attempted: ops.length, acked: ops.filter((op) => op.outcome === 'acked').length };
    }
    s.attempted = t.log.ops.length;
    s.acked = t.log.count('acked');
    s.refused = t.log.count('refused');
    s.lostReplies = t.log.ops.filter((op) => op.wasUnknown).length;
    s.unknownAtEnd = t.log.count('unknown');
    s.found = this.last?.found ?? 0;
    s.durationMs = Date.now() - t0;
    s.meanStartMs = Math.round(this.startMs / Math.max(1, s.restarts));
    s.ok = s.problems.length === 0 && s.anomalies.length === 0 && s.kills >= this.o.kills && s.unknownAtEnd === 0 && s.found === s.acked && s.verifyCli.startsWith('OK');
    return s;
  }
}

export async function runCrashTest(o: CrashOptions): Promise<CrashSummary> {
  const t0 = Date.now();
  const rand = prng(o.seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dana-rt-crash-'));
  const f = await buildFixture(dir, { spenders: o.spenders, drawers: o.drawers });
  o.log(`database ${f.databasePath}: programme year ${f.year}, ${f.chairs.length} RT chairs, ${f.treasurers.length} treasurers`);
  const run = new CrashRun(o, f, rand);
  if (o.seedKills > 0) {
    run.s.problems.push(...(await killDuringSeed(dir, o.seedKills, f.seed, rand, o.log)));
    run.s.seedKills = o.seedKills;
  }
  try {
    await run.start();
    await run.signIn();
    let healthy = true;
    while (healthy && run.s.kills < o.kills) {
      healthy = await run.killUnderTraffic();
      while (healthy && run.s.kills < o.kills && rand() < o.startupKillShare) healthy = await run.killWhileStarting();
      if (healthy && run.s.kills < o.kills) await run.start();
    }
    if (healthy) await run.finish();
  } finally {
    await run.stop();
  }
  const s = run.summarize(t0);
  if (s.ok && !o.keep) fs.rmSync(dir, { recursive: true, force: true });
  return s;
}
