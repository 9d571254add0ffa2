import type { LocalizedText } from './localized.ts';
import { CALENDAR_FIELD_LABELS, CALENDAR_RATE_FIELDS } from './calendar-fields.ts';
import { fieldAtLocation, PLAN_FIELDS } from './plan-fields.ts';
import { PRODUCT_FIELD_LABELS, productKeyLabel } from './product-fields.ts';

/**
 * Labels of the document's structural keys (not numbers a planner sets):
 * lists, records, settings. The numeric fields' labels live in the registry
 * (`FIELDS`); this table only names what surrounds them.
 */
const STRUCTURE_LABELS: Readonly<Record<string, LocalizedText>> = {
  version: { zh: '版本', en: 'version' },
  id: { zh: '编号', en: 'id' },
  name: { zh: '名称', en: 'name' },
  shop: { zh: '店铺', en: 'shop' },
  period: { zh: '计划周期', en: 'period' },
  start: { zh: '开始日期', en: 'start date' },
  end: { zh: '结束日期', en: 'end date' },
  objective: { zh: '计划目标', en: 'objective' },
  kind: { zh: '目标类型', en: 'objective kind' },
  spend: { zh: '预算', en: 'spend' },
  channels: { zh: '渠道', en: 'channels' },
  cost: { zh: '成本模型', en: 'cost model' },
  model: { zh: '成本模型', en: 'cost model' },
  paidSplit: { zh: '付费拆分方式', en: 'paid split' },
  weeks: { zh: '周节奏', en: 'weeks' },
  weight: { zh: '权重', en: 'weight' },
  products: { zh: '商品', en: 'products' },
  currency: { zh: '币种', en: 'currency' },
  response: { zh: '响应曲线', en: 'response curve' },
  curve: { zh: '曲线类型', en: 'curve type' },
  maps: { zh: '曲线产出', en: 'what the curve maps to' },
  bounds: { zh: '花费上下限', en: 'spend bounds' },
  untested: { zh: '未测试渠道', en: 'untested channel' },
  uncertainty: { zh: '不确定范围', en: 'uncertainty' },
  low: { zh: '低值', en: 'low' },
  high: { zh: '高值', en: 'high' },
  allocation: { zh: '分配约束', en: 'allocation floors' },
  breakevenRoi: { zh: '保本投产比下限', en: 'breakeven ROI floor' },
  minTotalRoi: { zh: '最低总投产比', en: 'minimum total ROI' },
  budget: { zh: '总预算', en: 'total budget' },
  // a planning session's keys
  scenarios: { zh: '方案', en: 'scenarios' },
  activeScenarioId: { zh: '当前方案', en: 'active scenario' },
  baselineScenarioId: { zh: '基准方案', en: 'baseline scenario' },
  origin: { zh: '来源', en: 'origin' },
  plan: { zh: '计划', en: 'plan' },
  // plan v3's calendar keys (activities, resources, phasing settings)
  ...CALENDAR_FIELD_LABELS,
};

function registryLabels(): Record<string, LocalizedText> {
  const out: Record<string, LocalizedText> = {};
  // the first field of a name wins: `share` reads as a channel's share of traffic
  for (const f of PLAN_FIELDS) out[f.field] ??= f.label;
  return out;
}

/**
 * Planner-facing names of the plan document's keys, keyed by the last key of
 * a path: the registry's field labels plus the structural keys. Where one name
 * means several fields (a channel's and a product's `share`) prefer
 * `fieldLabel` with the whole path.
 */
export const FIELD_LABELS: Readonly<Record<string, LocalizedText>> = { ...registryLabels(), ...PRODUCT_FIELD_LABELS, ...STRUCTURE_LABELS };

/** Field names that hold a rate (a fraction shown as a percentage), from the registry. */
export const RATE_FIELDS: ReadonlySet<string> = new Set([...PLAN_FIELDS.filter((f) => f.unit === 'rate').map((f) => f.field), ...CALENDAR_RATE_FIELDS]);

/** Field names that hold money in yuan, from the registry. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set([...PLAN_FIELDS.filter((f) => f.unit === 'money').map((f) => f.field), 'budget']);

/**
 * The label of the field a path names: the registry's field at that
 * location, else the label of the last key, else the key itself.
 * @example fieldLabel(['channels', 0, 'cvr']) // { zh: '转化率', en: 'conversion rate' }
 */
export function fieldLabel(path: readonly PropertyKey[]): LocalizedText {
  const registered = fieldAtLocation(path);
  if (registered) return registered.label;
  const product = productKeyLabel(path);
  if (product) return product;
  const last = [...path].reverse().find((key) => typeof key === 'string');
  const key = typeof last === 'string' ? last : '';
  return FIELD_LABELS[key] ?? { zh: key || '计划', en: key || 'plan' };
}
