/**
 * The server as it runs in production: src/http/server.ts bundled by esbuild into one ES module
 * (packages stay in node_modules). Run from the bundle it needs ~50 MB less memory than under
 * tsx, which compiles every module at start and keeps the results.
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../src/paths';

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
