import { describe, expect, it } from 'vitest';
import { juneShopDocument } from './june-fixture.test-data.ts';
import type { PlanIssue } from './issues.ts';
import { migratePlan } from './migrations.ts';
import { checkAssumptionValue, parsePlan } from './validate.ts';

/**
 * The June shop as a v4 plan over 2027 with a small product calendar: a
 * three-level category tree, two activities, a tea with every product field
 * and a cup with only the v3 fields.
 */
function teaShop(): any {
  return {
    ...juneShopDocument(),
    version: 4,
    period: { start: '2027-01-04', end: '2028-01-02' },
    activities: [
      { id: 'spring-tea', name: { zh: '春茶节', en: 'Spring tea' }, tier: 'B', kind: 'seasonal', window: { start: '2027-03-01', end: '2027-04-30' } },
      { id: '618', name: { zh: '618', en: '618' }, tier: 'S', kind: 'platform', window: { start: '2027-05-20', end: '2027-06-20' } },
    ],
    categories: [
      { id: 'food', name: { zh: '食品', en: 'Food' }, role: 'destination' },
      { id: 'tea', name: { zh: '茶叶', en: 'Tea' }, parent: 'food', role: 'routine' },
      { id: 'green-tea', name: { zh: '绿茶', en: 'Green tea' }, parent: 'tea', role: 'seasonal' },
      { id: 'home', name: { zh: '家居', en: 'Home' }, role: 'convenience' },
    ],
    products: [
      {
        id: 'longjing', name: { zh: '龙井礼盒', en: 'Longjing gift box' }, share: 0.7, price: 199, category: 'green-tea', role: 'seasonal',
        unitCost: 80, leadDays: 15, moq: 100, stock: 400, serviceLevel: 0.95, demandCv: 0.4,
        lifecycle: { launch: '2027-03-01', growth: '2027-03-20', maturity: '2027-04-10', decline: '2027-06-01', end: '2027-08-31' },
        season: { start: '2027-03-01', end: '2027-08-31' },
        promotions: [
          { activity: 'spring-tea', mechanic: { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }, { spend: 500, save: 80 }], basketUnits: 2 } },
          { activity: '618', mechanic: { kind: 'secondHalf' }, promoPrice: 149 },
        ],
      },
      { id: 'cup', name: { zh: '玻璃杯', en: 'Glass cup' }, share: 0.3, price: 39, category: 'home' },
    ],
    productSettings: { priceEnding: 9, asOf: '2027-01-04', roles: { traffic: { weight: 1.2 } }, stages: { launch: 0.4 } },
  };
}

function issuesOf(doc: unknown): PlanIssue[] {
  const outcome = parsePlan(doc);
  return outcome.ok ? [] : outcome.issues;
}

describe('plan v4: the product calendar is accepted as designed', () => {
  it('Given a v4 plan with categories, every product field and product settings, Then it parses as written', () => {
    const outcome = parsePlan(teaShop());
    expect(outcome.ok ? [] : outcome.issues).toEqual([]);
    if (!outcome.ok) return;
    expect(outcome.plan.version).toBe(4);
    expect(outcome.plan.products?.[0]).toEqual(teaShop().products[0]);
    expect(outcome.plan.productSettings).toEqual(teaShop().productSettings);
  });

  it('Given every mechanic of the design, Then each is accepted on a ¥199 product', () => {
    const doc = teaShop();
    const mechanics = [
      { kind: 'bogo' }, { kind: 'secondHalf' }, { kind: 'multiBuy', items: 3, total: 499 },
      { kind: 'spendSave', tiers: [{ spend: 200, save: 20 }], repeat: true }, { kind: 'coupon', threshold: 0, value: 10 },
      { kind: 'coupon', threshold: 300, value: 30, basketUnits: 2 }, { kind: 'priceCut', price: 169 }, { kind: 'group', price: 159, groupSize: 3 },
    ];
    doc.activities = mechanics.map((_, i) => ({ id: `a${i}`, name: { zh: `活动${i}`, en: `Activity ${i}` }, tier: 'C', window: { start: '2027-05-01', end: '2027-05-31' } }));
    doc.products[0].promotions = mechanics.map((mechanic, i) => ({ activity: `a${i}`, mechanic }));
    expect(issuesOf(doc)).toEqual([]);
  });

  it('Given a v3 plan with products, When migrated to v4 and back, Then up changes only the version and down drops the v4 parts', () => {
    const v4 = teaShop();
    const v3 = migratePlan(v4, 3);
    expect(v3.ok).toBe(true);
    if (!v3.ok) return;
    expect(v3.doc.categories).toBeUndefined();
    expect(v3.doc.productSettings).toBeUndefined();
    expect(v3.doc.products).toEqual([
      { id: 'longjing', name: { zh: '龙井礼盒', en: 'Longjing gift box' }, share: 0.7, price: 199 },
      { id: 'cup', name: { zh: '玻璃杯', en: 'Glass cup' }, share: 0.3, price: 39 },
    ]);
    expect(v3.doc.activities).toEqual(v4.activities); // the v3 calendar stays
    expect(migratePlan(v3.doc, 4)).toEqual({ ok: true, from: 3, doc: { ...v3.doc, version: 4 } });
    expect(parsePlan(v3.doc).ok).toBe(true);
    expect(v4.products[0].lifecycle).toBeDefined(); // the input is not mutated
  });
});

describe('plan v4: bad product input is named by product and field, in zh and en', () => {
  it('Given a product in an unknown category, Then the issue names the product and the category id', () => {
    const doc = teaShop();
    doc.products[1].category = 'kitchen';
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'products[1].category', at: ['products', 1, 'category'], code: 'unknown_category' });
    expect(found?.message.en).toBe('product "Glass cup" (id "cup"): there is no category with id "kitchen"');
    expect(found?.message.zh).toBe('商品“玻璃杯”（编号“cup”）：没有编号为“kitchen”的类目');
  });

  it('Given a lead time longer than a year (300 working days), Then it is refused as such', () => {
    const doc = teaShop();
    doc.products[0].leadDays = 300;
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'products[0].leadDays', code: 'lead_time_over_year' });
    expect(found?.message.en).toBe('product "Longjing gift box" (id "longjing"): supplier lead time (working days) of 300 is longer than a year (at most 250 working days)');
    expect(found?.message.zh).toBe('商品“龙井礼盒”（编号“longjing”）：供应商交期（工作日） 300 超过一年（最多 250 个工作日）');
  });

  it('Given a lead time of 2.5 days, Then it must be whole working days', () => {
    const doc = teaShop();
    doc.products[0].leadDays = 2.5;
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'products[0].leadDays', code: 'invalid_type' });
    expect(found?.message.en).toBe('product "Longjing gift box" (id "longjing"): supplier lead time (working days) must be a whole number, not 2.5');
    // and the single-field check the page uses says the same
    expect(checkAssumptionValue('products.longjing.leadDays', 2.5)?.message.en).toBe('supplier lead time (working days) must be a whole number, not 2.5');
  });

  it('Given negative stock, Then the issue names the product and opening stock', () => {
    const doc = teaShop();
    doc.products[0].stock = -5;
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'products[0].stock', code: 'too_small' });
    expect(found?.message.en).toBe('product "Longjing gift box" (id "longjing"): opening stock must be at least 0');
    expect(found?.message.zh).toBe('商品“龙井礼盒”（编号“longjing”）：期初库存不能小于 0');
  });

  it('Given a promotional price above the list price, Then it is refused with both prices', () => {
    const doc = teaShop();
    doc.products[0].promotions[1].promoPrice = 219;
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'products[0].promotions[1].promoPrice', code: 'promo_price_above_list' });
    expect(found?.message.en).toBe('product "Longjing gift box" (id "longjing"): the promotional price 219 is above the list price 199');
    expect(found?.message.zh).toBe('商品“龙井礼盒”（编号“longjing”）：活动价 219 高于原价 199');
  });

  it('Given 满100减200, Then the mechanic is called contradictory at the saving', () => {
    const doc = teaShop();
    doc.products[0].promotions[0].mechanic = { kind: 'spendSave', tiers: [{ spend: 100, save: 200 }] };
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'products[0].promotions[0].mechanic.tiers[0].save', code: 'mechanic_contradiction', params: { why: 'saveOverSpend' } });
    expect(found?.message.zh).toBe('商品“龙井礼盒”（编号“longjing”）：满减“满100减200”减去的不少于门槛本身，请检查两个数是否写反');
    expect(found?.message.en).toBe('product "Longjing gift box" (id "longjing"): spend-and-save "spend 100, save 200" saves as much as the spend itself; are the two numbers swapped?');
  });

  it.each([
    ['tiers that do not rise', { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }, { spend: 200, save: 50 }] }, 'tiers[1]', 'tiersOrder'],
    ['3 for more than 3 list prices', { kind: 'multiBuy', items: 3, total: 600 }, 'total', 'multiBuy'],
    ['a coupon worth its threshold', { kind: 'coupon', threshold: 100, value: 100 }, 'value', 'couponOverThreshold'],
    ['a no-threshold coupon worth the basket', { kind: 'coupon', threshold: 0, value: 199 }, 'value', 'couponOverBasket'],
    ['a price cut to the list price', { kind: 'priceCut', price: 199 }, 'price', 'priceCut'],
    ['a group price above the list price', { kind: 'group', price: 209, groupSize: 2 }, 'price', 'group'],
  ])('Given %s, Then the mechanic is contradictory, with its own message', (_what, mechanic, where, why) => {
    const doc = teaShop();
    doc.products[0].promotions[0].mechanic = mechanic;
    const [found, ...rest] = issuesOf(doc);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ path: `products[0].promotions[0].mechanic.${where}`, code: 'mechanic_contradiction', params: { why } });
    expect(found?.message.en).toMatch(/^product "Longjing gift box" \(id "longjing"\): /);
    expect(found?.message.zh).toMatch(/^商品“龙井礼盒”（编号“longjing”）：/);
    expect(found?.message.en).not.toMatch(/contradict each other/); // a specific reason, not the fallback
  });

  it('Given a promotion for an activity the plan does not have, Then it names the activity id', () => {
    const doc = teaShop();
    doc.products[0].promotions[1].activity = 'double-11';
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'products[0].promotions[1].activity', code: 'unknown_activity' });
    expect(found?.message.en).toBe('product "Longjing gift box" (id "longjing"): the promotion joins activity "double-11", which is not among the plan\'s activities');
  });

  it('Given two promotions for the same activity, Then the second is refused (only one price a week)', () => {
    const doc = teaShop();
    doc.products[0].promotions[1].activity = 'spring-tea';
    expect(issuesOf(doc).map((i) => `${i.path}:${i.code}`)).toEqual(['products[0].promotions[1].activity:duplicate_promotion']);
  });

  it('Given lifecycle dates out of order, Then the later stage is named with both dates', () => {
    const doc = teaShop();
    doc.products[0].lifecycle.decline = '2027-03-15';
    const found = issuesOf(doc);
    expect(found.map((i) => `${i.path}:${i.code}`)).toEqual(['products[0].lifecycle.decline:lifecycle_order']);
    expect(found[0]?.message.en).toBe('product "Longjing gift box" (id "longjing"): the decline start date 2027-03-15 must come after the maturity start date 2027-04-10');
    expect(found[0]?.message.zh).toBe('商品“龙井礼盒”（编号“longjing”）：衰退期开始日期 2027-03-15 必须晚于成熟期开始日期 2027-04-10');
  });

  it('Given an end before launch with the stages between left out, Then the end is out of order', () => {
    const doc = teaShop();
    doc.products[0].lifecycle = { launch: '2027-03-01', end: '2027-03-01' };
    expect(issuesOf(doc).map((i) => `${i.path}:${i.code}`)).toEqual(['products[0].lifecycle.end:lifecycle_order']);
  });

  it('Given a season wholly outside the period, or ending before it starts, Then each is refused; a season the period cuts is not', () => {
    const doc = teaShop();
    doc.products[0].season = { start: '2026-03-01', end: '2026-08-31' };
    const [outside] = issuesOf(doc);
    expect(outside).toMatchObject({ path: 'products[0].season', code: 'season_outside_period' });
    expect(outside?.message.en).toBe('product "Longjing gift box" (id "longjing"): the season window 2026-03-01 to 2026-08-31 lies wholly outside the plan\'s period 2027-01-04 to 2028-01-02, so the product is never on sale');
    doc.products[0].season = { start: '2027-08-31', end: '2027-03-01' };
    expect(issuesOf(doc).map((i) => `${i.path}:${i.code}`)).toEqual(['products[0].season.end:season_order']);
    doc.products[0].season = { start: '2027-12-01', end: '2028-02-28' };
    expect(issuesOf(doc)).toEqual([]);
  });

  it('Given a duplicate product id, Then the second is named with the first', () => {
    const doc = teaShop();
    doc.products[1].id = 'longjing';
    expect(issuesOf(doc).map((i) => `${i.path}:${i.code}`)).toEqual(['products[1].id:duplicate_id']);
  });

  it('Given a bad field type deep in a product, Then zod\'s issue is named by the product too', () => {
    const doc = teaShop();
    doc.products[1].serviceLevel = 0.3;
    doc.products[1].role = 'hero';
    const found = issuesOf(doc);
    expect(found.map((i) => `${i.path}:${i.code}`).sort()).toEqual(['products[1].role:invalid_value', 'products[1].serviceLevel:too_small']);
    for (const i of found) expect(i.message.en).toMatch(/^product "Glass cup" \(id "cup"\): /);
    expect(found.find((i) => i.code === 'too_small')?.message.en).toBe('product "Glass cup" (id "cup"): service level must be at least 50%');
  });
});

describe('plan v4: the category tree', () => {
  it('Given a duplicate category id, Then it is refused naming the first', () => {
    const doc = teaShop();
    doc.categories[3].id = 'tea';
    doc.products[1].category = 'tea';
    const found = issuesOf(doc);
    expect(found.map((i) => `${i.path}:${i.code}`)).toEqual(['categories[3].id:duplicate_id']);
    expect(found[0]?.message.en).toBe('category id "tea" is used twice (also categories[1])');
  });

  it('Given an unknown parent, Then the category is named', () => {
    const doc = teaShop();
    doc.categories[3].parent = 'living';
    const [found] = issuesOf(doc);
    expect(found).toMatchObject({ path: 'categories[3].parent', code: 'unknown_category' });
    expect(found?.message.en).toBe('category "Home" (id "home"): there is no category with id "living"');
  });

  it('Given a fourth level, Then the deepest category is refused with its chain', () => {
    const doc = teaShop();
    doc.categories.push({ id: 'longjing-tea', name: { zh: '龙井', en: 'Longjing' }, parent: 'green-tea', role: 'seasonal' });
    const [found, ...rest] = issuesOf(doc);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ path: 'categories[4].parent', code: 'category_depth' });
    expect(found?.message.en).toBe('category "Longjing" (id "longjing-tea"): is at level 4 (food → tea → green-tea → longjing-tea); categories go at most 3 levels deep');
    expect(found?.message.zh).toBe('类目“龙井”（编号“longjing-tea”）：位于第 4 级（food → tea → green-tea → longjing-tea），类目最多 3 级');
  });

  it('Given a cycle (food under green-tea), Then it is reported once, and a category that is its own parent too', () => {
    const doc = teaShop();
    doc.categories[0].parent = 'green-tea';
    const found = issuesOf(doc);
    expect(found.map((i) => `${i.path}:${i.code}`)).toEqual(['categories[0].parent:category_cycle']);
    expect(found[0]?.message.en).toBe('category "Food" (id "food"): its parent categories go round in a circle (food → green-tea → tea → food)');
    const self = teaShop();
    self.categories[3].parent = 'home';
    expect(issuesOf(self).map((i) => `${i.path}:${i.code}`)).toEqual(['categories[3].parent:category_cycle']);
  });
});
