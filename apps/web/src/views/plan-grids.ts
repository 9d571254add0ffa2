import type { PlanResult } from '@shopplan/engine';
import { FIELD_LABELS, isCommissionChannel, isPaid, type Lang, type Plan } from '@shopplan/schema';
import type { GridColumn, GridRow } from '../grid/index.ts';
import type { PendingEntry } from '../session/session-store.ts';
import type { CellFormula } from '../worker/protocol.ts';
import { readPlanValue } from '../session/plan-edit.ts';

type Unit = GridColumn['unit'];

const COST_MODEL_LABELS: Record<string, { zh: string; en: string }> = {
  free: { zh: '免费', en: 'free' },
  cpc: { zh: '按点击 CPC', en: 'CPC' },
  cpm: { zh: '按展现 CPM', en: 'CPM' },
  cps: { zh: '按成交佣金', en: 'commission' },
  live: { zh: '坑位费+佣金', en: 'fee + commission' },
  crm: { zh: '按触达条数', en: 'per message' },
};

/** Channel assumption columns: field, unit, and the plan path of a channel's cell. */
const ASSUMPTION_FIELDS: Array<{ id: string; unit: Unit; path(channelId: string): string; label?: { zh: string; en: string } }> = [
  { id: 'cvr', unit: 'rate', path: (c) => `channels.${c}.cvr` },
  { id: 'aov', unit: 'money', path: (c) => `channels.${c}.aov` },
  { id: 'addToCartRate', unit: 'rate', path: (c) => `channels.${c}.addToCartRate` },
  { id: 'share', unit: 'rate', path: (c) => `channels.${c}.share` },
  { id: 'forecastVisitors', unit: 'count', path: (c) => `channels.${c}.forecastVisitors` },
  { id: 'cpc', unit: 'money', path: (c) => `channels.${c}.cpc` },
  { id: 'cpm', unit: 'money', path: (c) => `channels.${c}.cpm` },
  { id: 'ctr', unit: 'rate', path: (c) => `channels.${c}.ctr` },
  { id: 'commission', unit: 'rate', path: (c) => `channels.${c}.commission` },
  { id: 'fixedFee', unit: 'money', path: (c) => `channels.${c}.fixedFee` },
  { id: 'messagePrice', unit: 'money', path: (c) => `channels.${c}.messagePrice` },
  { id: 'responseRate', unit: 'rate', path: (c) => `channels.${c}.responseRate` },
  { id: 'margin', unit: 'rate', path: (c) => `channels.${c}.margin` },
  { id: 'refundRate', unit: 'rate', path: (c) => `channels.${c}.refundRate` },
  { id: 'beta', unit: 'count', path: (c) => `channels.${c}.beta` },
  { id: 'alpha', unit: 'ratio', path: (c) => `channels.${c}.alpha` },
  { id: 'kappa', unit: 'money', path: (c) => `channels.${c}.kappa` },
  { id: 'leverSpend', unit: 'money', path: (c) => `objective.spend.${c}`, label: { zh: '投放花费', en: 'Spend lever' } },
  { id: 'leverVisitors', unit: 'count', path: (c) => `objective.visitors.${c}`, label: { zh: '投放访客数', en: 'Visitor lever' } },
];

/** The grid id of the channel assumptions grid. */
export const ASSUMPTIONS_GRID = 'assumptions';
/** The grid id of the plan objective grid. */
export const OBJECTIVE_GRID = 'objective';

/**
 * The plan path a cell of the assumptions or objective grid edits; undefined
 * where the channel's cost model has no such field (organic has no CPC).
 */
export function cellPath(grid: string, plan: Plan, rowId: string, colId: string): string | undefined {
  if (grid === OBJECTIVE_GRID) return colId === 'value' ? rowId : undefined;
  const field = ASSUMPTION_FIELDS.find((f) => f.id === colId);
  if (!field) return undefined;
  const path = field.path(rowId);
  return readPlanValue(plan, path) === undefined ? undefined : path;
}

/** The unit of a column of the assumptions grid, or of an objective path. */
export function unitOf(grid: string, rowId: string, colId: string): Unit {
  if (grid === OBJECTIVE_GRID) return rowId.startsWith('objective.visitors') ? 'count' : 'money';
  return ASSUMPTION_FIELDS.find((f) => f.id === colId)?.unit ?? 'count';
}

function pendingCell(value: number | null, entry: PendingEntry | undefined): GridRow['cells'][string] {
  return entry ? { value, error: entry.message } : { value };
}

/** Columns and rows of the channel assumptions grid: one row per channel, only the fields some channel has. */
export function assumptionGrid(plan: Plan, pending: Record<string, PendingEntry> | undefined, lang: Lang): { columns: GridColumn[]; rows: GridRow[] } {
  const used = ASSUMPTION_FIELDS.filter((f) => plan.channels.some((c) => readPlanValue(plan, f.path(c.id)) !== undefined));
  const columns: GridColumn[] = [
    { id: 'name', header: lang === 'zh' ? '渠道' : 'Channel', unit: 'text', editable: false, width: 130, pinned: 'left' },
    { id: 'model', header: lang === 'zh' ? '成本模型' : 'Cost model', unit: 'text', editable: false, width: 110 },
    ...used.map((f): GridColumn => ({ id: f.id, header: (f.label ?? FIELD_LABELS[f.id] ?? { zh: f.id, en: f.id })[lang], unit: f.unit, editable: true, width: 120 })),
  ];
  const rows: GridRow[] = plan.channels.map((ch) => {
    const cells: GridRow['cells'] = {
      name: { value: ch.name[lang] },
      model: { value: (COST_MODEL_LABELS[ch.cost.model] ?? { zh: ch.cost.model, en: ch.cost.model })[lang] },
    };
    for (const f of used) {
      const path = f.path(ch.id);
      const value = readPlanValue(plan, path);
      // A field this channel's cost model does not have is read-only, not an empty input.
      cells[f.id] = value === undefined ? { value: null, readOnly: true } : pendingCell(value, pending?.[path]);
    }
    return { id: ch.id, cells };
  });
  return { columns, rows };
}

/** The plan-level objective as a small grid: target GMV or total budget. */
export function objectiveGrid(plan: Plan, pending: Record<string, PendingEntry> | undefined, lang: Lang): { columns: GridColumn[]; rows: GridRow[] } {
  const columns: GridColumn[] = [
    { id: 'label', header: lang === 'zh' ? '计划目标' : 'Objective', unit: 'text', editable: false, width: 200, pinned: 'left' },
    { id: 'value', header: lang === 'zh' ? '数值' : 'Value', unit: 'money', editable: true, width: 160 },
  ];
  const o = plan.objective;
  const rows: GridRow[] = [];
  if (o.kind === 'target') rows.push({ id: 'objective.gmv', cells: { label: { value: lang === 'zh' ? '目标成交额（倒推预算）' : 'Target GMV (back-calculate spend)' }, value: pendingCell(o.gmv, pending?.['objective.gmv']) } });
  if (o.kind === 'budget') rows.push({ id: 'objective.spend', cells: { label: { value: lang === 'zh' ? '总预算（推算可达成交额）' : 'Total budget (reachable GMV)' }, value: pendingCell(o.spend, pending?.['objective.spend']) } });
  return { columns, rows };
}

const RESULT_COLUMNS: Array<{ id: 'visitors' | 'clicks' | 'impressions' | 'orders' | 'gmv' | 'spend' | 'roi' | 'costPerOrder' | 'visitorValue'; unit: Unit; label: { zh: string; en: string } }> = [
  { id: 'visitors', unit: 'count', label: { zh: '访客数', en: 'Visitors' } },
  { id: 'clicks', unit: 'count', label: { zh: '点击量', en: 'Clicks' } },
  { id: 'impressions', unit: 'count', label: { zh: '展现量', en: 'Impressions' } },
  { id: 'orders', unit: 'count', label: { zh: '订单数', en: 'Orders' } },
  { id: 'gmv', unit: 'money', label: { zh: '成交额', en: 'GMV' } },
  { id: 'spend', unit: 'money', label: { zh: '花费', en: 'Spend' } },
  { id: 'roi', unit: 'ratio', label: { zh: '投产比', en: 'ROI' } },
  { id: 'costPerOrder', unit: 'money', label: { zh: '单笔订单成本', en: 'Cost per order' } },
  { id: 'visitorValue', unit: 'money', label: { zh: 'UV价值', en: 'Visitor value' } },
];

/** The read-only results grid: derived figures per channel and the total, each with its formula. */
export function resultGrid(plan: Plan, result: PlanResult | undefined, formulas: Record<string, CellFormula>, lang: Lang, totalExtra?: { costPerOrder: number | null; visitorValue: number | null }): { columns: GridColumn[]; rows: GridRow[] } {
  const columns: GridColumn[] = [
    { id: 'name', header: lang === 'zh' ? '渠道' : 'Channel', unit: 'text', editable: false, width: 130, pinned: 'left' },
    ...RESULT_COLUMNS.map((c): GridColumn => ({ id: c.id, header: c.label[lang], unit: c.unit, editable: false, width: c.unit === 'ratio' ? 90 : 130 })),
  ];
  if (!result) return { columns, rows: [] };
  const names = new Map(plan.channels.map((c) => [c.id, c.name[lang]]));
  const rows: GridRow[] = result.channels.map((r) => {
    const cells: GridRow['cells'] = { name: { value: names.get(r.id) ?? r.id } };
    for (const c of RESULT_COLUMNS) {
      const f = formulas[`${r.id}|${c.id}`];
      cells[c.id] = f ? { value: r[c.id], formula: f.readable[lang] } : { value: r[c.id] };
    }
    return { id: r.id, cells };
  });
  const total: GridRow['cells'] = { name: { value: lang === 'zh' ? '合计' : 'Total' } };
  for (const c of RESULT_COLUMNS) {
    const totals = { ...totalExtra, ...result.total } as Record<string, number | null | undefined>;
    const v = totals[c.id] ?? null;
    const f = formulas[`total|${c.id}`];
    total[c.id] = f && v !== null ? { value: v, formula: f.readable[lang] } : { value: v };
  }
  rows.push({ id: 'total', cells: total });
  return { columns, rows };
}

/** Whether a channel is driven by spend or visitors under a `channels` objective (for labels). */
export function leverOf(plan: Plan, channelId: string): 'spend' | 'visitors' | undefined {
  const ch = plan.channels.find((c) => c.id === channelId);
  if (!ch || !isPaid(ch.cost)) return undefined;
  return isCommissionChannel(ch.cost) ? 'visitors' : 'spend';
}

/**
 * An assumption's place as planners read it: `直通车 · 转化率` rather than
 * `channels.search.cvr` (falls back to the path itself).
 */
export function pathLabel(plan: Plan, path: string, lang: Lang): string {
  const [head, id, field] = path.split('.');
  const label = (key: string | undefined) => (key ? (FIELD_LABELS[key] ?? { zh: key, en: key })[lang] : '');
  if (head === 'channels') return `${plan.channels.find((c) => c.id === id)?.name[lang] ?? id} · ${label(field)}`;
  if (head === 'products') return `${plan.products?.find((p) => p.id === id)?.name[lang] ?? id} · ${label(field)}`;
  if (path === 'objective.gmv') return lang === 'zh' ? '目标成交额' : 'target GMV';
  if (path === 'objective.spend' || path === 'budget') return lang === 'zh' ? '总预算' : 'total budget';
  return path;
}
