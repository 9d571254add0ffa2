import type { z } from 'zod';
import type { LocalizedText } from './localized.ts';
import { isPaid, isCommissionChannel, isSpendBought } from './channel.ts';
import { fieldLabel } from './fields.ts';
import { formatPath, issue, relocateIssue as relocate, type PlanIssue } from './issues.ts';
import { quoteInput, type IssueNumber, type IssueParams } from './messages.ts';
import { listAssumptions } from './assumptions.ts';
import { migratePlan } from './migrations.ts';
import { checkCalendar } from './calendar-check.ts';
import { checkProducts, recordSubject } from './product-check.ts';
import { MAX_LEAD_DAYS } from './product-defaults.ts';
import { guardInput } from './input-guard.ts';
import { fieldAtLocation, FIELDS, inRange, OWNER_KINDS, parseAssumptionPath, readFieldValue, type PlanField } from './plan-fields.ts';
import { planSchema, type Plan } from './plan.ts';
import { planningSession } from './session.ts';

/** A plan that parsed and passed every check, or the issues that stop it. */
export type PlanParseOutcome = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** Shares are typed by people: 33.3% + 33.3% + 33.4% must pass, 99% must not. */
const SHARE_TOLERANCE = 1e-6;

/** A limit or value of the field at a path, in that field's unit (a rate shows as %). */
function valueOf(path: readonly PropertyKey[], value: number): IssueNumber {
  return { value, unit: fieldAtLocation(path)?.unit ?? 'count' };
}

const rate = (value: number): IssueNumber => ({ value, unit: 'rate' });
const money = (value: number): IssueNumber => ({ value, unit: 'money' });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** zod's names of JSON types, as the catalog's `expected` parameter. */
function expectedType(expected: string): string {
  return expected === 'record' ? 'object' : expected;
}

/**
 * Turns one zod issue into a catalogued issue naming the field. zod's own
 * message text is never used: it is English, and it speaks of schemas.
 * Needs the issue's input (`reportInput`): that is what tells a missing
 * field from one given as text.
 */
function fromZodIssue(zi: z.core.$ZodIssue): PlanIssue {
  const at = zi.path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number');
  const field = fieldLabel(at);
  switch (zi.code) {
    case 'too_big':
      return issue('too_big', at, { field, limit: valueOf(at, Number(zi.maximum)), inclusive: zi.inclusive ?? true });
    case 'too_small':
      if (zi.origin === 'array') return issue('too_small', at, { field, limit: Number(zi.minimum), origin: 'array' });
      if (zi.origin === 'string') return issue('too_small', at, { field, origin: 'string' });
      return issue('too_small', at, { field, limit: valueOf(at, Number(zi.minimum)), inclusive: zi.inclusive ?? true });
    case 'invalid_type':
      if (zi.input === undefined) return issue('missing', at, { field });
      if (zi.expected === 'number' && typeof zi.input === 'string') return issue('not_a_number', at, { field, got: quoteInput(zi.input) });
      return issue('invalid_type', at, { field, expected: expectedType(zi.expected), got: quoteInput(zi.input) });
    case 'unrecognized_keys':
      return issue('unknown_field', at, { keys: zi.keys.map((k) => quoteInput(k)).join(', ') });
    case 'invalid_value':
      return issue('invalid_value', at, { field, allowed: zi.values.map((v) => String(v)).join(' | '), ...(zi.input !== undefined ? { got: quoteInput(zi.input) } : {}) });
    case 'invalid_union': {
      // a discriminated union whose discriminator (a cost model, an objective kind) matches no option
      const options = 'options' in zi && Array.isArray(zi.options) ? zi.options.map((o) => String(o)) : [];
      const got = isRecord(zi.input) && typeof zi.discriminator === 'string' ? zi.input[zi.discriminator] : undefined;
      return issue('invalid_value', at, {
        field, ...(options.length > 0 ? { allowed: options.join(' | ') } : {}), ...(got !== undefined ? { got: quoteInput(got) } : {}),
      });
    }
    case 'invalid_format':
      return issue('invalid_format', at, { field, format: at.at(-1) === 'start' || at.at(-1) === 'end' ? 'date' : zi.format === 'regex' ? 'id' : zi.format, ...(zi.input !== undefined ? { got: quoteInput(zi.input) } : {}) });
    case 'custom':
      if (zi.params?.code === 'id_looks_like_cell') return issue('id_looks_like_cell', at, { field, got: quoteInput(zi.input) });
      return issue('invalid', at, { field });
    default:
      return issue('invalid', at, { field });
  }
}

/**
 * An issue inside a product or a category, with that record named first
 * (`product "Longjing" (id "tea-01"): …`): among 10,000 products an index
 * alone does not tell the planner which one. A lead time past a year gets
 * its own message.
 */
function namingRecord(found: PlanIssue, doc: Record<string, unknown>): PlanIssue {
  const [head, index] = found.at;
  if ((head !== 'products' && head !== 'categories') || typeof index !== 'number' || found.params?.subject !== undefined) return found;
  const list = doc[head];
  const record = Array.isArray(list) ? list[index] : undefined;
  if (!isRecord(record) || typeof record.id !== 'string' || record.id === '') return found;
  const name = isRecord(record.name) ? record.name : undefined;
  const subject = recordSubject(head === 'products' ? 'product' : 'category', record.id, {
    ...(typeof name?.zh === 'string' ? { zh: name.zh } : {}), ...(typeof name?.en === 'string' ? { en: name.en } : {}),
  });
  const params = { ...found.params, subject };
  if (found.code === 'too_big' && found.at.length === 3 && found.at[2] === 'leadDays' && isRecord(record) && typeof record.leadDays === 'number') {
    return issue('lead_time_over_year', found.at, { ...params, got: record.leadDays, limit: MAX_LEAD_DAYS });
  }
  return issue(found.code, found.at, params);
}

/** Checks that need the whole plan: unique ids, shares that add up, levers that match channels. */
export function checkPlan(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const seen = new Map<string, number>();
  plan.channels.forEach((ch, i) => {
    const first = seen.get(ch.id);
    if (first !== undefined) issues.push(issue('duplicate_id', ['channels', i, 'id'], { kind: 'channel', id: ch.id, first: formatPath(['channels', first]) }));
    else seen.set(ch.id, i);
  });

  const paid = plan.channels.filter((ch) => isPaid(ch.cost));
  if (paid.length > 0) {
    const sum = paid.reduce((acc, ch) => acc + (isPaid(ch.cost) ? ch.cost.share : 0), 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) issues.push(issue('shares_sum', ['channels'], { kind: 'channel', sum: rate(sum) }));
  }

  plan.channels.forEach((ch, i) => {
    if (isPaid(ch.cost) && ch.cost.share > 0 && ch.cvr === 0) {
      issues.push(issue('too_small', ['channels', i, 'cvr'], { field: FIELDS['channel.cvr'].label, limit: rate(0), inclusive: false, why: 'paid_share' }));
    }
  });

  if (plan.period.start > plan.period.end) issues.push(issue('period_order', ['period', 'end']));

  const { objective } = plan;
  if (objective.kind === 'channels') {
    const byId = new Map(plan.channels.map((ch) => [ch.id, ch]));
    for (const [lever, values] of [['spend', objective.spend], ['visitors', objective.visitors]] as const) {
      for (const id of Object.keys(values)) {
        const ch = byId.get(id);
        if (!ch) {
          issues.push(issue('unknown_channel', ['objective', lever, id], { id }));
        } else if (!isPaid(ch.cost) || isCommissionChannel(ch.cost) !== (lever === 'visitors')) {
          issues.push(issue('wrong_lever', ['objective', lever, id], { channel: !isPaid(ch.cost) ? 'free' : isCommissionChannel(ch.cost) ? 'commission' : 'spend' }));
        }
      }
    }
    for (const ch of paid) {
      const lever = isCommissionChannel(ch.cost) ? 'visitors' : 'spend';
      if (objective[lever][ch.id] === undefined) {
        const f = lever === 'spend' ? FIELDS['objective.spend.channel'] : FIELDS['objective.visitors.channel'];
        issues.push(issue('missing', ['objective', lever, ch.id], { field: f.label, owner: ch.id }));
      }
    }
  }

  if (plan.products) {
    const ids = new Map<string, number>();
    plan.products.forEach((p, i) => {
      const first = ids.get(p.id);
      if (first !== undefined) issues.push(issue('duplicate_id', ['products', i, 'id'], { kind: 'product', id: p.id, first: formatPath(['products', first]) }));
      else ids.set(p.id, i);
    });
    const sum = plan.products.reduce((acc, p) => acc + p.share, 0);
    if (plan.products.length > 0 && Math.abs(sum - 1) > SHARE_TOLERANCE) issues.push(issue('shares_sum', ['products'], { kind: 'product', sum: rate(sum) }));
  }
  if (plan.weeks && plan.weeks.length > 0 && plan.weeks.every((w) => w.weight === 0)) issues.push(issue('weights_zero', ['weeks']));
  issues.push(...checkPlanV2(plan));
  issues.push(...checkCalendar(plan));
  issues.push(...checkProducts(plan));
  return issues;
}

/** The plan v2 checks: curves on channels that buy visitors, bounds in order, ranges around the base. */
function checkPlanV2(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  plan.channels.forEach((ch, i) => {
    if (ch.response && !isSpendBought(ch.cost)) issues.push(issue('curve_not_applicable', ['channels', i, 'response']));
    if (ch.bounds) {
      const { min, max } = ch.bounds;
      if (!isPaid(ch.cost)) issues.push(issue('bounds_not_applicable', ['channels', i, 'bounds']));
      else if (max !== undefined && min > max) issues.push(issue('bounds_order', ['channels', i, 'bounds', 'min'], { min: money(min), max: money(max) }));
    }
  });
  if (plan.objective.kind === 'budget' && plan.channels.some((ch) => ch.response)) issues.push(issue('curve_budget_objective', ['objective']));
  for (const [path, range] of Object.entries(plan.uncertainty ?? {})) {
    const at = ['uncertainty', path];
    const parsed = parseAssumptionPath(path);
    const base = parsed ? readFieldValue(plan, path) : undefined;
    // a range belongs to a channel's own rate or price; shares move together, the objective is the question itself
    if (!parsed || base === undefined || parsed.field.owner !== 'channel' || parsed.field.field === 'share') {
      issues.push(issue('unknown_path', at, { path, context: 'uncertainty' }));
      continue;
    }
    const f = parsed.field;
    const shown = (value: number): IssueNumber => ({ value, unit: f.unit });
    if (range.low > base || range.high < base) {
      issues.push(issue('range_order', at, { field: f.label, base: shown(base), low: shown(range.low), high: shown(range.high) }));
    } else if (f.valid.max !== undefined && !inRange(f.valid, range.high)) {
      issues.push(issue('too_big', [...at, 'high'], { field: f.label, limit: shown(f.valid.max), inclusive: !f.valid.maxOpen, part: 'high' }));
    } else if (!inRange(f.valid, range.low)) {
      issues.push(issue('too_small', [...at, 'low'], { field: f.label, limit: shown(f.valid.min), inclusive: !f.valid.minOpen, part: 'low' }));
    }
  }
  return issues;
}

/** Where a JSON parser's message says it stopped (`at position 12`), as line and column of the text. */
function jsonErrorPlace(text: string, detail: string): { line: number; column: number } | undefined {
  const m = /position (\d+)/.exec(detail);
  const offset = m ? Number(m[1]) : /end of (JSON )?input|Unterminated/i.test(detail) ? text.length : undefined;
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Turns zod's issues (of any schema of this package) into catalogued plan
 * issues; zod's own English text is never used.
 * @example issuesFromZod(planningSession.safeParse(raw).error?.issues ?? [])
 */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[]): PlanIssue[] {
  return issues.map(fromZodIssue);
}

/**
 * Why a planning session document cannot be opened: its own shape first,
 * then each scenario's plan, every issue with its full path
 * (`scenarios[0].plan.channels[1].cvr`); empty when it can be opened.
 * @example checkSession(JSON.parse(text)) // []
 */
export function checkSession(raw: unknown): PlanIssue[] {
  const parsed = planningSession.safeParse(raw, { reportInput: true });
  if (!parsed.success) return issuesFromZod(parsed.error.issues);
  const issues: PlanIssue[] = [];
  parsed.data.scenarios.forEach((s, i) => {
    const plan = parsePlan(s.plan);
    if (!plan.ok) for (const found of plan.issues) issues.push({ ...found, path: `scenarios[${i}].plan.${found.path}`, at: ['scenarios', i, 'plan', ...found.at] });
  });
  return issues;
}

/**
 * Reads a plan document of any known version: migrates it, validates its
 * shape, and checks it as a whole. Never throws on bad input.
 * @example parsePlan(JSON.parse(text)) // { ok: true, plan } or { ok: false, issues }
 */
export function parsePlan(raw: unknown): PlanParseOutcome {
  const tooBig = guardInput(raw); if (tooBig.length > 0) return { ok: false, issues: tooBig };
  const migrated = migratePlan(raw);
  if (!migrated.ok) return migrated;
  const parsed = planSchema.safeParse(migrated.doc, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((zi) => namingRecord(fromZodIssue(zi), migrated.doc)) };
  const issues = checkPlan(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan: parsed.data };
}

/**
 * Parses a plan from the text of a JSON file, reporting malformed JSON as an
 * issue (with the position the parser gave) instead of throwing.
 * @example parsePlanJson('{') // { ok: false, issues: [{ path: '(file)', code: 'malformed_json', ... }] }
 */
export function parsePlanJson(text: string): PlanParseOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // the parser's text is English: it goes into the English message only
    const place = jsonErrorPlace(text, detail);
    return { ok: false, issues: [relocate(issue('malformed_json', [], { ...place, detail }), '(file)')] };
  }
  return parsePlan(raw);
}

/** A catalogued issue shown at an assumption path (`products.p1.share`) while `at` keeps its keys. */
function atAssumption(path: string, code: string, at: readonly string[], params: IssueParams): PlanIssue {
  return { ...issue(code, at, params), path };
}

/** The keys of an assumption path, with an owner id kept whole (product ids may hold dots). */
function assumptionKeys(path: string, f: PlanField, ownerId: string | undefined): string[] {
  if (f.owner === 'objective' || f.owner === 'plan') return path.split('.');
  return [OWNER_KINDS[f.owner].collection, ownerId ?? '', f.field];
}

/**
 * Checks one value typed for an assumption against the registry: a known
 * path, a finite number, inside the field's valid range. For edits that do
 * not re-validate the whole plan (the product calendar's 10,000 products);
 * the issue names the assumption path. Given the record the field belongs
 * to (a product), the message names it first, word for word as parsePlan's
 * issue for the same value does.
 * @example checkAssumptionValue('products.p1.share', 1.5)?.message.en // 'share of GMV must be at most 100%'
 */
export function checkAssumptionValue(path: string, value: number, record?: { id: string; name?: Partial<LocalizedText> }): PlanIssue | undefined {
  const parsed = parseAssumptionPath(path);
  if (!parsed) return atAssumption(path, 'unknown_path', [path], { path });
  const f = parsed.field;
  const at = assumptionKeys(path, f, parsed.ownerId);
  const subject: IssueParams = record && f.owner === 'product' ? { subject: recordSubject('product', record.id, record.name) } : {};
  const refuse = (p: string, code: string, keys: readonly string[], params: IssueParams): PlanIssue => ({ ...issue(code, keys, { ...params, ...subject }), path: p });
  const shown = (v: number): IssueNumber => ({ value: v, unit: f.unit });
  if (!Number.isFinite(value)) return refuse(path, 'invalid_type', at, { field: f.label, expected: 'finite', got: shown(value) });
  if (f.valid.integer && !Number.isSafeInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) {
    return refuse(path, 'invalid_type', at, { field: f.label, expected: 'int', got: quoteInput(value) });
  }
  if (inRange(f.valid, value)) return undefined;
  if (f.id === 'product.leadDays' && f.valid.max !== undefined && value > f.valid.max) return refuse(path, 'lead_time_over_year', at, { field: f.label, got: value, limit: f.valid.max });
  if (f.valid.max !== undefined && value >= f.valid.max) return refuse(path, 'too_big', at, { field: f.label, limit: shown(f.valid.max), inclusive: !f.valid.maxOpen });
  return refuse(path, 'too_small', at, { field: f.label, limit: shown(f.valid.min), inclusive: !f.valid.minOpen });
}

/**
 * Warnings for assumptions outside the range planners usually mean (a CVR
 * of 68%): valid, so never a refusal, but worth a second look.
 * @example plausibilityWarnings(plan).map((w) => w.path) // ['channels.search.cvr']
 */
export function plausibilityWarnings(plan: Plan): PlanIssue[] {
  const out: PlanIssue[] = [];
  for (const a of listAssumptions(plan)) {
    const f = parseAssumptionPath(a.path)?.field;
    if (!f?.plausible || inRange(f.plausible, a.value)) continue;
    const shown = (v: number): IssueNumber => ({ value: v, unit: f.unit });
    out.push(atAssumption(a.path, 'implausible', assumptionKeys(a.path, f, a.owner?.id), {
      field: f.label, value: shown(a.value), min: shown(f.plausible.min), max: shown(f.plausible.max ?? Infinity),
    }));
  }
  return out;
}
