import { describe, expect, it } from 'vitest';
import { juneShopDocument } from './june-fixture.test-data.ts';
import { listAssumptions, readAssumption, writeAssumption } from './assumptions.ts';
import { parsePlan } from './validate.ts';

const plan = (() => {
  const parsed = parsePlan(juneShopDocument());
  if (!parsed.ok) throw new Error('example invalid');
  return parsed.plan;
})();

describe('assumption paths', () => {
  it('lists every numeric input by a stable path', () => {
    const paths = listAssumptions(plan).map((a) => a.path);
    expect(paths).toContain('objective.gmv');
    expect(paths).toContain('channels.display.ctr');
    expect(paths).toContain('channels.organic.forecastVisitors');
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('reads and writes by path without touching the original', () => {
    const next = writeAssumption(plan, 'channels.search.cpc', 1.5);
    expect(readAssumption(next!, 'channels.search.cpc')).toBe(1.5);
    expect(readAssumption(plan, 'channels.search.cpc')).toBe(1.2);
    expect(writeAssumption(plan, 'channels.nowhere.cvr', 1)).toBeUndefined();
  });
});
