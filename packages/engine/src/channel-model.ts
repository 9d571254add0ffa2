import { isPaid, isCommissionChannel, listAssumptions, type Channel, type Plan } from '@shopplan/schema';
import { assumptionName } from './names.ts';
import type { CellSpec, ColumnSpec, NameSpec, SheetSpec } from './workbook-spec.ts';

/** Sheet names used in formulas; stable across interface languages. */
export const SHEET = { assumptions: 'Assumptions', channels: 'Channels', summary: 'Summary' } as const;

/** Columns of the Channels sheet, in order. The row of a channel is its index + 1 (row 0 is the header). */
export const CHANNEL_COLUMNS = [
  { key: 'id', header: { zh: '渠道编号', en: 'Channel id' }, format: 'text', width: 12 },
  { key: 'name', header: { zh: '渠道', en: 'Channel' }, format: 'text', width: 18 },
  { key: 'model', header: { zh: '成本模型', en: 'Cost model' }, format: 'text', width: 10 },
  { key: 'share', header: { zh: '流量占比', en: 'Share' }, format: 'rate', width: 10 },
  { key: 'valuePerVisitor', header: { zh: '计划UV价值', en: 'GMV per visitor' }, format: 'money', width: 12 },
  { key: 'costPerVisitor', header: { zh: '单访客成本', en: 'Cost per visitor' }, format: 'money', width: 12 },
  { key: 'costPerGmv', header: { zh: '单位成交成本', en: 'Cost per ¥ GMV' }, format: 'ratio', width: 12 },
  { key: 'fixedFee', header: { zh: '固定费用', en: 'Fixed fee' }, format: 'money', width: 12 },
  { key: 'visitors', header: { zh: '访客数', en: 'Visitors' }, format: 'count', width: 14 },
  { key: 'clicks', header: { zh: '点击量', en: 'Clicks' }, format: 'count', width: 14 },
  { key: 'impressions', header: { zh: '展现量', en: 'Impressions' }, format: 'count', width: 16 },
  { key: 'messages', header: { zh: '触达条数', en: 'Messages' }, format: 'count', width: 14 },
  { key: 'addToCart', header: { zh: '加购数', en: 'Add-to-carts' }, format: 'count', width: 12 },
  { key: 'orders', header: { zh: '订单数', en: 'Orders' }, format: 'count', width: 12 },
  { key: 'gmv', header: { zh: '成交额', en: 'GMV' }, format: 'money', width: 16 },
  { key: 'spend', header: { zh: '花费', en: 'Spend' }, format: 'money', width: 16 },
  { key: 'roi', header: { zh: '投产比', en: 'ROI' }, format: 'ratio', width: 10 },
  { key: 'costPerOrder', header: { zh: '单笔订单成本', en: 'Cost per order' }, format: 'money', width: 12 },
  { key: 'visitorValue', header: { zh: 'UV价值', en: 'Visitor value' }, format: 'money', width: 12 },
  // plan v2: profit after ad spend, the ROI at which it is zero, and the GMV the next yuan brings
  { key: 'profit', header: { zh: '扣除推广费后毛利', en: 'Profit after ads' }, format: 'money', width: 16 },
  { key: 'breakevenRoi', header: { zh: '保本投产比', en: 'Breakeven ROI' }, format: 'ratio', width: 10 },
  { key: 'marginalRoi', header: { zh: '边际投产比', en: 'Marginal ROI' }, format: 'ratio', width: 10 },
] as const satisfies readonly ColumnSpec[];

/** A key of the Channels sheet's columns. */
export type ChannelColumnKey = (typeof CHANNEL_COLUMNS)[number]['key'];

/** Zero-based column index of a Channels column. */
export function channelCol(key: ChannelColumnKey): number {
  return CHANNEL_COLUMNS.findIndex((c) => c.key === key);
}

const L = (key: ChannelColumnKey): string => {
  const i = channelCol(key);
  return String.fromCharCode(65 + i);
};

/** Summary rows: plan-level intermediates, each a named cell. */
interface SummaryRow {
  name: string;
  label: { zh: string; en: string };
  formula: string;
  format: CellSpec['format'];
}

const cell = (content: CellSpec['content'], format: CellSpec['format']): CellSpec => ({ content, format });

/** The formula text of a channel's cost per visitor, by cost model. */
function costPerVisitorFormula(ch: Channel, r: number): string {
  const n = (field: string) => `${ch.id}.${field}`;
  switch (ch.cost.model) {
    case 'free': return '=0';
    case 'cpc': return `=${n('cpc')}`;
    // impressions = clicks / CTR, spend = impressions / 1000 × CPM, a click is a visit
    case 'cpm': return `=${n('cpm')}/1000/${n('ctr')}`;
    // commission on the GMV each visitor brings
    case 'cps':
    case 'live': return `=${L('valuePerVisitor')}${r}*${n('commission')}`;
    // visitors = messages × response rate, spend = messages × price
    case 'crm': return `=${n('messagePrice')}/${n('responseRate')}`;
  }
}

/**
 * The visitors formula of a channel: the one place where the plan's objective
 * (target, budget or per-channel levers) and its paid split enter the model.
 */
function visitorsFormula(plan: Plan, ch: Channel, r: number): string {
  if (!isPaid(ch.cost)) return `=${ch.id}.forecastVisitors`;
  const { objective } = plan;
  if (objective.kind === 'channels') {
    return isCommissionChannel(ch.cost)
      ? `=${assumptionName(`objective.visitors.${ch.id}`)}`
      // spend-bought: what the spend buys at the channel's cost per visitor (fee first)
      : `=MAX(0,${assumptionName(`objective.spend.${ch.id}`)}-${L('fixedFee')}${r})/${L('costPerVisitor')}${r}`;
  }
  // shares are taken relative to their sum (the schema lets it be 1 ± a rounding tolerance), so the
  // channels add up to the target or the budget exactly; a 0% share gets no visitors even at CVR 0
  return plan.paidSplit === 'visitors'
    ? `=paid_visitors*${ch.id}.share/paid_share_sum`
    : `=IF(${ch.id}.share=0,0,paid_gmv*${ch.id}.share/paid_share_sum/${L('valuePerVisitor')}${r})`;
}

/**
 * The lever of a curve channel under a `channels` objective, and the spend of
 * a curve channel otherwise: the closed-form inverse of the Hill curve,
 * spend = κ·(v/(β−v))^(1/α), defined only below the ceiling β. At or above β
 * the cell is "" (not a number) and the engine reports the channel as
 * saturated (see response-curve.ts), never a negative or NaN spend.
 */
function curveSpendFormula(plan: Plan, ch: Channel, r: number): string {
  const n = (field: string) => `${ch.id}.${field}`;
  if (plan.objective.kind === 'channels') return `=${assumptionName(`objective.spend.${ch.id}`)}`;
  const v = `${L('visitors')}${r}`;
  return `=IF(${v}<${n('beta')},${n('kappa')}*(${v}/(${n('beta')}-${v}))^(1/${n('alpha')}),"")`;
}

/**
 * t = (min(s,κ)/max(s,κ))ᵅ, in (0, 1]: the Hill curve written with it never
 * raises a number past 1e308. The ratio is floored where tᵅ would fall
 * below 1e-300 (LibreOffice reports an underflowing power as #NUM!, where
 * HyperFormula and Excel give 0); there 1 + t is 1 to double precision, so
 * no figure moves by more than 1e-300 of itself.
 */
function hillRatioPower(spend: string, kappa: string, alpha: string): string {
  return `MAX(MIN(${spend},${kappa})/MAX(${spend},${kappa}),(0.1^300)^(1/MAX(${alpha},1)))^${alpha}`;
}

/**
 * Visitors a curve channel's spend lever buys: β·sᵅ/(sᵅ+κᵅ), which is
 * β/(1+t) for s ≥ κ and β·t/(1+t) below, with t from hillRatioPower: a huge
 * spend gives visitors close to β, a tiny one close to 0, never #NUM!.
 */
function curveVisitorsFormula(ch: Channel): string {
  const n = (field: string) => `${ch.id}.${field}`;
  const s = assumptionName(`objective.spend.${ch.id}`);
  const [b, a, k] = [n('beta'), n('alpha'), n('kappa')];
  const t = hillRatioPower(s, k, a);
  return `=IF(${s}>0,IF(${s}>=${k},${b}/(1+${t}),${b}*${t}/(1+${t})),0)`;
}

/**
 * The GMV the next yuan of spend brings (边际投产比), by cost model. For a
 * Hill curve it is the derivative: UV value × β·α·κᵅ·sᵅ⁻¹/(sᵅ+κᵅ)², written
 * as UV value × β·α·t/(s·(1+t)²) with t = (min(s,κ)/max(s,κ))ᵅ ≤ 1 (the
 * same value, since t/(1+t)² is unchanged by t → 1/t), so that no power
 * overflows; at zero spend the limit (∞ for α < 1 is shown as empty).
 * Linear channels: their ROI; commission channels: 1 / commission.
 */
function marginalRoiFormula(ch: Channel, r: number): string | null {
  const n = (field: string) => `${ch.id}.${field}`;
  const vpv = `${L('valuePerVisitor')}${r}`;
  if (ch.response) {
    const s = `${L('spend')}${r}`;
    const [b, a, k] = [n('beta'), n('alpha'), n('kappa')];
    const t = hillRatioPower(s, k, a);
    return `=IF(${s}>0,${vpv}*${b}*${a}*${t}/(${s}*(1+${t})^2),IF(${a}>1,0,IF(${a}=1,${vpv}*${b}/${k},"")))`;
  }
  switch (ch.cost.model) {
    case 'free': return null;
    case 'cps':
    case 'live': return `=IF(${n('commission')}>0,1/${n('commission')},"")`;
    default: return `=IF(${L('costPerVisitor')}${r}>0,${vpv}/${L('costPerVisitor')}${r},"")`;
  }
}

/**
 * Profit after ad spend = GMV × margin × (1 − refund rate) − spend, for every
 * cost model (a commission is already part of spend). Breakeven ROI =
 * 1 / (margin × (1 − refund rate)): the ROI at which that profit is zero.
 * Empty where the channel has no margin.
 */
function profitFormulas(ch: Channel, r: number): { profit: string | null; breakevenRoi: string | null } {
  if (ch.margin === undefined) return { profit: null, breakevenRoi: null };
  const kept = `${ch.id}.margin*(1-${ch.refundRate !== undefined ? `${ch.id}.refundRate` : '0'})`;
  return {
    profit: `=${L('gmv')}${r}*${kept}-${L('spend')}${r}`,
    breakevenRoi: isPaid(ch.cost) ? `=1/(${kept})` : null,
  };
}

function channelRow(plan: Plan, ch: Channel, index: number): CellSpec[] {
  const r = index + 2; // sheet row number in A1 terms
  const n = (field: string) => `${ch.id}.${field}`;
  const paid = isPaid(ch.cost);
  const curve = ch.response !== undefined;
  const profit = profitFormulas(ch, r);
  const clicksApply = ch.cost.model === 'cpc' || ch.cost.model === 'cpm';
  const row: Record<ChannelColumnKey, CellSpec> = {
    id: cell(ch.id, 'text'),
    name: cell(ch.name.en, 'text'),
    model: cell(ch.cost.model, 'text'),
    share: cell(paid ? `=${n('share')}` : 0, 'rate'),
    valuePerVisitor: cell(`=${n('cvr')}*${n('aov')}`, 'money'),
    // a curve channel's cost per visitor is an average that moves with spend
    costPerVisitor: cell(curve ? `=IF(${L('visitors')}${r}=0,0,${L('spend')}${r}/${L('visitors')}${r})` : costPerVisitorFormula(ch, r), 'money'),
    // a channel whose visitors bring no GMV (CVR 0, so its share is 0) has no cost per yuan of GMV
    costPerGmv: cell(paid ? `=IF(${L('valuePerVisitor')}${r}=0,"",${L('costPerVisitor')}${r}/${L('valuePerVisitor')}${r})` : 0, 'ratio'),
    fixedFee: cell(ch.cost.model === 'live' ? `=${n('fixedFee')}` : 0, 'money'),
    visitors: cell(curve && plan.objective.kind === 'channels' ? curveVisitorsFormula(ch) : visitorsFormula(plan, ch, r), 'count'),
    clicks: cell(clicksApply ? `=${L('visitors')}${r}` : null, 'count'),
    impressions: cell(ch.cost.model === 'cpm' ? `=${L('clicks')}${r}/${n('ctr')}` : null, 'count'),
    messages: cell(ch.cost.model === 'crm' ? `=${L('visitors')}${r}/${n('responseRate')}` : null, 'count'),
    addToCart: cell(ch.addToCartRate !== undefined ? `=${L('visitors')}${r}*${n('addToCartRate')}` : null, 'count'),
    orders: cell(`=${L('visitors')}${r}*${n('cvr')}`, 'count'),
    gmv: cell(`=${L('orders')}${r}*${n('aov')}`, 'money'),
    // one spend identity for every cost model: fixed fee + visitors × cost per visitor
    spend: cell(curve ? curveSpendFormula(plan, ch, r) : paid ? `=${L('fixedFee')}${r}+${L('visitors')}${r}*${L('costPerVisitor')}${r}` : 0, 'money'),
    roi: cell(`=IF(${L('spend')}${r}=0,"",${L('gmv')}${r}/${L('spend')}${r})`, 'ratio'),
    costPerOrder: cell(`=IF(OR(${L('spend')}${r}=0,${L('orders')}${r}=0),"",${L('spend')}${r}/${L('orders')}${r})`, 'money'),
    visitorValue: cell(`=IF(${L('visitors')}${r}=0,"",${L('gmv')}${r}/${L('visitors')}${r})`, 'money'),
    profit: cell(profit.profit, 'money'),
    breakevenRoi: cell(profit.breakevenRoi, 'ratio'),
    marginalRoi: cell(marginalRoiFormula(ch, r), 'ratio'),
  };
  return CHANNEL_COLUMNS.map((c) => row[c.key]);
}

function totalRow(plan: Plan): CellSpec[] {
  const count = plan.channels.length;
  const first = 2;
  const last = count + 1;
  const r = count + 2;
  const sum = (key: ChannelColumnKey) => cell(`=SUM(${L(key)}${first}:${L(key)}${last})`, 'count');
  const row: Partial<Record<ChannelColumnKey, CellSpec>> = {
    id: cell('total', 'text'),
    name: cell('Total', 'text'),
    visitors: sum('visitors'),
    orders: sum('orders'),
    gmv: { ...sum('gmv'), format: 'money' },
    spend: { ...sum('spend'), format: 'money' },
    roi: cell(`=IF(${L('spend')}${r}=0,"",${L('gmv')}${r}/${L('spend')}${r})`, 'ratio'),
    costPerOrder: cell(`=IF(OR(${L('spend')}${r}=0,${L('orders')}${r}=0),"",${L('spend')}${r}/${L('orders')}${r})`, 'money'),
    visitorValue: cell(`=IF(${L('visitors')}${r}=0,"",${L('gmv')}${r}/${L('visitors')}${r})`, 'money'),
    // a total profit only when every channel has a margin: a partial sum would read as the plan's profit
    ...(plan.channels.every((ch) => ch.margin !== undefined) ? { profit: { ...sum('profit'), format: 'money' as const } } : {}),
  };
  return CHANNEL_COLUMNS.map((c) => row[c.key] ?? cell(null, c.format));
}

function summaryRows(plan: Plan): SummaryRow[] {
  const count = plan.channels.length;
  const range = (key: ChannelColumnKey) => `${SHEET.channels}!${L(key)}2:${L(key)}${count + 1}`;
  const freeCells = plan.channels
    .map((ch, i) => (isPaid(ch.cost) ? null : `${SHEET.channels}!${L('gmv')}${i + 2}`))
    .filter((ref): ref is string => ref !== null);
  const rows: SummaryRow[] = [
    { name: 'free_gmv', label: { zh: '免费渠道成交额', en: 'GMV of free channels' }, formula: freeCells.length ? `=SUM(${freeCells.join(',')})` : '=0', format: 'money' },
    { name: 'fixed_fees', label: { zh: '固定费用合计', en: 'Fixed fees' }, formula: `=SUM(${range('fixedFee')})`, format: 'money' },
    // the paid shares' sum: 1 up to the schema's tolerance; every split divides by it so the parts add up exactly
    { name: 'paid_share_sum', label: { zh: '付费渠道占比合计', en: 'Sum of paid shares' }, formula: `=SUM(${range('share')})`, format: 'rate' },
  ];
  const perShare = (sumproduct: string) => `=IF(paid_share_sum>0,${sumproduct}/paid_share_sum,0)`;
  const { objective } = plan;
  if (objective.kind === 'target') {
    rows.push({ name: 'paid_gmv', label: { zh: '付费渠道需贡献成交额', en: 'GMV the paid channels must bring' }, formula: '=target_gmv-free_gmv', format: 'money' });
    if (plan.paidSplit === 'visitors') {
      rows.push({ name: 'paid_value_per_visitor', label: { zh: '付费访客平均UV价值', en: 'GMV per paid visitor' }, formula: perShare(`SUMPRODUCT(${range('share')},${range('valuePerVisitor')})`), format: 'money' });
      rows.push({ name: 'paid_visitors', label: { zh: '所需付费访客数', en: 'Paid visitors needed' }, formula: '=paid_gmv/paid_value_per_visitor', format: 'count' });
    }
  } else if (objective.kind === 'budget') {
    if (plan.paidSplit === 'visitors') {
      rows.push({ name: 'paid_cost_per_visitor', label: { zh: '付费访客平均成本', en: 'Cost per paid visitor' }, formula: perShare(`SUMPRODUCT(${range('share')},${range('costPerVisitor')})`), format: 'money' });
      rows.push({ name: 'paid_visitors', label: { zh: '预算可买付费访客数', en: 'Paid visitors the budget buys' }, formula: '=(budget-fixed_fees)/paid_cost_per_visitor', format: 'count' });
    } else {
      rows.push({ name: 'paid_cost_per_gmv', label: { zh: '付费成交单位成本', en: 'Cost per ¥ of paid GMV' }, formula: perShare(`SUMPRODUCT(${range('share')},${range('costPerGmv')})`), format: 'ratio' });
      rows.push({ name: 'paid_gmv', label: { zh: '预算可达付费成交额', en: 'Paid GMV the budget reaches' }, formula: '=(budget-fixed_fees)/paid_cost_per_gmv', format: 'money' });
    }
  }
  return rows;
}

/** Summary row names the engine reads back to judge the plan (issues). */
export type SummaryName = 'free_gmv' | 'fixed_fees' | 'paid_share_sum' | 'paid_gmv' | 'paid_visitors' | 'paid_cost_per_visitor' | 'paid_cost_per_gmv';

/**
 * The channel model of a plan as three sheets: Assumptions (every input a
 * named cell), Channels (the back-calculation or forward model as formulas
 * over those names) and Summary (plan-level intermediates, named).
 */
export function channelModelSheets(plan: Plan): { sheets: SheetSpec[]; names: NameSpec[] } {
  const names: NameSpec[] = [];
  const assumptionRows: CellSpec[][] = listAssumptions(plan)
    .filter((a) => a.owner?.kind !== 'product')
    .map((a, i) => {
      names.push({ name: assumptionName(a.path), sheet: SHEET.assumptions, col: 2, row: i + 1, assumptionPath: a.path });
      const format = a.unit === 'rate' ? 'rate' : a.unit === 'money' ? 'money' : 'count';
      return [
        cell(a.path, 'text'),
        cell(a.owner ? `${a.owner.id} · ${a.label.en}` : a.label.en, 'text'),
        { content: a.value, format, assumptionPath: a.path },
        cell(assumptionName(a.path), 'text'),
      ];
    });
  const assumptions: SheetSpec = {
    name: SHEET.assumptions,
    title: { zh: '假设', en: 'Assumptions' },
    columns: [
      { key: 'path', header: { zh: '路径', en: 'Path' }, format: 'text', width: 30 },
      { key: 'label', header: { zh: '假设', en: 'Assumption' }, format: 'text', width: 30 },
      { key: 'value', header: { zh: '数值', en: 'Value' }, format: 'count', width: 16 },
      { key: 'name', header: { zh: '名称', en: 'Name' }, format: 'text', width: 24 },
    ],
    rows: assumptionRows,
    frozen: { rows: 1, columns: 2 },
  };

  const channels: SheetSpec = {
    name: SHEET.channels,
    title: { zh: '渠道', en: 'Channels' },
    columns: [...CHANNEL_COLUMNS],
    rows: [...plan.channels.map((ch, i) => channelRow(plan, ch, i)), totalRow(plan)],
    frozen: { rows: 1, columns: 2 },
  };

  const summary = summaryRows(plan);
  summary.forEach((row, i) => names.push({ name: row.name, sheet: SHEET.summary, col: 1, row: i + 1 }));
  const summarySheet: SheetSpec = {
    name: SHEET.summary,
    title: { zh: '汇总', en: 'Summary' },
    columns: [
      { key: 'label', header: { zh: '项目', en: 'Item' }, format: 'text', width: 30 },
      { key: 'value', header: { zh: '数值', en: 'Value' }, format: 'money', width: 18 },
      { key: 'name', header: { zh: '名称', en: 'Name' }, format: 'text', width: 24 },
    ],
    rows: summary.map((row) => [cell(row.label.en, 'text'), cell(row.formula, row.format), cell(row.name, 'text')]),
    frozen: { rows: 1, columns: 1 },
  };
  return { sheets: [assumptions, channels, summarySheet], names };
}
