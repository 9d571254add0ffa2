import type { Category, Lang, LocalizedText, Mechanic, Plan } from '@shopplan/schema';
import type { ProductAlert } from '@shopplan/engine';
import type { GridCell } from '../../grid/index.ts';
import type { ProductMeasure } from '../../worker/protocol.ts';
import { compareAlerts } from '../../worker/product-plan-shape.ts';

/**
 * The product page's view logic (issue 12, point 6), apart from React so it
 * is tested on its own: the category tree, which products a filter shows,
 * how a measure reads in a cell, the alerts list, and the mechanic editor.
 * No engine maths here: every figure comes from the worker.
 */

/** The measures of the switch, in the order shown. */
export const PRODUCT_MEASURES: readonly ProductMeasure[] = ['revenue', 'units', 'promoPrice', 'stock', 'orderBy'];

/** Labels of the measures. */
export const MEASURE_LABEL: Record<ProductMeasure, LocalizedText> = {
  revenue: { zh: '成交额', en: 'Revenue' },
  units: { zh: '销量', en: 'Units' },
  promoPrice: { zh: '促销价', en: 'Promo price' },
  stock: { zh: '期末库存', en: 'Closing stock' },
  orderBy: { zh: '最晚下单日', en: 'Order by' },
};

/** The three levels of the category tree. */
export const LEVEL_LABEL: readonly LocalizedText[] = [
  { zh: '一级类目', en: 'Level 1' },
  { zh: '二级类目', en: 'Level 2' },
  { zh: '三级类目', en: 'Level 3' },
];

/** One node of the category tree, in display order (depth first). */
export interface CategoryNode {
  id: string;
  name: LocalizedText;
  /** 0 for 一级, 1 for 二级, 2 for 三级. */
  level: number;
  parent: string | undefined;
  hasChildren: boolean;
}

/**
 * The category tree in display order: each level-1 category followed by its
 * children, depth first, in the plan's order. A category whose parent is not
 * in the plan is shown at level 1 (the schema refuses it; the page still
 * shows it rather than dropping products).
 * @example categoryTree([{ id: 'tea', name, role: 'routine' }, { id: 'green', parent: 'tea', name, role: 'routine' }]).map((n) => n.level) // [0, 1]
 */
export function categoryTree(categories: readonly Category[]): CategoryNode[] {
  const ids = new Set(categories.map((c) => c.id));
  const children = new Map<string | undefined, Category[]>();
  for (const c of categories) {
    const parent = c.parent !== undefined && ids.has(c.parent) ? c.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: CategoryNode[] = [];
  const visit = (parent: string | undefined, level: number, seen: Set<string>) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue; // a cycle (refused by the schema) must not hang the page
      seen.add(c.id);
      out.push({ id: c.id, name: c.name, level, parent: c.parent, hasChildren: (children.get(c.id)?.length ?? 0) > 0 });
      visit(c.id, level + 1, seen);
    }
  };
  visit(undefined, 0, new Set());
  return out;
}

/** The id of a category and of all categories under it. */
export function categorySubtree(categories: readonly Category[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of categories) {
      if (c.parent !== undefined && out.has(c.parent) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return out;
}

/** What narrows the product rows: a search text (id or name), a category (with its subtree), only products with alerts. */
export interface ProductFilter {
  search: string;
  category: string | null;
  alertsOnly: boolean;
}

/**
 * Indices of the products a filter shows, in plan order; undefined when the
 * filter shows every product (no copy of 10,000 indices for nothing).
 */
export function filterProducts(plan: Plan, filter: ProductFilter, alertProducts: ReadonlySet<string>): number[] | undefined {
  const text = filter.search.trim().toLowerCase();
  if (!text && filter.category === null && !filter.alertsOnly) return undefined;
  const inCategory = filter.category === null ? undefined : categorySubtree(plan.categories ?? [], filter.category);
  const out: number[] = [];
  (plan.products ?? []).forEach((p, i) => {
    if (inCategory && (p.category === undefined || !inCategory.has(p.category))) return;
    if (filter.alertsOnly && !alertProducts.has(p.id)) return;
    if (text && !p.id.toLowerCase().includes(text) && !p.name.zh.toLowerCase().includes(text) && !p.name.en.toLowerCase().includes(text)) return;
    out.push(i);
  });
  return out;
}

/**
 * Product indices of the display rows around the screen: rows first−margin
 * … first+count+margin of `displayed` (product indices in display order),
 * within the first `available` rows the grid holds.
 * @example windowIndices([4, 7, 9, 12], 4, 1, 1, 1) // [4, 7, 9]
 */
export function windowIndices(displayed: readonly number[], available: number, first: number, count: number, margin: number): number[] {
  const end = Math.min(available, displayed.length, first + count + margin);
  const out: number[] = [];
  for (let d = Math.max(0, first - margin); d < end; d++) out.push(displayed[d]!);
  return out;
}

/**
 * Product indices split into runs of consecutive ones, each one bulk read
 * of the worker; the indices need not be sorted (a run breaks where they jump).
 * @example indexRuns([3, 4, 5, 9]) // [{ start: 3, count: 3 }, { start: 9, count: 1 }]
 */
export function indexRuns(indices: readonly number[]): Array<{ start: number; count: number }> {
  const runs: Array<{ start: number; count: number }> = [];
  for (const i of indices) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === i) last.count++;
    else runs.push({ start: i, count: 1 });
  }
  return runs;
}

/** An ISO date (YYYY-MM-DD) from a day number since 1970-01-01. */
export function isoFromDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One week's figure of a measure as a grid cell: order-by dates as text
 * (blank without an order), a price as money, stock and units as counts;
 * a figure that is not a finite number is blank, never NaN.
 */
export function measureCell(measure: ProductMeasure, value: number | undefined): GridCell {
  if (measure === 'orderBy') return { value: value !== undefined && Number.isFinite(value) ? isoFromDay(value) : null, unit: 'text' };
  return { value: value !== undefined && Number.isFinite(value) ? value : null };
}

/** The grid unit of a measure's week columns. */
export function measureUnit(measure: ProductMeasure): 'money' | 'count' | 'text' {
  return measure === 'revenue' || measure === 'promoPrice' ? 'money' : measure === 'orderBy' ? 'text' : 'count';
}

/** Labels of the alert codes. */
export const ALERT_LABEL: Record<ProductAlert['code'], LocalizedText> = {
  orderByPast: { zh: '下单已晚', en: 'Order-by past' },
  stockOut: { zh: '缺货', en: 'Stock-out' },
  stockOutInPeak: { zh: '大促缺货', en: 'Stock-out in peak' },
  promoInDecline: { zh: '衰退期促销', en: 'Promo in decline' },
  promoBelowCost: { zh: '促销价低于成本', en: 'Promo below cost' },
  outOfSeason: { zh: '季外促销', en: 'Out of season' },
};

/**
 * The alerts as the list shows them: by week, then product, then code, so
 * the first to act on comes first; optionally only those of shown products.
 */
export function sortedAlerts(alerts: readonly ProductAlert[], shownProducts?: ReadonlySet<string>): ProductAlert[] {
  return alerts
    .filter((a) => !shownProducts || shownProducts.has(a.product))
    .slice()
    .sort(compareAlerts);
}

/** The mechanic kinds the editor offers, with their labels. */
export const MECHANIC_LABEL: Record<Mechanic['kind'], LocalizedText> = {
  bogo: { zh: '买一送一', en: 'Buy one get one' },
  secondHalf: { zh: '第二件半价', en: 'Second item half price' },
  multiBuy: { zh: 'N件X元', en: 'N items for ¥X' },
  spendSave: { zh: '满减', en: 'Spend X save Y' },
  coupon: { zh: '优惠券', en: 'Coupon' },
  priceCut: { zh: '限时直降', en: 'Price cut' },
  group: { zh: '拼团', en: 'Group buying' },
};

/** The editor's fields (as typed), one set for every kind; each kind reads the ones it needs. */
export interface MechanicForm {
  kind: Mechanic['kind'];
  items: string;
  total: string;
  spend: string;
  save: string;
  threshold: string;
  value: string;
  price: string;
  groupSize: string;
}

/** The form showing a mechanic (single-tier 满减: the editor edits the first tier and keeps the others). */
export function mechanicForm(m: Mechanic): MechanicForm {
  const blank: MechanicForm = { kind: m.kind, items: '', total: '', spend: '', save: '', threshold: '', value: '', price: '', groupSize: '' };
  switch (m.kind) {
    case 'multiBuy': return { ...blank, items: String(m.items), total: String(m.total) };
    case 'spendSave': return { ...blank, spend: String(m.tiers[0]?.spend ?? ''), save: String(m.tiers[0]?.save ?? '') };
    case 'coupon': return { ...blank, threshold: String(m.threshold), value: String(m.value) };
    case 'priceCut': return { ...blank, price: String(m.price) };
    case 'group': return { ...blank, price: String(m.price), groupSize: String(m.groupSize) };
    default: return blank;
  }
}

/** A mechanic read from the form, or the message (zh + en) naming the field that is wrong. */
export type MechanicRead = { ok: true; mechanic: Mechanic } | { ok: false; field: keyof MechanicForm; message: LocalizedText };

const amount = (text: string): number => Number(text.trim().replace(/^[¥￥]/, '').replace(/,/g, ''));

/**
 * Reads the editor's form against the product's list price, refusing what
 * contradicts (满100减200, N件X元 not cheaper than N at list price, a group
 * or cut price not under list, a coupon worth more than its threshold).
 * `previous` keeps the further tiers and options of the mechanic edited.
 * @example readMechanic({ ...mechanicForm({ kind: 'bogo' }), kind: 'priceCut', price: '89' }, 99).ok // true
 */
export function readMechanic(form: MechanicForm, listPrice: number, previous?: Mechanic): MechanicRead {
  const need = (field: keyof MechanicForm, test: (v: number) => boolean, zh: string, en: string): number | { field: keyof MechanicForm; message: LocalizedText } => {
    const v = amount(form[field]);
    return Number.isFinite(v) && test(v) ? v : { field, message: { zh, en } };
  };
  const bad = (x: unknown): x is { field: keyof MechanicForm; message: LocalizedText } => typeof x === 'object' && x !== null;
  switch (form.kind) {
    case 'bogo':
    case 'secondHalf':
      return { ok: true, mechanic: { kind: form.kind } };
    case 'multiBuy': {
      const items = need('items', (v) => Number.isInteger(v) && v >= 2, '件数须为 ≥ 2 的整数', 'items must be a whole number of at least 2');
      if (bad(items)) return { ok: false, ...items };
      const total = need('total', (v) => v > 0 && v < items * listPrice, `总价须大于 0 且低于 ${items} 件原价 ¥${items * listPrice}`, `the total must be above 0 and below ${items} items at list price (¥${items * listPrice})`);
      if (bad(total)) return { ok: false, ...total };
      return { ok: true, mechanic: { kind: 'multiBuy', items, total } };
    }
    case 'spendSave': {
      const spend = need('spend', (v) => v > 0, '满额须大于 0', 'the spend must be above 0');
      if (bad(spend)) return { ok: false, ...spend };
      const save = need('save', (v) => v > 0 && v < spend, `减额须大于 0 且小于满额 ¥${spend}`, `the saving must be above 0 and below the spend (¥${spend})`);
      if (bad(save)) return { ok: false, ...save };
      const rest = previous?.kind === 'spendSave' ? previous.tiers.slice(1) : [];
      const base = previous?.kind === 'spendSave' ? previous : undefined;
      return { ok: true, mechanic: { ...base, kind: 'spendSave', tiers: [{ spend, save }, ...rest] } };
    }
    case 'coupon': {
      const threshold = need('threshold', (v) => v >= 0, '门槛须 ≥ 0（0 为无门槛）', 'the threshold must be 0 or more (0: no threshold)');
      if (bad(threshold)) return { ok: false, ...threshold };
      const value = need('value', (v) => v > 0 && (threshold === 0 ? v < listPrice : v < threshold), '券面额须大于 0 且小于门槛（无门槛时小于售价）', 'the coupon must be worth above 0 and less than its threshold (or the list price without one)');
      if (bad(value)) return { ok: false, ...value };
      const base = previous?.kind === 'coupon' ? previous : undefined;
      return { ok: true, mechanic: { ...base, kind: 'coupon', threshold, value } };
    }
    case 'priceCut': {
      const price = need('price', (v) => v > 0 && v < listPrice, `直降价须大于 0 且低于售价 ¥${listPrice}`, `the cut price must be above 0 and below the list price ¥${listPrice}`);
      if (bad(price)) return { ok: false, ...price };
      return { ok: true, mechanic: { kind: 'priceCut', price } };
    }
    case 'group': {
      const price = need('price', (v) => v > 0 && v < listPrice, `拼团价须大于 0 且低于售价 ¥${listPrice}`, `the group price must be above 0 and below the list price ¥${listPrice}`);
      if (bad(price)) return { ok: false, ...price };
      const groupSize = need('groupSize', (v) => Number.isInteger(v) && v >= 2, '成团人数须为 ≥ 2 的整数', 'the group size must be a whole number of at least 2');
      if (bad(groupSize)) return { ok: false, ...groupSize };
      return { ok: true, mechanic: { kind: 'group', price, groupSize } };
    }
  }
}

/**
 * The plan with one promotion's mechanic replaced (everything else shared):
 * an explicit promo price of that promotion is dropped, since the planner
 * now sets the price through the mechanic. Undefined when the product or
 * promotion is not in the plan.
 */
export function withMechanic(plan: Plan, productId: string, promotion: number, mechanic: Mechanic): Plan | undefined {
  const products = plan.products;
  const index = products?.findIndex((p) => p.id === productId) ?? -1;
  const product = index >= 0 ? products?.[index] : undefined;
  const promo = product?.promotions?.[promotion];
  if (!products || !product || !promo) return undefined;
  const { promoPrice: _dropped, ...rest } = promo;
  const promotions = product.promotions!.map((p, k) => (k === promotion ? { ...rest, mechanic } : p));
  const next = products.slice();
  next[index] = { ...product, promotions };
  return { ...plan, products: next };
}

/** A short description of a mechanic, for the editor's list of a product's promotions. */
export function describeMechanic(m: Mechanic, lang: Lang): string {
  const label = MECHANIC_LABEL[m.kind][lang];
  switch (m.kind) {
    case 'multiBuy': return `${label}: ${m.items} → ¥${m.total}`;
    case 'spendSave': return `${label}: ${m.tiers.map((t) => (lang === 'zh' ? `满${t.spend}减${t.save}` : `¥${t.save} off ¥${t.spend}`)).join(', ')}`;
    case 'coupon': return `${label}: ${m.threshold > 0 ? (lang === 'zh' ? `满${m.threshold}减${m.value}` : `¥${m.value} off ¥${m.threshold}`) : `¥${m.value}`}`;
    case 'priceCut': return `${label}: ¥${m.price}`;
    case 'group': return `${label}: ¥${m.price} × ${m.groupSize}`;
    default: return label;
  }
}
