/**
 * The product calendar's fixed vocabularies and default numbers (DOMAIN.md
 * section 3, issue 12). Kept apart from the zod schema so the field registry
 * can build the role and stage fields from the same lists without a cycle.
 */

/** Product roles (商品角色): 引流款, 利润款, 形象款, 高转化款, 潜力款, 季节款. */
export const PRODUCT_ROLES = ['traffic', 'profit', 'flagship', 'conversion', 'potential', 'seasonal'] as const;
/** A product's role in the assortment. */
export type ProductRole = (typeof PRODUCT_ROLES)[number];

/** Category roles (类目角色): 目标, 常规, 便利, 季节. */
export const CATEGORY_ROLES = ['destination', 'routine', 'convenience', 'seasonal'] as const;
/** A category's role in the shop. */
export type CategoryRole = (typeof CATEGORY_ROLES)[number];

/** Lifecycle stages in the order a product lives through them: 上市 → 成长 → 成熟 → 衰退. */
export const LIFECYCLE_STAGES = ['launch', 'growth', 'maturity', 'decline'] as const;
/** A lifecycle stage. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Promotion mechanics, each giving an effective unit price for a basket. */
export const MECHANIC_KINDS = ['bogo', 'secondHalf', 'multiBuy', 'spendSave', 'coupon', 'priceCut', 'group'] as const;
/** The kind of a promotion mechanic. */
export type MechanicKind = (typeof MECHANIC_KINDS)[number];

/** The last digit a shop's promotional prices end in (…9, …8, …5). */
export const PRICE_ENDINGS = [9, 8, 5] as const;
/** A price ending. */
export type PriceEnding = (typeof PRICE_ENDINGS)[number];

/** The deepest category tree the platforms use: 一级 / 二级 / 三级类目. */
export const MAX_CATEGORY_DEPTH = 3;

/**
 * The longest supplier lead time, in supplier working days: about a year
 * (52 weeks × 5 days, less the statutory holidays). A longer one cannot
 * serve any week of a yearly plan, so it is refused as a typo.
 */
export const MAX_LEAD_DAYS = 250;

/** How a role moves a product's weight and how price-sensitive it is. */
export interface RoleDefault {
  /** Multiplier on the product's share of GMV (1 = the share as typed). */
  weight: number;
  /**
   * Price elasticity of units, as a magnitude: units ∝ price^(−elasticity).
   * Revenue weight moves with (promoPrice / listPrice)^(1 − elasticity), so
   * above 1 a discount lifts revenue, below 1 it only lifts units.
   */
  elasticity: number;
}

/**
 * Default role weights and elasticities. Every weight is 1: the planner's
 * share already says how much a product sells, so a role starts neutral
 * and its weight is the lever to tilt a whole role (push the traffic
 * drivers for a quarter). The elasticities carry the roles' meaning:
 * traffic drivers are bought on price (2.5: a 10% cut sells ~30% more);
 * high-conversion and seasonal products react strongly (1.8, 1.5); potential
 * products are still being found (1.5); profit products sell on their
 * merits (1.2); a flagship / image product barely moves with a discount
 * and a deep one hurts the image (0.6).
 */
export const ROLE_DEFAULTS: Readonly<Record<ProductRole, RoleDefault>> = {
  traffic: { weight: 1, elasticity: 2.5 },
  profit: { weight: 1, elasticity: 1.2 },
  flagship: { weight: 1, elasticity: 0.6 },
  conversion: { weight: 1, elasticity: 1.8 },
  potential: { weight: 1, elasticity: 1.5 },
  seasonal: { weight: 1, elasticity: 1.5 },
};

/**
 * Default demand weight of each lifecycle stage. Maturity is 1 because a
 * product's share describes its normal run; at launch it sells about half
 * of that while reviews and search rank build up; in growth most of it;
 * in decline well under it as a successor takes over. A product with no
 * lifecycle is in maturity for the whole plan.
 */
export const STAGE_DEFAULTS: Readonly<Record<LifecycleStage, number>> = {
  launch: 0.5,
  growth: 0.8,
  maturity: 1,
  decline: 0.6,
};

/** The role of a product that names none: most of an assortment earns the margin. */
export const DEFAULT_PRODUCT_ROLE: ProductRole = 'profit';

/**
 * What a product's optional stock fields mean when left out. A product
 * with no stock data is made to order: no stock on hand, no lead time, no
 * minimum order and no cost known (its gross margin is its revenue); the
 * safety-stock rule takes DOMAIN.md's usual 95% service level and a
 * moderate weekly variability (σ / mean = 0.3).
 */
export const PRODUCT_DEFAULTS = {
  unitCost: 0,
  leadDays: 0,
  moq: 1,
  stock: 0,
  serviceLevel: 0.95,
  demandCv: 0.3,
} as const;

/** The shop's price ending when productSettings names none: …9, the most common. */
export const DEFAULT_PRICE_ENDING: PriceEnding = 9;
