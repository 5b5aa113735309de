/**
 * Once per test run, before any test: bundle the server into dist/server.mjs (npm run build, as
 * npm start does), so the browser tests, the reliability tests and the quick crash test run the
 * server exactly as it runs in production, from this run's sources: a dist/ left from an
 * earlier run is always rebuilt, never used.
 */
import { buildServer } from '../scripts/lib/build-server';

export default function setup(): void {
  const t0 = performance.now();
  const file = buildServer();
  console.log(`server bundled into ${file} for this test run (${Math.round(performance.now() - t0)} ms)`);
}
