import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The chunks the product calendar runs as the page loads (React, AG Grid,
 * the schema with zod, the app, the calendar view, the grid).
 */
const LOAD_CHUNKS = /^(react|ag-grid|zod|App|CalendarView|grid|index|src)$/;
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * Marks the chunks the page runs as it loads with V8's compile hint
 * `//# allFunctionsCalledOnLoad` (a first-line comment, Chrome 136+): their
 * functions are compiled as the file streams in, on a background thread,
 * instead of each on its first call inside the page's first tasks (AG Grid's
 * first grid calls thousands). Other browsers read a comment. Added after
 * minification, which drops comments, and after Vite's own changes to the
 * entry, so on the files as written.
 */
function compileHints(): Plugin {
  return {
    name: 'shopplan:compile-hints',
    apply: 'build',
    // on the files as written: Vite puts the entry's preload map at its top after every generateBundle
    writeBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !LOAD_CHUNKS.test(chunk.name)) continue;
        const file = join(options.dir ?? 'dist', chunk.fileName);
        const code = readFileSync(file, 'utf8');
        if (!code.startsWith(COMPILE_HINT)) writeFileSync(file, COMPILE_HINT + code);
      }
    },
  };
}

/**
 * The planner's web app. The engine runs in a module Web Worker
 * (`src/worker/engine.worker.ts`), so the worker bundle is an ES module too.
 */
export default defineConfig({
  plugins: [react(), compileHints()],
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
    // Browsers the app supports load <link rel="modulepreload"> themselves; the polyfill only cost the first task time.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
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
