/** Starts the real server (npm start's entry point) on a temporary database and a free port. */
import type { ChildProcess } from 'node:child_process';
import { startProcess } from '../../scripts/lib/bench-http';
import { tempDbPath } from './db';

export async function startServer(env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void>; proc: ChildProcess }> {
  return startProcess(['--import', 'tsx', 'src/http/server.ts'], { DATABASE_PATH: tempDbPath(), ...env });
}
