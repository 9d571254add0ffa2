import type { LocalizedText } from '@shopplan/schema';

/**
 * Texts of the workbook that are not in the engine's spec (the spec carries
 * English labels in its text cells; the column headers carry both languages).
 */
export const TEXT = {
  total: { zh: '合计', en: 'Total' },
  unit: { zh: '单位', en: 'Unit' },
  source: { zh: '来源', en: 'Source' },
  planDocument: { zh: '计划文件', en: 'plan document' },
  unitOf: {
    rate: { zh: '%（比率）', en: '% (rate)' },
    money: { zh: '¥（元）', en: '¥ (yuan)' },
    count: { zh: '数量', en: 'count' },
    ratio: { zh: '倍数', en: 'ratio' },
    text: { zh: '文本', en: 'text' },
  },
  cover: { zh: '计划', en: 'Plan' },
  plan: { zh: '计划名称', en: 'Plan' },
  shop: { zh: '店铺', en: 'Shop' },
  period: { zh: '计划周期', en: 'Period' },
  objective: { zh: '计划目标', en: 'Objective' },
  sheets: { zh: '工作表', en: 'Sheets' },
  notes: { zh: '说明', en: 'Notes' },
  howTo: {
    zh: '修改“Assumptions”表中的假设（蓝色数值），其余数值为公式，会自动重算。用 shopplan import 可把修改后的文件读回计划。',
    en: 'Edit the assumptions on the "Assumptions" sheet (the values in blue); every other figure is a formula and recalculates. shopplan import reads the edited file back into a plan.',
  },
  objectiveKind: {
    target: { zh: '目标成交额倒推', en: 'back-calculation from a GMV target' },
    budget: { zh: '按总预算正推', en: 'forward from a budget' },
    channels: { zh: '按各渠道投放正推', en: 'forward from per-channel levers' },
  },
  rateRange: { zh: '比率须在 0% 到 100% 之间', en: 'a rate must be between 0% and 100%' },
  notNegative: { zh: '不能为负数', en: 'must not be negative' },
  invalidValue: { zh: '数值无效', en: 'invalid value' },
} as const satisfies Record<string, unknown>;

/** Chinese labels of the Summary rows, keyed by the English label the engine writes. */
export const SUMMARY_LABELS_ZH: Readonly<Record<string, string>> = {
  'GMV of free channels': '免费渠道成交额',
  'Fixed fees': '固定费用合计',
  'Sum of paid shares': '付费渠道占比合计',
  'GMV the paid channels must bring': '付费渠道需贡献成交额',
  'GMV per paid visitor': '付费访客平均UV价值',
  'Paid visitors needed': '所需付费访客数',
  'Cost per paid visitor': '付费访客平均成本',
  'Paid visitors the budget buys': '预算可买付费访客数',
  'Cost per ¥ of paid GMV': '付费成交单位成本',
  'Paid GMV the budget reaches': '预算可达付费成交额',
};

/** Both languages joined, for messages shown where the reader's language is unknown. */
export function bilingual(text: LocalizedText): string {
  return `${text.zh} / ${text.en}`;
}
