/**
 * The engine worker, started as the page's first step (main.tsx), before
 * the page's own modules load: fetching, compiling and evaluating the
 * worker's bundle (the engine, HyperFormula, the schema: ~1.4 MB) then runs
 * on the worker's thread while the page's main thread loads React and the
 * app, instead of after them; the first plan the page asks for is waiting
 * for nothing but its own work.
 */
let early: Worker | undefined;

// the one place the worker's script is named (Vite bundles it from this `new Worker(new URL(…))`)
const spawn = (): Worker => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });

/** Starts the engine worker now (once; later calls do nothing). */
export function startEngineWorker(): void {
  early ??= spawn();
}

/** The worker started early, handed to its one owner (the page's EngineClient); a new one when none was started or it was taken. */
export function takeEngineWorker(): Worker {
  const worker = early ?? spawn();
  early = undefined;
  return worker;
}
