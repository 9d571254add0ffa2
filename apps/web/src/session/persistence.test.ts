import { describe, expect, it } from 'vitest';
import { scalePlan } from '@shopplan/examples';
import { PRODUCTS_PER_RECORD, changedProducts, productParts } from './persistence.ts';
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

  it('Given 1,200 products, When written in parts, Then each part holds at most PRODUCTS_PER_RECORD and together they are the products in order', () => {
    const products = scalePlan(1200, 4).products ?? [];
    const parts = productParts(products);
    expect(parts.map((p) => p.length)).toEqual([PRODUCTS_PER_RECORD, PRODUCTS_PER_RECORD, 1200 - 2 * PRODUCTS_PER_RECORD]);
    expect(parts.flat()).toEqual(products);
    expect(productParts([])).toEqual([]);
  });
});
