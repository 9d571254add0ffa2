import type { SimpleCellAddress } from 'hyperformula';
import { planIssue, type Plan, type PlanIssue } from '@shopplan/schema';
import { channelCol, SHEET, type ChannelColumnKey } from './channel-model.ts';
import { EngineUsageError, PlanModel, planWorkbookSpec, readModelCell, writeModelCells } from './plan-model.ts';
import { hyperFormulaContent, type WorkbookSpec } from './workbook-spec.ts';

/**
 * The engine's own search code drives a built PlanModel through this: set
 * assumption cells in one HyperFormula batch, let HyperFormula recompute, read
 * back a few cells. HyperFormula has no GOALSEEK, so goal seek, allocation and
 * risk are loops around this. Unlike `PlanModel.setAssumptions` it does not
 * re-validate the plan per step (a search tries thousands of points); callers
 * validate what they report.
 */
export class WorkbookDriver {
  readonly model: PlanModel;
  readonly #cells = new Map<string, SimpleCellAddress>();
  readonly #channelsSheet: number;
  readonly #totalRow: number;

  constructor(model: PlanModel) {
    this.model = model;
    for (const n of model.spec.names) {
      if (n.assumptionPath) this.#cells.set(n.assumptionPath, { sheet: model.sheetId(n.sheet), col: n.col, row: n.row });
    }
    this.#channelsSheet = model.sheetId(SHEET.channels);
    this.#totalRow = model.plan.channels.length + 1;
  }

  /** True when the model has a cell for this assumption path. */
  has(path: string): boolean {
    return this.#cells.has(path);
  }

  /** The cell of an assumption; throws EngineUsageError for a path the model lacks. */
  address(path: string): SimpleCellAddress {
    const a = this.#cells.get(path);
    if (!a) throw new EngineUsageError(`the model has no assumption cell "${path}"`);
    return a;
  }

  /** Writes assumption values in one batch: one recomputation for all of them. */
  set(edits: ReadonlyArray<readonly [SimpleCellAddress, number]>): void {
    writeModelCells(this.model, edits);
  }

  /** The number at a Channels cell (row 1 is the first channel), or null when empty, text or an error. */
  channelValue(row: number, key: ChannelColumnKey): number | null {
    const v = readModelCell(this.model, { sheet: this.#channelsSheet, col: channelCol(key), row });
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }

  /** The plan's totals as HyperFormula computed them; null where not computable. */
  totals(): { gmv: number | null; spend: number | null; roi: number | null } {
    return {
      gmv: this.channelValue(this.#totalRow, 'gmv'),
      spend: this.channelValue(this.#totalRow, 'spend'),
      roi: this.channelValue(this.#totalRow, 'roi'),
    };
  }
}

/** An issue for a driver or uncertainty path the plan does not have. */
export function unknownPathIssue(path: string, what: { zh: string; en: string }): PlanIssue {
  return planIssue(path, 'unknown_path', `计划中没有“${path}”这一项（${what.zh}）`, `the plan has no "${path}" (${what.en})`);
}

/**
 * The shape of a workbook: every formula, text and name, but not the
 * assumption values. Two plans with the same shape differ only in the
 * numbers of their Assumptions cells.
 */
function shapeKey(spec: WorkbookSpec): string {
  return JSON.stringify([
    spec.sheets.map((sheet) => [sheet.name, sheet.rows.map((row) => row.map((c) => (c.assumptionPath ? null : hyperFormulaContent(c))))]),
    spec.names,
  ]);
}

/** Models the engine's questions built, newest last; each is driven only by withPlanModel. */
const MODELS: Array<{ key: string; model: PlanModel; driver: WorkbookDriver }> = [];
/** A few shapes are enough: the plan in front, its allocated and committed variants. */
const MAX_MODELS = 6;

/**
 * Runs `use` on a HyperFormula model of the plan. Building a workbook costs
 * far more than computing it (HyperFormula builds its formula parser per
 * instance and parses every formula), so a model of the same shape is kept
 * and reused: its assumption cells are overwritten with this plan's values in
 * one batch (PlanModel.reload), HyperFormula recomputes, and every figure is
 * read back from it as from a fresh build.
 */
export function withPlanModel<T>(full: Plan, use: (driver: WorkbookDriver) => T): T {
  // the questions are asked of the channel model: the product calendar and
  // its weeks follow from the channels' GMV and change none of their figures
  const { products: _products, weeks: _weeks, ...plan } = full;
  // nor do the Days: the solvers never build them
  const spec = planWorkbookSpec(plan, { days: 'never' });
  const key = shapeKey(spec);
  const at = MODELS.findIndex((m) => m.key === key);
  let entry = at >= 0 ? MODELS.splice(at, 1)[0]! : undefined;
  if (entry) entry.model.reload(plan, spec);
  else {
    const model = PlanModel.build(plan, { days: 'never' });
    entry = { key, model, driver: new WorkbookDriver(model) };
  }
  MODELS.push(entry);
  while (MODELS.length > MAX_MODELS) MODELS.shift()!.model.dispose();
  return use(entry.driver);
}

/** Frees every kept model (benchmarks measure a cold start with it; tests need not). */
export function clearModelCache(): void {
  while (MODELS.length > 0) MODELS.pop()!.model.dispose();
}
