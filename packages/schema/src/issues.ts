import type { LocalizedText } from './localized.ts';
import { renderMessage, type IssueParams } from './messages.ts';

/** One step of a structured path: an object key or an array index. */
export type PathKey = string | number;

/**
 * Something in a plan a planner must fix, or a plan that cannot be satisfied.
 * Issues are values, never exceptions: the CLI prints them, the web app shows
 * them in the cell named by `path`.
 */
export interface PlanIssue {
  /** Where, as planners read it: `channels[2].cvr`, `Assumptions!C5`, `(file)`. Display only: match on `at`. */
  path: string;
  /**
   * The same place as a structured path of keys and indexes
   * (`['channels', 2, 'cvr']`): a document path for validation issues, an
   * assumption path by id for engine issues (`['channels', 'search', 'cvr']`),
   * a single key for places outside the document (`['(file)']`), or `[]`
   * for the plan as a whole.
   */
  at: PathKey[];
  /** A stable machine-readable code, e.g. `too_big`, `shares_sum`. */
  code: string;
  /** The facts the message is made of (a field's label, a limit, what was typed); set when the message comes from the catalog. */
  params?: IssueParams;
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

/**
 * Reads a displayed path back into keys: the inverse of `formatPath` for
 * document paths (`channels[2].cvr`) and dotted assumption paths
 * (`channels.search.cvr`). Anything else (a cell such as `Assumptions!C5`,
 * `(file)`) becomes one key; `(plan)` becomes `[]`.
 * @example parsePath('channels[2].cost.cpc') // ['channels', 2, 'cost', 'cpc']
 */
export function parsePath(path: string): PathKey[] {
  if (path === '(plan)' || path === '') return [];
  if (!/^[A-Za-z_][\w-]*(?:\[\d+\]|\.[\w-]+)*$/.test(path)) return [path];
  const out: PathKey[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|\.?([\w-]+)/g)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(m[2]);
  }
  return out;
}

/**
 * An issue whose message comes from the message catalog: a code, where, and
 * the parameters the message is made of. Prefer this to `planIssue`.
 * @example issue('too_big', ['channels', 2, 'cvr'], { field: label, limit: { value: 1, unit: 'rate' }, inclusive: true })
 */
export function issue(code: string, at: readonly PathKey[], params: IssueParams = {}): PlanIssue {
  return { path: formatPath(at), at: [...at], code, params, message: renderMessage(code, params) };
}

/**
 * Builds an issue from a displayed path and ready-made texts. Kept for the
 * messages not yet in the catalog; `at` is read back from the path.
 */
export function planIssue(path: string, code: string, zh: string, en: string): PlanIssue {
  return { path, at: parsePath(path), code, message: { zh, en } };
}

/** The same issue placed elsewhere (a workbook cell, an assumption path); its code and message stay. */
export function relocateIssue(found: PlanIssue, path: string, at: readonly PathKey[] = parsePath(path)): PlanIssue {
  return { ...found, path, at: [...at] };
}
