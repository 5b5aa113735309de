/** The project's npm scripts run as a user runs them, for the tests of the command line. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPTS = (JSON.parse(fs.readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;

export interface ScriptResult {
  /** The exit code (null when a signal ended the process). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run <name> -- ...args` with `env` added to this process's environment, resolved through
 * package.json and run as `node --import tsx <file>`, without npm's and tsx's start-up (a second
 * or more on each call). Never throws on a failing script: the caller asserts the code.
 */
export function runScript(name: string, args: string[] = [], env: Record<string, string> = {}): Promise<ScriptResult> {
  const m = /^tsx (scripts\/\S+\.ts)((?: \S+)*)$/.exec(SCRIPTS[name] ?? '');
  if (!m) throw new Error(`npm run ${name}: not a "tsx scripts/….ts" script in package.json (${SCRIPTS[name] ?? 'none'})`);
  const fixed = m[2]!.split(' ').filter(Boolean);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', m[1]!, ...fixed, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
