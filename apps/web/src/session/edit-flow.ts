import type { AssumptionEdit, EditOutcome, PlanResult } from '@shopplan/engine';
import type { LocalizedText, Plan, PlanIssue } from '@shopplan/schema';
import { issuesByPath, readPlanValue } from './plan-edit.ts';
import type { AssumptionChange, PendingEntry } from './session-store.ts';

/** A value a planner entered at a plan path, with the text as typed. */
export interface EnteredValue {
  path: string;
  value: number;
  text: string;
}

/** What became of a batch of entered values. */
export interface EditFlowOutcome {
  /** Changes now in force (one undo step). */
  accepted: AssumptionChange[];
  /** Entries not in force, with the reason to show in their cells. */
  rejected: Array<{ path: string; entry: PendingEntry }>;
  /** The figures after the accepted changes (undefined if nothing was accepted). */
  result?: PlanResult;
}

const NOT_APPLICABLE: LocalizedText = { zh: '该渠道的成本模型没有这一项，输入未生效', en: 'this channel’s cost model has no such field; the entry is not in force' };

function joinMessages(issues: readonly PlanIssue[]): LocalizedText {
  const zh = [...new Set(issues.map((i) => i.message.zh))].join('；');
  const en = [...new Set(issues.map((i) => i.message.en))].join('; ');
  return { zh, en };
}

/**
 * Sends a planner's entries to the engine the way a spreadsheet user
 * expects: what is valid is applied, what is not stays in its cell with the
 * engine's message while the last good value stays in force.
 *
 * Entries still pending with a value (a share typed as 60% while the others
 * still sum to 50%) are retried together with the new ones, so a split can be
 * fixed one cell at a time. When the engine rejects a batch, the entries its
 * issues name are set aside and the rest is tried again; issues that name no
 * entry (shares no longer summing to 100%) reject the whole remaining batch.
 */
export async function applyEntries(
  plan: Plan,
  entries: readonly EnteredValue[],
  pendingRetry: readonly EnteredValue[],
  send: (edits: AssumptionEdit[]) => Promise<EditOutcome>,
): Promise<EditFlowOutcome> {
  const rejected: EditFlowOutcome['rejected'] = [];
  let remaining: EnteredValue[] = [];
  for (const e of entries) {
    if (readPlanValue(plan, e.path) === undefined) rejected.push({ path: e.path, entry: { text: e.text, message: NOT_APPLICABLE } });
    else remaining.push(e);
  }
  const toChanges = (list: readonly EnteredValue[]): AssumptionChange[] => {
    // The last entry for a path wins (a fill may write a cell twice); before is the value in force.
    const byPath = new Map<string, EnteredValue>();
    for (const e of list) byPath.set(e.path, e);
    return [...byPath.values()].map((e) => ({ path: e.path, before: readPlanValue(plan, e.path) as number, after: e.value }));
  };
  const edits = (list: readonly EnteredValue[]): AssumptionEdit[] => list.map((e) => ({ path: e.path, value: e.value }));

  const retry = pendingRetry.filter((p) => !remaining.some((e) => e.path === p.path) && readPlanValue(plan, p.path) !== undefined);
  if (retry.length > 0 && remaining.length > 0) {
    const together = [...retry, ...remaining];
    const outcome = await send(edits(together));
    if (outcome.ok) return { accepted: toChanges(together), rejected, result: outcome.result };
  }
  while (remaining.length > 0) {
    const outcome = await send(edits(remaining));
    if (outcome.ok) return { accepted: toChanges(remaining), rejected, result: outcome.result };
    const named = issuesByPath(plan, outcome.issues, remaining.map((e) => e.path));
    if (named.size === 0) {
      const message = joinMessages(outcome.issues);
      for (const e of remaining) rejected.push({ path: e.path, entry: { text: e.text, value: e.value, message } });
      return { accepted: [], rejected };
    }
    for (const e of remaining) {
      const issues = named.get(e.path);
      if (issues) rejected.push({ path: e.path, entry: { text: e.text, value: e.value, message: joinMessages(issues) } });
    }
    remaining = remaining.filter((e) => !named.has(e.path));
  }
  return { accepted: [], rejected };
}
