/**
 * The unit tests as Stryker runs them under Node 22. ledger-properties.test.ts opens SQLite through
 * better-sqlite3, whose native module in node_modules is built for Node 20 and does not load in
 * Node 22; what it checks of src/domain the pure unit tests check too. No global setup: the unit
 * tests need no server bundle, and Stryker starts vitest once per test-runner process.
 */
import { configDefaults, defineConfig } from 'vitest/config';
import base from '../../test/vitest.config';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/unit/**/*.test.ts'],
    globalSetup: [],
    exclude: [...configDefaults.exclude, 'test/unit/ledger-properties.test.ts'],
  },
});
