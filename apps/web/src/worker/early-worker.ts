/**
 * The engine worker, started as the page's first step (main.tsx): its small
 * entry (engine.worker.ts) is ready for the page's first request, such as
 * the generated demo plan, while the page loads React and the app. The
 * engine itself loads at the first request that needs it (see
 * engine.worker.ts for why not at once).
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
