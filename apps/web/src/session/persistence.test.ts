import { describe, expect, it } from 'vitest';
import { scalePlan } from '@shopplan/examples';
import { changedProducts } from './persistence.ts';
import { writePlanValue } from './plan-edit.ts';

describe('saving a large plan', () => {
  it('Given a price typed into a 2,000-product plan, Then only that product is written as a patch', () => {
    const plan = scalePlan(2000, 4);
    const products = plan.products ?? [];
    const id = products[17]?.id ?? '';
    const next = writePlanValue(plan, `products.${id}.price`, 88);
    expect(changedProducts(products, next?.products ?? [])).toEqual([{ index: 17, product: { ...products[17], price: 88 } }]);
    expect(changedProducts(products, products.slice(1))).toBeUndefined();
  });
});
