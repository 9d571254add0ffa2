import {
  FIELDS, PLAN_FIELDS, PLAN_VERSION, isPaid, writeFieldValue,
  type Channel, type CostModel, type CostModelName, type Lang, type LocalizedText, type Objective, type Plan, type PlanField,
} from '@shopplan/schema';

// Pure changes to a plan's structure, as the plan builder makes them. Each
// returns a new plan (the caller checks it with parsePlan and commits it as
// one undo step). Which fields a cost model has, their units and their
// ranges come from the schema's field registry: nothing here lists fields.

/**
 * A blank plan to build on: one free channel and a target, the period given
 * (the page passes this month; the plan knows no clock).
 * @example blankPlan('zh', { start: '2026-06-01', end: '2026-06-30' }).channels.length // 1
 */
export function blankPlan(lang: Lang, period: { start: string; end: string }): Plan {
  const organic: Channel = { id: 'organic', name: { zh: '自然流量', en: 'Organic' }, cvr: defaultValue(FIELDS['channel.cvr']), aov: 100, cost: { model: 'free', forecastVisitors: 0 } };
  return {
    version: PLAN_VERSION,
    id: 'new-plan',
    name: { zh: '新计划', en: 'New plan' },
    shop: lang === 'zh' ? '我的店铺' : 'My shop',
    period,
    currency: 'CNY',
    paidSplit: 'visitors',
    objective: { kind: 'target', gmv: 1_000_000 },
    channels: [organic],
  };
}

/** The registry fields of a channel's cost model, in the registry's reading order (share first for paid models). */
export function costModelFields(model: CostModelName): PlanField[] {
  return PLAN_FIELDS.filter((f) => f.owner === 'channel' && f.assumption && f.costModels?.includes(model));
}

/** A starting value for a field a planner has not typed yet: the low end of its plausible range, else of its valid range. */
export function defaultValue(field: PlanField): number {
  return field.plausible?.min ?? field.valid.min;
}

/**
 * A channel's cost under another model: the fields both models have keep
 * their values (commission from CPS to live), the others start at their
 * registry default. The share is kept between paid models.
 */
export function costUnderModel(old: CostModel, model: CostModelName, share: number): CostModel {
  const fields: Record<string, unknown> = { model };
  const oldFields = old as unknown as Record<string, unknown>;
  for (const f of costModelFields(model)) {
    const key = f.at[f.at.length - 1] as string;
    const kept = oldFields[key];
    fields[key] = key === 'share' ? share : typeof kept === 'number' ? kept : defaultValue(f);
  }
  return fields as unknown as CostModel;
}

const paidShare = (c: Channel): number => (isPaid(c.cost) ? c.cost.share : 0);

/**
 * Adds a channel at the end. A paid channel joins with a share of 0 (the
 * planner types its share next; the others make room), or 100% when it is
 * the only paid channel, so the shares always add up.
 */
export function addChannel(plan: Plan, id: string, name: LocalizedText, model: CostModelName): Plan {
  const hasPaid = plan.channels.some((c) => isPaid(c.cost));
  const base: CostModel = { model: 'free', forecastVisitors: 0 };
  const channel: Channel = {
    id,
    name,
    cvr: defaultValue(FIELDS['channel.cvr']),
    aov: 100,
    cost: costUnderModel(base, model, hasPaid ? 0 : 1),
  };
  return { ...plan, channels: [...plan.channels, channel] };
}

/** Removes a channel with its levers and ranges; the other paid channels take its share in proportion. */
export function removeChannel(plan: Plan, id: string): Plan {
  const gone = plan.channels.find((c) => c.id === id);
  if (!gone) return plan;
  let next: Plan = { ...plan, channels: plan.channels.filter((c) => c.id !== id) };
  if (isPaid(gone.cost) && gone.cost.share > 0) next = spreadMissingShare(next);
  if (next.objective.kind === 'channels') {
    const { [id]: _s, ...spend } = next.objective.spend;
    const { [id]: _v, ...visitors } = next.objective.visitors;
    next = { ...next, objective: { kind: 'channels', spend, visitors } };
  }
  if (next.uncertainty) {
    const prefix = `channels.${id}.`;
    next = { ...next, uncertainty: Object.fromEntries(Object.entries(next.uncertainty).filter(([k]) => !k.startsWith(prefix))) };
  }
  return next;
}

/** Gives the paid channels back a sum of 100% (in proportion, or evenly when they are all at 0). */
function spreadMissingShare(plan: Plan): Plan {
  const shares = plan.channels.filter((c) => isPaid(c.cost)).map((c) => ({ id: c.id, share: paidShare(c) }));
  if (shares.length === 0) return plan;
  const sum = shares.reduce((a, s) => a + s.share, 0);
  const scaled = new Map(shares.map((s) => [s.id, sum > 0 ? s.share / sum : 1 / shares.length]));
  return withChannelShares(plan, scaled);
}

function withChannelShares(plan: Plan, shares: ReadonlyMap<string, number>): Plan {
  return {
    ...plan,
    channels: plan.channels.map((c) => {
      const s = shares.get(c.id);
      return s === undefined || !isPaid(c.cost) ? c : { ...c, cost: { ...c.cost, share: s } };
    }),
  };
}

/** Renames a channel (its id, which formulas and ranges use, stays). */
export function renameChannel(plan: Plan, id: string, name: LocalizedText): Plan {
  return { ...plan, channels: plan.channels.map((c) => (c.id === id ? { ...c, name } : c)) };
}

/** Moves a channel `by` places up (negative) or down; at either end it stays. */
export function moveChannel(plan: Plan, id: string, by: number): Plan {
  const from = plan.channels.findIndex((c) => c.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= plan.channels.length) return plan;
  const channels = [...plan.channels];
  const [moved] = channels.splice(from, 1);
  channels.splice(to, 0, moved as Channel);
  return { ...plan, channels };
}

/**
 * Changes a channel's cost model. Paid to free hands its share to the other
 * paid channels; free to paid joins at 0% (100% when it is the only one).
 */
export function changeCostModel(plan: Plan, id: string, model: CostModelName): Plan {
  const ch = plan.channels.find((c) => c.id === id);
  if (!ch || ch.cost.model === model) return plan;
  const otherPaid = plan.channels.some((c) => c.id !== id && isPaid(c.cost));
  const share = isPaid(ch.cost) ? ch.cost.share : otherPaid ? 0 : 1;
  let next: Plan = { ...plan, channels: plan.channels.map((c) => (c.id === id ? { ...c, cost: costUnderModel(c.cost, model, share) } : c)) };
  if (model === 'free' && share > 0) next = spreadMissingShare(next);
  return next;
}

/**
 * Changes what the plan is solved for. The amount is the target GMV or the
 * budget; per-channel levers start empty (each channel's lever is then
 * typed in the assumptions grid).
 */
export function changeObjective(plan: Plan, kind: Objective['kind'], amount?: number): Plan {
  const objective: Objective = kind === 'target'
    ? { kind, gmv: amount ?? (plan.objective.kind === 'target' ? plan.objective.gmv : 1_000_000) }
    : kind === 'budget'
      ? { kind, spend: amount ?? (plan.objective.kind === 'budget' ? plan.objective.spend : 100_000) }
      : plan.objective.kind === 'channels' ? plan.objective : { kind, spend: {}, visitors: {} };
  return { ...plan, objective };
}

/** Sets the shop, the plan's name or its period. */
export function changePlanInfo(plan: Plan, info: Partial<Pick<Plan, 'shop' | 'name' | 'period'>>): Plan {
  return { ...plan, ...info };
}

/**
 * Sets one number of a channel through the registry (`channels.search.cpc`,
 * `channels.search.margin`): an optional field a channel lacks is added.
 * Returns undefined when the channel does not have the field (a CPC on a
 * CPM channel).
 */
export function setChannelNumber(plan: Plan, channelId: string, field: PlanField, value: number): Plan | undefined {
  const index = plan.channels.findIndex((c) => c.id === channelId);
  const ch = plan.channels[index];
  if (!ch || field.owner !== 'channel') return undefined;
  if (field.costModels && !field.costModels.includes(ch.cost.model)) return undefined;
  const written = writeFieldValue(plan, `channels.${channelId}.${field.field}`, value);
  if (written) return written;
  // An optional field the channel does not have yet: add it at its place.
  const [first, second] = field.at;
  let next: Channel;
  if (field.at.length === 1 && first) next = { ...ch, [first]: value };
  else if (first === 'bounds' && second) next = { ...ch, bounds: { min: 0, ...ch.bounds, [second]: value } };
  else if (first === 'response' && second) {
    const curve = ch.response ?? { curve: 'hill' as const, maps: 'visitors' as const, beta: 1, alpha: 1, kappa: 1 };
    next = { ...ch, response: { ...curve, [second]: value } };
  } else return undefined;
  return { ...plan, channels: plan.channels.map((c, i) => (i === index ? next : c)) };
}

/** Drops an optional channel number (margin, refund rate, a bound) or the whole response curve. */
export function clearChannelNumber(plan: Plan, channelId: string, field: PlanField): Plan {
  const [first, second] = field.at;
  return {
    ...plan,
    channels: plan.channels.map((c) => {
      if (c.id !== channelId || !field.optional || !first) return c;
      if (first === 'response') {
        const { response: _r, ...rest } = c;
        return rest;
      }
      if (first === 'bounds' && second && c.bounds) {
        const { [second as 'min' | 'max']: _b, ...bounds } = c.bounds;
        return { ...c, bounds: { min: 0, ...bounds } };
      }
      const copy: Record<string, unknown> = { ...c };
      delete copy[first];
      return copy as unknown as Channel;
    }),
  };
}

/** One share of a set that adds up to 100%. */
export interface ShareEntry {
  id: string;
  share: number;
}

/**
 * Sets one share and moves the others so the sum stays 100%: the unlocked
 * others move in proportion to what they had (evenly when they all had 0),
 * the locked ones do not move. The typed value is clamped to what the locked
 * ones leave; when nothing else may move, the typed share takes exactly the
 * rest, so no edit is ever refused outright (the planner sees the value
 * used). Returns the new shares, keyed by id.
 * @example rebalanceShares([{id:'a',share:0.5},{id:'b',share:0.3},{id:'c',share:0.2}], 'a', 0.6, new Set(['c'])) // a 0.6, b 0.2, c 0.2
 */
export function rebalanceShares(shares: readonly ShareEntry[], id: string, value: number, locked: ReadonlySet<string> = new Set()): Map<string, number> {
  const out = new Map(shares.map((s) => [s.id, s.share]));
  if (!out.has(id)) return out;
  const fixed = shares.filter((s) => s.id !== id && locked.has(s.id));
  const movable = shares.filter((s) => s.id !== id && !locked.has(s.id));
  const lockedSum = fixed.reduce((a, s) => a + s.share, 0);
  const room = Math.max(0, 1 - lockedSum);
  const typed = movable.length === 0 ? room : Math.min(Math.max(0, Number.isFinite(value) ? value : 0), room);
  out.set(id, typed);
  const rest = room - typed;
  const before = movable.reduce((a, s) => a + s.share, 0);
  for (const s of movable) out.set(s.id, before > 0 ? (s.share / before) * rest : rest / movable.length);
  return out;
}

/** Sets a paid channel's share, the other paid channels making room ({@link rebalanceShares}). */
export function setChannelShare(plan: Plan, id: string, value: number, locked: ReadonlySet<string> = new Set()): Plan {
  const shares = plan.channels.filter((c) => isPaid(c.cost)).map((c) => ({ id: c.id, share: paidShare(c) }));
  return withChannelShares(plan, rebalanceShares(shares, id, value, locked));
}

/** Sets a product's share of GMV, the other products making room ({@link rebalanceShares}). */
export function setProductShare(plan: Plan, id: string, value: number, locked: ReadonlySet<string> = new Set()): Plan {
  if (!plan.products) return plan;
  const next = rebalanceShares(plan.products.map((p) => ({ id: p.id, share: p.share })), id, value, locked);
  return { ...plan, products: plan.products.map((p) => ({ ...p, share: next.get(p.id) ?? p.share })) };
}

/** Sets (or, with undefined, removes) the low/high range of an assumption. */
export function setRange(plan: Plan, path: string, range: { low: number; high: number } | undefined): Plan {
  const { [path]: _old, ...rest } = plan.uncertainty ?? {};
  const uncertainty = range ? { ...rest, [path]: range } : rest;
  if (Object.keys(uncertainty).length === 0) {
    const { uncertainty: _u, ...withoutRanges } = plan;
    return withoutRanges;
  }
  return { ...plan, uncertainty };
}

/**
 * A channel id made from a typed name: lowercase letters, digits and
 * underscores, starting with a letter, unique in the plan. Names in Chinese
 * give `channel_2`, `channel_3`…
 * @example channelIdFor(plan, 'Live stream') // 'live_stream'
 */
export function channelIdFor(plan: Plan, name: string): string {
  const taken = new Set(plan.channels.map((c) => c.id));
  let base = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^[^a-z]+/, '').slice(0, 24);
  // ids that read like a cell address (a1, r1c1) are refused by the schema
  if (!base || /^([a-z]{1,3}\d+|r\d*c\d*)$/.test(base)) base = 'channel';
  if (!taken.has(base) && base !== 'channel') return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}
