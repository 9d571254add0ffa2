import type { LocalizedText } from './localized.ts';

/**
 * Something in a plan a planner must fix, or a plan that cannot be satisfied.
 * Issues are values, never exceptions: the CLI prints them, the web app shows
 * them in the cell named by `path`.
 */
export interface PlanIssue {
  /** Where in the plan document, as planners read it: `channels[2].cvr`. */
  path: string;
  /** A stable machine-readable code, e.g. `too_big`, `shares_sum`. */
  code: string;
  message: LocalizedText;
}

/**
 * Formats a path of keys and indexes the way planners and JSON tools read it.
 * @example formatPath(['channels', 2, 'cvr']) // 'channels[2].cvr'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(plan)' : out;
}

/** Builds an issue from its parts; a small helper so every check reads alike. */
export function planIssue(path: string, code: string, zh: string, en: string): PlanIssue {
  return { path, code, message: { zh, en } };
}
