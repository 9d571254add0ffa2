import { describe, expect, it } from 'vitest';
import { PlanModel } from '@shopplan/engine';
import { examplePlan } from '@shopplan/examples';
import { readAssumption } from '@shopplan/schema';
import { applyEntries } from './edit-flow.ts';
import { readPlanValue, writePlanValue } from './plan-edit.ts';

const june = examplePlan('june-shop');

function engine() {
  const model = PlanModel.build(june);
  return { model, send: async (edits: Parameters<PlanModel['setAssumptions']>[0]) => model.setAssumptions(edits) };
}

describe('applying a planner’s entries through the real engine', () => {
  it('Given a CVR of 150%, When applied, Then it is rejected with the field’s message and the model keeps 2.5%', async () => {
    const { model, send } = engine();
    const out = await applyEntries(june, [{ path: 'channels.search.cvr', value: 1.5, text: '150%' }], [], send);
    expect(out.accepted).toEqual([]);
    expect(out.rejected[0]?.path).toBe('channels.search.cvr');
    expect(out.rejected[0]?.entry.message.en).toMatch(/conversion rate/);
    expect(out.rejected[0]?.entry.text).toBe('150%');
    expect(model.plan.channels[1]?.cvr).toBe(0.025);
  });

  it('Given a paste with one bad value, When applied, Then the good ones are in force', async () => {
    const { model, send } = engine();
    const out = await applyEntries(june, [
      { path: 'channels.search.cvr', value: 1.5, text: '150%' },
      { path: 'channels.search.aov', value: 170, text: '170' },
    ], [], send);
    expect(out.accepted).toEqual([{ path: 'channels.search.aov', before: 160, after: 170 }]);
    expect(out.rejected.map((r) => r.path)).toEqual(['channels.search.cvr']);
    expect(model.plan.channels[1]?.aov).toBe(170);
    expect(out.result?.total.gmv).toBeCloseTo(3_000_000, 6);
  });

  it('Given a share that breaks the split, When a second share fixes it, Then both are in force', async () => {
    const { model, send } = engine();
    const first = await applyEntries(june, [{ path: 'channels.search.share', value: 0.6, text: '60%' }], [], send);
    expect(first.accepted).toEqual([]);
    expect(first.rejected[0]?.entry.message.en).toMatch(/sum to 110%/);
    const pending = [{ path: 'channels.search.share', value: 0.6, text: '60%' }];
    const second = await applyEntries(model.plan, [{ path: 'channels.display.share', value: 0.2, text: '20%' }], pending, send);
    expect(second.accepted.map((c) => c.path)).toEqual(['channels.search.share', 'channels.display.share']);
    expect(model.plan.channels[1]?.cost).toMatchObject({ share: 0.6 });
  });

  it('Given a field the channel does not have, When applied, Then it is rejected, not dropped', async () => {
    const { send } = engine();
    const out = await applyEntries(june, [{ path: 'channels.organic.cpc', value: 1, text: '1' }], [], send);
    expect(out.rejected[0]?.entry.message.zh).toMatch(/没有这一项/);
  });
});

describe('plan v2 assumptions (Hill curves, margins)', () => {
  it('Given the saturation example, When the search curve’s β is edited, Then the engine takes it and the page’s plan follows', async () => {
    const plan = examplePlan('saturation');
    const model = PlanModel.build(plan);
    const before = model.result().total.spend;
    const out = await applyEntries(plan, [{ path: 'channels.search.beta', value: 650_000, text: '65万' }], [], async (edits) => model.setAssumptions(edits));
    expect(out.rejected).toEqual([]);
    expect(out.accepted[0]?.path).toBe('channels.search.beta');
    expect(out.result?.total.spend).not.toBe(before);
    const written = writePlanValue(plan, 'channels.search.beta', 650_000);
    expect(written && readPlanValue(written, 'channels.search.beta')).toBe(650_000);
    expect(readPlanValue(plan, 'channels.search.margin')).toBe(readAssumption(plan, 'channels.search.margin'));
  });
});
