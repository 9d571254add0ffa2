import { describe, expect, it } from 'vitest';
import { juneShopDocument } from './june-fixture.test-data.ts';
import { migratePlan, PLAN_MIGRATIONS, type PlanMigration } from './migrations.ts';
import { PLAN_VERSION } from './plan.ts';
import { parsePlan } from './validate.ts';

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
    const doc = { version: 2, shop: 'A' };
    expect(migratePlan(doc)).toEqual({ ok: true, from: 2, doc });
  });
});

describe('plan v1 → v2 (response curves, bounds, margins, uncertainty, floors)', () => {
  const step = PLAN_MIGRATIONS.find((m) => m.from === 1)!;

  it('is registered and v2 is the current version', () => {
    expect(PLAN_VERSION).toBe(2);
    expect(step).toMatchObject({ from: 1, to: 2 });
  });

  it('Given a v1 plan, When migrated up, Then only the version changes (every channel stays linear)', () => {
    const v1 = juneShopDocument();
    const outcome = migratePlan(v1);
    expect(outcome).toEqual({ ok: true, from: 1, doc: { ...v1, version: 2 } });
    expect(v1.version).toBe(1); // the input is not mutated
  });

  it('Given a v2 plan with curves, bounds, margins and ranges, When migrated down, Then the v2 fields are dropped', () => {
    const v1 = juneShopDocument();
    const v2 = structuredClone(v1);
    v2.version = 2;
    v2.channels[1].response = { curve: 'hill', maps: 'visitors', beta: 900_000, alpha: 1, kappa: 400_000 };
    v2.channels[1].bounds = { min: 0, max: 500_000 };
    v2.channels[1].margin = 0.4;
    v2.channels[1].refundRate = 0.1;
    v2.channels[2].untested = true;
    v2.uncertainty = { 'channels.search.cvr': { low: 0.02, high: 0.03 } };
    v2.allocation = { breakevenRoi: true };
    expect(migratePlan(v2, 1)).toEqual({ ok: true, from: 2, doc: v1 });
  });

  it('Given a v1 file, When parsed, Then it is a valid v2 plan with the same channels', () => {
    const outcome = parsePlan(juneShopDocument());
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.plan.version).toBe(2);
      expect(outcome.plan.channels).toEqual(juneShopDocument().channels);
    }
  });
});
