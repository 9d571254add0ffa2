import { z } from 'zod';
import { planSchema } from './plan.ts';

/**
 * The plan document's JSON Schema, generated from the zod schema so the two
 * can never drift. Describes the input form (defaults may be omitted).
 * @example JSON.stringify(planJsonSchema()).includes('"cvr"') // true
 */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://shopplan.invalid/plan.schema.json',
    title: 'shopplan plan document',
  };
}
