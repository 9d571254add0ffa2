/**
 * When the page's main thread has done what a task changed: after the next
 * frame, after its paint, or at an idle moment. Each waits for frames where
 * the page draws them and falls back to timers where it does not (a hidden
 * tab, where frames stop; Node, where there are none).
 */

/** Whether this page draws frames now (not in a hidden tab, not in Node). */
function drawsFrames(): boolean {
  return typeof requestAnimationFrame === 'function' && globalThis.document?.visibilityState !== 'hidden';
}

/**
 * Runs `next` in a task after the browser's next frame (what the current
 * task changed is painted first); where no frame comes, after a short
 * timer. Returns a cancel.
 */
export function afterFrame(next: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = drawsFrames()
    ? requestAnimationFrame(() => { clearTimeout(fallback); timer = setTimeout(next, 0); })
    : undefined;
  // a frame asked for in a tab that is hidden meanwhile never comes
  const fallback = setTimeout(() => { if (frame !== undefined) cancelAnimationFrame(frame); next(); }, frame === undefined ? 0 : 100);
  return () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(timer);
  };
}

/** Resolves once the browser has painted what the current task changed (see afterFrame). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => { afterFrame(resolve); });
}

/**
 * Resolves once the page has painted and its main thread has a moment with
 * nothing to do (an idle callback after the frame), or after `timeoutMs`
 * whatever happens. For work that would compete with the page's first
 * render for the machine's cores: the engine worker's build of a large plan
 * runs on its own thread, but on two cores it and the JIT compilers it
 * keeps busy stretch every main-thread task of the first render (issue 13:
 * 16 ms of layout took 196 ms of wall time). Started after the render, the
 * build costs the first figures nothing they did not already wait for.
 */
export function pageIdle(timeoutMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    const limit = setTimeout(resolve, timeoutMs);
    afterFrame(() => {
      const idle = () => { clearTimeout(limit); resolve(); };
      if (typeof requestIdleCallback === 'function' && drawsFrames()) requestIdleCallback(idle, { timeout: timeoutMs });
      else idle();
    });
  });
}
