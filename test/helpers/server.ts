/**
 * Starts the real server as npm start runs it (node with the same flags on dist/server.mjs, which
 * test/global-setup.ts builds at the start of every test run) on a temporary database and a free port.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { startProcess } from '../../scripts/lib/bench-http';
import { SERVER_BUNDLE, SERVER_NODE_ARGS } from '../../scripts/lib/build-server';
import { tempDbPath } from './db';

export async function startServer(env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void>; proc: ChildProcess }> {
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} not found: test/global-setup.ts builds it (run the tests with --config test/vitest.config.ts)`);
  return startProcess([...SERVER_NODE_ARGS, SERVER_BUNDLE], { DATABASE_PATH: tempDbPath(), ...env });
}
