import { formatPath, issue, type PathKey, type PlanIssue } from './issues.ts';
import type { LocalizedText } from './localized.ts';
import type { IssueNumber } from './messages.ts';
import type { Plan } from './plan.ts';
import { MAX_CATEGORY_DEPTH } from './product-defaults.ts';
import { PRODUCT_FIELD_LABELS } from './product-fields.ts';
import type { Category, Mechanic } from './products.ts';

/**
 * The product calendar's whole-plan checks (plan v4, issue 12): what zod
 * cannot see in one field. Every issue names the product or category it is
 * about (`subject`) and the field, in zh and en.
 */

const money = (value: number): IssueNumber => ({ value, unit: 'money' });

/**
 * How an issue names a record: its name and id, quoted, so a message reads
 * "product "Longjing gift box" (id "tea-01"): …". A record without a usable
 * name is named by its id alone.
 * @example recordSubject('product', 'tea-01', { zh: '龙井', en: 'Longjing' }).en // 'product "Longjing" (id "tea-01")'
 */
export function recordSubject(kind: 'product' | 'category', rawId: string, name?: Partial<LocalizedText>): LocalizedText {
  const kindZh = kind === 'product' ? '商品' : '类目';
  const id = quoteFree(rawId);
  const zhName = typeof name?.zh === 'string' ? quoteFree(name.zh) : '';
  const enName = typeof name?.en === 'string' ? quoteFree(name.en) : '';
  const zh = zhName !== '' ? `${kindZh}“${zhName}”（编号“${id}”）` : `${kindZh}“${id}”`;
  const en = enName !== '' ? `${kind} "${enName}" (id "${id}")` : `${kind} "${id}"`;
  return { zh, en };
}

/** Text from the document for a message: clipped, without control characters or quotes that would break the quoting. */
function quoteFree(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f"“”\\]/g, '');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** Lifecycle keys in the order their dates must run. */
const LIFECYCLE_ORDER = ['launch', 'growth', 'maturity', 'decline', 'end'] as const;
const LIFECYCLE_LABELS: Readonly<Record<(typeof LIFECYCLE_ORDER)[number], LocalizedText>> = {
  launch: PRODUCT_FIELD_LABELS.launch!,
  growth: PRODUCT_FIELD_LABELS.growth!,
  maturity: PRODUCT_FIELD_LABELS.maturity!,
  decline: PRODUCT_FIELD_LABELS.decline!,
  end: { zh: '退市日期', en: 'end date' },
};

/**
 * Checks the category tree: unique ids, known parents, no cycles, at most
 * MAX_CATEGORY_DEPTH levels. A cycle is reported once, at its first
 * category in the list; a category under a cycle is not also called too deep.
 */
function checkCategories(categories: readonly Category[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const byId = new Map<string, Category>();
  categories.forEach((c, i) => {
    const first = categories.findIndex((o) => o.id === c.id);
    if (first !== i) issues.push(issue('duplicate_id', ['categories', i, 'id'], { kind: 'category', id: c.id, first: formatPath(['categories', first]) }));
    else byId.set(c.id, c);
  });
  const reportedCycles = new Set<string>();
  categories.forEach((c, i) => {
    if (byId.get(c.id) !== c || c.parent === undefined) return;
    const subject = recordSubject('category', c.id, c.name);
    if (!byId.has(c.parent)) {
      issues.push(issue('unknown_category', ['categories', i, 'parent'], { subject, id: c.parent }));
      return;
    }
    // walk up; the chain is at most the number of categories long unless it loops
    const chain: string[] = [c.id];
    let at: Category | undefined = c;
    while (at?.parent !== undefined) {
      const up = byId.get(at.parent);
      if (!up) break; // an unknown parent further up is reported at its own category
      if (chain.includes(up.id)) {
        const loop = chain.slice(chain.indexOf(up.id));
        const key = [...loop].sort().join('\u0000');
        if (!reportedCycles.has(key) && loop.includes(c.id)) {
          reportedCycles.add(key);
          issues.push(issue('category_cycle', ['categories', i, 'parent'], { subject, chain: [...loop, up.id].join(' → ') }));
        }
        return;
      }
      chain.push(up.id);
      at = up;
    }
    if (chain.length > MAX_CATEGORY_DEPTH) {
      issues.push(issue('category_depth', ['categories', i, 'parent'], { subject, depth: chain.length, max: MAX_CATEGORY_DEPTH, chain: [...chain].reverse().join(' → ') }));
    }
  });
  return issues;
}

/**
 * Why a mechanic contradicts itself or the product's list price (满100减200,
 * 3件 for more than 3 list prices), with where: the key under `mechanic`.
 */
function mechanicContradiction(m: Mechanic, listPrice: number): { at: PathKey[]; why: string; params: Record<string, IssueNumber | number> } | undefined {
  switch (m.kind) {
    case 'multiBuy':
      if (m.total >= m.items * listPrice) return { at: ['total'], why: 'multiBuy', params: { items: m.items, total: money(m.total), regular: money(m.items * listPrice) } };
      return undefined;
    case 'spendSave':
      for (let k = 0; k < m.tiers.length; k++) {
        const tier = m.tiers[k]!;
        if (tier.save >= tier.spend) return { at: ['tiers', k, 'save'], why: 'saveOverSpend', params: { spend: money(tier.spend), save: money(tier.save) } };
        const prev = k > 0 ? m.tiers[k - 1] : undefined;
        if (prev && (tier.spend <= prev.spend || tier.save <= prev.save)) {
          return { at: ['tiers', k], why: 'tiersOrder', params: { spend: money(tier.spend), save: money(tier.save), prevSpend: money(prev.spend), prevSave: money(prev.save) } };
        }
      }
      return undefined;
    case 'coupon':
      if (m.threshold > 0 && m.value >= m.threshold) return { at: ['value'], why: 'couponOverThreshold', params: { value: money(m.value), threshold: money(m.threshold) } };
      if (m.threshold === 0 && m.value >= listPrice * (m.basketUnits ?? 1)) {
        return { at: ['value'], why: 'couponOverBasket', params: { value: money(m.value), basket: money(listPrice * (m.basketUnits ?? 1)) } };
      }
      return undefined;
    case 'priceCut':
      if (m.price >= listPrice) return { at: ['price'], why: 'priceCut', params: { price: money(m.price), list: money(listPrice) } };
      return undefined;
    case 'group':
      if (m.price >= listPrice) return { at: ['price'], why: 'group', params: { price: money(m.price), list: money(listPrice) } };
      return undefined;
    case 'bogo':
    case 'secondHalf':
      return undefined;
  }
}

/**
 * The product calendar's whole-plan checks: the category tree; each
 * product's category, lifecycle order and season; each promotion's
 * activity, price and mechanic. A season wholly outside the plan's period
 * is refused (the product could never be on sale: a wrong year, most
 * likely); one the period cuts is valid, and only its part inside counts.
 * @example checkProducts(plan).map((i) => i.code) // ['unknown_category']
 */
export function checkProducts(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = checkCategories(plan.categories ?? []);
  const categoryIds = new Set((plan.categories ?? []).map((c) => c.id));
  const activityIds = new Set((plan.activities ?? []).map((a) => a.id));
  (plan.products ?? []).forEach((p, i) => {
    const subject = recordSubject('product', p.id, p.name);
    const at = (...keys: PathKey[]): PathKey[] => ['products', i, ...keys];
    if (p.category !== undefined && !categoryIds.has(p.category)) issues.push(issue('unknown_category', at('category'), { subject, id: p.category }));

    if (p.lifecycle) {
      let prev: (typeof LIFECYCLE_ORDER)[number] | undefined;
      for (const key of LIFECYCLE_ORDER) {
        const date = p.lifecycle[key];
        if (date === undefined) continue;
        const before = prev === undefined ? undefined : p.lifecycle[prev];
        if (prev !== undefined && before !== undefined && date <= before) {
          issues.push(issue('lifecycle_order', at('lifecycle', key), { subject, stage: LIFECYCLE_LABELS[key], date, before: LIFECYCLE_LABELS[prev], beforeDate: before }));
        }
        prev = key;
      }
    }

    if (p.season) {
      const { start, end } = p.season;
      if (start > end) issues.push(issue('season_order', at('season', 'end'), { subject, start, end }));
      else if (end < plan.period.start || start > plan.period.end) {
        issues.push(issue('season_outside_period', at('season'), { subject, start, end, periodStart: plan.period.start, periodEnd: plan.period.end }));
      }
    }

    const seen = new Map<string, number>();
    (p.promotions ?? []).forEach((promo, j) => {
      if (!activityIds.has(promo.activity)) issues.push(issue('unknown_activity', at('promotions', j, 'activity'), { subject, id: promo.activity }));
      const first = seen.get(promo.activity);
      if (first !== undefined) issues.push(issue('duplicate_promotion', at('promotions', j, 'activity'), { subject, id: promo.activity, first: formatPath(at('promotions', first)) }));
      else seen.set(promo.activity, j);
      if (promo.promoPrice !== undefined && promo.promoPrice > p.price) {
        issues.push(issue('promo_price_above_list', at('promotions', j, 'promoPrice'), { subject, promoPrice: money(promo.promoPrice), price: money(p.price) }));
      }
      const bad = mechanicContradiction(promo.mechanic, p.price);
      if (bad) issues.push(issue('mechanic_contradiction', at('promotions', j, 'mechanic', ...bad.at), { subject, why: bad.why, ...bad.params }));
    });
  });
  return issues;
}
