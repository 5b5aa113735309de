/**
 * Kills during the first start of a new install, while the seed runs: after each kill the
 * database must be blank (the next start seeds it) or the whole seed, never half of it; and
 * the next start must bring up the whole demo city without any repair step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedCounts, type SeedCounts } from './check';
import { ServerProcess } from './server-process';

const same = (a: SeedCounts, b: SeedCounts) => JSON.stringify(a) === JSON.stringify(b);
const blank = (c: SeedCounts | null) => !c || (c.rts === 0 && c.users === 0 && c.entries === 0 && c.receipts === 0);

/** How long a first start takes here (loading, migrations, the seed) until the server answers. */
async function firstStartMs(dir: string): Promise<number> {
  const t0 = Date.now();
  const p = await ServerProcess.spawn({ databasePath: path.join(dir, 'calibration', 'dana-rt.sqlite'), evidenceDir: path.join(dir, 'calibration', 'evidence') });
  try {
    await p.ready();
    return Date.now() - t0;
  } finally {
    await p.kill('SIGKILL');
    fs.rmSync(path.join(dir, 'calibration'), { recursive: true, force: true });
  }
}

/**
 * Kills the first start `kills` times at random moments of a first start's measured length
 * (so most land in the seed, some while the modules load), then starts it for good.
 * Returns the problems found.
 */
export async function killDuringSeed(dir: string, kills: number, whole: SeedCounts, rand: () => number, log: (line: string) => void): Promise<string[]> {
  const databasePath = path.join(dir, 'first-start', 'dana-rt.sqlite');
  const evidenceDir = path.join(dir, 'first-start', 'evidence');
  const side = `${databasePath}.seeding`;
  const problems: string[] = [];
  let fullMs = await firstStartMs(dir);
  log(`a first start takes ${fullMs} ms here`);
  for (let i = 1; i <= kills; i++) {
    const spawnedAt = Date.now();
    const p = await ServerProcess.spawn({ databasePath, evidenceDir });
    await new Promise((r) => setTimeout(r, fullMs * (0.3 + rand() * 0.7)));
    const wasUp = await p.ready(1).then(() => true, () => false);
    await p.kill('SIGKILL');
    // The side file is this product's way of seeding; without it, "while starting" covers both.
    const seeding = fs.existsSync(side) && fs.statSync(side).mtimeMs >= spawnedAt;
    const c = seedCounts(databasePath);
    const state = blank(c) ? 'blank' : same(c!, whole) ? 'whole' : `HALF ${JSON.stringify(c)}`;
    log(`seed kill ${i} at ${Date.now() - spawnedAt} ms (${wasUp ? 'already serving' : seeding ? 'while seeding' : 'while starting'}): database ${state}`);
    // On a shared machine starts get faster or slower: a kill that came too late aims earlier next time.
    if (wasUp) fullMs = Math.round(fullMs * 0.7);
    if (state.startsWith('HALF')) problems.push(`seed kill ${i}: half-seeded database ${JSON.stringify(c)}, expected blank or ${JSON.stringify(whole)}`);
  }
  const p = await ServerProcess.spawn({ databasePath, evidenceDir });
  try {
    await p.ready();
  } catch (e) {
    problems.push(`first start after ${kills} seed kills: ${(e as Error).message.slice(0, 500)}`);
    return problems;
  } finally {
    await p.kill('SIGTERM');
  }
  const c = seedCounts(databasePath);
  if (!c || !same(c, whole)) problems.push(`first start after ${kills} seed kills: ${JSON.stringify(c)}, expected ${JSON.stringify(whole)}`);
  log(`first start after ${kills} seed kills: ${problems.length ? 'FAILED' : 'the whole demo city, verify OK'}`);
  return problems;
}
