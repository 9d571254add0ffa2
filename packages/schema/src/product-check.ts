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
 * MAX_CATEGORY_DEPTH levels. Linear in the number of categories (each
 * level is worked out once). A cycle is reported once, at its first
 * category in the list; a category below a cycle or below one that is
 * already too deep is not reported again (fixing that one fixes it).
 */
function checkCategories(categories: readonly Category[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const indexOf = new Map<string, number>();
  categories.forEach((c, i) => {
    const first = indexOf.get(c.id);
    if (first !== undefined) issues.push(issue('duplicate_id', ['categories', i, 'id'], { kind: 'category', id: c.id, first: formatPath(['categories', first]) }));
    else indexOf.set(c.id, i);
  });
  const subject = (i: number) => recordSubject('category', categories[i]!.id, categories[i]!.name);
  // level of each category: 1 at the top; NaN when it sits in or under a cycle or under an unknown parent
  const level = new Map<number, number>();
  for (let start = 0; start < categories.length; start++) {
    if (indexOf.get(categories[start]!.id) !== start || level.has(start)) continue;
    const path: number[] = [];
    const onPath = new Set<number>();
    let at: number | undefined = start;
    let base = 0;
    while (at !== undefined) {
      const known = level.get(at);
      if (known !== undefined) { base = known; break; }
      if (onPath.has(at)) {
        // a cycle: report it once, at its first category in the list, naming the loop from there
        const loop = path.slice(path.indexOf(at));
        const head = Math.min(...loop);
        const chain: string[] = [];
        for (let k = head, n = 0; n <= loop.length; n++) { chain.push(categories[k]!.id); k = indexOf.get(categories[k]!.parent ?? '') ?? k; }
        issues.push(issue('category_cycle', ['categories', head, 'parent'], { subject: subject(head), chain: chain.join(' → ') }));
        base = Number.NaN;
        break;
      }
      path.push(at);
      onPath.add(at);
      const parent: string | undefined = categories[at]!.parent;
      if (parent === undefined) { base = 0; break; }
      const up = indexOf.get(parent);
      if (up === undefined) {
        issues.push(issue('unknown_category', ['categories', at, 'parent'], { subject: subject(at), id: parent }));
        base = Number.NaN;
        break;
      }
      at = up;
    }
    // unwind: each category on the path is one level below the next
    for (let k = path.length - 1; k >= 0; k--) {
      const node = path[k]!;
      base = base + 1;
      level.set(node, base);
      if (base === MAX_CATEGORY_DEPTH + 1) {
        const chain: string[] = [];
        for (let n: number | undefined = node; n !== undefined && chain.length <= MAX_CATEGORY_DEPTH; n = indexOf.get(categories[n]!.parent ?? '')) chain.unshift(categories[n]!.id);
        issues.push(issue('category_depth', ['categories', node, 'parent'], { subject: subject(node), depth: base, max: MAX_CATEGORY_DEPTH, chain: chain.join(' → ') }));
      }
    }
  }
  return issues.sort((a, b) => Number(a.at[1]) - Number(b.at[1]) || (a.code === 'duplicate_id' ? -1 : 1));
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
    // named only when something is wrong: building the name for each of 10,000 products costs more than the checks
    let named: LocalizedText | undefined;
    const subjectOf = (): LocalizedText => (named ??= recordSubject('product', p.id, p.name));
    const at = (...keys: PathKey[]): PathKey[] => ['products', i, ...keys];
    if (p.category !== undefined && !categoryIds.has(p.category)) issues.push(issue('unknown_category', at('category'), { subject: subjectOf(), id: p.category }));

    if (p.lifecycle) {
      let prev: (typeof LIFECYCLE_ORDER)[number] | undefined;
      for (const key of LIFECYCLE_ORDER) {
        const date = p.lifecycle[key];
        if (date === undefined) continue;
        const before = prev === undefined ? undefined : p.lifecycle[prev];
        if (prev !== undefined && before !== undefined && date <= before) {
          issues.push(issue('lifecycle_order', at('lifecycle', key), { subject: subjectOf(), stage: LIFECYCLE_LABELS[key], date, before: LIFECYCLE_LABELS[prev], beforeDate: before }));
        }
        prev = key;
      }
    }

    if (p.season) {
      const { start, end } = p.season;
      if (start > end) issues.push(issue('season_order', at('season', 'end'), { subject: subjectOf(), start, end }));
      else if (end < plan.period.start || start > plan.period.end) {
        issues.push(issue('season_outside_period', at('season'), { subject: subjectOf(), start, end, periodStart: plan.period.start, periodEnd: plan.period.end }));
      }
    }

    const seen = new Map<string, number>();
    (p.promotions ?? []).forEach((promo, j) => {
      if (!activityIds.has(promo.activity)) issues.push(issue('unknown_activity', at('promotions', j, 'activity'), { subject: subjectOf(), id: promo.activity }));
      const first = seen.get(promo.activity);
      if (first !== undefined) issues.push(issue('duplicate_promotion', at('promotions', j, 'activity'), { subject: subjectOf(), id: promo.activity, first: formatPath(at('promotions', first)) }));
      else seen.set(promo.activity, j);
      if (promo.promoPrice !== undefined && promo.promoPrice > p.price) {
        issues.push(issue('promo_price_above_list', at('promotions', j, 'promoPrice'), { subject: subjectOf(), promoPrice: money(promo.promoPrice), price: money(p.price) }));
      }
      const bad = mechanicContradiction(promo.mechanic, p.price);
      if (bad) issues.push(issue('mechanic_contradiction', at('promotions', j, 'mechanic', ...bad.at), { subject: subjectOf(), why: bad.why, ...bad.params }));
    });
  });
  return issues;
}
