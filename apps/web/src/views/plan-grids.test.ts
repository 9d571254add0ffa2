import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import { computePlan } from '@shopplan/engine';
import { ASSUMPTIONS_GRID, OBJECTIVE_GRID, assumptionGrid, cellPath, objectiveGrid, resultGrid } from './plan-grids.ts';
import { readableFormula } from '../worker/formula-text.ts';

const june = examplePlan('june-shop');

describe('the plan grids', () => {
  it('Given the June plan, Then each channel is a row with only the fields some channel has, and inapplicable cells are read-only', () => {
    const grid = assumptionGrid(june, undefined, 'zh');
    expect(grid.rows.map((r) => r.id)).toEqual(['organic', 'search', 'display', 'affiliate']);
    expect(grid.columns.map((c) => c.id)).toContain('cpc');
    expect(grid.columns.map((c) => c.id)).not.toContain('messagePrice');
    expect(grid.rows[0]?.cells.cpc).toEqual({ value: null, readOnly: true });
    expect(grid.rows[1]?.cells.cpc).toEqual({ value: 1.2 });
  });

  it('maps cells to plan paths, and refuses a field the channel does not have', () => {
    expect(cellPath(ASSUMPTIONS_GRID, june, 'search', 'cvr')).toBe('channels.search.cvr');
    expect(cellPath(ASSUMPTIONS_GRID, june, 'organic', 'cpc')).toBeUndefined();
    expect(cellPath(OBJECTIVE_GRID, june, 'objective.gmv', 'value')).toBe('objective.gmv');
    expect(objectiveGrid(june, undefined, 'en').rows[0]?.cells.value).toEqual({ value: 3_000_000 });
  });

  it('shows a pending entry’s message in its cell while the value in force stays', () => {
    const message = { zh: '转化率不能大于 100%', en: 'conversion rate must be at most 100%' };
    const grid = assumptionGrid(june, { 'channels.search.cvr': { text: '150%', value: 1.5, message } }, 'en');
    expect(grid.rows[1]?.cells.cvr).toEqual({ value: 0.025, error: message });
  });

  it('puts the engine’s figures and total in the results grid, never NaN', () => {
    const computed = computePlan(june);
    if (!computed.ok) throw new Error('june invalid');
    const grid = resultGrid(june, computed.result, {}, 'en', { costPerOrder: 40.22, visitorValue: 3.16 });
    const total = grid.rows.find((r) => r.id === 'total');
    expect(total?.cells.spend?.value).toBeCloseTo(809_013.4, 2);
    expect(total?.cells.costPerOrder?.value).toBe(40.22);
    for (const row of grid.rows) for (const cell of Object.values(row.cells)) expect(Number.isNaN(cell.value)).toBe(false);
  });
});

describe('readable formulas', () => {
  it('spells out A1 addresses with column and channel names, leaving assumption names alone', () => {
    const headers = [{ zh: '编号', en: 'Id' }, { zh: '访客数', en: 'Visitors' }];
    const rows = [{ zh: '表头', en: 'header' }, { zh: '直通车', en: 'Paid search' }];
    expect(readableFormula('=B2*search.cvr', headers, rows, 'en')).toBe('=Visitors[Paid search]*search.cvr');
    expect(readableFormula('=SUM(B2:B2)', headers, rows, 'zh')).toBe('=SUM(访客数[直通车]:访客数[直通车])');
    expect(readableFormula('=paid_visitors*search.share', headers, rows, 'en')).toBe('=paid_visitors*search.share');
  });
});
