/**
 * A plan document (v4) that carries every registry field: one channel per
 * cost model, curves on the channels that buy visitors, every optional rate,
 * bounds, products with cost and stock, every role and stage setting.
 * `objective` picks which objective fields it has.
 */
export function everyFieldDocument(objective: 'target' | 'budget' | 'channels' = 'target'): any {
  const extras = { addToCartRate: 0.08, margin: 0.4, refundRate: 0.05 };
  const curve = (kappa: number) => (objective === 'budget' ? {} : { response: { curve: 'hill', beta: 500_000, alpha: 1.5, kappa } });
  const objectives = {
    target: { kind: 'target', gmv: 2_000_000 },
    budget: { kind: 'budget', spend: 300_000 },
    channels: { kind: 'channels', spend: { search: 100_000, display: 80_000, crm: 5_000 }, visitors: { affiliate: 40_000, live: 20_000 } },
  };
  return {
    version: 4,
    id: 'every-field',
    name: { zh: '全字段计划', en: 'Every field plan' },
    shop: 'Test',
    period: { start: '2026-06-01', end: '2026-06-30' },
    objective: objectives[objective],
    channels: [
      { id: 'organic', name: { zh: '自然', en: 'Organic' }, cvr: 0.02, aov: 150, ...extras, cost: { model: 'free', forecastVisitors: 300_000 } },
      { id: 'search', name: { zh: '搜索', en: 'Search' }, cvr: 0.025, aov: 160, ...extras, cost: { model: 'cpc', share: 0.2, cpc: 1.2 }, ...curve(300_000), bounds: { min: 1_000, max: 900_000 } },
      { id: 'display', name: { zh: '展示', en: 'Display' }, cvr: 0.012, aov: 140, ...extras, cost: { model: 'cpm', share: 0.2, cpm: 36, ctr: 0.015 }, ...curve(200_000), bounds: { min: 0, max: 800_000 } },
      { id: 'affiliate', name: { zh: '淘客', en: 'Affiliate' }, cvr: 0.03, aov: 130, ...extras, cost: { model: 'cps', share: 0.2, commission: 0.2 }, bounds: { min: 0 } },
      { id: 'live', name: { zh: '直播', en: 'Live' }, cvr: 0.04, aov: 120, ...extras, cost: { model: 'live', share: 0.2, fixedFee: 20_000, commission: 0.15 } },
      { id: 'crm', name: { zh: '老客', en: 'CRM' }, cvr: 0.05, aov: 110, ...extras, cost: { model: 'crm', share: 0.2, messagePrice: 0.05, responseRate: 0.02 }, ...curve(20_000) },
    ],
    weeks: [{ start: '2026-06-01', weight: 1 }, { start: '2026-06-08', weight: 2 }],
    products: [
      { id: 'p1', name: { zh: '茶', en: 'Tea' }, share: 0.6, price: 99, unitCost: 41.5, leadDays: 10, moq: 50, stock: 320, serviceLevel: 0.95, demandCv: 0.4 },
      { id: 'p.2', name: { zh: '杯', en: 'Cup' }, share: 0.4, price: 49.9 },
    ],
    productSettings: {
      roles: Object.fromEntries(['traffic', 'profit', 'flagship', 'conversion', 'potential', 'seasonal'].map((r, i) => [r, { weight: 1 + i / 10, elasticity: 0.5 + i / 4 }])),
      stages: { launch: 0.4, growth: 0.9, maturity: 1, decline: 0.5 },
    },
  };
}
