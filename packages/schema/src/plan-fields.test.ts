import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { listAssumptions, readAssumption, writeAssumption } from './assumptions.ts';
import { channel, costModel, COST_MODELS, responseCurve, spendBounds } from './channel.ts';
import { everyFieldDocument } from './every-field-fixture.test-data.ts';
import { formatPath } from './issues.ts';
import { objective, planProduct, type Plan } from './plan.ts';
import {
  assumptionPathAt, COST_MODEL_NAMES, documentLocation, fieldAtLocation, FIELDS, inRange, parseAssumptionPath, PLAN_FIELDS, type PlanField,
} from './plan-fields.ts';
import { checkAssumptionValue, parsePlan } from './validate.ts';

// Property runs take seconds on a loaded two-core machine: a timeout, not a speed assertion.
vi.setConfig({ testTimeout: 60_000 });

function planOf(doc: unknown): Plan {
  const parsed = parsePlan(doc);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message.en}`).join('\n'));
  return parsed.plan;
}

const plans = (['target', 'budget', 'channels'] as const).map((kind) => ({ kind, plan: planOf(everyFieldDocument(kind)) }));

/** The keys of a zod object shape whose (unwrapped) type is a number. */
function numberKeys(shape: Record<string, z.ZodType>): string[] {
  return Object.entries(shape).filter(([, t]) => {
    let def = (t as unknown as { _zod: { def: { type: string; innerType?: unknown } } })._zod.def;
    while (def.innerType) def = (def.innerType as typeof t & { _zod: { def: typeof def } })._zod.def;
    return def.type === 'number';
  }).map(([k]) => k);
}

/** A value inside the field's valid range but different from `base` (so a write is visible). */
function otherValid(f: PlanField, base: number): number {
  const hi = f.valid.max ?? base * 2 + 10;
  const whole = (v: number) => (f.valid.integer ? Math.round(v) : v);
  const candidate = whole((base + (f.valid.min + hi) / 2) / 2);
  return inRange(f.valid, candidate) && candidate !== base ? candidate : whole(f.valid.min + (hi - f.valid.min) / 3);
}

describe('the field registry agrees with the zod schemas', () => {
  it('has the cost models of the zod union, and each model exactly the registry fields that name it', () => {
    expect([...COST_MODEL_NAMES]).toEqual([...COST_MODELS]);
    for (const option of costModel.options) {
      const model = option.shape.model.value;
      const registered = PLAN_FIELDS.filter((f) => f.owner === 'channel' && f.at[0] === 'cost' && f.costModels?.includes(model)).map((f) => f.at[1]);
      expect(numberKeys(option.shape).sort(), model).toEqual([...registered].sort());
    }
  });

  it('knows every number of a channel, its curve, its bounds, a product and the objective', () => {
    const inside = (owner: PlanField['owner'], head?: string) => PLAN_FIELDS
      .filter((f) => f.owner === owner && (head === undefined ? f.at.length === 1 : f.at[0] === head && f.at.length === 2))
      .map((f) => (head === undefined ? f.at[0] : f.at[1])).sort();
    expect(numberKeys(channel.shape).sort()).toEqual(inside('channel'));
    expect(numberKeys(responseCurve.shape).sort()).toEqual(inside('channel', 'response'));
    expect(numberKeys(spendBounds.shape).sort()).toEqual(inside('channel', 'bounds'));
    expect(numberKeys(planProduct.shape).sort()).toEqual(inside('product'));
    for (const option of objective.options) {
      const kind = option.shape.kind.value;
      const fields = PLAN_FIELDS.filter((f) => f.objectiveKind === kind).map((f) => f.at[0]).sort();
      expect(Object.keys(option.shape).filter((k) => k !== 'kind').sort(), kind).toEqual(fields);
    }
  });

  it('gives every field a unique id, a label in both languages and a valid range the validator keeps', () => {
    expect(new Set(PLAN_FIELDS.map((f) => f.id)).size).toBe(PLAN_FIELDS.length);
    fc.assert(fc.property(fc.constantFrom(...PLAN_FIELDS), fc.oneof(fc.double(), fc.constantFrom(0, 1, -0, 1e-300, 1 - 1e-16)), (f, v) => {
      expect(f.label.zh.length * f.label.en.length).toBeGreaterThan(0);
      expect(f.validator.safeParse(v).success).toBe(inRange(f.valid, v));
    }));
  });

  it('lists the fields of each owner once per name, so an assumption path names one field', () => {
    for (const owner of ['channel', 'product'] as const) {
      const names = PLAN_FIELDS.filter((f) => f.owner === owner && f.assumption).map((f) => f.field);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe('every registry field, under every objective and cost model', () => {
  for (const { kind, plan } of plans) {
    const assumptions = listAssumptions(plan);

    it(`${kind}: lists exactly the registry's assumptions the plan has`, () => {
      const expected = kind === 'target' ? ['objective.gmv'] : kind === 'budget' ? ['objective.spend']
        : ['objective.spend.search', 'objective.spend.display', 'objective.spend.crm', 'objective.visitors.affiliate', 'objective.visitors.live'];
      expect(assumptions.filter((a) => a.path.startsWith('objective.')).map((a) => a.path)).toEqual(expected);
      for (const ch of plan.channels) {
        const listed = assumptions.filter((a) => a.owner?.kind === 'channel' && a.path.startsWith(`channels.${ch.id}.`)).map((a) => a.field);
        const wanted = PLAN_FIELDS.filter((f) => f.owner === 'channel' && f.assumption
          && (!f.costModels || f.costModels.includes(ch.cost.model)) && (f.at[0] !== 'response' || ch.response)).map((f) => f.field);
        expect(listed, ch.id).toEqual(wanted);
      }
      expect(assumptions.filter((a) => a.owner?.kind === 'product').map((a) => a.path)).toEqual([
        'products.p1.share', 'products.p1.price', 'products.p1.unitCost', 'products.p1.leadDays', 'products.p1.moq', 'products.p1.stock',
        'products.p1.serviceLevel', 'products.p1.demandCv', 'products.p.2.share', 'products.p.2.price',
      ]);
      expect(assumptions.filter((a) => a.path.startsWith('productSettings.')).map((a) => a.path))
        .toEqual(PLAN_FIELDS.filter((f) => f.owner === 'plan').map((f) => f.id));
    });

    it(`${kind}: write then read round-trips every assumption, touching nothing else`, () => {
      for (const a of assumptions) {
        const f = parseAssumptionPath(a.path)!.field;
        const value = otherValid(f, a.value);
        const next = writeAssumption(plan, a.path, value)!;
        expect(readAssumption(next, a.path), a.path).toBe(value);
        expect(readAssumption(plan, a.path), a.path).toBe(a.value);
        const changed = listAssumptions(next).filter((b, i) => b.value !== assumptions[i]!.value).map((b) => b.path);
        expect(changed, a.path).toEqual([a.path]);
      }
    });

    it(`${kind}: a value out of range is reported by zod exactly at the registry's document location`, () => {
      for (const a of assumptions) {
        const f = parseAssumptionPath(a.path)!.field;
        const bad = f.valid.max !== undefined ? f.valid.max + 1 : f.valid.min - 1;
        const outcome = parsePlan(writeAssumption(plan, a.path, bad));
        expect(outcome.ok, a.path).toBe(false);
        const where = documentLocation(plan, a.path)!;
        const found = outcome.ok ? [] : outcome.issues.filter((i) => i.code === 'too_big' || i.code === 'too_small' || i.code === 'lead_time_over_year');
        // a product's share or a channel's share out of range also breaks the sum: the field's own issue comes first
        expect(found[0]?.path, a.path).toBe(formatPath(where));
        expect(found[0]?.at, a.path).toEqual(where);
        expect(assumptionPathAt(plan, found[0]!.at), a.path).toBe(a.path);
        expect(fieldAtLocation(where)?.id, a.path).toBe(f.id);
        // and the single-field check the engine uses agrees with zod
        expect(checkAssumptionValue(a.path, bad)?.code, a.path).toBe(found[0]?.code);
        // (a product's issue in the document also names the product first: the edit's cell already says which)
        const single = checkAssumptionValue(a.path, bad)?.message;
        expect(found[0]?.message.en.endsWith(single?.en ?? '\u0000'), `${a.path}: ${found[0]?.message.en}`).toBe(true);
        expect(found[0]?.message.zh.endsWith(single?.zh ?? '\u0000'), `${a.path}: ${found[0]?.message.zh}`).toBe(true);
        // given the product, the single-field check says it word for word as the whole-plan check does
        if (a.owner?.kind === 'product') {
          const product = plan.products!.find((p) => p.id === a.owner!.id)!;
          expect(checkAssumptionValue(a.path, bad, product)?.message, a.path).toEqual(found[0]?.message);
        }
        expect(checkAssumptionValue(a.path, otherValid(f, a.value)), a.path).toBeUndefined();
      }
    });
  }

  it('never writes a field the plan does not have (no margin invented, no cpc on a cpm channel)', () => {
    const plan = plans[0]!.plan;
    const bare = planOf({ ...everyFieldDocument('target'), channels: everyFieldDocument('target').channels.map((c: any) => ({ ...c, margin: undefined, response: undefined })) });
    expect(writeAssumption(bare, 'channels.search.margin', 0.3)).toBeUndefined();
    expect(writeAssumption(bare, 'channels.search.kappa', 5)).toBeUndefined();
    expect(writeAssumption(plan, 'channels.display.cpc', 1)).toBeUndefined();
    expect(writeAssumption(plan, 'objective.spend', 1)).toBeUndefined();
    expect(writeAssumption(plan, 'channels.search.min', 1)).toBeUndefined(); // bounds are settings, not assumptions
    expect(writeAssumption(plan, 'products.nope.price', 1)).toBeUndefined();
    expect(writeAssumption(plan, 'channels.search', 1)).toBeUndefined();
  });

  it('property: any valid value written to any assumption reads back and still parses', () => {
    const [{ plan }] = plans as [typeof plans[number]];
    const all = listAssumptions(plan).filter((a) => !a.path.endsWith('.share'));
    fc.assert(fc.property(fc.constantFrom(...all), fc.double({ min: 0, max: 1, noNaN: true }), (a, t) => {
      const f = parseAssumptionPath(a.path)!.field;
      const hi = f.valid.max ?? a.value * 10 + 1;
      const value = f.valid.min + t * (hi - f.valid.min);
      fc.pre(inRange(f.valid, value));
      const next = writeAssumption(plan, a.path, value)!;
      expect(readAssumption(next, a.path)).toBe(value);
      const parsed = parsePlan(next);
      // only whole-plan rules (a CVR of 0 on a paid channel) may still refuse it, never the field's own range
      if (!parsed.ok) expect(parsed.issues.every((i) => i.code !== 'too_big' && !(i.code === 'too_small' && i.params?.why === undefined))).toBe(true);
    }));
  });

  it('maps issue locations back to assumption paths: by index, by id, and through uncertainty', () => {
    const plan = plans[0]!.plan;
    expect(assumptionPathAt(plan, ['channels', 1, 'response', 'kappa'])).toBe('channels.search.kappa');
    expect(assumptionPathAt(plan, ['channels', 'search', 'kappa'])).toBe('channels.search.kappa');
    expect(assumptionPathAt(plan, ['products', 1, 'price'])).toBe('products.p.2.price');
    expect(assumptionPathAt(plan, ['uncertainty', 'channels.search.cvr', 'low'])).toBe('channels.search.cvr');
    expect(assumptionPathAt(plan, ['channels', 1, 'bounds', 'min'])).toBeUndefined();
    expect(assumptionPathAt(plan, ['channels', 9, 'cvr'])).toBeUndefined();
    expect(assumptionPathAt(plan, ['channels'])).toBeUndefined();
  });

  it('keeps every registry field reachable: each assumption field appears in the every-field plan', () => {
    const seen = new Set(plans.flatMap(({ plan }) => listAssumptions(plan).map((a) => parseAssumptionPath(a.path)!.field.id)));
    expect(PLAN_FIELDS.filter((f) => f.assumption && !seen.has(f.id)).map((f) => f.id)).toEqual([]);
    expect(FIELDS['channel.cvr'].unit).toBe('rate');
  });
});

describe('single-field checks and plausibility', () => {
  it('refuses a non-finite or unknown edit with a message, never NaN', () => {
    const nan = checkAssumptionValue('products.p.2.price', Number.NaN);
    expect(nan).toMatchObject({ path: 'products.p.2.price', at: ['products', 'p.2', 'price'], code: 'invalid_type' });
    expect(nan?.message.en).toBe('price must be a finite number (it is not a number)');
    expect(nan?.message.zh).toBe('售价必须是有限数字（现为 非数字）');
    expect(checkAssumptionValue('products.p1.colour', 1)).toMatchObject({ code: 'unknown_path', path: 'products.p1.colour' });
    expect(checkAssumptionValue('channels.search.refundRate', 1)?.message.en).toBe('refund rate must be below 100%');
  });

  it('warns, never refuses, where a value is valid but unusual (a CVR of 68%)', async () => {
    const { plausibilityWarnings } = await import('./validate.ts');
    const doc = everyFieldDocument('target');
    doc.channels[1].cvr = 0.68;
    const plan = planOf(doc);
    const warnings = plausibilityWarnings(plan);
    expect(warnings.map((w) => `${w.path}:${w.code}`)).toEqual(['channels.search.cvr:implausible']);
    expect(warnings[0]?.message.en).toBe('conversion rate of 68% is outside the usual 0.05% – 30%; please check it');
    expect(plausibilityWarnings(plans[0]!.plan)).toEqual([]);
  });
});
