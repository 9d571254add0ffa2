import { defineConfig } from 'vitest/config';

// These tests run whole verbs: a verb's first run loads HyperFormula or
// ExcelJS (loaded per verb, not at start-up), and some start the bundled
// command as a process. On a shared 2-core machine that can take longer than
// vitest's 5 s default; the limit only stops a hung test, it measures nothing.
export default defineConfig({
  test: { testTimeout: 120_000 },
});
