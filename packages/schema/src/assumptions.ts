import type { LocalizedText } from './localized.ts';
import type { FieldUnit } from './messages.ts';
import type { Plan } from './plan.ts';
import {
  assumptionFieldsOf, assumptionPathOf, COST_MODEL_NAMES, FIELDS, parseAssumptionPath, readFieldValue, writeFieldValue, type PlanField,
} from './plan-fields.ts';

/** How an assumption is shown and formatted: a rate (%), money (¥), a count, or a plain ratio. */
export type AssumptionUnit = FieldUnit;

/**
 * One numeric assumption of a plan, addressed by a stable path that survives
 * reordering (channels by id, not by index): `channels.search.cvr`,
 * `objective.gmv`, `objective.spend.search`, `products.p1.price`.
 */
export interface Assumption {
  path: string;
  /** The field name (`cvr`, `cpc`, `gmv` …). */
  field: string;
  /** The channel or product it belongs to, if any. */
  owner?: { kind: 'channel' | 'product'; id: string };
  label: LocalizedText;
  unit: AssumptionUnit;
  value: number;
}

function make(f: PlanField, value: number, owner?: Assumption['owner']): Assumption {
  const path = assumptionPathOf(f, owner?.id);
  return owner ? { path, field: f.field, owner, label: f.label, unit: f.unit, value } : { path, field: f.field, label: f.label, unit: f.unit, value };
}

/** A channel's assumption fields for each cost model, in reading order. */
const CHANNEL_FIELDS = new Map(COST_MODEL_NAMES.map((model) => [model, assumptionFieldsOf('channel').filter((f) => !f.costModels || f.costModels.includes(model))]));
const PRODUCT_FIELDS = assumptionFieldsOf('product');
const PLAN_SETTING_FIELDS = assumptionFieldsOf('plan');

/**
 * Every numeric assumption of a plan, in reading order: the objective first,
 * then each channel's (in the registry's order), then each product's, then
 * the product settings (role and stage weights). Only numbers the document
 * holds are listed: a field left to its fallback (a product's `moq`, a
 * role's default weight) is not, though read and write reach it.
 * @example listAssumptions(plan).find((a) => a.path === 'channels.search.cvr')?.value // 0.025
 */
export function listAssumptions(plan: Plan): Assumption[] {
  const out: Assumption[] = [];
  const { objective } = plan;
  if (objective.kind === 'target') out.push(make(FIELDS['objective.gmv'], objective.gmv));
  if (objective.kind === 'budget') out.push(make(FIELDS['objective.spend'], objective.spend));
  if (objective.kind === 'channels') {
    for (const [id, v] of Object.entries(objective.spend)) out.push(make(FIELDS['objective.spend.channel'], v, { kind: 'channel', id }));
    for (const [id, v] of Object.entries(objective.visitors)) out.push(make(FIELDS['objective.visitors.channel'], v, { kind: 'channel', id }));
  }
  // records are read in place (not path by path): this runs for every plan the engine builds
  for (const ch of plan.channels) {
    for (const f of CHANNEL_FIELDS.get(ch.cost.model) ?? []) {
      const value = valueIn(ch, f.at);
      if (value !== undefined) out.push(make(f, value, { kind: 'channel', id: ch.id }));
    }
  }
  for (const p of plan.products ?? []) {
    for (const f of PRODUCT_FIELDS) {
      const value = valueIn(p, f.at);
      if (value !== undefined) out.push(make(f, value, { kind: 'product', id: p.id }));
    }
  }
  // plan-wide settings the document sets (a role's weight); defaults are not listed,
  // so a plan without them keeps its Assumptions sheet as it was (read / write still reach them)
  if (plan.productSettings) {
    for (const f of PLAN_SETTING_FIELDS) {
      const value = valueIn(plan, f.at);
      if (value !== undefined) out.push(make(f, value));
    }
  }
  return out;
}

/** The number at keys inside one record (`['response', 'kappa']`), or undefined. */
function valueIn(record: object, keys: readonly string[]): number | undefined {
  let v: unknown = record;
  for (const key of keys) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return typeof v === 'number' ? v : undefined;
}

/**
 * The assumption an assumption path names in this plan (label, unit, value),
 * or undefined when the plan has no such number. Does not list the others.
 * @example describeAssumption(plan, 'channels.search.cpc')?.unit // 'money'
 */
export function describeAssumption(plan: Plan, path: string): Assumption | undefined {
  const parsed = parseAssumptionPath(path);
  const value = parsed ? readFieldValue(plan, path) : undefined;
  if (!parsed || value === undefined) return undefined;
  const { field: f, ownerId } = parsed;
  const owner = f.owner === 'objective' ? (ownerId ? { kind: 'channel' as const, id: ownerId } : undefined)
    : f.owner !== 'plan' && ownerId ? { kind: f.owner, id: ownerId } : undefined;
  return make(f, value, owner);
}

/**
 * The value of one assumption, or undefined when the plan has no such path.
 * @example readAssumption(plan, 'channels.search.cpc') // 1.2
 */
export function readAssumption(plan: Plan, path: string): number | undefined {
  return readFieldValue(plan, path);
}

/**
 * A copy of the plan with one assumption changed; the original is untouched
 * and shares every part the edit does not reach (treat both as read-only).
 * The copy is not validated: pass it through `parsePlan` before trusting it
 * (a planner may type 150%). Returns undefined when the path does not exist
 * in this plan.
 * @example writeAssumption(plan, 'channels.search.cvr', 0.03)
 */
export function writeAssumption(plan: Plan, path: string, value: number): Plan | undefined {
  return writeFieldValue(plan, path, value);
}
