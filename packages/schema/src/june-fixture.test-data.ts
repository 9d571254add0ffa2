/**
 * DOMAIN.md's worked example as a raw document, for this package's own tests.
 * (The bundled examples live in @shopplan/examples, which depends on this
 * package; importing them here would make the packages circular.)
 */
export function juneShopDocument(): any {
  return {
    version: 1,
    id: 'june-shop',
    name: { zh: '六月店铺计划', en: 'June shop plan' },
    shop: 'Demo',
    period: { start: '2026-06-01', end: '2026-06-30' },
    currency: 'CNY',
    paidSplit: 'visitors',
    objective: { kind: 'target', gmv: 3_000_000 },
    channels: [
      { id: 'organic', name: { zh: '自然搜索', en: 'Organic search' }, cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: 400_000 } },
      { id: 'search', name: { zh: '直通车', en: 'Paid search' }, cvr: 0.025, aov: 160, cost: { model: 'cpc', share: 0.5, cpc: 1.2 } },
      { id: 'display', name: { zh: '引力魔方', en: 'Display' }, cvr: 0.012, aov: 140, cost: { model: 'cpm', share: 0.3, cpm: 36, ctr: 0.015 } },
      { id: 'affiliate', name: { zh: '淘宝客', en: 'Affiliate' }, cvr: 0.03, aov: 130, cost: { model: 'cps', share: 0.2, commission: 0.2 } },
    ],
  };
}
