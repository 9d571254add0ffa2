import { describe, expect, it } from 'vitest';
import { examplePlan, scalePlan } from '@shopplan/examples';
import { PRODUCTS_PER_PART, joinPlan, splitPlan } from './plan-parts.ts';

describe('a plan in parts', () => {
  it('Given 1,200 products, When split, Then parts of at most PRODUCTS_PER_PART go after a head without products, and joined they are the plan again', () => {
    const plan = scalePlan(1200, 8, { productCalendar: true });
    const split = splitPlan(plan);
    expect(split).toBeDefined();
    expect(split!.parts.map((p) => p.length)).toEqual([PRODUCTS_PER_PART, PRODUCTS_PER_PART, 1200 - 2 * PRODUCTS_PER_PART]);
    expect(split!.head.products).toEqual([]);
    // what crosses is a copy: join copies of the pieces, as the other side receives them
    expect(joinPlan(structuredClone(split!.head), split!.parts.map((p) => structuredClone(p)))).toEqual(plan);
  });

  it('Given a small plan or one without products, When split, Then it goes whole', () => {
    expect(splitPlan(examplePlan('products-2027'))).toBeUndefined();
    expect(splitPlan(examplePlan('june-shop'))).toBeUndefined();
  });
});
