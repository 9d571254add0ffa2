import type { BilingualMessage } from '../number/index.ts';

/** One channel's (or the total's) funnel; a stage a channel does not have is null or absent. */
export interface FunnelData {
  id: string;
  /** Name shown above the funnel, already in the interface language. */
  label: string;
  impressions?: number | null;
  clicks?: number | null;
  visitors: number;
  addToCart?: number | null;
  orders: number;
}

/** A stage of the shopping funnel (DOMAIN.md §4). */
export type FunnelStageKey = 'impressions' | 'clicks' | 'visitors' | 'addToCart' | 'orders';

/** Stage names planners use. */
export const FUNNEL_STAGE_NAMES: Record<FunnelStageKey, BilingualMessage> = {
  impressions: { zh: '曝光', en: 'Impressions' },
  clicks: { zh: '点击', en: 'Clicks' },
  visitors: { zh: '访客', en: 'Visitors' },
  addToCart: { zh: '加购', en: 'Add-to-cart' },
  orders: { zh: '下单', en: 'Orders' },
};

/** The rate that leads into a stage from the one before it. */
const STEP_RATE_NAMES: Record<FunnelStageKey, BilingualMessage> = {
  impressions: { zh: '', en: '' },
  clicks: { zh: '点击率', en: 'CTR' },
  visitors: { zh: '到访率', en: 'visit rate' },
  addToCart: { zh: '加购率', en: 'add-to-cart rate' },
  orders: { zh: '转化率', en: 'conversion' },
};

/** A stage as drawn: its value and the rate from the previous stage shown. */
export interface FunnelStage {
  key: FunnelStageKey;
  name: BilingualMessage;
  value: number;
  /** value / previous stage's value; null for the first stage. */
  stepRate: number | null;
  stepRateName: BilingualMessage;
  /** value / visitors for stages after the visit (CVR and add-to-cart rate are per visitor, as planners quote them). */
  perVisitor: number | null;
}

/**
 * The stages a funnel has, top to bottom, with the rate between each pair.
 * Stages that are null, negative or not finite are left out (organic traffic
 * has no bought impressions or clicks).
 * @example funnelStages({ id: 't', label: 'total', visitors: 1000, orders: 25 }).map((s) => s.stepRate) // [null, 0.025]
 */
export function funnelStages(data: FunnelData): FunnelStage[] {
  const keys: FunnelStageKey[] = ['impressions', 'clicks', 'visitors', 'addToCart', 'orders'];
  const out: FunnelStage[] = [];
  for (const key of keys) {
    const value = data[key];
    if (value === null || value === undefined || !Number.isFinite(value) || value < 0) continue;
    const prev = out[out.length - 1];
    const stepRate = prev && prev.value > 0 ? value / prev.value : null;
    const perVisitor = (key === 'orders' || key === 'addToCart') && data.visitors > 0 ? value / data.visitors : null;
    out.push({ key, name: FUNNEL_STAGE_NAMES[key], value, stepRate, stepRateName: STEP_RATE_NAMES[key], perVisitor });
  }
  return out;
}
