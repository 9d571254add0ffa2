import { describe, expect, it } from 'vitest';
import { computePlan } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import type { Plan } from '@shopplan/schema';
import { writePlanValue } from './plan-edit.ts';
import { compareInputs, compareScenarios, judgeChange } from './scenario-diff.ts';

const june = examplePlan('june-shop');

function set(plan: Plan, path: string, value: number): Plan {
  const out = writePlanValue(plan, path, value);
  if (!out) throw new Error(`${path} is not an input of the plan`);
  return out;
}

function result(plan: Plan) {
  const out = computePlan(plan);
  if (!out.ok) throw new Error('the example plan should compute');
  return out.result;
}

describe('scenario comparison', () => {
  it('Given a scenario with a dearer click and a higher target, When inputs are compared, Then exactly those two inputs are listed with the change from the baseline', () => {
    const dearer = set(set(june, 'channels.search.cpc', 1.5), 'objective.gmv', 3_300_000);
    const rows = compareInputs([{ scenarioId: 'base', plan: june }, { scenarioId: 'b', plan: dearer }], 'base');
    expect(rows.map((r) => r.path)).toEqual(['objective.gmv', 'channels.search.cpc']);
    const cpc = rows[1];
    expect(cpc?.cells[1]?.value).toBe(1.5);
    expect(cpc?.cells[1]?.delta).toBeCloseTo(0.3, 12);
    expect(cpc?.label.en).toMatch(/search/i);
  });

  it('Given identical scenarios, When inputs are compared, Then nothing is listed', () => {
    expect(compareInputs([{ scenarioId: 'a', plan: june }, { scenarioId: 'b', plan: structuredClone(june) }], 'a')).toEqual([]);
  });

  it('Given a channel only one scenario has, When inputs are compared, Then its inputs show null where it is missing', () => {
    const fewer = { ...june, channels: june.channels.filter((c) => c.id !== 'affiliate') } as Plan;
    const rows = compareInputs([{ scenarioId: 'a', plan: june }, { scenarioId: 'b', plan: fewer }], 'a');
    const row = rows.find((r) => r.path.startsWith('channels.affiliate.'));
    expect(row?.cells[1]?.value).toBeNull();
    expect(row?.cells[1]?.delta).toBeNull();
  });

  it('Given a higher target, When results are judged, Then more spend is bad, more GMV is good and a lower cost per order is good', () => {
    const bigger = set(june, 'objective.gmv', 3_300_000);
    const rows = compareScenarios(
      [{ scenarioId: 'a', result: result(june), totalCostPerOrder: 40 }, { scenarioId: 'b', result: result(bigger), totalCostPerOrder: 38 }],
      'a',
      new Map(june.channels.map((c) => [c.id, c.name])),
    );
    const judged = (key: string) => {
      const row = rows.find((r) => r.key === key);
      return row ? judgeChange(row.cells[1]?.delta ?? null, row.better) : undefined;
    };
    expect(judged('total.spend')).toBe('bad');
    expect(judged('total.gmv')).toBe('good');
    expect(judged('total.costPerOrder')).toBe('good');
    expect(judged('search.spend')).toBe('bad');
    expect(judgeChange(0, 'higher')).toBe('same');
    expect(judgeChange(null, 'lower')).toBe('unknown');
  });
});
