import type { Channel } from './channel.ts';
import { FIELD_LABELS, MONEY_FIELDS, RATE_FIELDS } from './fields.ts';
import type { LocalizedText } from './localized.ts';
import type { Plan } from './plan.ts';

/** How an assumption is shown and formatted: a rate (%), money (¥) or a count. */
export type AssumptionUnit = 'rate' | 'money' | 'count';

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

function unitOf(field: string): AssumptionUnit {
  if (RATE_FIELDS.has(field)) return 'rate';
  if (MONEY_FIELDS.has(field)) return 'money';
  return 'count';
}

function channelFields(ch: Channel): Array<[string, number]> {
  const fields: Array<[string, number]> = [['cvr', ch.cvr], ['aov', ch.aov]];
  if (ch.addToCartRate !== undefined) fields.push(['addToCartRate', ch.addToCartRate]);
  for (const [key, value] of Object.entries(ch.cost)) {
    if (typeof value === 'number') fields.push([key, value]);
  }
  // plan v2: a response curve's parameters and the profit rates are
  // assumptions like any other (goal seek, uncertainty, the Assumptions sheet)
  if (ch.response) fields.push(['beta', ch.response.beta], ['alpha', ch.response.alpha], ['kappa', ch.response.kappa]);
  if (ch.margin !== undefined) fields.push(['margin', ch.margin]);
  if (ch.refundRate !== undefined) fields.push(['refundRate', ch.refundRate]);
  return fields;
}

function make(path: string, field: string, value: number, owner?: Assumption['owner']): Assumption {
  const label = field === 'spend' && !owner ? { zh: '总预算', en: 'budget' } : FIELD_LABELS[field] ?? { zh: field, en: field };
  return owner ? { path, field, owner, label, unit: unitOf(field), value } : { path, field, label, unit: unitOf(field), value };
}

/**
 * Every numeric assumption of a plan, in reading order: the objective first,
 * then each channel's, then each product's.
 * @example listAssumptions(plan).find((a) => a.path === 'channels.search.cvr')?.value // 0.025
 */
export function listAssumptions(plan: Plan): Assumption[] {
  const out: Assumption[] = [];
  const { objective } = plan;
  if (objective.kind === 'target') out.push(make('objective.gmv', 'gmv', objective.gmv));
  if (objective.kind === 'budget') out.push(make('objective.spend', 'spend', objective.spend));
  if (objective.kind === 'channels') {
    for (const [id, v] of Object.entries(objective.spend)) out.push(make(`objective.spend.${id}`, 'spend', v, { kind: 'channel', id }));
    for (const [id, v] of Object.entries(objective.visitors)) out.push(make(`objective.visitors.${id}`, 'visitors', v, { kind: 'channel', id }));
  }
  for (const ch of plan.channels) {
    for (const [field, value] of channelFields(ch)) out.push(make(`channels.${ch.id}.${field}`, field, value, { kind: 'channel', id: ch.id }));
  }
  for (const p of plan.products ?? []) {
    out.push(make(`products.${p.id}.share`, 'share', p.share, { kind: 'product', id: p.id }));
    out.push(make(`products.${p.id}.price`, 'price', p.price, { kind: 'product', id: p.id }));
  }
  return out;
}

/**
 * The value of one assumption, or undefined when the plan has no such path.
 * @example readAssumption(plan, 'channels.search.cpc') // 1.2
 */
export function readAssumption(plan: Plan, path: string): number | undefined {
  return listAssumptions(plan).find((a) => a.path === path)?.value;
}

/**
 * A copy of the plan with one assumption changed. The copy is not validated:
 * pass it through `parsePlan` before trusting it (a planner may type 150%).
 * Returns undefined when the path does not exist in this plan.
 * @example writeAssumption(plan, 'channels.search.cvr', 0.03)
 */
export function writeAssumption(plan: Plan, path: string, value: number): Plan | undefined {
  if (readAssumption(plan, path) === undefined) return undefined;
  const next = structuredClone(plan);
  const parts = path.split('.');
  const [head, id, field] = parts;
  if (head === 'objective') {
    const o = next.objective as Record<string, unknown>;
    if (parts.length === 2 && id) o[id] = value;
    else if (id && field) (o[id] as Record<string, number>)[field] = value;
    return next;
  }
  if (head === 'channels' && field) {
    const ch = next.channels.find((c) => c.id === id);
    if (!ch) return undefined;
    if (field === 'cvr' || field === 'aov' || field === 'addToCartRate' || field === 'margin' || field === 'refundRate') ch[field] = value;
    else if ((field === 'beta' || field === 'alpha' || field === 'kappa') && ch.response) ch.response[field] = value;
    else (ch.cost as Record<string, unknown>)[field] = value;
    return next;
  }
  if (head === 'products' && field) {
    const p = next.products?.find((x) => x.id === id);
    if (!p || (field !== 'share' && field !== 'price')) return undefined;
    p[field] = value;
    return next;
  }
  return undefined;
}
