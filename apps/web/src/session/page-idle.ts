/**
 * Resolves once the page has painted and its main thread has a moment with
 * nothing to do (requestIdleCallback after a frame), or after `timeoutMs`
 * whatever happens. For work that would compete with the page's first
 * render for the machine's cores: the engine worker's build of a large plan
 * runs on its own thread, but on two cores it and the JIT compilers it
 * keeps busy stretch every main-thread task of the first render (issue 13:
 * 16 ms of layout took 196 ms of wall time). Started after the render, the
 * build costs the first figures nothing they did not already wait for.
 * Where frames or idle callbacks do not exist (Node, a hidden tab), a timer.
 */
export function pageIdle(timeoutMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(limit);
      resolve();
    };
    const limit = setTimeout(finish, timeoutMs);
    const hidden = typeof document === 'undefined' || document.visibilityState === 'hidden';
    if (hidden || typeof requestAnimationFrame !== 'function') {
      setTimeout(finish, 0);
      return;
    }
    requestAnimationFrame(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(finish, { timeout: timeoutMs });
      else setTimeout(finish, 0);
    });
  });
}
