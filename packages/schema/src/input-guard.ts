import { formatPath, planIssue, type PlanIssue } from './issues.ts';

/**
 * How big a raw document (parsed JSON, before any schema check) may be. No
 * real plan comes near these; a document past them is hostile or damaged, and
 * walking it with recursive code (zod, JSON.stringify in a message) would
 * overflow the stack or take minutes.
 */
export interface InputLimits {
  /** Deepest nesting of arrays and objects (a plan is about 6 deep, a session 9). */
  maxDepth: number;
  /** Most entries of any one array or object (10,000 products × 52 weeks fit). */
  maxEntries: number;
  /** Most entries of specific top-level fields, where each entry is checked against the whole plan. */
  maxFieldEntries: Readonly<Record<string, number>>;
  /** Longest string, in UTF-16 code units (names, ids, notes). */
  maxStringLength: number;
  /** Most values (numbers, strings, arrays, objects…) in the whole document. */
  maxValues: number;
}

/** The limits `parsePlan` applies to every raw document. */
export const INPUT_LIMITS: Readonly<InputLimits> = {
  maxDepth: 32,
  maxEntries: 100_000,
  maxFieldEntries: { channels: 1_000, uncertainty: 5_000, categories: 10_000 },
  maxStringLength: 10_000,
  maxValues: 5_000_000,
};

/** Keys that would reach an object's prototype when a document is copied key by key. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** At most this many issues: a hostile file could otherwise produce millions. */
const MAX_ISSUES = 20;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Checks a raw document against size limits before any recursive code walks
 * it: nesting depth, entries per array or object, string length, number of
 * values, numbers that are not finite (JSON's `1e309` parses as Infinity) and
 * keys like `__proto__`. The walk is iterative, so a document nested 100,000
 * deep is reported, not a stack overflow. Returns issues naming the path
 * (an empty list when the document is within the limits).
 * @example guardInput(JSON.parse('{"version":[[[[1]]]]}'), { ...INPUT_LIMITS, maxDepth: 3 })[0]?.path // 'version[0][0]'
 */
export function guardInput(raw: unknown, limits: Readonly<InputLimits> = INPUT_LIMITS): PlanIssue[] {
  const issues: PlanIssue[] = [];
  // One frame per array or object being walked, its children visited in order (a preorder walk, as a
  // recursive one would go); numbers and strings are checked where they are met, with no frame of their
  // own: a 10,000-product plan holds about a million of them. Frames keep their path as a linked list,
  // so the walk never copies paths; a path is built only for an issue.
  type Frame = { value: object; keys: string[] | undefined; size: number; next: number; key: PropertyKey | undefined; parent: Frame | undefined; depth: number };
  const pathOf = (frame: Frame | undefined, last?: PropertyKey): PropertyKey[] => {
    const keys: PropertyKey[] = last === undefined ? [] : [last];
    for (let f: Frame | undefined = frame; f && f.key !== undefined; f = f.parent) keys.push(f.key);
    return keys.reverse();
  };
  const stack: Frame[] = [];
  let values = 0;
  /** Visits one value: counts it, checks it, and opens a frame for an array or object. False: stop the walk. */
  const visit = (value: unknown, key: PropertyKey | undefined, parent: Frame | undefined, depth: number): boolean => {
    values++;
    if (values > limits.maxValues) {
      issues.push(planIssue('(plan)', 'too_many_values', `计划文件包含的数值过多（超过 ${count(limits.maxValues)} 个），不是一份计划`, `the plan file holds too many values (more than ${count(limits.maxValues)}); it is not a plan`));
      return false;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        issues.push(planIssue(formatPath(pathOf(parent, key)), 'not_finite', '数值超出范围（过大或不是数字）', 'the number is out of range (too large, or not a number)'));
      }
      return true;
    }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) {
        issues.push(planIssue(formatPath(pathOf(parent, key)), 'too_long', `文字过长（${count(value.length)} 个字符），上限为 ${count(limits.maxStringLength)}`, `the text is too long (${count(value.length)} characters); the limit is ${count(limits.maxStringLength)}`));
      }
      return true;
    }
    if (typeof value !== 'object' || value === null) return true;
    if (depth >= limits.maxDepth) {
      // the path of a hostile nesting is as long as the nesting: show where it starts
      const keys = pathOf(parent, key);
      const shown = formatPath(keys.slice(0, 8)) + (keys.length > 8 ? '…' : '');
      issues.push(planIssue(shown, 'too_deep', `嵌套层数过多（超过 ${limits.maxDepth} 层），计划文件不会这样嵌套`, `nested too deep (more than ${limits.maxDepth} levels); a plan file is never nested like this`));
      return true;
    }
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    const size = keys ? keys.length : (value as unknown[]).length;
    const fieldLimit = depth === 1 && typeof key === 'string' ? limits.maxFieldEntries[key] : undefined;
    const max = Math.min(limits.maxEntries, fieldLimit ?? Infinity);
    if (size > max) {
      issues.push(planIssue(formatPath(pathOf(parent, key)), 'too_many_entries', `条目过多（${count(size)} 项），上限为 ${count(max)}`, `too many entries (${count(size)}); the limit is ${count(max)}`));
      return true;
    }
    const frame: Frame = { value, keys, size, next: 0, key, parent, depth };
    if (keys) {
      // reserved keys are named as the object is opened (last first), and their values are not walked
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        if (PROTOTYPE_KEYS.has(k)) issues.push(planIssue(formatPath(pathOf(frame, k)), 'reserved_key', `不允许的字段名“${k}”`, `the field name "${k}" is not allowed`));
      }
    }
    stack.push(frame);
    return true;
  };
  if (!visit(raw, undefined, undefined, 0)) return issues;
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.size) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    let key: PropertyKey;
    let child: unknown;
    if (frame.keys) {
      key = frame.keys[i]!;
      if (PROTOTYPE_KEYS.has(key)) continue;
      child = (frame.value as Record<string, unknown>)[key];
    } else {
      // a sparse array's holes are visited too, as undefined
      key = i;
      child = (frame.value as unknown[])[i];
    }
    if (!visit(child, key, frame, frame.depth + 1)) break;
  }
  return issues;
}
