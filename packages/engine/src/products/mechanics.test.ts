import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { effectiveUnitPrice, mechanicFormula, MechanicUsageError, type Mechanic } from './mechanics.ts';
import { endPrice, priceEndingFormula, PriceEndingUsageError, type PriceEnding } from './price-ending.ts';
import { evaluateOverCells, functionsOutsideSubset } from './formula-harness.test-data.ts';

/** Effective unit price of each (mechanic, list price) through real HyperFormula. */
function hfPrices(cases: ReadonlyArray<{ mechanic: Mechanic; list: number }>): Array<number | string> {
  return evaluateOverCells(
    cases.map((c) => c.list),
    (ref, i) => mechanicFormula(cases[i]!.mechanic, { listPrice: ref }),
  );
}

describe('mechanics: worked baskets, by hand, through HyperFormula', () => {
  const worked: Array<{ what: string; mechanic: Mechanic; list: number; unit: number }> = [
    // 满300减40, one ¥329 item: the basket 329 ≥ 300 saves 40 → pays 289 for 1 unit
    { what: '满300减40 on ¥329', mechanic: { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }] }, list: 329, unit: 289 },
    // 第二件半价, two ¥100 items: 100 + 50 = 150 for 2 units → 75 each
    { what: 'second half price, 2 × ¥100', mechanic: { kind: 'secondHalf' }, list: 100, unit: 75 },
    // buy one get one, ¥100: 100 for 2 units → 50 each
    { what: 'BOGO ¥100', mechanic: { kind: 'bogo' }, list: 100, unit: 50 },
    // 3件100元 on a ¥39 item: 100 / 3 = 33.333…
    { what: '3 for ¥100 on ¥39', mechanic: { kind: 'multiBuy', items: 3, total: 100 }, list: 39, unit: 100 / 3 },
    // 满200减20 / 满300减40 / 满500减80 on ¥120, fewest units reaching 200: 2 units = 240 → only 满200 → 220 / 2 = 110
    { what: 'stacked tiers, default basket', mechanic: { kind: 'spendSave', tiers: [{ spend: 200, save: 20 }, { spend: 300, save: 40 }, { spend: 500, save: 80 }] }, list: 120, unit: 110 },
    // same tiers, a basket of 3: 360 reaches 200 and 300 → the higher, 40 off → 320 / 3
    { what: 'stacked tiers, 3 units', mechanic: { kind: 'spendSave', tiers: [{ spend: 200, save: 20 }, { spend: 300, save: 40 }, { spend: 500, save: 80 }], basketUnits: 3 }, list: 120, unit: 320 / 3 },
    // same tiers, 5 units: 600 reaches 500 → 80 off → 520 / 5 = 104
    { what: 'stacked tiers, 5 units', mechanic: { kind: 'spendSave', tiers: [{ spend: 500, save: 80 }, { spend: 200, save: 20 }, { spend: 300, save: 40 }], basketUnits: 5 }, list: 120, unit: 104 },
    // 每满100减10 on ¥45, 5 units: 225 holds two full 100s → 20 off → 205 / 5 = 41
    { what: '每满100减10, 5 × ¥45', mechanic: { kind: 'spendSave', tiers: [{ spend: 100, save: 10 }], repeat: true, basketUnits: 5 }, list: 45, unit: 41 },
    // 每满100减10 on ¥45, fewest units reaching 100: 3 → 135 holds one 100 → 125 / 3
    { what: '每满100减10, default basket', mechanic: { kind: 'spendSave', tiers: [{ spend: 100, save: 10 }], repeat: true }, list: 45, unit: 125 / 3 },
    // 满100减10 without repeat, 5 × ¥45 = 225 → 10 once → 215 / 5 = 43
    { what: '满100减10 once, 5 × ¥45', mechanic: { kind: 'spendSave', tiers: [{ spend: 100, save: 10 }], basketUnits: 5 }, list: 45, unit: 43 },
    // 满199减20 coupon on ¥89: 3 units (267) reach 199 → 247 / 3
    { what: 'coupon 满199减20 on ¥89', mechanic: { kind: 'coupon', threshold: 199, value: 20 }, list: 89, unit: 247 / 3 },
    // the same coupon with a basket of 2 (178 < 199): no discount → list
    { what: 'coupon not reached', mechanic: { kind: 'coupon', threshold: 199, value: 20, basketUnits: 2 }, list: 89, unit: 89 },
    // 无门槛 ¥10 coupon on ¥39: one unit → 29
    { what: '无门槛 ¥10 coupon', mechanic: { kind: 'coupon', threshold: 0, value: 10 }, list: 39, unit: 29 },
    // 无门槛 ¥50 coupon on ¥30: the basket is free, never negative
    { what: 'coupon above the basket', mechanic: { kind: 'coupon', threshold: 0, value: 50 }, list: 30, unit: 0 },
    // 拼团 at ¥59 (group of 3) on ¥79: each buyer pays 59
    { what: '拼团 ¥59', mechanic: { kind: 'group', price: 59, groupSize: 3 }, list: 79, unit: 59 },
    // 限时直降 to ¥69 from ¥99
    { what: 'price cut to ¥69', mechanic: { kind: 'priceCut', price: 69 }, list: 99, unit: 69 },
    // 满3减… on 10 × ¥0.1: 0.3 / 0.1 is 2.9999999999999996 in a double; the basket of 3 still reaches 0.3
    { what: '满0.3减0.06 on ¥0.1', mechanic: { kind: 'spendSave', tiers: [{ spend: 0.3, save: 0.06 }] }, list: 0.1, unit: 0.08 },
  ];

  const hf = hfPrices(worked);
  for (const [i, c] of worked.entries()) {
    it(`Given ${c.what}, When evaluated, Then HyperFormula and the TypeScript twin give ${c.unit.toFixed(4)}`, () => {
      expect(hf[i]).toBeCloseTo(c.unit, 9);
      expect(effectiveUnitPrice(c.mechanic, c.list)).toBe(hf[i]);
    });
  }

  it('Then 满300减40 on ¥329 pays ¥289 for the basket (unit price × units)', () => {
    expect(effectiveUnitPrice({ kind: 'spendSave', tiers: [{ spend: 300, save: 40 }] }, 329) * 1).toBe(289);
  });

  it('Then every formula uses only FORMULA_FUNCTIONS', () => {
    for (const c of worked) expect(functionsOutsideSubset(mechanicFormula(c.mechanic, { listPrice: 'A1' }))).toEqual([]);
  });
});

describe('mechanics: misuse throws a documented error', () => {
  it.each<[string, Mechanic]>([
    ['zero items', { kind: 'multiBuy', items: 0, total: 10 }],
    ['fractional items', { kind: 'multiBuy', items: 1.5, total: 10 }],
    ['no tiers', { kind: 'spendSave', tiers: [] }],
    ['NaN saving', { kind: 'spendSave', tiers: [{ spend: 100, save: Number.NaN }] }],
    ['negative coupon', { kind: 'coupon', threshold: 0, value: -5 }],
    ['infinite price', { kind: 'priceCut', price: Number.POSITIVE_INFINITY }],
    ['zero basket units', { kind: 'coupon', threshold: 100, value: 5, basketUnits: 0 }],
  ])('Given %s, Then mechanicFormula and effectiveUnitPrice throw MechanicUsageError', (_what, mechanic) => {
    expect(() => mechanicFormula(mechanic, { listPrice: 'A1' })).toThrow(MechanicUsageError);
    expect(() => effectiveUnitPrice(mechanic, 100)).toThrow(MechanicUsageError);
  });
});

// list prices and money parameters in whole fen, as a plan holds them
const money = (max: number) => fc.integer({ min: 1, max: max * 100 }).map((f) => f / 100);
const tier = fc.record({ spend: money(2000), save: money(500) });
const mechanicArb: fc.Arbitrary<Mechanic> = fc.oneof(
  fc.constant<Mechanic>({ kind: 'bogo' }),
  fc.constant<Mechanic>({ kind: 'secondHalf' }),
  fc.record({ kind: fc.constant('multiBuy' as const), items: fc.integer({ min: 1, max: 12 }), total: money(3000) }),
  fc.record(
    { kind: fc.constant('spendSave' as const), tiers: fc.array(tier, { minLength: 1, maxLength: 4 }), repeat: fc.boolean(), basketUnits: fc.integer({ min: 1, max: 20 }) },
    { requiredKeys: ['kind', 'tiers'] },
  ),
  fc.record(
    { kind: fc.constant('coupon' as const), threshold: fc.oneof(fc.constant(0), money(2000)), value: money(500), basketUnits: fc.integer({ min: 1, max: 20 }) },
    { requiredKeys: ['kind', 'threshold', 'value'] },
  ),
  fc.record({ kind: fc.constant('priceCut' as const), price: money(3000) }),
  fc.record({ kind: fc.constant('group' as const), price: money(3000), groupSize: fc.integer({ min: 2, max: 10 }) }),
);

/** The same mechanic with a bigger discount (or the same one where the kind has no lever). */
function deeper(m: Mechanic, by: number): Mechanic {
  switch (m.kind) {
    case 'multiBuy':
      return { ...m, total: Math.max(0.01, Math.round((m.total - by) * 100) / 100) };
    case 'spendSave':
      return { ...m, tiers: m.tiers.map((t) => ({ ...t, save: t.save + by })) };
    case 'coupon':
      return { ...m, value: m.value + by };
    case 'priceCut':
    case 'group':
      return { ...m, price: Math.max(0.01, Math.round((m.price - by) * 100) / 100) };
    default:
      return m;
  }
}

describe('mechanics: properties over valid plans (contradicting ones included: the schema refuses them, the formula must still give a number)', () => {
  it('Then HyperFormula gives a finite number ≥ 0 and ≤ list price, equal to the TypeScript twin', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ mechanic: mechanicArb, list: money(3000) }), { minLength: 1, maxLength: 40 }), (cases) => {
        const hf = hfPrices(cases);
        cases.forEach((c, i) => {
          const v = hf[i];
          expect(typeof v).toBe('number');
          expect(v as number).toBeGreaterThanOrEqual(0);
          expect(v as number).toBeLessThanOrEqual(c.list);
          expect(effectiveUnitPrice(c.mechanic, c.list)).toBe(v);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('Then a bigger discount never gives a higher effective price (HyperFormula)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ mechanic: mechanicArb, list: money(3000), by: money(200) }), { minLength: 1, maxLength: 30 }), (cases) => {
        const base = hfPrices(cases);
        const more = hfPrices(cases.map((c) => ({ mechanic: deeper(c.mechanic, c.by), list: c.list })));
        cases.forEach((_c, i) => expect(more[i] as number).toBeLessThanOrEqual(base[i] as number));
      }),
      { numRuns: 25 },
    );
  });

  it('Then a list price of 0 gives 0, not #DIV/0!', () => {
    const mechanics: Mechanic[] = [
      { kind: 'spendSave', tiers: [{ spend: 300, save: 40 }] },
      { kind: 'coupon', threshold: 0, value: 5 },
      { kind: 'bogo' },
      { kind: 'multiBuy', items: 2, total: 10 },
    ];
    const hf = hfPrices(mechanics.map((mechanic) => ({ mechanic, list: 0 })));
    expect(hf).toEqual([0, 0, 0, 0]);
    for (const m of mechanics) expect(effectiveUnitPrice(m, 0)).toBe(0);
  });
});

describe('price ending: round down to …9 / …8 / …5', () => {
  const worked: Array<[number, PriceEnding, number]> = [
    [75, 9, 69], // yuan digit: the largest …9 ≤ 75
    [79, 9, 79], // already ends in 9
    [79.5, 9, 79],
    [80, 9, 79],
    [289, 8, 288],
    [289, 5, 285],
    [110, 9, 109],
    [82.33, 9, 79],
    [7.5, 9, 6.9], // under ¥10: the jiao digit
    [6.9, 9, 6.9], // 6.9 × 100 is 690.0000000000001: still 6.9
    [12, 9, 11.9], // the yuan grid would give 9; the jiao grid keeps it ≥ ¥10
    [19, 9, 19],
    [10, 5, 9.5],
    [0.5, 9, 0.49], // under ¥0.9: the fen digit
    [0.29, 9, 0.29], // 0.29 × 100 is 28.999999999999996: still 29 fen
    [0.05, 9, 0.05], // below the first …9 fen: stays
    [0, 9, 0],
    [100 / 3, null, 33.33], // no ending rule: down to the fen
  ];
  const hf = evaluateOverCells(
    worked.map(([p]) => p),
    (ref, i) => priceEndingFormula(worked[i]![1], ref),
  );
  for (const [i, [price, ending, expected]] of worked.entries()) {
    it(`Given ¥${price} and ending ${String(ending)}, Then ¥${expected} (HyperFormula and twin)`, () => {
      expect(hf[i]).toBe(expected);
      expect(endPrice(price, ending)).toBe(expected);
    });
  }

  it('Then the formula uses only FORMULA_FUNCTIONS, and an unknown ending is misuse', () => {
    expect(functionsOutsideSubset(priceEndingFormula(9, 'A1'))).toEqual([]);
    expect(() => priceEndingFormula(7 as PriceEnding, 'A1')).toThrow(PriceEndingUsageError);
    expect(() => endPrice(1, 7 as PriceEnding)).toThrow(PriceEndingUsageError);
  });

  it('Then for any price: ≤ the price, within one grid step of it, ends in the digit, monotone, equal in HyperFormula and twin', () => {
    const endingArb = fc.constantFrom<PriceEnding>(9, 8, 5, null);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000_000 }).map((f) => f / 100), fc.integer({ min: 0, max: 5000 }).map((f) => f / 100), endingArb), { minLength: 1, maxLength: 40 }), (cases) => {
        const hfLow = evaluateOverCells(cases.map(([p]) => p), (ref, i) => priceEndingFormula(cases[i]![2], ref));
        const hfHigh = evaluateOverCells(cases.map(([p, up]) => p + up), (ref, i) => priceEndingFormula(cases[i]![2], ref));
        cases.forEach(([p, up, ending], i) => {
          const low = endPrice(p, ending);
          expect(hfLow[i]).toBe(low);
          expect(endPrice(p + up, ending)).toBe(hfHigh[i]);
          expect(low).toBeLessThanOrEqual(p);
          expect(low).toBeGreaterThanOrEqual(0);
          expect(hfHigh[i] as number).toBeGreaterThanOrEqual(low);
          const fen = Math.round(low * 100);
          if (ending !== null && fen >= ending) {
            // the grid the rule ends on: yuan from ¥10 + the digit's yuan, jiao from the digit's jiao, else fen
            const grid = fen >= 1000 + 100 * ending ? 'yuan' : fen >= 10 * ending ? 'jiao' : 'fen';
            const digit = grid === 'yuan' ? Math.floor(fen / 100) % 10 : grid === 'jiao' ? Math.floor(fen / 10) % 10 : fen % 10;
            expect(digit, `${p} ending ${ending} → ${low}`).toBe(ending);
            // never more than one step of the grid it ends on below the price
            const step = grid === 'yuan' ? 10 : grid === 'jiao' ? 1 : 0.1;
            expect(p - low).toBeLessThan(step + 1e-9);
          }
        });
      }),
      // seeded, with the prices where one grid gives way to the next (¥0.5 ending 5 is 5 jiao; ¥12 ending 9 is ¥11.9) always among them
      { numRuns: 25, seed: 20261130, examples: [[[[0.5, 0, 5], [0, 0, 9], [12, 0, 9], [10, 0.5, 9], [18.99, 0, 9], [0.95, 0.1, 9], [0.08, 0, 9], [19, 0, 9]]]] },
    );
  });
});

describe('a basket that gives no saving', () => {
  it('keeps the list price even where units × price ÷ units rounds above it in binary', () => {
    // ¥0.09, 满0.25减0: the basket is 3 units = ¥0.27, no tier pays out; 0.27 / 3 is 0.09000000000000001 in binary
    const price = effectiveUnitPrice({ kind: 'spendSave', tiers: [{ spend: 0.25, save: 0 }] }, 0.09);
    expect(price).toBeLessThanOrEqual(0.09);
    expect(price).toBe(0.09);
  });
});
