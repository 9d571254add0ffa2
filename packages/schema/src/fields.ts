import type { LocalizedText } from './localized.ts';
import { CALENDAR_FIELD_LABELS, CALENDAR_RATE_FIELDS } from './calendar-fields.ts';

/**
 * Planner-facing names of the plan document's fields, keyed by the last key of
 * a path. Used by validation messages, the CLI and the spreadsheet labels.
 */
export const FIELD_LABELS: Readonly<Record<string, LocalizedText>> = {
  version: { zh: '版本', en: 'version' },
  id: { zh: '编号', en: 'id' },
  name: { zh: '名称', en: 'name' },
  shop: { zh: '店铺', en: 'shop' },
  period: { zh: '计划周期', en: 'period' },
  start: { zh: '开始日期', en: 'start date' },
  end: { zh: '结束日期', en: 'end date' },
  objective: { zh: '计划目标', en: 'objective' },
  gmv: { zh: '目标成交额', en: 'target GMV' },
  spend: { zh: '预算', en: 'spend' },
  visitors: { zh: '访客数', en: 'visitors' },
  channels: { zh: '渠道', en: 'channels' },
  cvr: { zh: '转化率', en: 'conversion rate' },
  aov: { zh: '客单价', en: 'average order value' },
  addToCartRate: { zh: '加购率', en: 'add-to-cart rate' },
  cost: { zh: '成本模型', en: 'cost model' },
  model: { zh: '成本模型', en: 'cost model' },
  forecastVisitors: { zh: '预测访客数', en: 'forecast visitors' },
  share: { zh: '流量占比', en: 'share' },
  cpc: { zh: '点击单价', en: 'cost per click' },
  cpm: { zh: '千次展现成本', en: 'cost per mille' },
  ctr: { zh: '点击率', en: 'click-through rate' },
  commission: { zh: '佣金比例', en: 'commission rate' },
  fixedFee: { zh: '坑位费', en: 'fixed fee' },
  messagePrice: { zh: '单条触达成本', en: 'price per message' },
  responseRate: { zh: '响应率', en: 'response rate' },
  paidSplit: { zh: '付费拆分方式', en: 'paid split' },
  weeks: { zh: '周节奏', en: 'weeks' },
  weight: { zh: '权重', en: 'weight' },
  products: { zh: '商品', en: 'products' },
  price: { zh: '售价', en: 'price' },
  currency: { zh: '币种', en: 'currency' },
  response: { zh: '响应曲线', en: 'response curve' },
  curve: { zh: '曲线类型', en: 'curve type' },
  maps: { zh: '曲线产出', en: 'what the curve maps to' },
  beta: { zh: '饱和上限 β', en: 'saturation ceiling β' },
  alpha: { zh: '曲线形状 α', en: 'curve shape α' },
  kappa: { zh: '半饱和花费 κ', en: 'half-saturation spend κ' },
  bounds: { zh: '花费上下限', en: 'spend bounds' },
  min: { zh: '最低花费', en: 'minimum spend' },
  max: { zh: '最高花费', en: 'maximum spend' },
  margin: { zh: '毛利率', en: 'gross margin' },
  refundRate: { zh: '退款率', en: 'refund rate' },
  untested: { zh: '未测试渠道', en: 'untested channel' },
  uncertainty: { zh: '不确定范围', en: 'uncertainty' },
  low: { zh: '低值', en: 'low' },
  high: { zh: '高值', en: 'high' },
  allocation: { zh: '分配约束', en: 'allocation floors' },
  breakevenRoi: { zh: '保本投产比下限', en: 'breakeven ROI floor' },
  minTotalRoi: { zh: '最低总投产比', en: 'minimum total ROI' },
  budget: { zh: '总预算', en: 'total budget' },
  ...CALENDAR_FIELD_LABELS,
};

/** Fields that hold a rate (a fraction shown as a percentage). */
export const RATE_FIELDS: ReadonlySet<string> = new Set([
  'cvr', 'addToCartRate', 'share', 'ctr', 'commission', 'responseRate', 'margin', 'refundRate',
  ...CALENDAR_RATE_FIELDS,
]);

/** Fields that hold money in yuan. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set([
  'aov', 'cpc', 'cpm', 'fixedFee', 'messagePrice', 'price', 'gmv', 'spend', 'kappa', 'min', 'max', 'budget',
]);

/**
 * The label of the field a path ends in, falling back to the key itself.
 * @example fieldLabel(['channels', 0, 'cvr']) // { zh: '转化率', en: 'conversion rate' }
 */
export function fieldLabel(path: readonly PropertyKey[]): LocalizedText {
  const last = [...path].reverse().find((key) => typeof key === 'string');
  const key = typeof last === 'string' ? last : '';
  return FIELD_LABELS[key] ?? { zh: key || '计划', en: key || 'plan' };
}
