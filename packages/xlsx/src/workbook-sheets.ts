import { absoluteRef, CHANNEL_COLUMNS, columnLetter, SHEET, type CellSpec, type ColumnSpec, type NameSpec, type PlanModel, type RiskResult } from '@shopplan/engine';
import { listAssumptions, type Lang, type LocalizedText, type Plan, type PlanningSession } from '@shopplan/schema';
import { PLAN_SHEET, planSheetCells } from './embedded-plan.ts';
import { SUMMARY_LABELS_ZH, TEXT } from './labels.ts';
import { PLAN_PARTS } from './parts.ts';
import { productPlanPart, type ProductPlanWriter } from './product-plan-part.ts';
import type { PartContext, WorkbookLayout, WorkbookSheet, AlertSpec } from './types.ts';

const text = (content: string): CellSpec => ({ content, format: 'text' });

function unitLabel(format: CellSpec['format'], lang: Lang): string {
  return TEXT.unitOf[format][lang];
}

/** The engine's sheets with their label texts in the chosen language; formulas and numbers untouched. */
function localizeSpecSheet(plan: Plan, lang: Lang, rows: CellSpec[][], sheetName: string, columns: readonly ColumnSpec[]): CellSpec[][] {
  const idCol = columns.findIndex((c) => c.key === 'id');
  const nameCol = columns.findIndex((c) => c.key === 'name');
  if (sheetName !== SHEET.channels && idCol === 0 && nameCol > 0 && plan.products) {
    // a sheet of products (the product calendar): names in the chosen language
    const names = new Map(plan.products.map((p) => [p.id, p.name[lang]]));
    return rows.map((row) => {
      const name = names.get(String(row[0]?.content));
      return name === undefined ? row : row.map((cell, c) => (c === nameCol ? text(name) : cell));
    });
  }
  if (sheetName === SHEET.channels) {
    const nameCol = CHANNEL_COLUMNS.findIndex((c) => c.key === 'name');
    return rows.map((row, i) => {
      const ch = plan.channels[i];
      const label = ch ? ch.name[lang] : TEXT.total[lang];
      return row.map((cell, c) => (c === nameCol ? text(label) : cell));
    });
  }
  if (sheetName === SHEET.summary && lang === 'zh') {
    return rows.map((row) => row.map((cell, c) => (c === 0 && typeof cell.content === 'string' ? text(SUMMARY_LABELS_ZH[cell.content] ?? cell.content) : cell)));
  }
  if (sheetName === SHEET.assumptions) {
    const byPath = new Map(listAssumptions(plan).map((a) => [a.path, a]));
    const channelName = new Map(plan.channels.map((ch) => [ch.id, ch.name[lang]]));
    const productName = new Map((plan.products ?? []).map((p) => [p.id, p.name[lang]]));
    return rows.map((row) => {
      const valueCell = row.find((c) => c.assumptionPath !== undefined);
      const a = valueCell?.assumptionPath ? byPath.get(valueCell.assumptionPath) : undefined;
      if (!a || !valueCell) return row;
      const owner = a.owner ? (a.owner.kind === 'channel' ? channelName.get(a.owner.id) : productName.get(a.owner.id)) ?? a.owner.id : undefined;
      const label = owner ? `${owner} · ${a.label[lang]}` : a.label[lang];
      // unit and source after the spec's columns: nothing refers to them
      return [...row.map((cell, c) => (c === 1 ? text(label) : cell)), text(unitLabel(valueCell.format, lang)), text(`${TEXT.planDocument[lang]} ${plan.id} · ${a.path}`)];
    });
  }
  return rows;
}

function coverSheet(plan: Plan, lang: Lang, titles: Array<[string, LocalizedText]>, notes: readonly LocalizedText[]): WorkbookSheet {
  const o = plan.objective;
  const objective = o.kind === 'target' ? `${TEXT.objectiveKind.target[lang]} · ¥${o.gmv}` : o.kind === 'budget' ? `${TEXT.objectiveKind.budget[lang]} · ¥${o.spend}` : TEXT.objectiveKind.channels[lang];
  const rows: CellSpec[][] = [
    [text(TEXT.plan[lang]), text(plan.name[lang])],
    [text(TEXT.shop[lang]), text(plan.shop)],
    [text(TEXT.period[lang]), text(`${plan.period.start} – ${plan.period.end}`)],
    [text(TEXT.objective[lang]), text(objective)],
    [text(''), text(TEXT.howTo[lang])],
    [text(TEXT.sheets[lang]), text('')],
    ...titles.map(([name, title]): CellSpec[] => [text(name), text(title[lang])]),
    // what a planner must know about parts of the workbook (the product plan's linked and fixed figures, or why it is missing)
    ...notes.map((note, i): CellSpec[] => [text(i === 0 ? TEXT.notes[lang] : ''), text(note[lang])]),
  ];
  return {
    name: 'Plan',
    title: TEXT.cover,
    columns: [
      { key: 'item', header: TEXT.cover, format: 'text', width: 18 },
      { key: 'value', header: TEXT.cover, format: 'text', width: 60 },
    ],
    rows,
    frozen: { rows: 0, columns: 0 },
    cached: () => null,
    alerts: [],
    headerless: true,
  };
}

function planDataSheet(plan: Plan): WorkbookSheet {
  return {
    name: PLAN_SHEET,
    title: { zh: '计划数据', en: 'Plan data' },
    columns: [{ key: 'data', header: { zh: '计划数据', en: 'Plan data' }, format: 'text', width: 20 }],
    rows: planSheetCells(JSON.stringify(plan)).map((chunk) => [text(chunk)]),
    frozen: { rows: 0, columns: 0 },
    cached: () => null,
    alerts: [],
    hidden: true,
    headerless: true,
  };
}

/** Alerts of the engine's sheets: a channel or total ROI below 1, a negative GMV the paid channels must bring. */
function specAlerts(sheetName: string, rowCount: number, names: readonly NameSpec[]): AlertSpec[] {
  if (sheetName === SHEET.channels) {
    const roi = columnLetter(CHANNEL_COLUMNS.findIndex((c) => c.key === 'roi'));
    const spend = columnLetter(CHANNEL_COLUMNS.findIndex((c) => c.key === 'spend'));
    const visitors = columnLetter(CHANNEL_COLUMNS.findIndex((c) => c.key === 'visitors'));
    const last = rowCount + 1;
    const alerts: AlertSpec[] = [
      { ref: `${roi}2:${roi}${last}`, operator: 'lessThan', value: 1 },
      { ref: `${spend}2:${spend}${last}`, operator: 'lessThan', value: 0 },
      { ref: `${visitors}2:${visitors}${last}`, operator: 'lessThan', value: 0 },
    ];
    // negative profit after ad spend, where the engine's channel model has that column
    const profit = CHANNEL_COLUMNS.findIndex((c) => (c.key as string) === 'profit');
    if (profit >= 0) alerts.push({ ref: `${columnLetter(profit)}2:${columnLetter(profit)}${last}`, operator: 'lessThan', value: 0 });
    return alerts;
  }
  if (sheetName === SHEET.summary) {
    return names.filter((n) => n.sheet === SHEET.summary).map((n) => {
      const ref = absoluteRef(n.sheet, n.col, n.row).split('!')[1]?.replaceAll('$', '') ?? '';
      return { ref, operator: 'lessThan' as const, value: 0 };
    });
  }
  return [];
}

/**
 * Lays out the workbook of a plan: a cover, the engine's sheets (Assumptions,
 * Channels, Summary and whatever the spec grows), the product plan's sheets
 * when the plan has products and weeks (issues in `issues` when it cannot be
 * built or is above `maxProductPlanCells`, and on the cover), one sheet per further part
 * present (see `PLAN_PARTS`), and the hidden sheet that carries the plan
 * document for the import. Cached results come from `model`, built on the same plan.
 * @example describeWorkbook({ plan, lang: 'zh' }, PlanModel.build(plan)).sheets.map((s) => s.name)
 */
export function describeWorkbook(input: { plan: Plan; lang: Lang; session?: PlanningSession; risk?: RiskResult; maxProductPlanCells?: number; productPlanWriter?: ProductPlanWriter }, model: PlanModel): WorkbookLayout {
  const { plan, lang } = input;
  const spec = model.spec;
  const specSheets: WorkbookSheet[] = spec.sheets.map((s) => {
    const extra: ColumnSpec[] = s.name === SHEET.assumptions
      ? [{ key: 'unit', header: TEXT.unit, format: 'text', width: 12 }, { key: 'source', header: TEXT.source, format: 'text', width: 40 }]
      : [];
    return {
      name: s.name,
      title: s.title,
      columns: [...s.columns, ...extra],
      rows: localizeSpecSheet(plan, lang, s.rows, s.name, s.columns),
      frozen: s.frozen,
      cached: (col, row) => model.value(s.name, col, row),
      alerts: specAlerts(s.name, s.rows.length, spec.names),
    };
  });
  const context: PartContext = { plan, model, lang, ...(input.session ? { session: input.session } : {}), ...(input.risk ? { risk: input.risk } : {}), specSheetNames: new Set(spec.sheets.map((s) => s.name)) };
  // the product plan (plan v4 products × weeks) is not in the budget model's spec: it is built on its own
  const products = productPlanPart(plan, model, {
    ...(input.maxProductPlanCells !== undefined ? { maxCells: input.maxProductPlanCells } : {}),
    ...(input.productPlanWriter ? { writer: input.productPlanWriter } : {}),
  });
  const parts = PLAN_PARTS.flatMap((part) => part(context));
  const visible = [...specSheets, ...products.sheets, ...parts];
  const cover = coverSheet(plan, lang, visible.map((s) => [s.name, s.title]), products.notes);
  return { sheets: [cover, ...visible, planDataSheet(plan)], names: spec.names, issues: products.issues };
}
