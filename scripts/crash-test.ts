/**
 * npm run test:crash [-- --kills 60 --seed N --seed-kills 5 --startup-kills 0.1 --spenders 6 --drawers 2 --up-ms 1000-6000 --keep]
 * Starts the real server on a temporary database, drives concurrent HTTP traffic through the
 * money flow and SIGKILLs the server at random moments (--kills, a share of them while it
 * starts), plus --seed-kills during a new install's first start; after every kill checks that
 * nothing acknowledged was lost or doubled and nothing unacknowledged is half there.
 * Prints the figures; exits 1 on any failure (the temporary folder is then kept).
 */
import { parseArgs } from 'node:util';
import { buildServer } from './lib/build-server';
import { runCrashTest } from './lib/crash/run';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '60' },
    seed: { type: 'string' },
    spenders: { type: 'string', default: '6' },
    drawers: { type: 'string', default: '2' },
    'up-ms': { type: 'string', default: '1000-6000' },
    'startup-kills': { type: 'string', default: '0.1' },
    'seed-kills': { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
});
const int = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} harus bilangan bulat, bukan "${v}"`);
    process.exit(2);
  }
  return n;
};
const [lo, hi] = (values['up-ms'] ?? '').split('-').map((x) => int('up-ms', x));
const seed = values.seed === undefined ? Date.now() % 1_000_000 : int('seed', values.seed);
// The server under test is the one npm start runs, built from the sources of now (never an old dist/).
console.log(`server bundled into ${buildServer()}`);
const s = await runCrashTest({
  kills: int('kills', values.kills),
  seed,
  spenders: int('spenders', values.spenders),
  drawers: int('drawers', values.drawers),
  upMs: [lo!, hi ?? lo!],
  startupKillShare: Number(values['startup-kills']),
  seedKills: int('seed-kills', values['seed-kills']),
  keep: values.keep,
  log: (line) => console.log(line),
});
console.log(`
Crash test (seed ${seed}) ${s.ok ? 'PASSED' : 'FAILED'} in ${Math.round(s.durationMs / 1000)} s
  kills (SIGKILL):            ${s.kills} under traffic (${s.startupKills} of them while starting) + ${s.seedKills} during a new install's seed; restarts ${s.restarts}, mean start ${s.meanStartMs} ms
  operations sent:            ${s.attempted}
  acknowledged (303):         ${s.acked}
  found exactly once:         ${s.found}
  refused (409/422):          ${s.refused}
  answers lost in a kill:     ${s.lostReplies} (sent again after the restart; unanswered at the end: ${s.unknownAtEnd})
  lost:                       ${s.lost}
  duplicates:                 ${s.duplicates}
  half there:                 ${s.halfThere}
  orphan files swept:         ${s.orphansSwept}
  journal entries at the end: ${s.entriesAtEnd}
  npm run verify:             ${s.verifyCli}
  by operation:               ${Object.entries(s.byKind).map(([k, v]) => `${k} ${v.acked}/${v.attempted}`).join(', ')}`);
for (const a of s.anomalies.slice(0, 20)) console.log(`  ANOMALY ${a}`);
for (const p of s.problems.slice(0, 30)) console.log(`  PROBLEM ${p}`);
if (!s.ok) console.log(`  database kept in ${s.dir}`);
process.exit(s.ok ? 0 : 1);
