import { describe, expect, it } from 'vitest';
import { arrayView } from './cells.ts';
import { copyRange, planFill, planFillHandle, planPaste } from './clipboard.ts';
import { describeEditPlan } from './report.ts';
import { summarizeRange } from './summary.ts';
import type { GridColumn, GridRow } from './types.ts';

// Given the June plan's channel assumptions as a grid: name | CVR | AOV | GMV (derived)
const columns: GridColumn[] = [
  { id: 'name', header: 'channel', unit: 'text', editable: false },
  { id: 'cvr', header: 'CVR', unit: 'rate', editable: true },
  { id: 'aov', header: 'AOV', unit: 'money', editable: true },
  { id: 'gmv', header: 'GMV', unit: 'money', editable: false },
];
const row = (id: string, cvr: number, aov: number, gmv: number): GridRow => ({
  id,
  cells: { name: { value: id }, cvr: { value: cvr }, aov: { value: aov }, gmv: { value: gmv, formula: '=visitors*cvr*aov' } },
});
const rows = [row('search', 0.025, 160, 1096224.12), row('display', 0.012, 140, 276248.48), row('affiliate', 0.03, 130, 427527.41), row('organic', 0.02, 150, 1200000)];
rows.push({ id: 'total', cells: { name: { value: 'total' }, cvr: { value: 0.0212, readOnly: true }, aov: { value: 149.16, readOnly: true }, gmv: { value: 3000000 } } });
const view = arrayView(columns, rows);

describe('copyRange', () => {
  it('writes the range as TSV at full precision, rates as percentages', () => {
    expect(copyRange(view, { top: 0, left: 0, bottom: 1, right: 3 })).toBe('search\t2.5%\t160\t1096224.12\ndisplay\t1.2%\t140\t276248.48');
  });
});

describe('planPaste: a block from Excel onto the grid', () => {
  it('maps a 3×2 block from the selected cell into one set of 6 edits', () => {
    const plan = planPaste(view, { top: 0, left: 1, bottom: 0, right: 1 }, [['3%', '¥170'], ['1.5', '1,200'], ['2.8%', '1.2万']]);
    expect(plan.edits).toEqual([
      { rowId: 'search', colId: 'cvr', value: 0.03 },
      { rowId: 'search', colId: 'aov', value: 170 },
      { rowId: 'display', colId: 'cvr', value: 0.015 },
      { rowId: 'display', colId: 'aov', value: 1200 },
      { rowId: 'affiliate', colId: 'cvr', value: 0.028 },
      { rowId: 'affiliate', colId: 'aov', value: 12000 },
    ]);
    expect(plan.invalid).toEqual([]);
    expect(plan.area).toEqual({ top: 0, left: 1, bottom: 2, right: 2 });
    expect(describeEditPlan(plan, 'paste')).toEqual({ zh: '已粘贴 6 个单元格', en: 'Pasted 6 cells' });
  });

  it('skips read-only cells with a report and keeps the valid pieces when some are invalid', () => {
    const plan = planPaste(view, { top: 2, left: 1, bottom: 2, right: 1 }, [['abc', '130', '999'], ['2%', '', '1'], ['1%', '1', '1']]);
    expect(plan.edits).toEqual([
      { rowId: 'affiliate', colId: 'aov', value: 130 },
      { rowId: 'organic', colId: 'cvr', value: 0.02 },
    ]);
    expect(plan.invalid.map((i) => [i.rowId, i.colId, i.text])).toEqual([['affiliate', 'cvr', 'abc']]);
    expect(plan.invalid[0]!.message.en).toContain('not a number');
    // GMV is derived, the total row is read-only, and the third row of the block falls off the grid.
    expect(plan.skippedReadOnly).toEqual([
      { rowId: 'affiliate', colId: 'gmv' },
      { rowId: 'organic', colId: 'gmv' },
      { rowId: 'total', colId: 'cvr' },
      { rowId: 'total', colId: 'aov' },
      { rowId: 'total', colId: 'gmv' },
    ]);
    expect(plan.blank).toEqual([{ rowId: 'organic', colId: 'aov' }]);
    expect(plan.clipped).toBe(0);
    expect(describeEditPlan(plan, 'paste').en).toBe('Pasted 2 cells; 1 invalid (marked, old values kept); skipped 5 read-only cells; 1 blank piece left as they were');
  });

  it('counts pieces past the last column and repeats a single value over the selection', () => {
    const wide = planPaste(view, { top: 0, left: 3, bottom: 0, right: 3 }, [['1', '2', '3']]);
    expect(wide.clipped).toBe(2);
    expect(wide.skippedReadOnly).toEqual([{ rowId: 'search', colId: 'gmv' }]);
    const tiled = planPaste(view, { top: 0, left: 1, bottom: 3, right: 1 }, [['2%']]);
    expect(tiled.edits.map((e) => e.value)).toEqual([0.02, 0.02, 0.02, 0.02]);
  });
});

describe('planFill', () => {
  it('Ctrl+D copies the top row of the range down it, skipping read-only cells', () => {
    const plan = planFill(view, { top: 0, left: 1, bottom: 4, right: 2 }, 'down');
    expect(plan.edits).toEqual([
      { rowId: 'display', colId: 'cvr', value: 0.025 },
      { rowId: 'affiliate', colId: 'cvr', value: 0.025 },
      { rowId: 'organic', colId: 'cvr', value: 0.025 },
      { rowId: 'display', colId: 'aov', value: 160 },
      { rowId: 'affiliate', colId: 'aov', value: 160 },
      { rowId: 'organic', colId: 'aov', value: 160 },
    ]);
    expect(plan.skippedReadOnly).toEqual([{ rowId: 'total', colId: 'cvr' }, { rowId: 'total', colId: 'aov' }]);
  });

  it('on a single cell takes the value above, and never copies across units', () => {
    expect(planFill(view, { top: 1, left: 1, bottom: 1, right: 1 }, 'down').edits).toEqual([{ rowId: 'display', colId: 'cvr', value: 0.025 }]);
    expect(planFill(view, { top: 0, left: 1, bottom: 0, right: 1 }, 'down').edits).toEqual([]);
    const right = planFill(view, { top: 0, left: 1, bottom: 0, right: 2 }, 'right');
    expect(right.edits).toEqual([]);
    expect(right.skippedMismatch).toEqual([{ rowId: 'search', colId: 'aov' }]);
  });
});

describe('planFillHandle', () => {
  it('dragging the corner of a 2-row block down repeats the block over the new rows', () => {
    const plan = planFillHandle(view, { top: 0, left: 1, bottom: 1, right: 1 }, { row: 4, col: 1 })!;
    expect(plan.area).toEqual({ top: 0, left: 1, bottom: 4, right: 1 });
    expect(plan.edits).toEqual([
      { rowId: 'affiliate', colId: 'cvr', value: 0.025 },
      { rowId: 'organic', colId: 'cvr', value: 0.012 },
    ]);
    expect(plan.skippedReadOnly).toEqual([{ rowId: 'total', colId: 'cvr' }]);
  });

  it('dragging right copies across, never into another unit, and dragging back does nothing', () => {
    const plan = planFillHandle(view, { top: 0, left: 1, bottom: 0, right: 1 }, { row: 0, col: 3 })!;
    expect(plan.edits).toEqual([]);
    expect(plan.skippedMismatch).toEqual([{ rowId: 'search', colId: 'aov' }]);
    expect(plan.skippedReadOnly).toEqual([{ rowId: 'search', colId: 'gmv' }]);
    expect(planFillHandle(view, { top: 1, left: 1, bottom: 2, right: 2 }, { row: 0, col: 1 })).toBeUndefined();
  });
});

describe('summarizeRange', () => {
  it('counts, sums and averages like Excel’s status bar', () => {
    expect(summarizeRange(view, { top: 0, left: 2, bottom: 2, right: 2 })).toEqual({ zh: '计数 3 · 求和 ¥430.00 · 平均 ¥143.33', en: 'Count 3 · Sum ¥430.00 · Average ¥143.33' });
    expect(summarizeRange(view, { top: 0, left: 1, bottom: 1, right: 1 }).en).toBe('Count 2 · Average 1.85%');
    expect(summarizeRange(view, { top: 0, left: 1, bottom: 1, right: 2 }).en).toBe('Count 4');
    expect(summarizeRange(view, { top: 0, left: 0, bottom: 0, right: 0 }).en).toBe('1 × 1');
  });
});
