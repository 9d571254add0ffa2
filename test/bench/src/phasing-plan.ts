/**
 * The yearly plan the phasing benchmark phases: 365 days of 2027, 20
 * channels of every cost model, twelve activities (two presale), a weekday
 * pattern, seasons and a hangover. Deterministic.
 */
import { parsePlan, type Plan } from '@shopplan/schema';

const MODELS = ['cpc', 'cpm', 'cps', 'live', 'crm'] as const;

function cost(model: (typeof MODELS)[number], i: number, share: number): Record<string, unknown> {
  switch (model) {
    case 'cpc': return { model, share, cpc: 0.8 + 0.1 * (i % 6) };
    case 'cpm': return { model, share, cpm: 30 + (i % 5) * 4, ctr: 0.012 + 0.001 * (i % 4) };
    case 'cps': return { model, share, commission: 0.1 + 0.02 * (i % 4) };
    case 'live': return { model, share, commission: 0.15, fixedFee: 20_000 + 5_000 * (i % 3) };
    case 'crm': return { model, share, messagePrice: 0.05, responseRate: 0.02 + 0.005 * (i % 3) };
  }
}

/** A deterministic 2027 plan: 2 free channels and 18 paid ones, twelve activities, every calendar setting. */
export function yearPlan(): Plan {
  const paid = 18;
  const channels = [
    { id: 'organic', name: { zh: '自然搜索', en: 'organic' }, cvr: 0.02, aov: 150, cost: { model: 'free', forecastVisitors: 4_000_000 } },
    { id: 'recommend', name: { zh: '猜你喜欢', en: 'recommendation' }, cvr: 0.015, aov: 140, cost: { model: 'free', forecastVisitors: 2_500_000 } },
    ...Array.from({ length: paid }, (_, i) => ({
      id: `paid_${i}`,
      name: { zh: `付费渠道${i}`, en: `paid ${i}` },
      cvr: 0.01 + 0.002 * (i % 8),
      aov: 120 + 10 * (i % 6),
      cost: cost(MODELS[i % MODELS.length]!, i, 1 / paid),
    })),
  ];
  const act = (id: string, tier: string, start: string, end: string, extra: Record<string, unknown> = {}) => ({ id, name: { zh: id, en: id }, tier, kind: 'platform', window: { start, end }, ...extra });
  const activities = [
    act('nianhuo', 'A', '2027-01-10', '2027-02-05'),
    act('queen-38', 'B', '2027-03-01', '2027-03-10', { peakOn: '2027-03-07' }),
    act('spring-tea', 'B', '2027-03-20', '2027-04-20', { kind: 'seasonal' }),
    act('cherries', 'S', '2027-05-01', '2027-05-31', { kind: 'seasonal' }),
    act('618', 'S', '2027-05-20', '2027-06-25', { peakOn: '2027-06-18', phases: { warmUp: 14, peak: 3, tail: 2, encore: 5 }, presale: { depositShare: 0.3, dropOutRate: 0.12, finalPaymentDays: 2 } }),
    act('mango', 'A', '2027-07-01', '2027-07-31', { kind: 'seasonal' }),
    act('99', 'A', '2027-08-28', '2027-09-15', { peakOn: '2027-09-09' }),
    act('mooncakes', 'A', '2027-08-25', '2027-09-15', { kind: 'seasonal' }),
    act('hairy-crab', 'S', '2027-09-20', '2027-10-20', { kind: 'seasonal' }),
    act('double-11', 'S', '2027-10-15', '2027-11-25', { peakOn: '2027-11-11', phases: { warmUp: 16, peak: 3, tail: 2, encore: 6 }, presale: { depositShare: 0.45, dropOutRate: 0.15, finalPaymentDays: 2 } }),
    act('double-12', 'A', '2027-12-03', '2027-12-20', { peakOn: '2027-12-12' }),
    act('member-day', 'C', '2027-12-20', '2027-12-20', { kind: 'routine' }),
  ];
  const parsed = parsePlan({
    version: 3, id: 'bench-phasing', name: { zh: '按日拆解基准', en: 'phasing benchmark' }, shop: 'bench',
    period: { start: '2027-01-01', end: '2027-12-31' },
    objective: { kind: 'target', gmv: 120_000_000 },
    channels,
    calendar: {
      weekdays: [0.95, 0.95, 1, 1, 1.1, 1.3, 1.25],
      months: [1.1, 0.8, 0.9, 0.95, 1, 1.2, 0.9, 0.85, 1, 1, 1.4, 1.2],
      hangover: { factor: 0.7, days: 7 },
    },
    activities,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.plan;
}
