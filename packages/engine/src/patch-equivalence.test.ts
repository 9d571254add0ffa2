/**
 * The HyperFormula patch (patches/hyperformula@3.5.0.patch) must change
 * speed only. The same version as published ships an unpatched bundle in its
 * own dist/ (pnpm patches commonjs/ and es/ only): every model here is built
 * on both, and every cell of every sheet must be the same, errors included.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HyperFormula, type CellValue } from 'hyperformula';
import { EXAMPLE_PLAN_IDS, examplePlan, scalePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { PlanModel, modelHyperFormulaForTests } from './plan-model.ts';
import { HF_CONFIG } from './hyperformula.ts';

// Whole-calendar builds take seconds on a loaded two-core machine: a timeout, not a speed assertion.
vi.setConfig({ testTimeout: 120_000 });

const require = createRequire(import.meta.url);
const entry = require.resolve('hyperformula');
const bundlePath = join(dirname(entry), '..', 'dist', 'hyperformula.js');
const Unpatched = (require(bundlePath) as { HyperFormula: typeof HyperFormula }).HyperFormula;

type Shown = number | string | boolean | null;
const show = (v: CellValue): Shown => (typeof v === 'object' && v !== null ? `#ERROR ${v.value}` : v);
function snapshot(model: PlanModel): Record<string, Shown[][]> {
  const all = modelHyperFormulaForTests(model).getAllSheetsValues();
  return Object.fromEntries(Object.entries(all).map(([name, rows]) => [name, rows.map((row) => row.map(show))]));
}

/** Builds the plan on both engines, applies the same steps, and compares every cell after each. */
function expectSame(plan: Plan, steps: Array<(m: PlanModel) => unknown> = [], calendarPartitionProducts?: number): void {
  const patched = PlanModel.build(plan, { calendarPartitionProducts });
  const unpatched = PlanModel.build(plan, { engine: Unpatched, calendarPartitionProducts });
  const grid = (m: PlanModel) => {
    const cal = m.productCalendar;
    const slice = cal?.read(0, cal.productCount);
    return slice ? { revenue: Array.from(slice.revenue), units: Array.from(slice.units), gmv: Array.from(slice.gmv), errors: slice.errors } : null;
  };
  try {
    expect(snapshot(patched)).toEqual(snapshot(unpatched));
    expect(grid(patched)).toEqual(grid(unpatched));
    for (const step of steps) {
      expect(JSON.stringify(step(patched))).toBe(JSON.stringify(step(unpatched)));
      expect(snapshot(patched)).toEqual(snapshot(unpatched));
      expect(grid(patched)).toEqual(grid(unpatched));
    }
  } finally {
    patched.dispose();
    unpatched.dispose();
  }
}

describe('the patched HyperFormula computes exactly what the published one does', () => {
  it('Given the two copies, Then they are the same version and only the installed one carries the patch', () => {
    expect(Unpatched.version).toBe(HyperFormula.version);
    expect(readFileSync(join(dirname(entry), 'DependencyGraph', 'Graph.js'), 'utf8')).toContain('shopplan patch');
    expect(readFileSync(join(dirname(entry), '..', 'es', 'DependencyGraph', 'Graph.mjs'), 'utf8')).toContain('shopplan patch');
    expect(readFileSync(bundlePath, 'utf8')).not.toContain('shopplan patch');
  });

  it.each(EXAMPLE_PLAN_IDS)('Given the example plan %s, Then every cell is the same, before and after edits', (id) => {
    const plan = examplePlan(id);
    const first = plan.channels.find((c) => c.id !== 'organic') ?? plan.channels[0]!;
    expectSame(plan, [
      (m) => m.setAssumptions([{ path: `channels.${first.id}.cvr`, value: first.cvr * 1.1 }]),
      (m) => m.setAssumptions([{ path: `channels.${first.id}.cvr`, value: 7 }]), // refused: same issues on both
      (m) => m.result(),
    ]);
  });

  it('Given a product calendar plan, Then every cell is the same, after target, price and share edits and removed rows', () => {
    const plan = scalePlan(210, 52);
    const p = plan.products!;
    expectSame(plan, [
      (m) => m.setAssumptions([{ path: 'objective.gmv', value: 3_333_333.33 }]),
      (m) => m.setAssumptions([{ path: `products.${p[7]!.id}.price`, value: 15 }]),
      (m) => m.setAssumptions([{ path: `products.${p[3]!.id}.share`, value: p[3]!.share + 1e-4 }, { path: `products.${p[200]!.id}.share`, value: p[200]!.share - 1e-4 }]),
      // Structural edits go through the patched removeVertexAndCleanupDependencies.
      (m) => modelHyperFormulaForTests(m).removeRows(m.sheetId('ProductUnits'), [40, 3]).length,
      (m) => modelHyperFormulaForTests(m).removeRows(m.sheetId('Products'), [205, 2]).length,
      (m) => modelHyperFormulaForTests(m).addRows(m.sheetId('Products'), [10, 1]).length,
    ], Number.POSITIVE_INFINITY);
  }, 120_000);

  it('Given the grid in partitions of 100 products, Then every figure is the same after edits', () => {
    const plan = scalePlan(330, 52);
    const p = plan.products!;
    expectSame(plan, [
      (m) => m.setAssumptions([{ path: 'objective.gmv', value: 2_222_222.22 }]).ok,
      (m) => m.setAssumptions([{ path: `products.${p[150]!.id}.price`, value: 88 }]).ok,
    ], 100);
  }, 120_000);

  it('Given a formula that closes a cycle, Then both say #CYCLE! in the same cells, and recover the same way', () => {
    const plan = examplePlan('june-shop');
    const target = (m: PlanModel) => {
      const n = m.spec.names.find((x) => x.name === 'target_gmv')!;
      return { sheet: m.sheetId(n.sheet), col: n.col, row: n.row };
    };
    expectSame(plan, [
      (m) => modelHyperFormulaForTests(m).setCellContents(target(m), [['=paid_gmv+1']]).length,
      (m) => {
        const snap = snapshot(m);
        return Object.values(snap).flat(2).filter((v) => v === '#ERROR #CYCLE!').length;
      },
      (m) => modelHyperFormulaForTests(m).setCellContents(target(m), [[3_000_000]]).length,
    ]);
    const m = PlanModel.build(plan);
    try {
      modelHyperFormulaForTests(m).setCellContents(target(m), [['=paid_gmv+1']]);
      expect(show(modelHyperFormulaForTests(m).getCellValue(target(m)))).toBe('#ERROR #CYCLE!');
    } finally {
      m.dispose();
    }
  });

  it('Given the shape of upstream issue #872 (rows reading one shared cell), Then both agree after building and editing', () => {
    const rows: (string | number)[][] = [['rate', 2]];
    for (let r = 2; r <= 400; r++) rows.push([r, ...Array.from({ length: 12 }, (_, w) => `=$A${r}*$B$1+${w}`)]);
    const a = HyperFormula.buildFromSheets({ S: rows }, HF_CONFIG);
    const b = Unpatched.buildFromSheets({ S: rows }, HF_CONFIG);
    try {
      for (const hf of [a, b]) {
        hf.setCellContents({ sheet: 0, col: 1, row: 0 }, [[3]]);
        hf.removeRows(0, [100, 50]);
        hf.setCellContents({ sheet: 0, col: 3, row: 10 }, [['=D11']]);
      }
      expect(a.getSheetValues(0).map((r) => r.map(show))).toEqual(b.getSheetValues(0).map((r) => r.map(show)));
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
