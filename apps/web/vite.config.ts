import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The planner's web app. The engine runs in a module Web Worker
 * (`src/worker/engine.worker.ts`), so the worker bundle is an ES module too.
 */
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  resolve: {
    alias: [
      // ExcelJS's package entry pulls Node built-ins; its browser build is self-contained.
      { find: /^exceljs$/, replacement: 'exceljs/dist/exceljs.min.js' },
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // the limit only stops a hung test on a loaded machine; it measures nothing
    testTimeout: 120_000,
  },
} as Parameters<typeof defineConfig>[0]);
