import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The planner's web app. The engine runs in a module Web Worker
 * (`src/worker/engine.worker.ts`), so the worker bundle is an ES module too.
 */
export default defineConfig({
  plugins: [react()],
  // Non-ASCII characters written as escapes (the worker's and the page's Chinese messages, ¥, →): a script
  // with none is decoded and kept as one byte per character, not two; the worker's 1.4 MB bundle was decoded in
  // ~280 ms of its thread before it could compile, and compiled as a two-byte string (issue 13, first grid).
  worker: { format: 'es', rolldownOptions: { output: { charset: 'ascii' } } },
  resolve: {
    alias: [
      // ExcelJS's package entry pulls Node built-ins; its browser build is self-contained.
      { find: /^exceljs$/, replacement: 'exceljs/dist/exceljs.min.js' },
    ],
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Browsers the app supports load <link rel="modulepreload"> themselves; the polyfill only cost the first task time.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        charset: 'ascii',
        // Libraries in chunks of their own: the page loads each at the step that needs it
        // (main.tsx: React first, then AG Grid, the schema, the app; ECharts with a chart),
        // and a new build of the app leaves their files (and the browser's cache of them) as they were.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(react|react-dom|scheduler)[\\/]/, priority: 4 },
            { name: 'ag-grid', test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(ag-grid-community|ag-grid-react|ag-stack)[\\/]/, priority: 3 },
            { name: 'echarts', test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(echarts|zrender|tslib)[\\/]/, priority: 2 },
            { name: 'zod', test: /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?zod[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // the limit only stops a hung test on a loaded machine; it measures nothing
    testTimeout: 120_000,
  },
} as Parameters<typeof defineConfig>[0]);
