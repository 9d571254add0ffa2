import type { SimpleCellAddress } from 'hyperformula';
import { planIssue, type PlanIssue } from '@shopplan/schema';
import { channelCol, SHEET, type ChannelColumnKey } from './channel-model.ts';
import { EngineUsageError, type PlanModel } from './plan-model.ts';

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
    // A search makes thousands of edits nobody will undo; HyperFormula's undo
    // stack bookkeeping was the largest single cost per edit (profiled).
    // Only models the engine built for its own search are driven here.
    if (model.hyperFormula.getConfig().undoLimit !== 0) model.hyperFormula.updateConfig({ undoLimit: 0 });
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
    const hf = this.model.hyperFormula;
    hf.batch(() => {
      for (const [address, value] of edits) hf.setCellContents(address, [[value]]);
    });
  }

  /** The number at a Channels cell (row 1 is the first channel), or null when empty, text or an error. */
  channelValue(row: number, key: ChannelColumnKey): number | null {
    const v = this.model.hyperFormula.getCellValue({ sheet: this.#channelsSheet, col: channelCol(key), row });
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
