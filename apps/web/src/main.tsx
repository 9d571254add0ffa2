import { createRoot } from 'react-dom/client';
import { t } from './i18n/index.ts';
import './styles.css';
import { startEngineWorker } from './worker/early-worker.ts';
import { warmUpLocaleData } from './boot/intl-warmup.ts';

/**
 * The page starts in steps, each its own task, so no step blocks the page
 * for long (issue 13: the first grid well under 3 s, no main-thread task over
 * 50 ms). Evaluated at once, the one bundle (React, AG Grid, the plan
 * schema's zod validators, every view) was a single 300 ms task before
 * anything was drawn:
 * 1. this module: the engine worker started (its bundle loads on its own
 *    thread meanwhile), the locale data loaded by a short-lived worker (see
 *    boot/intl-warmup.worker.ts), React and the page's frame with a loading line;
 * 2. the plan schema (building its validators is most of its cost);
 * 3. the app itself, and its session made ready (this starts the engine worker);
 * 4. the first render of the app, which asks the worker for the plan;
 * 5. AG Grid, with the modules the grids use registered, while the worker
 *    builds the plan: the worker's work is what the first grid waits for, so
 *    nothing the grid needs comes before it is asked;
 * 6. AG Grid's styles put into the page while it is small (grid/theme.ts),
 *    not inside the first grid's mount.
 */

/** Lets the browser run what waits (a paint, input, a worker's message) before the next step. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The page's first frame while the app loads: the same outline and a loading line, in the browser's language. */
function BootFrame() {
  const lang = navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return (
    <div className="app" data-testid="app-booting" data-lang={lang}>
      <p className="hint" role="status">{t('loadingPage', lang)}</p>
    </div>
  );
}

async function boot(element: HTMLElement): Promise<void> {
  // the engine worker loads its bundle on its own thread while this page loads its own
  startEngineWorker();
  // the locale data (ICU) loads on a thread of its own, not in the first render of a view or grid
  warmUpLocaleData();
  // React's module is evaluated by now; its root (every event listener of the page) is made in a task of its own
  await nextTask();
  const root = createRoot(element);
  root.render(<BootFrame />);
  await nextTask();
  await import('@shopplan/schema');
  await nextTask();
  const { App, prepareApp } = await import('./App.tsx');
  await nextTask();
  const start = prepareApp();
  await nextTask();
  root.render(<App start={start} />);
  await nextTask();
  const { registerGridModules } = await import('./grid/grid-modules.ts');
  registerGridModules();
  await nextTask();
  const { holdGridStyles } = await import('./grid/theme.ts');
  holdGridStyles();
}

const element = document.getElementById('root');
if (element) void boot(element);
