import { describe, expect, it } from 'vitest';
import { migratePlan, type PlanMigration } from './migrations.ts';

// The registry is empty until v2; these two steps exercise the mechanism
// itself (ordering, up and down, unknown versions) with real documents.
const steps: PlanMigration[] = [
  { from: 1, to: 2, description: 'rename shop → shopName', up: ({ shop, ...rest }) => ({ ...rest, shopName: shop }), down: ({ shopName, ...rest }) => ({ ...rest, shop: shopName }) },
  { from: 2, to: 3, description: 'add notes', up: (doc) => ({ ...doc, notes: '' }), down: ({ notes: _notes, ...rest }) => rest },
];

describe('migratePlan', () => {
  it('Given a v1 document, When migrated to v3, Then every step runs in order', () => {
    const outcome = migratePlan({ version: 1, shop: 'A' }, 3, steps);
    expect(outcome).toEqual({ ok: true, from: 1, doc: { version: 3, shopName: 'A', notes: '' } });
  });

  it('Given a v3 document, When migrated down to v1, Then it is the original', () => {
    const outcome = migratePlan({ version: 3, shopName: 'A', notes: '' }, 1, steps);
    expect(outcome).toEqual({ ok: true, from: 3, doc: { version: 1, shop: 'A' } });
  });

  it('refuses versions it does not know, and documents that are not objects', () => {
    expect(migratePlan({ version: 4 }, 3, steps).ok).toBe(false);
    expect(migratePlan({ version: '1' }).ok).toBe(false);
    expect(migratePlan([]).ok).toBe(false);
  });

  it('leaves a current document untouched', () => {
    const doc = { version: 1, shop: 'A' };
    expect(migratePlan(doc)).toEqual({ ok: true, from: 1, doc });
  });
});
