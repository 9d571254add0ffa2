import type { Lang, LocalizedText } from '@shopplan/schema';
import { PAGE_MESSAGES } from './page.ts';
import { BUILDER_MESSAGES } from './builder.ts';
import { PROMOTION_MESSAGES } from './promotions.ts';
import { CALIBRATION_MESSAGES } from './calibration.ts';

/**
 * Every user-facing text of the web app in Chinese and English. Keys read
 * like what the text is for; `t(key, lang)` picks the language.
 */
export const MESSAGES = {
  ...PAGE_MESSAGES,
  ...BUILDER_MESSAGES,
  appTitle: { zh: '电商运营计划', en: 'Operations plan' },
  scenarios: { zh: '方案', en: 'Scenarios' },
  duplicate: { zh: '复制方案', en: 'Duplicate' },
  rename: { zh: '重命名', en: 'Rename' },
  delete: { zh: '删除', en: 'Delete' },
  baseline: { zh: '对比基准', en: 'baseline' },
  setBaseline: { zh: '设为基准', en: 'make baseline' },
  openPlan: { zh: '打开计划文件', en: 'Open plan file' },
  savePlan: { zh: '保存计划 JSON', en: 'Save plan JSON' },
  saveSession: { zh: '保存全部方案', en: 'Save session' },
  exportXlsx: { zh: '导出 xlsx', en: 'Export xlsx' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  viewPlan: { zh: '计划', en: 'Plan' },
  viewCompare: { zh: '方案对比', en: 'Compare' },
  viewCharts: { zh: '图表', en: 'Charts' },
  viewCalendar: { zh: '商品日历', en: 'Product calendar' },
  viewPromotions: { zh: '促销日历', en: 'Promotion calendar' },
  viewCalibration: { zh: '历史校准', en: 'Calibration' },
  comingSoon: { zh: '此视图将在后续版本中加入。', en: 'This view arrives with a later capability.' },
  objective: { zh: '计划目标', en: 'Objective' },
  assumptions: { zh: '假设（可编辑）', en: 'Assumptions (editable)' },
  results: { zh: '推算结果（只读，双击查看公式）', en: 'Results (read-only; double-click for the formula)' },
  channel: { zh: '渠道', en: 'Channel' },
  costModel: { zh: '成本模型', en: 'Cost model' },
  total: { zh: '合计', en: 'Total' },
  formula: { zh: '公式', en: 'Formula' },
  close: { zh: '关闭', en: 'Close' },
  loading: { zh: '正在计算…', en: 'Computing…' },
  loadingPage: { zh: '正在载入…', en: 'Loading…' },
  viewLoadFailed: { zh: '这一页的程序没有载入（可能网络中断，或应用已更新）。已输入的内容都已保存。', en: 'This view could not be loaded (the network dropped, or the app was updated). Everything you typed is saved.' },
  reloadPage: { zh: '重新载入页面', en: 'Reload the page' },
  totalGmv: { zh: '总成交额', en: 'Total GMV' },
  totalSpend: { zh: '总花费', en: 'Total spend' },
  totalRoi: { zh: '投产比', en: 'ROI' },
  totalOrders: { zh: '订单数', en: 'Orders' },
  totalVisitors: { zh: '访客数', en: 'Visitors' },
  metric: { zh: '指标', en: 'Metric' },
  difference: { zh: '差异', en: 'Difference' },
  planIssues: { zh: '计划问题', en: 'Plan issues' },
  fileErrors: { zh: '文件无法打开，当前方案未改变：', en: 'The file could not be opened; nothing was replaced:' },
  notApplicable: { zh: '该渠道的成本模型没有这一项', en: 'this channel’s cost model has no such field' },
  pendingEntries: { zh: '未生效的输入（保留上次有效值）', en: 'Entries not in force (last good value kept)' },
  questions: { zh: '规划问题', en: 'Questions' },
  goalSeek: { zh: '单变量求解 → 新方案', en: 'Goal seek → new scenario' },
  allocate: { zh: '预算分配 → 新方案', en: 'Allocate budget → new scenario' },
  risk: { zh: '风险分布', en: 'Risk distribution' },
  notYetAvailable: { zh: '引擎尚未提供此功能', en: 'not yet provided by the engine' },
  funnel: { zh: '渠道漏斗', en: 'Channel funnel' },
  responseCurve: { zh: '花费 → 成交额 响应曲线', en: 'Spend → GMV response curve' },
  scenarioChart: { zh: '方案对比', en: 'Scenario comparison' },
  newScenarioName: { zh: '新方案名称', en: 'Name of the new scenario' },
  confirmDelete: { zh: '删除此方案？', en: 'Delete this scenario?' },
  saved: { zh: '已自动保存到浏览器', en: 'Saved in this browser' },
  notSaved: { zh: '未能保存到浏览器', en: 'Not saved in this browser' },
  readOnly: { zh: '只读（另一个标签页正在编辑）', en: 'Read-only (another tab is editing)' },
  products: { zh: '商品', en: 'Products' },
  noCalendar: { zh: '此计划没有商品和周节奏（products / weeks）。', en: 'This plan has no products and weeks.' },
  ...PROMOTION_MESSAGES,
  ...CALIBRATION_MESSAGES,
} as const satisfies Record<string, LocalizedText>;

/** A key of MESSAGES. */
export type MessageKey = keyof typeof MESSAGES;

/**
 * The text of a message in a language.
 * @example t('undo', 'en') // 'Undo'
 */
export function t(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}

/** Suggested names when a planner duplicates a scenario: 保守 / 基准 / 激进 first. */
export const SCENARIO_NAME_SUGGESTIONS: readonly LocalizedText[] = [
  { zh: '保守', en: 'Conservative' },
  { zh: '基准', en: 'Base' },
  { zh: '激进', en: 'Aggressive' },
];
