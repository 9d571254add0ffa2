import fc from 'fast-check';
import type { Plan } from '@shopplan/schema';

type Cost = Plan['channels'][number]['cost'];

/**
 * Numbers as planners type them: at most six decimals (rates like 2.5%,
 * prices to the fen). Sub-normal doubles such as 5e-324 are valid JSON but
 * no planner's input; the engine reports them as issues instead (tested apart).
 */
const rate = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((n) => n / 1e6);

const paidCost = (share: number): fc.Arbitrary<Cost> =>
  fc.oneof(
    fc.record({ model: fc.constant('cpc' as const), share: fc.constant(share), cpc: rate(0.05, 20) }),
    fc.record({ model: fc.constant('cpm' as const), share: fc.constant(share), cpm: rate(1, 200), ctr: rate(0.001, 0.2) }),
    fc.record({ model: fc.constant('cps' as const), share: fc.constant(share), commission: rate(0.001, 0.6) }),
    fc.record({ model: fc.constant('live' as const), share: fc.constant(share), fixedFee: rate(0, 200_000), commission: rate(0.001, 0.5) }),
    fc.record({ model: fc.constant('crm' as const), share: fc.constant(share), messagePrice: rate(0.01, 0.2), responseRate: rate(0.001, 0.3) }),
  );

/**
 * Random valid plans for property tests: 0–3 free channels, 1–6 paid ones of
 * every cost model, shares that sum to 100%, either paid split. The objective
 * is a target above what the free channels bring.
 */
export const validTargetPlan: fc.Arbitrary<Plan> = fc
  .tuple(
    fc.array(fc.record({ cvr: rate(0, 0.1), aov: rate(10, 2000), visitors: rate(0, 2_000_000) }), { maxLength: 3 }),
    fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('visitors' as const, 'gmv' as const),
    rate(0.05, 5),
  )
  .chain(([free, weights, paidSplit, headroom]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    return fc
      .tuple(
        fc.tuple(...weights.map((w) => paidCost(w / total))),
        fc.array(fc.record({ cvr: rate(0.001, 0.2), aov: rate(10, 2000) }), { minLength: weights.length, maxLength: weights.length }),
      )
      .map(([costs, funnels]): Plan => {
        const freeGmv = free.reduce((acc, f) => acc + f.visitors * f.cvr * f.aov, 0);
        return {
          version: 4,
          id: 'random',
          name: { zh: '随机', en: 'random' },
          shop: 'shop',
          period: { start: '2026-01-01', end: '2026-01-31' },
          currency: 'CNY',
          paidSplit,
          objective: { kind: 'target', gmv: Math.max(freeGmv * (1 + headroom), 10_000) },
          channels: [
            ...free.map((f, i) => ({ id: `free${String.fromCharCode(97 + i)}x`, name: { zh: '免费', en: 'free' }, cvr: f.cvr, aov: f.aov, cost: { model: 'free' as const, forecastVisitors: f.visitors } })),
            ...costs.map((cost, i) => ({ id: `paid_${i}`, name: { zh: '付费', en: 'paid' }, cvr: funnels[i]!.cvr, aov: funnels[i]!.aov, cost })),
          ],
        };
      });
  });
