/**
 * The real server as npm start runs it (node with the same flags on dist/server.mjs) as a child
 * process the crash test can SIGKILL. The bundle is built by whoever runs the crash test: npm run
 * test:crash (scripts/crash-test.ts) at its start, npm test by test/global-setup.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { SERVER_BUNDLE, SERVER_ENV, SERVER_NODE_ARGS } from '../build-server';
import { freePort } from '../free-port';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export class ServerProcess {
  private output = '';
  readonly exited: Promise<number | string | null>;

  private constructor(
    readonly proc: ChildProcess,
    readonly url: string,
  ) {
    proc.stdout?.on('data', (d) => (this.output = (this.output + d).slice(-4000)));
    proc.stderr?.on('data', (d) => (this.output = (this.output + d).slice(-4000)));
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve(signal ?? code)));
  }

  static async spawn(env: { databasePath: string; evidenceDir: string }): Promise<ServerProcess> {
    if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} not found: npm run build`);
    const port = await freePort();
    const proc = spawn(process.execPath, [...SERVER_NODE_ARGS, SERVER_BUNDLE], {
      cwd: ROOT,
      env: { ...process.env, ...SERVER_ENV, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: env.databasePath, EVIDENCE_DIR: env.evidenceDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(proc, `http://127.0.0.1:${port}`);
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Waits until the server answers; throws with its output if it exits or takes too long. */
  async ready(timeoutMs = 90_000): Promise<number> {
    const t0 = Date.now();
    for (;;) {
      try {
        const r = await fetch(`${this.url}/login`, { signal: AbortSignal.timeout(5_000) });
        await r.arrayBuffer();
        if (r.ok) return Date.now() - t0;
      } catch {
        // not listening yet
      }
      if (!this.running) throw new Error(`the server exited while starting:\n${this.output}`);
      if (Date.now() - t0 > timeoutMs) throw new Error(`the server did not start in ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    if (this.running) this.proc.kill(signal);
    await this.exited;
  }

  get log(): string {
    return this.output;
  }
}
