import { defineConfig } from 'vitest/config';

// Several tests here build whole workbooks, run solvers or property tests
// over HyperFormula models. On a shared 2-core machine one can outlast
// vitest's 5 s default; the limit only stops a hung test, it measures nothing
// (speed is measured by test/bench, never by a test).
export default defineConfig({
  test: { testTimeout: 120_000 },
});
