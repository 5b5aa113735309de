/**
 * The server as it runs in production: src/http/server.ts bundled by esbuild into one ES module
 * (packages stay in node_modules). Run from the bundle it needs ~50 MB less memory than under
 * tsx, which compiles every module at start and keeps the results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../src/paths';

/** Where npm run build writes the bundle, which npm start, the browser tests and the crash test run. */
export const SERVER_BUNDLE = path.join(PROJECT_ROOT, 'dist', 'server.mjs');

/**
 * How npm start runs the bundle (package.json says the same). A 256 MB old generation: with the
 * default limit (a quarter of the machine's memory) V8 let the heap grow to ~300 MB under 50
 * connections before collecting; capped, it collects sooner at the same throughput (peak
 * ~185 MB). The largest job, a city-wide audit bundle, is built outside this heap, in a child process
 * (dist/bundle-worker.mjs, EXPORT_WORKER_HEAP_MB).
 */
export const SERVER_NODE_ARGS = ['--enable-source-maps', '--max-old-space-size=256'];

/**
 * The environment npm start sets for the server (package.json says the same, before `node`).
 * MALLOC_ARENA_MAX=2: glibc's allocator otherwise gives each of the ~20 threads that touch memory
 * (libvips decoding photos, libuv's pool, the image worker) an arena of its own, up to 8 per
 * core, and keeps what each one freed: under the upload bench the server's peak RSS fell from
 * 299 to 257 MB with two arenas, at the same CPU per upload (BENCHMARKS.md, "glibc's arenas").
 * It must be in the environment before the process starts (no JavaScript can set it later).
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** npm start's command, as package.json must spell it (test/unit/start-command.test.ts holds the two together). */
export const START_COMMAND = `npm run build && ${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} node ${SERVER_NODE_ARGS.join(' ')} dist/server.mjs`;

/**
 * Bundles the server into outfile (and outfile.map). Each file is written beside its final name
 * and renamed over it, so a server starting while another run rebuilds (npm test and npm start
 * in the same tree) reads either the old bundle or the new one, never half of one.
 */
export function buildServer(outfile = SERVER_BUNDLE): string {
  // The child process that builds an audit bundle (src/app/bundle-process.ts forks it from beside the server).
  writeBundle(path.join(PROJECT_ROOT, 'src/app/bundle-worker.ts'), path.join(path.dirname(outfile), 'bundle-worker.mjs'));
  // The threads that decode and fingerprint uploaded photos (src/app/image-workers.ts starts them from beside the server).
  writeBundle(path.join(PROJECT_ROOT, 'src/app/image-worker.ts'), path.join(path.dirname(outfile), 'image-worker.mjs'));
  return writeBundle(path.join(PROJECT_ROOT, 'src/http/server.ts'), outfile);
}

function writeBundle(entry: string, outfile: string): string {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    packages: 'external',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    outfile,
    write: false,
    logLevel: 'warning',
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  // The map first: the bundle that names it appears last.
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  for (const f of files) {
    const tmp = `${f.path}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, f.contents);
    fs.renameSync(tmp, f.path);
  }
  return outfile;
}
