/**
 * Starts the real server as npm start runs it (node with the same flags on dist/server.mjs, which
 * test/global-setup.ts builds at the start of every test run) on a temporary database and a free port.
 */
import fs from 'node:fs';
import { startProcess, type Proc } from '../../scripts/lib/bench-http';
import { SERVER_BUNDLE, SERVER_ENV, SERVER_NODE_ARGS } from '../../scripts/lib/build-server';
import { tempDbPath } from './db';

/** The server process, with its memory (RSS now and at peak, from /proc) and CPU time. */
export async function startServer(env: Record<string, string> = {}): Promise<Proc> {
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} not found: test/global-setup.ts builds it (run the tests with --config test/vitest.config.ts)`);
  return startProcess([...SERVER_NODE_ARGS, SERVER_BUNDLE], { ...SERVER_ENV, DATABASE_PATH: tempDbPath(), ...env });
}
