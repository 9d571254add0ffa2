import { readAssumption, type Plan, type PlanIssue } from '@shopplan/schema';

/**
 * A copy of the plan with one assumption changed, sharing every untouched
 * part with the original (so a 10,000-product plan is not cloned per
 * keystroke on the main thread). The worker's engine has already validated
 * the value; returns undefined for a path the plan does not have.
 * @example writePlanValue(plan, 'channels.search.cvr', 0.03)
 */
export function writePlanValue(plan: Plan, path: string, value: number): Plan | undefined {
  const parts = path.split('.');
  const [head, id, field] = parts;
  if (head === 'objective' && id) {
    const o = plan.objective as Record<string, unknown>;
    if (parts.length === 2) {
      if (typeof o[id] !== 'number') return undefined;
      return { ...plan, objective: { ...o, [id]: value } as Plan['objective'] };
    }
    const levers = o[id] as Record<string, number> | undefined;
    if (!field || !levers || typeof levers[field] !== 'number') return undefined;
    return { ...plan, objective: { ...o, [id]: { ...levers, [field]: value } } as Plan['objective'] };
  }
  if (head === 'channels' && id && field) {
    const index = plan.channels.findIndex((c) => c.id === id);
    const ch = plan.channels[index];
    if (!ch) return undefined;
    const channels = plan.channels.slice();
    const direct = ch as unknown as Record<string, unknown>;
    const response = direct.response as Record<string, unknown> | undefined;
    if (field === 'cvr' || field === 'aov' || ((field === 'addToCartRate' || field === 'margin' || field === 'refundRate') && typeof direct[field] === 'number')) {
      channels[index] = { ...ch, [field]: value };
    } else if ((field === 'beta' || field === 'alpha' || field === 'kappa') && response && typeof response[field] === 'number') {
      // plan v2: the channel's Hill response curve
      channels[index] = { ...ch, response: { ...response, [field]: value } } as Plan['channels'][number];
    } else if (field === 'addToCartRate' || field === 'margin' || field === 'refundRate') {
      return undefined;
    } else {
      const cost = ch.cost as Record<string, unknown>;
      if (typeof cost[field] !== 'number') return undefined;
      channels[index] = { ...ch, cost: { ...cost, [field]: value } as Plan['channels'][number]['cost'] };
    }
    return { ...plan, channels };
  }
  if (head === 'products' && id && (field === 'share' || field === 'price')) {
    const products = plan.products;
    const index = products?.findIndex((p) => p.id === id) ?? -1;
    const product = products?.[index];
    if (!products || !product) return undefined;
    const next = products.slice();
    next[index] = { ...product, [field]: value };
    return { ...plan, products: next };
  }
  return undefined;
}

/**
 * The value of an assumption, read without listing every assumption of a
 * large plan first (products are looked up directly).
 */
export function readPlanValue(plan: Plan, path: string): number | undefined {
  const [head, id, field] = path.split('.');
  if (head === 'products') {
    const p = plan.products?.find((x) => x.id === id);
    return p && (field === 'share' || field === 'price') ? p[field] : undefined;
  }
  if (head === 'channels') {
    const ch = plan.channels.find((c) => c.id === id);
    if (!ch || !field) return undefined;
    const direct = ch as unknown as Record<string, unknown>;
    if (field === 'cvr' || field === 'aov' || field === 'addToCartRate' || field === 'margin' || field === 'refundRate') {
      const v = direct[field];
      return typeof v === 'number' ? v : undefined;
    }
    const response = direct.response as Record<string, unknown> | undefined;
    if ((field === 'beta' || field === 'alpha' || field === 'kappa') && response) {
      const v = response[field];
      return typeof v === 'number' ? v : undefined;
    }
    const v = (ch.cost as Record<string, unknown>)[field];
    return typeof v === 'number' ? v : undefined;
  }
  return readAssumption(plan, path);
}

/**
 * The assumption path an engine issue is about, in the stable `channels.<id>.<field>`
 * form the grid uses. Validation names fields by index (`channels[1].cost.cpc`),
 * the engine by id; both are mapped here. Returns the path unchanged otherwise.
 * @example issueAssumptionPath(plan, 'channels[1].cvr') // 'channels.search.cvr'
 */
export function issueAssumptionPath(plan: Plan, issuePath: string): string {
  // plan v2 keeps each assumption's range under `uncertainty.<path>`: a value outside its range is that cell's problem
  if (issuePath.startsWith('uncertainty.channels.')) return issuePath.slice('uncertainty.'.length);
  const byIndex = /^channels\[(\d+)\](?:\.cost)?\.(\w+)$/.exec(issuePath);
  if (byIndex) {
    const ch = plan.channels[Number(byIndex[1])];
    return ch ? `channels.${ch.id}.${byIndex[2]}` : issuePath;
  }
  const product = /^products\[(\d+)\]\.(\w+)$/.exec(issuePath);
  if (product) {
    const p = plan.products?.[Number(product[1])];
    return p ? `products.${p.id}.${product[2]}` : issuePath;
  }
  return issuePath;
}

/** The issues that name one of the given paths, keyed by path. */
export function issuesByPath(plan: Plan, issues: readonly PlanIssue[], paths: readonly string[]): Map<string, PlanIssue[]> {
  const wanted = new Set(paths);
  const out = new Map<string, PlanIssue[]>();
  for (const issue of issues) {
    const path = issueAssumptionPath(plan, issue.path);
    if (!wanted.has(path)) continue;
    out.set(path, [...(out.get(path) ?? []), issue]);
  }
  return out;
}
