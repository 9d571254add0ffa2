import {
  columnLetter, dayCol, DAYS_SHEET, phasedMeasure, planWeekSpans, PRODUCT_PLAN_COLUMNS, PRODUCT_PLAN_GRID, PRODUCT_PLAN_SHEET, ProductPlan, productPlanSheets,
  type CellSpec, type PlanModel, type ProductSheetFacts, type SheetSpec,
} from '@shopplan/engine';
import { planIssue, type LocalizedText, type Plan, type PlanIssue } from '@shopplan/schema';
import type { WorkbookSheet } from './types.ts';

/**
 * The product plan of a plan v4 (issue 12) as sheets of the plan's own
 * workbook: the engine's `productPlanSheets`, with each week's GMV on
 * PlanWeeks turned from a value into a formula over the Days sheet of the
 * same workbook, so a target or phase multiplier typed in the file flows to
 * every product's revenue, units, orders and stock.
 *
 * The engine writes PlanWeeks!B{w+2} as the week's whole fen (a value). This
 * module relies on that layout and the sheet name only, not on how the other
 * sheets are built, and replaces the value by `=SUM(Days!<fen>a:<fen>b)` —
 * the days' whole fen of the week, which is what the engine's
 * weekGmvFromDays adds up for a target plan — when, and only when, that sum
 * in the export's own model is the engine's week fen exactly.
 */

/** The product plan's sheets for the workbook, notes for the cover, and the issues that kept it out. */
export interface ProductPlanPart {
  sheets: WorkbookSheet[];
  /** Lines for the cover sheet: where the week GMV comes from, what is fixed at export. */
  notes: LocalizedText[];
  /** Why a plan with products and weeks has no product sheets (ProductPlan.build's issues); empty otherwise. */
  issues: PlanIssue[];
}

/** Chinese headers of PlanProducts' columns (the engine writes the keys in both languages). */
const PRODUCT_INPUT_HEADERS: Readonly<Record<(typeof PRODUCT_PLAN_COLUMNS)[number], LocalizedText>> = {
  id: { zh: '商品编号', en: 'Product id' },
  listPrice: { zh: '售价', en: 'List price' },
  baseWeight: { zh: '基础权重（占比×角色）', en: 'Base weight (share × role)' },
  priceExponent: { zh: '价格指数（1−弹性）', en: 'Price exponent (1 − elasticity)' },
  unitCost: { zh: '单位成本', en: 'Unit cost' },
  moq: { zh: '最小起订量', en: 'Minimum order' },
  stock: { zh: '期初库存', en: 'Opening stock' },
  z: { zh: '服务水平 z', en: 'Service level z' },
  demandCv: { zh: '需求变异系数', en: 'Demand variability' },
  leadDays: { zh: '供货周期（工作日）', en: 'Lead time (working days)' },
};

const NOTES = {
  linked: {
    zh: '商品计划：PlanWeeks 表的周成交额（分）是 Days 表日分摊（分）按周求和的公式，改目标或阶段倍数后每个商品的成交额、件数、订货量和库存随之重算。',
    en: 'Product plan: the week GMV (fen) on PlanWeeks is a formula summing the Days sheet\'s day shares (fen) over the week, so a changed target or phase multiplier flows to every product\'s revenue, units, orders and stock.',
  },
  fixed: {
    zh: '商品计划：PlanWeeks 表的周成交额（分）为导出时的数值（这些周无法用公式精确重现：按周权重或按预算分摊的余数分配），改假设后不会随之变化。',
    en: 'Product plan: the week GMV (fen) on PlanWeeks is the value at export (these weeks cannot be rebuilt exactly by a formula: a largest-remainder split by week weights or of a budget plan), so it does not follow an edited assumption.',
  },
  partly: {
    zh: '商品计划：PlanWeeks 表部分周的成交额是 Days 表的求和公式，其余周为导出时的数值（公式无法精确重现）。',
    en: 'Product plan: some weeks\' GMV on PlanWeeks sums the Days sheet by formula; the others are the values at export (no formula rebuilds them exactly).',
  },
  rounding: {
    zh: '商品计划：FenRounding 表是导出时受控取整给每格加减的分（让每周与每个商品的合计都精确到分），是固定值；周成交额变化后，各商品之和与周成交额可能相差几分。',
    en: 'Product plan: FenRounding holds the fen the controlled rounding added to each cell at export (so weeks and products both sum to the fen); it is a fixed value, so after the week GMV changes the products may miss the week\'s total by a few fen.',
  },
  notBuilt: {
    zh: '商品计划未导出：',
    en: 'Product plan not exported: ',
  },
} as const satisfies Record<string, LocalizedText>;

/** Days since 1970-01-01 of a YYYY-MM-DD date, as planWeekSpans counts them; null for anything else. */
function isoDayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? Math.round(ms / 86_400_000) : null;
}

/**
 * The most product plan cells (products × (weeks + 1) × 11 grids) written by
 * the in-memory writer, the only one a browser has. ExcelJS's in-memory
 * workbook took 2.1 GB of RSS for 1.12 million cells in test/bench (export.json),
 * about 1.9 KB a cell, so 600,000 cells stay near a browser tab's 1 GB; a
 * 10,000-product plan (5.8 million) would take the tab down. Above it the
 * product plan is left out with an issue that says to use `shopplan export`.
 */
export const IN_MEMORY_PRODUCT_PLAN_CELLS = 600_000;

/**
 * The most product plan cells the streaming writer (Node, `shopplan export`)
 * writes. ExcelJS's time per cell grows with the workbook (test/bench
 * products.json: 1,000 products × 52 weeks in 12 s, 2,000 in 37 s, 10,000 in
 * 443–574 s and 3.4 GB), so above about 1,100 products × 52 weeks (19 sheets of
 * products × weeks each) a file would take many
 * minutes and outgrow the 30 s / 1.5 GB export targets: the product plan is
 * left out with an issue pointing to `shopplan products` / `reorders --json`,
 * which carry every figure.
 */
export const STREAMING_PRODUCT_PLAN_CELLS = 1_200_000;

/** Which writer a product plan's size is checked for: the in-memory one (browsers) or the streaming one (Node). */
export type ProductPlanWriter = 'inMemory' | 'streaming';

/**
 * Cells the product plan's sheets hold for n products over W weeks, header
 * rows left out, counted from PRODUCT_PLAN_GRID's layout: each measure a
 * sheet of the product id, the weeks and a total column over the products
 * and a total row; each input grid the id and the weeks; PlanProducts the
 * id and the product inputs; PlanWeeks the week start and its GMV.
 */
export function productPlanCells(n: number, W: number): number {
  const measures = PRODUCT_PLAN_GRID.measures.length;
  const inputGrids = Object.keys(PRODUCT_PLAN_GRID.cells ?? {}).length;
  return measures * (n + 1) * (W + 2) + inputGrids * n * (W + 1) + n * PRODUCT_PLAN_COLUMNS.length + W * 2;
}

/** How many of a product plan's issues the cover lists. */
const COVER_ISSUES = 10;

/** Day number → zero-based sheet row of the Days sheet, read from its date column. */
function daysRows(model: PlanModel): Map<number, number> | undefined {
  const days = model.spec.sheets.find((s) => s.name === DAYS_SHEET.days);
  if (!days) return undefined;
  const rows = new Map<number, number>();
  days.rows.forEach((row, i) => {
    const date = row[dayCol('date')]?.content;
    const day = typeof date === 'string' ? isoDayNumber(date) : null;
    if (day !== null) rows.set(day, i + 1);
  });
  return rows;
}

/**
 * Formula of each week's GMV in fen over the Days sheet, or null where none
 * gives the engine's figure exactly. Only a target plan's Days sheet splits
 * GMV in whole fen per day (its `fen` column), so its weeks are plain sums;
 * a budget plan's days split spend, and its week GMV is a largest-remainder
 * split of the days' real GMV that no cell formula of ours reproduces — those
 * weeks, and every week of a plan phased by week weights, stay values.
 */
function weekFormulas(plan: Plan, model: PlanModel, weekFen: readonly number[]): Array<{ formula: string } | null> {
  const spans = planWeekSpans(plan);
  const rows = phasedMeasure(plan) === 'gmv' && plan.objective.kind === 'target' ? daysRows(model) : undefined;
  const fenCol = dayCol('fen');
  const letter = columnLetter(fenCol);
  return spans.map((span, w) => {
    if (!rows || span.last < span.first) return null;
    // the days of the week that the plan's period holds (days outside it carry no weight)
    let first: number | undefined;
    let last: number | undefined;
    let fen = 0;
    for (let d = span.first; d <= span.last; d++) {
      const row = rows.get(d);
      if (row === undefined) continue;
      if (last !== undefined && row !== last + 1) return null; // not one contiguous range
      first ??= row;
      last = row;
      const v = model.value(DAYS_SHEET.days, fenCol, row);
      if (typeof v !== 'number') return null;
      fen += v;
    }
    if (first === undefined || last === undefined) return weekFen[w] === 0 ? { formula: '=0' } : null;
    // linked only when the workbook's own Days sheet gives the product plan's week exactly
    if (fen !== weekFen[w]) return null;
    return { formula: `=SUM(${DAYS_SHEET.days}!${letter}${first + 1}:${letter}${last + 1})` };
  });
}

/** Cached results of a product sheet's cells (sheet row 0 is the header): the week GMV, and every measure's figures from the product plan's own evaluator. */
type SheetCache = (sheet: string) => ((col: number, row: number) => number | null) | undefined;

function cachedOf(name: string, facts: ProductSheetFacts, cache: SheetCache): (col: number, row: number) => number | null {
  if (name === PRODUCT_PLAN_SHEET.weeks) return (col, row) => (col === 1 ? facts.weekFen[row - 1] ?? null : null);
  // the inputs (PlanProducts, the input grids) are values: nothing to cache
  return cache(name) ?? (() => null);
}

function toWorkbookSheet(sheet: SheetSpec, facts: ProductSheetFacts, cache: SheetCache): WorkbookSheet {
  const columns = sheet.name === PRODUCT_PLAN_SHEET.products
    ? sheet.columns.map((c) => {
      const header = PRODUCT_INPUT_HEADERS[c.key as (typeof PRODUCT_PLAN_COLUMNS)[number]];
      // only where the engine left the key as its header
      return header && c.header.zh === c.key ? { ...c, header } : c;
    })
    : sheet.columns;
  return { name: sheet.name, title: sheet.title, columns, rows: sheet.rows, frozen: sheet.frozen, cached: cachedOf(sheet.name, facts, cache), alerts: [] };
}

/**
 * The product plan part of a plan's workbook. A plan without weeks or
 * products has none (no sheets, no issues); one whose product plan cannot be
 * built gets no product sheets and returns ProductPlan.build's issues (zh +
 * en, with paths) for the caller to show; so does one of more than
 * `options.maxCells` cells (the in-memory writer's limit, see
 * IN_MEMORY_PRODUCT_PLAN_CELLS), with a `product_plan_too_large` issue. `model` is the export's model of
 * the same plan: its Days sheet is what the week GMV is linked to.
 * @example productPlanPart(plan, PlanModel.build(plan)).sheets.map((s) => s.name) // ['PlanWeeks', 'PlanProducts', …]
 */
export function productPlanPart(plan: Plan, model: PlanModel, options: { maxCells?: number; writer?: ProductPlanWriter } = {}): ProductPlanPart {
  const n = plan.products?.length ?? 0;
  const W = plan.weeks?.length ?? 0;
  if (W === 0 || n === 0) return { sheets: [], notes: [], issues: [] };
  const cells = productPlanCells(n, W);
  if (options.maxCells !== undefined && cells > options.maxCells) {
    const issue = options.writer === 'streaming'
      ? planIssue('products', 'product_plan_too_large',
        `商品计划有 ${n} 个商品 × ${W} 周（约 ${cells} 个单元格），超出 xlsx 导出在合理时间内可写入的 ${options.maxCells} 个；工作簿不含商品计划表。完整数字请用 shopplan products / reorders --json，或按类目拆分计划后导出`,
        `the product plan of ${n} products × ${W} weeks (about ${cells} cells) is more than the ${options.maxCells} cells an xlsx export writes in reasonable time; the workbook has no product plan sheets. shopplan products / reorders --json give every figure, or export the plan split by category`)
      : planIssue('products', 'product_plan_too_large',
        `商品计划有 ${n} 个商品 × ${W} 周（约 ${cells} 个单元格），超出浏览器内可写入的 ${options.maxCells} 个；工作簿不含商品计划表。请用命令行 shopplan export 导出完整工作簿`,
        `the product plan of ${n} products × ${W} weeks (about ${cells} cells) is more than the ${options.maxCells} cells a browser can write; the workbook has no product plan sheets. Use the command line, shopplan export, for the whole workbook`);
    return { sheets: [], notes: [{ zh: `${NOTES.notBuilt.zh}${issue.message.zh}`, en: `${NOTES.notBuilt.en}${issue.message.en}` }], issues: [issue] };
  }
  const built = ProductPlan.build(plan);
  if (!built.ok) {
    return {
      sheets: [],
      // the cover lists the first issues (every week can have one); the caller gets them all
      notes: [
        ...built.issues.slice(0, COVER_ISSUES).map((i) => ({ zh: `${NOTES.notBuilt.zh}${i.path}: ${i.message.zh}`, en: `${NOTES.notBuilt.en}${i.path}: ${i.message.en}` })),
        ...(built.issues.length > COVER_ISSUES ? [{ zh: `……另有 ${built.issues.length - COVER_ISSUES} 个问题`, en: `… and ${built.issues.length - COVER_ISSUES} more issues` }] : []),
      ],
      issues: built.issues,
    };
  }
  // the cache reads the plan's evaluator, which outlives dispose (that frees the budget model behind the week GMV only)
  const facts = built.plan.sheetFacts();
  const cache = built.plan.sheetCache();
  built.plan.dispose();
  const spec = productPlanSheets(facts);
  const links = weekFormulas(plan, model, facts.weekFen);
  const sheets = spec.sheets.map((s) => {
    if (s.name !== PRODUCT_PLAN_SHEET.weeks) return toWorkbookSheet(s, facts, cache);
    const rows = s.rows.map((row, w): CellSpec[] => {
      const link = links[w];
      return link ? row.map((cell, c) => (c === 1 ? { ...cell, content: link.formula } : cell)) : row;
    });
    return toWorkbookSheet({ ...s, rows }, facts, cache);
  });
  const linked = links.filter((l) => l !== null).length;
  const weeks = linked === links.length ? NOTES.linked : linked === 0 ? NOTES.fixed : NOTES.partly;
  return { sheets, notes: [weeks, NOTES.rounding], issues: [] };
}
