import { describe, expect, it } from 'vitest';
import { CHANNEL_COLUMNS, PlanModel, SHEET, channelCol } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { formulaParts, type FormulaSheet } from './formula-text.ts';

const june = examplePlan('june-shop');
const sheet: FormulaSheet = {
  columnKeys: CHANNEL_COLUMNS.map((c) => c.key),
  headers: CHANNEL_COLUMNS.map((c) => c.header),
  rowIds: ['header', ...june.channels.map((c) => c.id), 'total'],
  rowNames: [{ zh: '表头', en: 'header' }, ...june.channels.map((c) => c.name), { zh: '合计', en: 'Total' }],
  sheetName: SHEET.channels,
};

describe('formula parts', () => {
  it('Given the engine formula of paid search visitors, When split, Then every name and cell in it leads to the figure it names', () => {
    const model = PlanModel.build(june);
    const names = new Map(model.spec.names.map((n) => [n.name, n.assumptionPath]));
    const row = june.channels.findIndex((c) => c.id === 'search') + 1;
    const raw = model.formula(SHEET.channels, channelCol('visitors'), row);
    model.dispose();
    expect(raw).toBeDefined();
    const parts = formulaParts(raw ?? '', sheet, names);
    // the pieces put back together are the formula, spelled out
    const refs = parts.flatMap((p) => (p.ref ? [p.ref] : []));
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.some((r) => r.kind === 'name' && r.name === 'paid_visitors')).toBe(true);
    for (const r of refs) {
      if (r.kind === 'name') expect(names.has(r.name)).toBe(true);
      else expect(sheet.rowIds).toContain(r.rowId);
    }
  });

  it('Given cells, a range, a function and an unknown name, When split, Then cells and known names link and the rest is text', () => {
    const names = new Map<string, string | undefined>([['search.cvr', 'channels.search.cvr'], ['paid_gmv', undefined]]);
    const parts = formulaParts('=IF(I3>0,I3*search.cvr,0)+SUM(Channels!$O$2:$O$5)+paid_gmv-other_name', sheet, names);
    const text = parts.map((p) => p.text.en).join('');
    expect(text).toBe('=IF(Visitors[Paid search]>0,Visitors[Paid search]*search.cvr,0)+SUM(GMV[Organic search…Affiliate])+paid_gmv-other_name');
    expect(parts.filter((p) => p.ref).map((p) => p.ref)).toEqual([
      { kind: 'cell', rowId: 'search', column: 'visitors' },
      { kind: 'cell', rowId: 'search', column: 'visitors' },
      { kind: 'name', name: 'search.cvr', assumptionPath: 'channels.search.cvr' },
      { kind: 'cell', rowId: 'organic', column: 'gmv' },
      { kind: 'name', name: 'paid_gmv' },
    ]);
  });

  it('Given a reference outside the sheet, When split, Then it stays as written', () => {
    const parts = formulaParts('=Z99+Summary!B2', sheet, new Map());
    expect(parts).toEqual([{ text: { zh: '=Z99+Summary!B2', en: '=Z99+Summary!B2' } }]);
  });
});
