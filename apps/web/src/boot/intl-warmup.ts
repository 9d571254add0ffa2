/**
 * Starts the locale-data warm-up (see intl-warmup.worker.ts): a worker that
 * makes the first locale-aware call of the page's process, so the main
 * thread never pays for it. Safe to call more than once (one worker) and
 * where workers are missing (nothing happens: the page then loads the data
 * itself on first use, only slower).
 */
let started = false;

/** Starts the warm-up worker once; it ends by itself. */
export function warmUpLocaleData(): void {
  if (started || typeof Worker === 'undefined') return;
  started = true;
  try {
    const worker = new Worker(new URL('./intl-warmup.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ ms: number }>) => performance.mark('shopplan:locale-data', { detail: e.data });
    worker.onerror = () => worker.terminate();
  } catch {
    // no worker: the data loads on first use on the main thread instead
  }
}
