import { z } from 'zod';
import { localizedText } from './localized.ts';

/**
 * Rates are fractions (0.025 is 2.5%). A rate of 0 is allowed where a stage
 * can genuinely be empty; division by a rate is guarded where it matters
 * (CTR and response rate must be positive, see below).
 */
const rate = z.number().min(0).max(1);
const positiveRate = z.number().gt(0).max(1);
const money = z.number().min(0);
const positiveMoney = z.number().gt(0);
/** A paid channel's part of the paid visitors (or paid GMV), as a fraction. */
const share = rate;

/** Free traffic (organic search, recommendation): forecast, not bought. */
const freeCost = z.strictObject({
  model: z.literal('free'),
  /** Visitors expected over the plan's period. */
  forecastVisitors: z.number().min(0),
});

/** Paid search (直通车): spend = clicks × CPC, a click is a visit. */
const cpcCost = z.strictObject({
  model: z.literal('cpc'),
  share,
  cpc: positiveMoney,
});

/** Display (引力魔方/万相台): impressions = clicks / CTR, spend = impressions / 1000 × CPM. */
const cpmCost = z.strictObject({
  model: z.literal('cpm'),
  share,
  cpm: positiveMoney,
  ctr: positiveRate,
});

/** Affiliate (淘宝客): spend = GMV × commission rate. */
const cpsCost = z.strictObject({
  model: z.literal('cps'),
  share,
  commission: rate,
});

/** Live streaming / influencer: a fixed slot fee (坑位费) plus commission on GMV. */
const liveCost = z.strictObject({
  model: z.literal('live'),
  share,
  fixedFee: money,
  commission: rate,
});

/** CRM / private traffic: visitors = messages × response rate, spend = messages × price. */
const crmCost = z.strictObject({
  model: z.literal('crm'),
  share,
  messagePrice: positiveMoney,
  responseRate: positiveRate,
});

/** How a channel turns money into visitors (or does not cost money at all). */
export const costModel = z.discriminatedUnion('model', [freeCost, cpcCost, cpmCost, cpsCost, liveCost, crmCost]);

/** One of the cost models of DOMAIN.md: free, cpc, cpm, cps, live, crm. */
export type CostModel = z.infer<typeof costModel>;
/** The names of the cost models. */
export type CostModelName = CostModel['model'];
/** All cost model names, in the order planners read them. */
export const COST_MODELS: readonly CostModelName[] = ['free', 'cpc', 'cpm', 'cps', 'live', 'crm'];

/**
 * Channel ids become part of spreadsheet names (`search.cvr`), so they are
 * short lowercase identifiers that cannot be mistaken for a cell address.
 */
export const channelId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/)
  .refine((id) => !/^([a-z]{1,3}\d+|r\d*c\d*)$/.test(id), { message: 'looks like a cell address' });

/** A traffic channel with its funnel rates and cost model. */
export const channel = z.strictObject({
  id: channelId,
  name: localizedText,
  /** Visit → order conversion rate (转化率). */
  cvr: rate,
  /** Average order value in yuan (客单价). */
  aov: positiveMoney,
  /** Visit → add-to-cart rate (加购率), optional. */
  addToCartRate: rate.optional(),
  cost: costModel,
});

/** A traffic channel of a plan. */
export type Channel = z.infer<typeof channel>;

/** True when the channel is bought (has a share of the paid traffic). */
export function isPaid(cost: CostModel): cost is Exclude<CostModel, { model: 'free' }> {
  return cost.model !== 'free';
}

/** True when the channel's spend follows its GMV (commission), so its lever is visitors, not spend. */
export function isCommissionChannel(cost: CostModel): boolean {
  return cost.model === 'cps' || cost.model === 'live';
}
