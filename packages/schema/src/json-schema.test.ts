import { describe, expect, it } from 'vitest';
import { planJsonSchema } from './json-schema.ts';

describe('planJsonSchema', () => {
  it('is generated from zod and describes every cost model', () => {
    const text = JSON.stringify(planJsonSchema());
    for (const model of ['free', 'cpc', 'cpm', 'cps', 'live', 'crm']) expect(text).toContain(`"const":"${model}"`);
    expect(text).toContain('"cvr"');
    expect(planJsonSchema().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});
