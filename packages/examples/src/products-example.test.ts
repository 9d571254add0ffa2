import { describe, expect, it } from 'vitest';
import { CATEGORY_ROLES, MECHANIC_KINDS, PRODUCT_ROLES, type Plan } from '@shopplan/schema';
import { examplePlan } from './index.ts';
import { scalePlan } from './scale-plan.ts';

/** The facts issue 12 asks of a product calendar example, checked on a plan. */
function describeCalendar(plan: Plan) {
  const products = plan.products ?? [];
  const categories = plan.categories ?? [];
  const parentOf = new Map(categories.map((c) => [c.id, c.parent]));
  const level = (id: string): number => { let n = 1; for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) n++; return n; };
  return {
    levels: new Set(categories.map((c) => level(c.id))),
    productLevels: new Set(products.map((p) => level(p.category ?? ''))),
    categoryRoles: new Set(categories.map((c) => c.role)),
    roles: new Set(products.map((p) => p.role)),
    mechanics: new Set(products.flatMap((p) => (p.promotions ?? []).map((x) => x.mechanic.kind))),
    launchesInYear: products.filter((p) => p.lifecycle && p.lifecycle.launch > plan.period.start && !p.season).length,
    declines: products.filter((p) => p.lifecycle?.decline !== undefined && !p.season).length,
    seasonal: products.filter((p) => p.season).length,
    decoys: products.filter((p) => p.decoy),
    everyField: products.filter((p) => !p.decoy).every((p) => p.category && p.role && p.unitCost !== undefined && p.leadDays !== undefined
      && p.moq !== undefined && p.stock !== undefined && p.serviceLevel !== undefined && p.demandCv !== undefined && p.lifecycle),
    joined: new Set(products.flatMap((p) => (p.promotions ?? []).map((x) => x.activity))),
  };
}

describe('products-2027: 200 products over 52 weeks, checkable by hand', () => {
  const plan = examplePlan('products-2027');
  const facts = describeCalendar(plan);

  it('Then it is a valid plan v4 of 200 products over 52 Monday weeks', () => {
    expect(plan.version).toBe(4);
    expect(plan.products).toHaveLength(200);
    expect(plan.weeks).toHaveLength(52);
    expect(plan.weeks?.[0]?.start).toBe('2027-01-04');
    expect(plan.period).toEqual({ start: '2027-01-04', end: '2028-01-02' });
  });

  it('Then shares are round: 18 × 2%, 80 × 0.5%, 100 × 0.24% and 2 decoys at 0, so a product\'s year is ¥480,000, ¥120,000 or ¥57,600', () => {
    const count = (share: number) => plan.products!.filter((p) => p.share === share).length;
    expect([count(0.02), count(0.005), count(0.0024), count(0)]).toEqual([18, 80, 100, 2]);
    expect(plan.objective).toEqual({ kind: 'target', gmv: 24_000_000 });
    expect(facts.decoys.map((p) => [p.id, p.share])).toEqual([['p100', 0], ['p200', 0]]);
  });

  it('Then the category tree has three levels and every category role; products sit at level 3', () => {
    expect([...facts.levels].sort()).toEqual([1, 2, 3]);
    expect([...facts.productLevels]).toEqual([3]);
    expect([...facts.categoryRoles].sort()).toEqual([...CATEGORY_ROLES].sort());
  });

  it('Then every role and every mechanic is there, with launches mid-year, declines and seasonal windows', () => {
    expect([...facts.roles].sort()).toEqual([...PRODUCT_ROLES].sort());
    expect([...facts.mechanics].sort()).toEqual([...MECHANIC_KINDS].sort());
    expect(facts.launchesInYear).toBeGreaterThan(0);
    expect(plan.products!.find((p) => p.lifecycle?.launch === '2027-06-07')).toBeDefined();
    expect(facts.declines).toBeGreaterThan(0);
    expect(facts.seasonal).toBeGreaterThan(0);
    expect(facts.everyField).toBe(true);
  });

  it('Then the promotions join the 2027 activities it carries, each of which is year-2027\'s own', () => {
    const year = examplePlan('year-2027');
    for (const a of plan.activities ?? []) expect(year.activities?.find((b) => b.id === a.id)).toEqual(a);
    expect([...facts.joined].sort()).toEqual((plan.activities ?? []).map((a) => a.id).sort());
    expect(plan.resources).toEqual(year.resources);
  });

  it('Then some products start with no stock and a long lead time (their first orders are already past on the planning date)', () => {
    expect(plan.productSettings?.asOf).toBe('2027-01-04');
    const starved = plan.products!.filter((p) => p.stock === 0 && !p.decoy);
    expect(starved.length).toBeGreaterThan(0);
    for (const p of starved) {
      expect(p.leadDays).toBe(40);
      expect(p.promotions?.[0]?.activity).toBe('nianhuo');
    }
  });
});

describe('scalePlan with the product calendar', () => {
  it('Given 10,000 products, Then the plan is a valid v4 plan with every field on every product', () => {
    const plan = scalePlan(10_000, 52, { productCalendar: true });
    const facts = describeCalendar(plan);
    expect(plan.products).toHaveLength(10_000);
    expect(facts.everyField).toBe(true);
    expect([...facts.roles].sort()).toEqual([...PRODUCT_ROLES].sort());
    expect([...facts.mechanics].sort()).toEqual([...MECHANIC_KINDS].sort());
    expect(facts.decoys).toHaveLength(20);
    expect(Math.abs(plan.products!.reduce((a, p) => a + p.share, 0) - 1)).toBeLessThan(1e-9);
  });

  it('Then it is the same plan on every call, and without the option the plan is as before', () => {
    expect(scalePlan(300, 52, { productCalendar: true })).toEqual(scalePlan(300, 52, { productCalendar: true }));
    const basic = scalePlan(300, 52);
    expect(basic.activities).toBeUndefined();
    expect(basic.products?.every((p) => Object.keys(p).sort().join() === 'id,name,price,share')).toBe(true);
  });

  it('Given a plan shorter than a year, Then it is still valid (seasons the period misses are left out)', () => {
    const plan = scalePlan(200, 12, { productCalendar: true });
    expect(plan.products?.filter((p) => p.season).every((p) => p.season!.start <= plan.period.end)).toBe(true);
  });
});
