/**
 * The input guard as it was before its walk stopped making a frame for every
 * number and string (one object per value: a third of a second on a
 * 10,000-product plan): kept as the oracle the new walk must match, issue for
 * issue and in the same order, on any document.
 */
import { formatPath, planIssue, type PlanIssue } from './issues.ts';
import { INPUT_LIMITS, type InputLimits } from './input-guard.ts';

/** Keys that would reach an object's prototype when a document is copied key by key. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** At most this many issues. */
const MAX_ISSUES = 20;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The previous guardInput. Checks a raw document against size limits before any recursive code walks
 * it: nesting depth, entries per array or object, string length, number of
 * values, numbers that are not finite (JSON's `1e309` parses as Infinity) and
 * keys like `__proto__`. The walk is iterative, so a document nested 100,000
 * deep is reported, not a stack overflow. Returns issues naming the path
 * (an empty list when the document is within the limits).
 * @example guardInput(JSON.parse('{"version":[[[[1]]]]}'), { ...INPUT_LIMITS, maxDepth: 3 })[0]?.path // 'version[0][0]'
 */
export function guardInputReference(raw: unknown, limits: Readonly<InputLimits> = INPUT_LIMITS): PlanIssue[] {
  const issues: PlanIssue[] = [];
  // Each frame keeps its path as a linked list so the walk never copies paths.
  type Frame = { value: unknown; key: PropertyKey | undefined; parent: Frame | undefined; depth: number };
  const pathOf = (frame: Frame): PropertyKey[] => {
    const keys: PropertyKey[] = [];
    for (let f: Frame | undefined = frame; f && f.key !== undefined; f = f.parent) keys.push(f.key);
    return keys.reverse();
  };
  const stack: Frame[] = [{ value: raw, key: undefined, parent: undefined, depth: 0 }];
  let values = 0;
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const frame = stack.pop()!;
    const { value } = frame;
    values++;
    if (values > limits.maxValues) {
      issues.push(planIssue('(plan)', 'too_many_values', `计划文件包含的数值过多（超过 ${count(limits.maxValues)} 个），不是一份计划`, `the plan file holds too many values (more than ${count(limits.maxValues)}); it is not a plan`));
      break;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        issues.push(planIssue(formatPath(pathOf(frame)), 'not_finite', '数值超出范围（过大或不是数字）', 'the number is out of range (too large, or not a number)'));
      }
      continue;
    }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) {
        issues.push(planIssue(formatPath(pathOf(frame)), 'too_long', `文字过长（${count(value.length)} 个字符），上限为 ${count(limits.maxStringLength)}`, `the text is too long (${count(value.length)} characters); the limit is ${count(limits.maxStringLength)}`));
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (frame.depth >= limits.maxDepth) {
      // the path of a hostile nesting is as long as the nesting: show where it starts
      const keys = pathOf(frame);
      const shown = formatPath(keys.slice(0, 8)) + (keys.length > 8 ? '…' : '');
      issues.push(planIssue(shown, 'too_deep', `嵌套层数过多（超过 ${limits.maxDepth} 层），计划文件不会这样嵌套`, `nested too deep (more than ${limits.maxDepth} levels); a plan file is never nested like this`));
      continue;
    }
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const size = keys ? keys.length : (value as unknown[]).length;
    const fieldLimit = frame.depth === 1 && typeof frame.key === 'string' ? limits.maxFieldEntries[frame.key] : undefined;
    const max = Math.min(limits.maxEntries, fieldLimit ?? Infinity);
    if (size > max) {
      issues.push(planIssue(formatPath(pathOf(frame)), 'too_many_entries', `条目过多（${count(size)} 项），上限为 ${count(max)}`, `too many entries (${count(size)}); the limit is ${count(max)}`));
      continue;
    }
    const entries: Array<[PropertyKey, unknown]> = keys
      ? keys.map((k) => [k, (value as Record<string, unknown>)[k]])
      // Array.from visits the holes of a sparse array too (as undefined): `map` would skip them and leave gaps here
      : Array.from(value as unknown[], (v, i): [PropertyKey, unknown] => [i, v]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (typeof key === 'string' && PROTOTYPE_KEYS.has(key)) {
        issues.push(planIssue(formatPath([...pathOf(frame), key]), 'reserved_key', `不允许的字段名“${key}”`, `the field name "${key}" is not allowed`));
        continue;
      }
      stack.push({ value: child, key, parent: frame, depth: frame.depth + 1 });
    }
  }
  return issues;
}
