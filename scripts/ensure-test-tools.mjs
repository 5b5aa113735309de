#!/usr/bin/env node
/**
 * The programs the tests run besides Node (npm test runs this first, as `pretest`; plain Node,
 * no dependencies, so it works before anything is built):
 *   chromium   the browser tests (playwright-core drives Debian's Chromium, no downloaded browser)
 *   hledger    the exported journal is checked against hledger's balances
 *   ledger     the same with ledger (the benchmark)
 *   pdftotext  the PDF reports are read back as text (Debian package poppler-utils)
 *   python3    node-gyp runs it when npm compiles better-sqlite3 (npm rebuild, a Node without a
 *              prebuilt binary)
 * With --bench also /usr/bin/time (Debian package time), which the benchmark measures memory with.
 *
 * Whatever is missing is installed when this runs as root on a machine with apt-get (one
 * `apt-get update`, then `apt-get install -y --no-install-recommends ...`); otherwise it stops
 * with exit 1 and prints the exact command to run.
 *
 * For testing this script: DANA_RT_TOOLS_ASSUME_MISSING=hledger,ledger treats those tools as
 * missing at the first look (the install path then really runs apt-get), and
 * DANA_RT_TOOLS_NO_INSTALL=1 behaves as if it could not install (the stop-with-command path).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bench = process.argv.includes('--bench');
const assumeMissing = new Set((process.env.DANA_RT_TOOLS_ASSUME_MISSING ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const noInstall = process.env.DANA_RT_TOOLS_NO_INSTALL === '1';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The program's path when it is on PATH (like `command -v`), else undefined. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

const TOOLS = [
  {
    name: 'chromium',
    pkg: 'chromium',
    // test/helpers/browser.ts looks in the same places: CHROMIUM_PATH, /usr/bin/chromium, PATH.
    find: () => (process.env.CHROMIUM_PATH ? (isExecutable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined) : isExecutable('/usr/bin/chromium') ? '/usr/bin/chromium' : onPath('chromium')),
  },
  { name: 'hledger', pkg: 'hledger', find: () => onPath('hledger') },
  { name: 'ledger', pkg: 'ledger', find: () => onPath('ledger') },
  { name: 'pdftotext', pkg: 'poppler-utils', find: () => onPath('pdftotext') },
  { name: 'python3', pkg: 'python3', find: () => onPath('python3') },
  ...(bench ? [{ name: 'time', pkg: 'time', find: () => (isExecutable('/usr/bin/time') ? '/usr/bin/time' : undefined) }] : []),
];

const say = (line) => console.log(`ensure-test-tools: ${line}`);

function missingTools(firstLook) {
  return TOOLS.filter((t) => (firstLook && assumeMissing.has(t.name)) || !t.find());
}

const missing = missingTools(true);
if (missing.length === 0) {
  say(`found ${TOOLS.map((t) => `${t.name} (${t.find()})`).join(', ')}`);
  process.exit(0);
}

const pkgs = [...new Set(missing.map((t) => t.pkg))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = onPath('apt-get');
const installCmd = `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
const manual = isRoot ? `apt-get update && ${installCmd}` : `sudo apt-get update && sudo ${installCmd}`;
say(`missing: ${missing.map((t) => (t.name === t.pkg ? t.name : `${t.name} (Debian package ${t.pkg})`)).join(', ')}`);

function stop(why) {
  console.error(`ensure-test-tools: ${why}\nThe tests need these programs. Install them (Debian/Ubuntu) with:\n\n  ${manual}\n`);
  process.exit(1);
}

// Installing Chromium would not help: the browser tests use CHROMIUM_PATH when it is set.
if (process.env.CHROMIUM_PATH && !isExecutable(process.env.CHROMIUM_PATH)) {
  console.error(`ensure-test-tools: CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not an executable file: point it at Chromium, or unset it to use /usr/bin/chromium.`);
  process.exit(1);
}
if (noInstall) stop('not installing them (DANA_RT_TOOLS_NO_INSTALL=1).');
if (!isRoot) stop('not running as root, so not installing them.');
if (!aptGet) stop('apt-get not found, so not installing them (install the same programs with your system\'s package manager).');

/** Runs an apt-get command quietly; prints its output only when it fails. */
function run(args) {
  say(`running: apt-get ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(aptGet, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
    stop(`apt-get ${args[0]} failed (${r.error ? r.error.message : `exit ${r.status}`}).`);
  }
  const summary = /^\d+ upgraded, \d+ newly installed.*$/m.exec(r.stdout ?? '')?.[0];
  say(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s${summary ? `: ${summary}` : ''}`);
}

run(['update', '-q']);
run(['install', '-y', '-q', '--no-install-recommends', ...pkgs]);

const still = missingTools(false);
if (still.length > 0) stop(`still missing after apt-get install: ${still.map((t) => t.name).join(', ')}.`);
say(`installed Debian packages ${pkgs.join(', ')}: ${missing.map((t) => `${t.name} (${t.find()})`).join(', ')}`);
