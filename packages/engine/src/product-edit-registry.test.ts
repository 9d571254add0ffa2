import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { scalePlan } from '@shopplan/examples';
import { assumptionFieldsOf, parsePlan, readAssumption, writeAssumption } from '@shopplan/schema';
import { PlanModel } from './plan-model.ts';

// A model build takes seconds on a loaded machine: a timeout, not a speed assertion.
vi.setConfig({ testTimeout: 120_000 });

// The product calendar checks product edits one field at a time (10,000
// products are not re-validated per keystroke). Those checks read the field
// registry; here they must agree with the whole plan's validation.
describe('product edits: the engine\'s field checks agree with the plan schema', () => {
  const plan = scalePlan(4, 6);
  const id = plan.products![1]!.id;
  const fields = assumptionFieldsOf('product');

  it('Given any value for any product field, When edited, Then refused exactly when the schema refuses it, with the same code and message', () => {
    const model = PlanModel.build(plan);
    try {
      fc.assert(fc.property(
        fc.constantFrom(...fields),
        fc.oneof(fc.double({ min: -2, max: 3 }), fc.constantFrom(0, 1, -0, 1e-9, Number.NaN, Number.POSITIVE_INFINITY)),
        (f, value) => {
          const path = `products.${id}.${f.field}`;
          const outcome = model.setAssumptions([{ path, value }]);
          const schema = parsePlan(writeAssumption(model.plan, path, value));
          const own = schema.ok ? undefined : schema.issues.find((i) => i.path === `products[1].${f.field}`);
          if (outcome.ok) {
            expect(own, `${path} = ${value}`).toBeUndefined();
            // put it back, so every run starts from the same shares
            // (a field the plan leaves out reads as its registry fallback)
            expect(model.setAssumptions([{ path, value: readAssumption(plan, path)! }]).ok).toBe(true);
          } else if (outcome.issues[0]?.code !== 'shares_sum') {
            expect(outcome.issues[0]?.path).toBe(path);
            if (Number.isFinite(value)) expect(outcome.issues[0]?.message, `${path} = ${value}`).toEqual(own?.message);
            else expect(outcome.issues[0]?.code).toBe('invalid_type');
          }
        },
      ), { numRuns: 60, seed: 42 });
      for (const f of fields) {
        const path = `products.${id}.${f.field}`;
        expect(readAssumption(model.plan, path), path).toBe(readAssumption(plan, path));
      }
    } finally {
      model.dispose();
    }
  });
});
