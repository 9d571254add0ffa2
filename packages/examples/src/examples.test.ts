import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_IDS, examplePlan } from './index.ts';

describe('bundled example plans', () => {
  it('every example parses and validates', () => {
    expect(EXAMPLE_PLAN_IDS).toEqual(['june-shop', 'live-crm-budget', 'saturation', 'year-2027', 'double-11-presale', 'history-shop-2026', 'products-2027']);
    for (const id of EXAMPLE_PLAN_IDS) expect(examplePlan(id).id).toBe(id);
  });

  it('the June plan uses the channel ids DOMAIN.md names', () => {
    expect(examplePlan('june-shop').channels.map((c) => c.id)).toEqual(['organic', 'search', 'display', 'affiliate']);
  });

  it('the second plan has a live stream, a CRM channel and a forward budget', () => {
    const plan = examplePlan('live-crm-budget');
    expect(plan.channels.map((c) => c.cost.model)).toContain('live');
    expect(plan.channels.map((c) => c.cost.model)).toContain('crm');
    expect(plan.objective.kind).toBe('budget');
  });

  it('the 2027 calendar has at least 60 activities over the four resources, and the presale month a presale', () => {
    const year = examplePlan('year-2027');
    expect(year.activities?.length).toBeGreaterThanOrEqual(60);
    expect(year.resources?.map((r) => r.id)).toEqual(['banner', 'live', 'team', 'budget']);
    expect(examplePlan('double-11-presale').activities?.find((a) => a.id === 'double-11')?.presale).toEqual({ depositShare: 0.6, dropOutRate: 0.12, finalPaymentDays: 2 });
  });

  it('asking for an unknown example is a programming error', () => {
    expect(() => examplePlan('nope')).toThrow(/no example plan/);
  });
});
