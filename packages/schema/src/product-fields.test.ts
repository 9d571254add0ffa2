import { describe, expect, it } from 'vitest';
import { listAssumptions, readAssumption, writeAssumption } from './assumptions.ts';
import { planJsonSchema } from './json-schema.ts';
import { juneShopDocument } from './june-fixture.test-data.ts';
import { fieldLabel } from './fields.ts';
import { assumptionPathAt, documentLocation, FIELDS, parseAssumptionPath } from './plan-fields.ts';
import { PRODUCT_DEFAULTS, ROLE_DEFAULTS, STAGE_DEFAULTS } from './product-defaults.ts';
import type { Plan } from './plan.ts';
import { parsePlan, plausibilityWarnings } from './validate.ts';

function shop(): Plan {
  const outcome = parsePlan({
    ...juneShopDocument(), version: 4,
    products: [
      { id: 'tea', name: { zh: '茶', en: 'Tea' }, share: 0.6, price: 99, leadDays: 12, moq: 50 },
      { id: 'cup', name: { zh: '杯', en: 'Cup' }, share: 0.4, price: 39 },
    ],
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.plan;
}

describe('the registry reaches the v4 product fields and settings', () => {
  it('Given a product without stock data, Then its fields read as PRODUCT_DEFAULTS, and a plan without settings reads the role and stage defaults', () => {
    const plan = shop();
    expect(readAssumption(plan, 'products.cup.moq')).toBe(PRODUCT_DEFAULTS.moq);
    expect(readAssumption(plan, 'products.cup.serviceLevel')).toBe(0.95);
    expect(readAssumption(plan, 'products.tea.leadDays')).toBe(12);
    expect(readAssumption(plan, 'productSettings.roles.traffic.elasticity')).toBe(ROLE_DEFAULTS.traffic.elasticity);
    expect(readAssumption(plan, 'productSettings.stages.launch')).toBe(STAGE_DEFAULTS.launch);
    expect(readAssumption(plan, 'products.nope.moq')).toBeUndefined();
  });

  it('Then only numbers the document holds are listed (defaults are not, so an Assumptions sheet does not grow by itself)', () => {
    const paths = listAssumptions(shop()).filter((a) => a.path.startsWith('products.') || a.path.startsWith('productSettings.')).map((a) => a.path);
    expect(paths).toEqual(['products.tea.share', 'products.tea.price', 'products.tea.leadDays', 'products.tea.moq', 'products.cup.share', 'products.cup.price']);
  });

  it('When a defaulted field is written, Then it is added where it belongs, the plan still parses, and it is listed from then on', () => {
    const plan = shop();
    const withLead = writeAssumption(plan, 'products.cup.leadDays', 20)!;
    expect(withLead.products?.[1]?.leadDays).toBe(20);
    expect(plan.products?.[1]?.leadDays).toBeUndefined(); // the original is untouched
    const tilted = writeAssumption(withLead, 'productSettings.roles.traffic.weight', 1.5)!;
    expect(tilted.productSettings).toEqual({ roles: { traffic: { weight: 1.5 } } });
    const again = writeAssumption(tilted, 'productSettings.stages.decline', 0.4)!;
    expect(again.productSettings).toEqual({ roles: { traffic: { weight: 1.5 } }, stages: { decline: 0.4 } });
    expect(parsePlan(again).ok).toBe(true);
    expect(listAssumptions(again).filter((a) => a.path.startsWith('productSettings.')).map((a) => [a.path, a.value, a.owner])).toEqual([
      ['productSettings.roles.traffic.weight', 1.5, undefined], ['productSettings.stages.decline', 0.4, undefined],
    ]);
    // a channel's optional field without a fallback is still never invented
    expect(writeAssumption(plan, 'channels.search.margin', 0.3)).toBeUndefined();
  });

  it('Then plan-level paths map to their document place and back, with planner labels', () => {
    const plan = shop();
    expect(parseAssumptionPath('productSettings.roles.flagship.elasticity')?.field).toBe(FIELDS['productSettings.roles.flagship.elasticity']);
    expect(parseAssumptionPath('productSettings.roles.hero.weight')).toBeUndefined();
    expect(documentLocation(plan, 'productSettings.stages.growth')).toEqual(['productSettings', 'stages', 'growth']);
    expect(assumptionPathAt(plan, ['productSettings', 'stages', 'growth'])).toBe('productSettings.stages.growth');
    expect(assumptionPathAt(plan, ['products', 0, 'leadDays'])).toBe('products.tea.leadDays');
    expect(FIELDS['productSettings.roles.traffic.weight'].label).toEqual({ zh: '引流款权重', en: 'traffic driver weight' });
    expect(fieldLabel(['products', 0, 'promotions', 0, 'mechanic', 'tiers', 0, 'spend'])).toEqual({ zh: '满额', en: 'spend threshold' });
    expect(fieldLabel(['products', 0, 'lifecycle', 'end'])).toEqual({ zh: '退市日期', en: 'end date' });
  });

  it('Given an implausible lead time or elasticity, Then a warning, not a refusal', () => {
    const plan = writeAssumption(writeAssumption(shop(), 'products.tea.leadDays', 200)!, 'productSettings.roles.profit.elasticity', 8)!;
    expect(parsePlan(plan).ok).toBe(true);
    expect(plausibilityWarnings(plan).map((w) => w.path)).toEqual(['products.tea.leadDays', 'productSettings.roles.profit.elasticity']);
  });
});

describe('the JSON Schema of plan v4', () => {
  it('is generated from zod and describes the product calendar', () => {
    const text = JSON.stringify(planJsonSchema());
    for (const word of ['"categories"', '"productSettings"', '"promotions"', '"lifecycle"', '"leadDays"', '"const":"spendSave"', '"const":"group"', '"const":4']) expect(text).toContain(word);
  });
});
