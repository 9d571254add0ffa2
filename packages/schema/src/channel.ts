import { z } from 'zod';
import { localizedText } from './localized.ts';
import { COST_MODEL_NAMES, FIELDS } from './plan-fields.ts';

/**
 * Rates are fractions (0.025 is 2.5%). A rate of 0 is allowed where a stage
 * can genuinely be empty; division by a rate is guarded where it matters
 * (CTR and response rate must be positive, see below).
 */
// Every number's validator comes from the field registry (plan-fields.ts),
// so the schema, the engine's field checks and the messages share one range.
/** A paid channel's part of the paid visitors (or paid GMV), as a fraction. */
const share = FIELDS['channel.share'].validator;

/** Free traffic (organic search, recommendation): forecast, not bought. */
const freeCost = z.strictObject({
  model: z.literal('free'),
  /** Visitors expected over the plan's period. */
  forecastVisitors: FIELDS['channel.forecastVisitors'].validator,
});

/** Paid search (直通车): spend = clicks × CPC, a click is a visit. */
const cpcCost = z.strictObject({
  model: z.literal('cpc'),
  share,
  cpc: FIELDS['channel.cpc'].validator,
});

/** Display (引力魔方/万相台): impressions = clicks / CTR, spend = impressions / 1000 × CPM. */
const cpmCost = z.strictObject({
  model: z.literal('cpm'),
  share,
  cpm: FIELDS['channel.cpm'].validator,
  ctr: FIELDS['channel.ctr'].validator,
});

/** Affiliate (淘宝客): spend = GMV × commission rate. */
const cpsCost = z.strictObject({
  model: z.literal('cps'),
  share,
  commission: FIELDS['channel.commission'].validator,
});

/** Live streaming / influencer: a fixed slot fee (坑位费) plus commission on GMV. */
const liveCost = z.strictObject({
  model: z.literal('live'),
  share,
  fixedFee: FIELDS['channel.fixedFee'].validator,
  commission: FIELDS['channel.commission'].validator,
});

/** CRM / private traffic: visitors = messages × response rate, spend = messages × price. */
const crmCost = z.strictObject({
  model: z.literal('crm'),
  share,
  messagePrice: FIELDS['channel.messagePrice'].validator,
  responseRate: FIELDS['channel.responseRate'].validator,
});

/** How a channel turns money into visitors (or does not cost money at all). */
export const costModel = z.discriminatedUnion('model', [freeCost, cpcCost, cpmCost, cpsCost, liveCost, crmCost]);

/** One of the cost models of DOMAIN.md: free, cpc, cpm, cps, live, crm. */
export type CostModel = z.infer<typeof costModel>;
/** The names of the cost models. */
export type CostModelName = CostModel['model'];
/** All cost model names, in the order planners read them. */
export const COST_MODELS: readonly CostModelName[] = COST_MODEL_NAMES;

/**
 * Channel ids become part of spreadsheet names (`search.cvr`), so they are
 * short lowercase identifiers that cannot be mistaken for a cell address.
 */
export const channelId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/)
  .refine((id) => !/^([a-z]{1,3}\d+|r\d*c\d*)$/.test(id), { message: 'looks like a cell address', params: { code: 'id_looks_like_cell' } });

/** A traffic channel as plan v1 wrote it (no curve, bounds, margin or range). */
export const channelV1 = z.strictObject({
  id: channelId,
  name: localizedText,
  cvr: FIELDS['channel.cvr'].validator,
  aov: FIELDS['channel.aov'].validator,
  addToCartRate: FIELDS['channel.addToCartRate'].validator.optional(),
  cost: costModel,
});

/**
 * A saturating response curve (Hill curve, as in marketing-mix tools):
 * visitors(spend) = β · spendᵅ / (spendᵅ + κᵅ). β is the most visitors the
 * channel can ever bring, κ the spend at which it brings half of them, α the
 * shape (α ≤ 1: every extra yuan buys fewer visitors; α > 1: S-shaped).
 * With a curve the channel's spend comes from the curve, not from its CPC/CPM.
 * Plan v2.
 */
export const responseCurve = z.strictObject({
  curve: z.literal('hill'),
  /** What the curve turns spend into. Only visitors in plan v2. */
  maps: z.literal('visitors').default('visitors'),
  /** β: the ceiling of visitors (饱和上限). */
  beta: FIELDS['channel.beta'].validator,
  /** α: the shape (形状). */
  alpha: FIELDS['channel.alpha'].validator,
  /** κ: the half-saturation spend in yuan (半饱和花费). */
  kappa: FIELDS['channel.kappa'].validator,
});

/** A channel's Hill response curve. */
export type ResponseCurve = z.infer<typeof responseCurve>;

/** Per-channel spend bounds for budget allocation (yuan). Plan v2. */
export const spendBounds = z.strictObject({
  min: FIELDS['channel.boundsMin'].validator.default(0),
  max: FIELDS['channel.boundsMax'].validator.optional(),
});

/** A channel's spend bounds. */
export type SpendBounds = z.infer<typeof spendBounds>;

/** A traffic channel with its funnel rates and cost model. */
export const channel = z.strictObject({
  id: channelId,
  name: localizedText,
  /** Visit → order conversion rate (转化率). */
  cvr: FIELDS['channel.cvr'].validator,
  /** Average order value in yuan (客单价). */
  aov: FIELDS['channel.aov'].validator,
  /** Visit → add-to-cart rate (加购率), optional. */
  addToCartRate: FIELDS['channel.addToCartRate'].validator.optional(),
  cost: costModel,
  /** Saturating response of spend (plan v2); without one the channel is linear. */
  response: responseCurve.optional(),
  /** Spend bounds the allocator must keep (plan v2). */
  bounds: spendBounds.optional(),
  /** Gross margin (毛利率) on GMV, as a fraction (plan v2). */
  margin: FIELDS['channel.margin'].validator.optional(),
  /** Refund rate (退款率) on GMV, as a fraction below 1 (plan v2). */
  refundRate: FIELDS['channel.refundRate'].validator.optional(),
  /** No history yet (新渠道/未测试): its rates get a wide default range in risk (plan v2). */
  untested: z.boolean().optional(),
});

/** A traffic channel of a plan. */
export type Channel = z.infer<typeof channel>;

/** True when the channel buys visitors with spend (cpc, cpm, crm): its lever is spend. */
export function isSpendBought(cost: CostModel): boolean {
  return cost.model === 'cpc' || cost.model === 'cpm' || cost.model === 'crm';
}

/** True when the channel is bought (has a share of the paid traffic). */
export function isPaid(cost: CostModel): cost is Exclude<CostModel, { model: 'free' }> {
  return cost.model !== 'free';
}

/** True when the channel's spend follows its GMV (commission), so its lever is visitors, not spend. */
export function isCommissionChannel(cost: CostModel): boolean {
  return cost.model === 'cps' || cost.model === 'live';
}
