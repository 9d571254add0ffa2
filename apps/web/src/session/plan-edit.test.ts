import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE_PLAN_IDS, examplePlan } from '@shopplan/examples';
import { documentLocation, listAssumptions, parsePlan, parseAssumptionPath, writeAssumption, type Plan } from '@shopplan/schema';
import { issueAssumptionPath, issuesByPath, readPlanValue, writePlanValue } from './plan-edit.ts';

// Property runs take seconds on a loaded two-core machine: a timeout, not a speed assertion.
vi.setConfig({ testTimeout: 60_000 });

const plans = EXAMPLE_PLAN_IDS.map((id) => ({ id, plan: examplePlan(id) }));

describe('the page edits plans through the field registry', () => {
  for (const { id, plan } of plans) {
    it(`${id}: writePlanValue agrees with the schema's writeAssumption for every assumption, sharing what it does not touch`, () => {
      for (const a of listAssumptions(plan)) {
        const value = a.value === 0 ? 0.5 : a.value / 2;
        const page = writePlanValue(plan, a.path, value);
        expect(page, a.path).toEqual(writeAssumption(plan, a.path, value));
        expect(readPlanValue(page!, a.path), a.path).toBe(value);
        expect(readPlanValue(plan, a.path), a.path).toBe(a.value);
        // structural sharing: the other channels are the very same objects
        const owner = a.owner?.kind === 'channel' && !a.path.startsWith('objective.') ? a.owner.id : undefined;
        for (const [i, ch] of plan.channels.entries()) if (ch.id !== owner) expect(page!.channels[i], a.path).toBe(ch);
      }
    });

    it(`${id}: an issue zod reports for any assumption lands on that assumption's cell`, () => {
      for (const a of listAssumptions(plan)) {
        const f = parseAssumptionPath(a.path)!.field;
        const outcome = parsePlan(writePlanValue(plan, a.path, f.valid.max !== undefined ? f.valid.max + 1 : f.valid.min - 1));
        expect(outcome.ok, a.path).toBe(false);
        if (outcome.ok) continue;
        const named = issuesByPath(plan, outcome.issues, [a.path]).get(a.path) ?? [];
        expect(named.map((i) => i.code), a.path).toContainEqual(expect.stringMatching(/^(too_(big|small)|lead_time_over_year)$/));
        expect(issueAssumptionPath(plan, named[0]!.path), a.path).toBe(a.path);
        expect(named[0]!.at, a.path).toEqual(documentLocation(plan, a.path));
      }
    });
  }

  it('maps a curve parameter reported by index (the regex it replaced missed these)', () => {
    const saturation = examplePlan('saturation');
    const i = saturation.channels.findIndex((c) => c.response);
    const id = saturation.channels[i]!.id;
    expect(issueAssumptionPath(saturation, `channels[${i}].response.kappa`)).toBe(`channels.${id}.kappa`);
    expect(issueAssumptionPath(saturation, ['channels', i, 'response', 'alpha'])).toBe(`channels.${id}.alpha`);
    expect(issueAssumptionPath(saturation, 'channels.search.gmv')).toBe('channels.search.gmv'); // a derived figure: unchanged
  });

  it('property: a write of any number to any path never changes the plan it was given', () => {
    const plan: Plan = examplePlan('saturation');
    const before = JSON.stringify(plan);
    const paths = [...listAssumptions(plan).map((a) => a.path), 'channels.nowhere.cvr', 'objective.visitors', 'products.x.price'];
    fc.assert(fc.property(fc.constantFrom(...paths), fc.double(), (path, value) => {
      const next = writePlanValue(plan, path, value);
      if (next) expect(Object.is(readPlanValue(next, path), value)).toBe(true);
      else expect(readPlanValue(plan, path)).toBeUndefined();
    }));
    expect(JSON.stringify(plan)).toBe(before);
  });
});
