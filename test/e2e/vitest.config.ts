import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests drive the built web app in real Chromium: one file at a
 * time, one test after another (they share a browser profile and its
 * IndexedDB), with timeouts generous enough for a loaded two-core machine.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
