/**
 * The server as it runs in production: src/http/server.ts bundled by esbuild into one ES module
 * (packages stay in node_modules). Run from the bundle it needs ~50 MB less memory than under
 * tsx, which compiles every module at start and keeps the results.
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * How npm start runs the bundle (package.json says the same). A 256 MB old generation: with the
 * default limit (a quarter of the machine's memory) V8 let the heap grow to ~300 MB under 50
 * connections before collecting; capped, it collects sooner at the same throughput (peak
 * ~185 MB). The largest job in the server, a city-wide audit bundle, runs in 160 MB.
 */
export const SERVER_NODE_ARGS = ['--enable-source-maps', '--max-old-space-size=256'];

export function buildServer(outfile = path.join(PROJECT_ROOT, 'dist', 'server.mjs')): string {
  buildSync({
    entryPoints: [path.join(PROJECT_ROOT, 'src/http/server.ts')],
    bundle: true,
    platform: 'node',
    packages: 'external',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
