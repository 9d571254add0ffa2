import { describe, expect, it } from 'vitest';
import { examplePlan } from '@shopplan/examples';
import type { Category, Plan } from '@shopplan/schema';
import {
  categorySubtree, categoryTree, filterProducts, indexRuns, isoFromDay, windowIndices, measureCell, mechanicForm, readMechanic, sortedAlerts, withMechanic,
} from './product-view.ts';

const name = (s: string) => ({ zh: s, en: s });
const cats: Category[] = [
  { id: 'tea', name: name('茶'), role: 'destination' },
  { id: 'fruit', name: name('水果'), role: 'seasonal' },
  { id: 'green', name: name('绿茶'), parent: 'tea', role: 'routine' },
  { id: 'blc', name: name('碧螺春'), parent: 'green', role: 'routine' },
  { id: 'cherry', name: name('樱桃'), parent: 'fruit', role: 'seasonal' },
];

describe('category tree', () => {
  it('Given three levels in any order, When laid out, Then each level-1 category comes with its subtree, depth first', () => {
    expect(categoryTree(cats).map((n) => `${n.level}:${n.id}`)).toEqual(['0:tea', '1:green', '2:blc', '0:fruit', '1:cherry']);
    expect(categorySubtree(cats, 'tea')).toEqual(new Set(['tea', 'green', 'blc']));
  });

  it('Given a parent that is not in the plan or a cycle, When laid out, Then nothing hangs and no category is lost', () => {
    const odd: Category[] = [{ id: 'a', name: name('a'), parent: 'missing', role: 'routine' }, { id: 'b', name: name('b'), parent: 'c', role: 'routine' }, { id: 'c', name: name('c'), parent: 'b', role: 'routine' }];
    expect(categoryTree(odd).map((n) => n.id)).toEqual(['a']);
    expect(categorySubtree(odd, 'b')).toEqual(new Set(['b', 'c']));
  });
});

describe('which products show', () => {
  const plan: Plan = examplePlan('products-2027');
  it('Given the 200-product example, When filtered by a level-1 category, Then exactly the products of its subtree show', () => {
    const top = plan.categories!.find((c) => c.parent === undefined)!;
    const subtree = categorySubtree(plan.categories!, top.id);
    const shown = filterProducts(plan, { search: '', category: top.id, alertsOnly: false }, new Set());
    const expected = plan.products!.flatMap((p, i) => (p.category && subtree.has(p.category) ? [i] : []));
    expect(shown).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('Given no filter, Then every product shows; given alerts only, Then only products with alerts; search reads id and both names', () => {
    expect(filterProducts(plan, { search: '', category: null, alertsOnly: false }, new Set())).toBeUndefined();
    expect(filterProducts(plan, { search: '  ', category: null, alertsOnly: true }, new Set(['p002', 'p010']))).toEqual([1, 9]);
    expect(filterProducts(plan, { search: 'P001', category: null, alertsOnly: false }, new Set())).toEqual([0]);
    expect(filterProducts(plan, { search: 'biluochun #001', category: null, alertsOnly: false }, new Set())).toEqual([0]);
  });
});

describe('cells and alerts', () => {
  it('Given an order-by day number, NaN or a missing value, Then the cell is the date or blank, never NaN', () => {
    expect(isoFromDay(Date.UTC(2027, 0, 13) / 86_400_000)).toBe('2027-01-13');
    expect(measureCell('orderBy', Date.UTC(2027, 0, 13) / 86_400_000)).toEqual({ value: '2027-01-13', unit: 'text' });
    expect(measureCell('orderBy', Number.NaN)).toEqual({ value: null, unit: 'text' });
    expect(measureCell('stock', Number.NaN)).toEqual({ value: null });
    expect(measureCell('units', undefined)).toEqual({ value: null });
    expect(measureCell('stock', -12.5)).toEqual({ value: -12.5 });
  });

  it('Given alerts in plan order, When listed, Then the earliest week comes first, then product and code', () => {
    const m = name('x');
    const sorted = sortedAlerts([
      { product: 'p2', code: 'stockOut', week: '2027-03-01', message: m },
      { product: 'p1', code: 'promoBelowCost', week: '2027-06-14', message: m },
      { product: 'p1', code: 'orderByPast', week: '2027-03-01', message: m },
    ]);
    expect(sorted.map((a) => `${a.week}|${a.product}`)).toEqual(['2027-03-01|p1', '2027-03-01|p2', '2027-06-14|p1']);
    expect(sortedAlerts(sorted, new Set(['p2'])).map((a) => a.product)).toEqual(['p2']);
  });
});

describe('mechanic editor', () => {
  const form = (patch: Partial<ReturnType<typeof mechanicForm>>) => ({ ...mechanicForm({ kind: 'bogo' }), ...patch });

  it('Given each kind with sound parameters, When read, Then the mechanic comes back as the plan stores it', () => {
    expect(readMechanic(form({ kind: 'secondHalf' }), 100)).toEqual({ ok: true, mechanic: { kind: 'secondHalf' } });
    expect(readMechanic(form({ kind: 'multiBuy', items: '3', total: '¥249' }), 99)).toEqual({ ok: true, mechanic: { kind: 'multiBuy', items: 3, total: 249 } });
    expect(readMechanic(form({ kind: 'spendSave', spend: '300', save: '40' }), 329)).toEqual({ ok: true, mechanic: { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }] } });
    expect(readMechanic(form({ kind: 'coupon', threshold: '0', value: '10' }), 59)).toEqual({ ok: true, mechanic: { kind: 'coupon', threshold: 0, value: 10 } });
    expect(readMechanic(form({ kind: 'priceCut', price: '89' }), 99)).toEqual({ ok: true, mechanic: { kind: 'priceCut', price: 89 } });
    expect(readMechanic(form({ kind: 'group', price: '79', groupSize: '2' }), 99)).toEqual({ ok: true, mechanic: { kind: 'group', price: 79, groupSize: 2 } });
  });

  it('Given contradicting parameters (满100减200, 3 for more than 3 at list, a cut above list, a group of 1, text), When read, Then the field is named with a zh and en message', () => {
    const cases: Array<[Partial<ReturnType<typeof mechanicForm>>, string]> = [
      [{ kind: 'spendSave', spend: '100', save: '200' }, 'save'],
      [{ kind: 'multiBuy', items: '3', total: '300' }, 'total'],
      [{ kind: 'multiBuy', items: '1.5', total: '10' }, 'items'],
      [{ kind: 'priceCut', price: '120' }, 'price'],
      [{ kind: 'group', price: '79', groupSize: '1' }, 'groupSize'],
      [{ kind: 'coupon', threshold: 'abc', value: '5' }, 'threshold'],
      [{ kind: 'coupon', threshold: '50', value: '60' }, 'value'],
    ];
    for (const [patch, field] of cases) {
      const read = readMechanic(form(patch), 99);
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.field).toBe(field);
        expect(read.message.zh).not.toBe('');
        expect(read.message.en).not.toBe('');
      }
    }
  });

  it('Given a stacked 满减 being edited, When its first tier changes, Then the other tiers and options stay', () => {
    const previous = { kind: 'spendSave' as const, tiers: [{ spend: 200, save: 20 }, { spend: 400, save: 60 }], repeat: false };
    expect(readMechanic(form({ kind: 'spendSave', spend: '200', save: '30' }), 329, previous)).toEqual({ ok: true, mechanic: { kind: 'spendSave', tiers: [{ spend: 200, save: 30 }, { spend: 400, save: 60 }], repeat: false } });
  });

  it('Given a promotion with an explicit promo price, When its mechanic is replaced, Then the price goes (the mechanic sets it) and nothing else changes', () => {
    const plan: Plan = examplePlan('products-2027');
    const p001 = plan.products![0]!;
    expect(p001.promotions?.[0]?.promoPrice).toBe(139);
    const next = withMechanic(plan, 'p001', 0, { kind: 'priceCut', price: 129 })!;
    expect(next.products![0]!.promotions![0]).toEqual({ activity: p001.promotions![0]!.activity, mechanic: { kind: 'priceCut', price: 129 } });
    expect(next.products![0]!.promotions![1]).toBe(p001.promotions![1]);
    expect(next.products![1]).toBe(plan.products![1]);
    expect(plan.products![0]!.promotions![0]!.promoPrice).toBe(139);
    expect(withMechanic(plan, 'nope', 0, { kind: 'bogo' })).toBeUndefined();
    expect(withMechanic(plan, 'p001', 9, { kind: 'bogo' })).toBeUndefined();
  });
});

describe('rows on screen', () => {
  it('Given a filtered list scrolled down, When the window is taken, Then it covers the rows on screen and the margin, within the rows the grid holds', () => {
    const displayed = [2, 3, 4, 8, 9, 15, 16, 17, 30];
    expect(windowIndices(displayed, displayed.length, 3, 2, 1)).toEqual([4, 8, 9, 15]);
    expect(windowIndices(displayed, displayed.length, 0, 2, 5)).toEqual(displayed.slice(0, 7));
    expect(windowIndices(displayed, displayed.length, 4, 20, 5)).toEqual(displayed);
    // the grid holds only its first 4 rows so far
    expect(windowIndices(displayed, 4, 2, 10, 1)).toEqual([3, 4, 8]);
    expect(windowIndices([], 0, 0, 20, 30)).toEqual([]);
  });

  it('Given product indices, When split into reads, Then each run is consecutive and together they are the indices, once each', () => {
    expect(indexRuns([4, 8, 9, 15, 16, 17, 30])).toEqual([{ start: 4, count: 1 }, { start: 8, count: 2 }, { start: 15, count: 3 }, { start: 30, count: 1 }]);
    expect(indexRuns([])).toEqual([]);
    expect(indexRuns([5, 4])).toEqual([{ start: 5, count: 1 }, { start: 4, count: 1 }]);
  });
});
