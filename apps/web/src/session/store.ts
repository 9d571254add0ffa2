import type { SessionState } from './session-store.ts';

/**
 * A tiny observable holder of the session state, read by React through
 * `useSyncExternalStore`. The state is read synchronously by the edit flow,
 * so a burst of edits always builds on the latest state.
 */
export class SessionStore {
  #state: SessionState;
  readonly #listeners = new Set<() => void>();

  constructor(initial: SessionState) {
    this.#state = initial;
  }

  /** The current state. */
  get = (): SessionState => this.#state;

  /** Replaces the state (with a new one or an update of the current). */
  set(next: SessionState | ((s: SessionState) => SessionState)): void {
    const value = typeof next === 'function' ? next(this.#state) : next;
    if (value === this.#state) return;
    this.#state = value;
    for (const l of this.#listeners) l();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}
