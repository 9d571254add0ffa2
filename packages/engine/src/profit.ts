import type { Channel, CostModelName } from '@shopplan/schema';

/**
 * Profit after ad spend (扣除推广费后毛利), the same for every cost model:
 *
 *     profit = GMV × margin × (1 − refund rate) − spend
 *
 * and so the breakeven ROI (保本ROI), the ROI = GMV / spend at which profit
 * is zero: 1 / (margin × (1 − refund rate)). What that means per cost model:
 *
 * - cpc, cpm, crm (spend buys visitors): the channel's ROI must reach
 *   1 / (margin × (1 − refund)); with a response curve, the marginal ROI
 *   falls with spend and the last yuan is worth spending while the marginal
 *   ROI is at or above it.
 * - cps (commission on GMV): ROI = 1 / commission is fixed, so the channel
 *   earns profit exactly when commission < margin × (1 − refund).
 * - live (slot fee + commission): ROI = GMV / (fee + commission × GMV); it
 *   breaks even at GMV = fee / (margin × (1 − refund) − commission), and
 *   never when commission ≥ margin × (1 − refund).
 * - free: no spend, profit = GMV × margin × (1 − refund); no breakeven ROI.
 *
 * In the workbook the Channels sheet holds `profit` and `breakevenRoi`
 * columns with these formulas; figures are read from there.
 */
export const PROFIT_FORMULAS: Readonly<Record<CostModelName, { zh: string; en: string }>> = {
  free: { zh: '毛利 = 成交额 × 毛利率 × (1 − 退款率)；无花费，无保本投产比', en: 'profit = GMV × margin × (1 − refund rate); no spend, no breakeven ROI' },
  cpc: { zh: '保本投产比 = 1 / (毛利率 × (1 − 退款率))', en: 'breakeven ROI = 1 / (margin × (1 − refund rate))' },
  cpm: { zh: '保本投产比 = 1 / (毛利率 × (1 − 退款率))', en: 'breakeven ROI = 1 / (margin × (1 − refund rate))' },
  crm: { zh: '保本投产比 = 1 / (毛利率 × (1 − 退款率))', en: 'breakeven ROI = 1 / (margin × (1 − refund rate))' },
  cps: { zh: '投产比固定为 1 / 佣金；佣金 < 毛利率 × (1 − 退款率) 时盈利', en: 'ROI is fixed at 1 / commission; profitable when commission < margin × (1 − refund rate)' },
  live: { zh: '保本成交额 = 坑位费 / (毛利率 × (1 − 退款率) − 佣金)', en: 'breakeven GMV = fixed fee / (margin × (1 − refund rate) − commission)' },
};

/**
 * A paid channel's breakeven ROI, 1 / (margin × (1 − refund rate)), or null
 * when the channel has no margin or no spend.
 * @example breakevenRoi({ ...channel, margin: 0.5, refundRate: 0.2 }) // 2.5
 */
export function breakevenRoi(ch: Channel): number | null {
  if (ch.margin === undefined || ch.cost.model === 'free') return null;
  return 1 / (ch.margin * (1 - (ch.refundRate ?? 0)));
}
