import { assumptionPathAt, parsePath, readAssumption, writeAssumption, type PathKey, type Plan, type PlanIssue } from '@shopplan/schema';

// Every path ↔ field mapping here is the schema's field registry: the page
// keeps no copy of where a field lives (copies drift).

/**
 * A copy of the plan with one assumption changed, sharing every untouched
 * part with the original (so a 10,000-product plan is not cloned per
 * keystroke on the main thread). The worker's engine has already validated
 * the value; returns undefined for a path the plan does not have.
 * @example writePlanValue(plan, 'channels.search.cvr', 0.03)
 */
export function writePlanValue(plan: Plan, path: string, value: number): Plan | undefined {
  return writeAssumption(plan, path, value);
}

/**
 * The value of an assumption, read directly at its place in the plan
 * (without listing every assumption of a large plan first).
 */
export function readPlanValue(plan: Plan, path: string): number | undefined {
  return readAssumption(plan, path);
}

/**
 * The assumption path an issue is about, in the stable `channels.<id>.<field>`
 * form the grid uses. Validation names fields by index (`channels[1].cost.cpc`,
 * `channels[1].response.kappa`), the engine by id, a range by
 * `uncertainty.<path>`; the registry maps them all. Returns the path
 * unchanged when it names no assumption.
 * @example issueAssumptionPath(plan, 'channels[1].cvr') // 'channels.search.cvr'
 */
export function issueAssumptionPath(plan: Plan, issuePath: string | readonly PathKey[]): string {
  const at = typeof issuePath === 'string' ? parsePath(issuePath) : issuePath;
  return assumptionPathAt(plan, at) ?? (typeof issuePath === 'string' ? issuePath : at.join('.'));
}

/** The issues that name one of the given paths, keyed by path. */
export function issuesByPath(plan: Plan, issues: readonly PlanIssue[], paths: readonly string[]): Map<string, PlanIssue[]> {
  const wanted = new Set(paths);
  const out = new Map<string, PlanIssue[]>();
  for (const issue of issues) {
    // the structured path first: it survives an issue shown at a workbook cell
    const path = assumptionPathAt(plan, issue.at) ?? issueAssumptionPath(plan, issue.path);
    if (!wanted.has(path)) continue;
    out.set(path, [...(out.get(path) ?? []), issue]);
  }
  return out;
}
