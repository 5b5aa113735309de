/**
 * How the server is started is said in three places a person reads (package.json's `npm start`,
 * the systemd unit in deploy/) and one the tests and benches use (scripts/lib/build-server.ts):
 * they must say the same, or the benches measure a server nobody runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_ENV, SERVER_NODE_ARGS, START_COMMAND } from '../../scripts/lib/build-server';
import { PROJECT_ROOT } from '../../src/paths';

describe('the server is started the same way everywhere', () => {
  it('npm start is the command build-server.ts spells', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(START_COMMAND);
    expect(START_COMMAND).toContain('MALLOC_ARENA_MAX=2 node --enable-source-maps --max-old-space-size=256 dist/server.mjs');
  });

  it('the systemd unit sets the same environment and node flags', () => {
    const unit = fs.readFileSync(path.join(PROJECT_ROOT, 'deploy/dana-rt.service'), 'utf8');
    for (const [k, v] of Object.entries(SERVER_ENV)) expect(unit).toMatch(new RegExp(`^Environment=${k}=${v}$`, 'm'));
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/node ${SERVER_NODE_ARGS.join(' ')} dist/server\\.mjs$`, 'm'));
  });
});
