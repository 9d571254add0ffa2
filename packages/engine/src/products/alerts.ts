import type { LocalizedText } from '@shopplan/schema';

/**
 * The alerts of the product plan (design of issue 12): what a merchant acts
 * on. Each names a product and the week (its start date) it is about.
 */

/** Alert codes, as the `reorders --json` shape and the page name them. */
export const ALERT_CODES = ['orderByPast', 'stockOut', 'stockOutInPeak', 'promoInDecline', 'promoBelowCost', 'outOfSeason'] as const;

/** An alert code. */
export type AlertCode = (typeof ALERT_CODES)[number];

/** One alert: product id, code, the week's start date, and what it means in zh and en. */
export interface ProductAlert {
  product: string;
  code: AlertCode;
  week: string;
  message: LocalizedText;
}

const yuan = (x: number): string => `¥${x.toFixed(2)}`;
const count = (x: number): string => (Math.round(x * 100) / 100).toString();

/**
 * An alert whose message is written when first read. A price edit of a
 * 10,000-product plan computes every product's alerts again (~8,000 of
 * them), and a page lists 300: writing both languages' sentences for all
 * was half the cost of the totals a page asks for after each edit. The
 * message is an own, enumerable property (a getter), so JSON and a
 * worker's message (structured clone) carry it like any other.
 */
function alertOf(product: string, code: AlertCode, week: string, write: () => LocalizedText): ProductAlert {
  let message: LocalizedText | undefined;
  return {
    product, code, week,
    get message(): LocalizedText {
      message ??= write();
      return message;
    },
  };
}

/**
 * An order the stock needs in `week` whose order-by date `orderBy` is
 * already before `asOf`: it cannot arrive before `arrival` (asOf + lead
 * time), so the projection takes it at the first week it can arrive.
 */
export function orderByPastAlert(product: string, week: string, orderBy: string, asOf: string, leadDays: number): ProductAlert {
  return alertOf(product, 'orderByPast', week, () => ({
    zh: `商品 ${product} 在 ${week} 这一周需要补货，最晚下单日 ${orderBy} 早于 ${asOf}（供应商交期 ${leadDays} 个工作日），现在下单赶不上`,
    en: `product ${product} needs stock in the week of ${week}, but its order-by date ${orderBy} is before ${asOf} (supplier lead time ${leadDays} working days): an order now arrives too late`,
  }));
}

/**
 * Projected stock below zero from `week` on for `weeks` weeks (the first
 * week of a run of short weeks; `inPeak` when one of them is an activity's
 * peak week: the stock-out hits a promotion).
 */
export function stockOutAlert(product: string, week: string, weeks: number, shortUnits: number, inPeak: boolean): ProductAlert {
  return alertOf(product, inPeak ? 'stockOutInPeak' : 'stockOut', week, () => {
    const span = weeks > 1 ? { zh: `起连续 ${weeks} 周`, en: ` for ${weeks} weeks` } : { zh: '这一周', en: '' };
    return inPeak
      ? {
        zh: `商品 ${product} 在 ${week} ${span.zh}缺货（最多缺 ${count(shortUnits)} 件），正值活动高峰`,
        en: `product ${product} runs out of stock in the week of ${week}${span.en} (up to ${count(shortUnits)} units short), during a promotion's peak`,
      }
      : {
        zh: `商品 ${product} 在 ${week} ${span.zh}缺货（最多缺 ${count(shortUnits)} 件）`,
        en: `product ${product} runs out of stock in the week of ${week}${span.en} (up to ${count(shortUnits)} units short)`,
      };
  });
}

/** A product on promotion (activity) in a week of its decline stage. */
export function promoInDeclineAlert(product: string, week: string, activity: string): ProductAlert {
  return alertOf(product, 'promoInDecline', week, () => ({
    zh: `商品 ${product} 在 ${week} 这一周处于衰退期，却参加活动 ${activity}`,
    en: `product ${product} is in its decline stage in the week of ${week} but joins activity ${activity}`,
  }));
}

/** A promo price under the product's unit cost. */
export function promoBelowCostAlert(product: string, week: string, activity: string, promoPrice: number, unitCost: number): ProductAlert {
  return alertOf(product, 'promoBelowCost', week, () => ({
    zh: `商品 ${product} 在活动 ${activity}（${week} 这一周）的促销价 ${yuan(promoPrice)} 低于单位成本 ${yuan(unitCost)}`,
    en: `the promo price ${yuan(promoPrice)} of product ${product} in activity ${activity} (week of ${week}) is below its unit cost ${yuan(unitCost)}`,
  }));
}

/** A seasonal product's promotion whose peak falls in a week outside its season. */
export function outOfSeasonAlert(product: string, week: string, activity: string, season: { start: string; end: string }): ProductAlert {
  return alertOf(product, 'outOfSeason', week, () => ({
    zh: `商品 ${product} 的活动 ${activity} 高峰在 ${week} 这一周，不在它的销售季（${season.start} 至 ${season.end}）内`,
    en: `activity ${activity} of product ${product} peaks in the week of ${week}, outside the product's season (${season.start} to ${season.end})`,
  }));
}
