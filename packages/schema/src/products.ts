import { z } from 'zod';
import { localizedText } from './localized.ts';
import { FIELDS } from './plan-fields.ts';
import { CATEGORY_ROLES, LIFECYCLE_STAGES, PRODUCT_ROLES } from './product-defaults.ts';

/**
 * Plan v4's product calendar (DOMAIN.md sections 3 and 5, issue 12): the
 * category tree, products with role, cost, stock, lifecycle, season and
 * promotions, the promotion mechanics, and the plan-wide product settings.
 * Every part a v3 plan lacks is optional; the meaning of a left-out field is
 * in PRODUCT_DEFAULTS, ROLE_DEFAULTS and STAGE_DEFAULTS. What needs the
 * whole plan (unknown ids, order of dates, contradicting mechanics) is
 * checked by checkProducts.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const recordId = z.string().min(1).max(64);
const positive = z.number().gt(0);
const wholeFrom = (min: number) => z.number().int().min(min);

/** A product role: 引流款, 利润款, 形象款, 高转化款, 潜力款, 季节款. */
export const productRole = z.enum(PRODUCT_ROLES);
/** A category role: 目标, 常规, 便利, 季节. */
export const categoryRole = z.enum(CATEGORY_ROLES);

/**
 * One node of the category tree (一级/二级/三级类目). A category without a
 * parent is level 1; the tree is at most three levels deep.
 */
export const category = z.strictObject({
  id: recordId,
  name: localizedText,
  /** The parent category's id; absent for a level-1 category. */
  parent: recordId.optional(),
  role: categoryRole,
});
/** A category of the category tree. */
export type Category = z.infer<typeof category>;

/**
 * A promotion mechanic: what a basket pays. `basketUnits` is the typical
 * basket's units of this product where the mechanic depends on the basket
 * (满减, coupons); absent, the engine takes the fewest units that reach the
 * threshold.
 */
export const mechanic = z.discriminatedUnion('kind', [
  /** Buy one get one: 2 units for the price of 1. */
  z.strictObject({ kind: z.literal('bogo') }),
  /** 第二件半价: 2 units for 1.5 prices. */
  z.strictObject({ kind: z.literal('secondHalf') }),
  /** N件X元: `items` units for `total` yuan. */
  z.strictObject({ kind: z.literal('multiBuy'), items: wholeFrom(2), total: positive }),
  /** 满减: spend `spend`, save `save`; tiers stack (the highest reached applies); `repeat` = 每满. */
  z.strictObject({
    kind: z.literal('spendSave'),
    tiers: z.array(z.strictObject({ spend: positive, save: positive })).min(1),
    repeat: z.boolean().optional(),
    basketUnits: wholeFrom(1).optional(),
  }),
  /** 券: `value` off a basket of at least `threshold` yuan (threshold 0 = 无门槛). */
  z.strictObject({ kind: z.literal('coupon'), threshold: z.number().min(0), value: positive, basketUnits: wholeFrom(1).optional() }),
  /** 限时直降 to `price` yuan. */
  z.strictObject({ kind: z.literal('priceCut'), price: positive }),
  /** 拼团: `price` yuan each in a group of `groupSize`. */
  z.strictObject({ kind: z.literal('group'), price: positive, groupSize: wholeFrom(2) }),
]);
/** A promotion mechanic. */
export type Mechanic = z.infer<typeof mechanic>;

/** A product's part in one activity of the promotion calendar. */
export const productPromotion = z.strictObject({
  /** The id of an activity in `plan.activities`. */
  activity: z.string().min(1),
  mechanic,
  /** An explicit promotional price in yuan: wins over the mechanic's effective price. */
  promoPrice: positive.optional(),
});
/** A product's promotion. */
export type ProductPromotion = z.infer<typeof productPromotion>;

/**
 * The start dates of a product's lifecycle stages, in order; `end` is the
 * last day before it leaves the assortment (off sale from the day after).
 * A stage left out is skipped. Before `launch` the product is off sale.
 */
export const lifecycle = z.strictObject({
  launch: isoDate,
  growth: isoDate.optional(),
  maturity: isoDate.optional(),
  decline: isoDate.optional(),
  end: isoDate.optional(),
});
/** A product's lifecycle dates. */
export type Lifecycle = z.infer<typeof lifecycle>;

/** A seasonal window: the product is on sale only from `start` to `end`, both inclusive. */
export const season = z.strictObject({ start: isoDate, end: isoDate });
/** A seasonal window. */
export type Season = z.infer<typeof season>;

/** A product as plan v1–v3 knew it: its part of GMV and its selling price. */
export const planProductV1 = z.strictObject({
  id: recordId,
  name: localizedText,
  /** Part of the plan's GMV this product carries, as a fraction. */
  share: FIELDS['product.share'].validator,
  /** Selling price per unit in yuan. */
  price: FIELDS['product.price'].validator,
});

/**
 * A product of the product calendar (plan v4): its share of GMV and list
 * price as before, plus category, role, cost, supplier lead time, minimum
 * order, stock, safety-stock rule, lifecycle, season, decoy flag and
 * promotions. Every added field is optional.
 */
export const planProduct = planProductV1.extend({
  /** A category id of `plan.categories`. */
  category: recordId.optional(),
  /** The product's role; absent means `profit`. */
  role: productRole.optional(),
  /** What a unit costs the shop, in yuan. */
  unitCost: FIELDS['product.unitCost'].validator.optional(),
  /** Supplier lead time in supplier working days (春节 and 调休 count). */
  leadDays: FIELDS['product.leadDays'].validator.optional(),
  /** Minimum order quantity in units. */
  moq: FIELDS['product.moq'].validator.optional(),
  /** Units on hand at the start of the plan. */
  stock: FIELDS['product.stock'].validator.optional(),
  /** Chance of not running out in a week: gives z of the safety stock. */
  serviceLevel: FIELDS['product.serviceLevel'].validator.optional(),
  /** Weekly demand variability, σ / mean. */
  demandCv: FIELDS['product.demandCv'].validator.optional(),
  lifecycle: lifecycle.optional(),
  season: season.optional(),
  /** 烟幕弹套餐: shown on the page, carries no GMV (weight 0). */
  decoy: z.boolean().optional(),
  /** The activities this product joins, first match wins in a week. */
  promotions: z.array(productPromotion).optional(),
});

/**
 * A role's weight and elasticity as the plan overrides them; either may be
 * left out (it keeps ROLE_DEFAULTS), so one edited number is a valid plan.
 */
const roleSetting = z.strictObject({
  weight: FIELDS['productSettings.roles.profit.weight'].validator.optional(),
  elasticity: FIELDS['productSettings.roles.profit.elasticity'].validator.optional(),
});

/**
 * Plan-wide product settings: the shop's price ending, the planning date,
 * and overrides of the role and stage defaults (ROLE_DEFAULTS,
 * STAGE_DEFAULTS); anything left out keeps its default.
 */
export const productSettings = z.strictObject({
  /** Promotional prices end in this digit; `null` keeps the mechanic's price unrounded. */
  priceEnding: z.union([z.literal(9), z.literal(8), z.literal(5), z.null()]).optional(),
  /** The date orders are placed from; an order-by date before it is already past. */
  asOf: isoDate.optional(),
  roles: z.strictObject(Object.fromEntries(PRODUCT_ROLES.map((r) => [r, roleSetting.optional()])) as Record<(typeof PRODUCT_ROLES)[number], z.ZodOptional<typeof roleSetting>>).optional(),
  stages: z.strictObject(Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, FIELDS['productSettings.stages.maturity'].validator.optional()])) as Record<(typeof LIFECYCLE_STAGES)[number], z.ZodOptional<z.ZodNumber>>).optional(),
});
/** The plan's product settings. */
export type ProductSettings = z.infer<typeof productSettings>;
