import type { LocalizedText } from './localized.ts';
import { PRODUCT_ROLES, type ProductRole } from './product-defaults.ts';

/**
 * Planner-facing names of plan v4's product keys (categories, products,
 * promotions, mechanics, product settings). The numbers with an assumption
 * path are labelled in the registry; these name the rest, and the keys
 * whose meaning depends on where they are (a mechanic's `price` is the
 * promotional price, a lifecycle's `end` the last day on sale).
 */
export const PRODUCT_FIELD_LABELS: Readonly<Record<string, LocalizedText>> = {
  categories: { zh: '类目', en: 'categories' },
  parent: { zh: '上级类目', en: 'parent category' },
  role: { zh: '角色', en: 'role' },
  category: { zh: '类目', en: 'category' },
  lifecycle: { zh: '生命周期', en: 'lifecycle' },
  launch: { zh: '上市日期', en: 'launch date' },
  growth: { zh: '成长期开始日期', en: 'growth start date' },
  maturity: { zh: '成熟期开始日期', en: 'maturity start date' },
  decline: { zh: '衰退期开始日期', en: 'decline start date' },
  season: { zh: '季节窗口', en: 'season window' },
  decoy: { zh: '烟幕弹套餐', en: 'decoy bundle' },
  promotions: { zh: '促销', en: 'promotions' },
  activity: { zh: '活动', en: 'activity' },
  mechanic: { zh: '促销玩法', en: 'promotion mechanic' },
  promoPrice: { zh: '活动价', en: 'promotional price' },
  productSettings: { zh: '商品设置', en: 'product settings' },
  priceEnding: { zh: '价格尾数', en: 'price ending' },
  asOf: { zh: '计划日期', en: 'planning date' },
  roles: { zh: '商品角色设置', en: 'role settings' },
  stages: { zh: '生命周期阶段权重', en: 'stage weights' },
  elasticity: { zh: '价格弹性', en: 'price elasticity' },
};

/** Names of a mechanic's keys, inside `promotions[i].mechanic`. */
const MECHANIC_FIELD_LABELS: Readonly<Record<string, LocalizedText>> = {
  kind: { zh: '玩法类型', en: 'mechanic kind' },
  items: { zh: '件数', en: 'number of items' },
  total: { zh: '总价', en: 'total price' },
  tiers: { zh: '满减档位', en: 'spend-and-save tiers' },
  spend: { zh: '满额', en: 'spend threshold' },
  save: { zh: '减额', en: 'amount saved' },
  repeat: { zh: '每满', en: 'repeat (per each threshold)' },
  basketUnits: { zh: '典型购买件数', en: 'units in the typical basket' },
  threshold: { zh: '使用门槛', en: 'coupon threshold' },
  value: { zh: '券面额', en: 'coupon value' },
  price: { zh: '活动价', en: 'promotional price' },
  groupSize: { zh: '成团人数', en: 'group size' },
};

/** Role names as planners read them (引流款 …). */
export const PRODUCT_ROLE_LABELS: Readonly<Record<ProductRole, LocalizedText>> = {
  traffic: { zh: '引流款', en: 'traffic driver' },
  profit: { zh: '利润款', en: 'profit product' },
  flagship: { zh: '形象款', en: 'flagship' },
  conversion: { zh: '高转化款', en: 'high-conversion product' },
  potential: { zh: '潜力款', en: 'potential product' },
  seasonal: { zh: '季节款', en: 'seasonal product' },
};

const ROLE_SET: ReadonlySet<string> = new Set(PRODUCT_ROLES);

/**
 * The label of a key of the product calendar whose name depends on where it
 * is, or undefined to let the general table decide.
 * @example productKeyLabel(['products', 0, 'promotions', 0, 'mechanic', 'spend'])?.zh // '满额'
 */
export function productKeyLabel(path: readonly PropertyKey[]): LocalizedText | undefined {
  const head = path[0];
  if (head !== 'products' && head !== 'categories' && head !== 'productSettings') return undefined;
  const last = [...path].reverse().find((k) => typeof k === 'string');
  if (typeof last !== 'string') return undefined;
  const inMechanic = path.includes('mechanic') && last !== 'mechanic';
  if (inMechanic) return MECHANIC_FIELD_LABELS[last];
  if (head === 'productSettings' && path[1] === 'roles' && ROLE_SET.has(last)) return PRODUCT_ROLE_LABELS[last as ProductRole];
  if (head === 'products' && path.includes('lifecycle') && last === 'end') return { zh: '退市日期', en: 'end date' };
  if (head === 'products' && path.includes('season')) {
    if (last === 'start') return { zh: '季节开始日期', en: 'season start date' };
    if (last === 'end') return { zh: '季节结束日期', en: 'season end date' };
  }
  return Object.hasOwn(PRODUCT_FIELD_LABELS, last) ? PRODUCT_FIELD_LABELS[last] : undefined;
}
