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
    const doc = { version: 4, shop: 'A' };
    expect(migratePlan(doc)).toEqual({ ok: true, from: 4, doc });
  });
});

describe('plan v1 → v2 (response curves, bounds, margins, uncertainty, floors)', () => {
  const step = PLAN_MIGRATIONS.find((m) => m.from === 1)!;

  it('is registered', () => {
    expect(step).toMatchObject({ from: 1, to: 2 });
  });

  it('Given a v1 plan, When migrated up, Then only the version changes (every channel stays linear)', () => {
    const v1 = juneShopDocument();
    const outcome = migratePlan(v1, 2);
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

  it('Given a v1 file, When parsed, Then it is a valid current plan with the same channels', () => {
    const outcome = parsePlan(juneShopDocument());
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.plan.version).toBe(PLAN_VERSION);
      expect(outcome.plan.channels).toEqual(juneShopDocument().channels);
    }
  });
});

/** The June shop as a v2 document with a v2 part (an uncertainty range). */
function juneV2(): any {
  return { ...juneShopDocument(), version: 2, uncertainty: { 'channels.search.cvr': { low: 0.02, high: 0.03 } } };
}

/** The June shop with a promotion calendar: the parts plan v3 adds. */
function juneV3(): any {
  return {
    ...juneV2(),
    version: 3,
    newShop: false,
    calendar: { weekdays: [1, 1, 1, 1, 1.1, 1.3, 1.2], hangover: { factor: 0.8, days: 7 }, rates: { peak: { demand: 3, cpc: 1.6 } } },
    resources: [{ id: 'banner', name: { zh: '首页横幅', en: 'Home banner' }, capacity: 2, per: 'day' }],
    activities: [{
      id: '618', name: { zh: '618 大促', en: '618 festival' }, tier: 'S', kind: 'platform',
      window: { start: '2026-06-01', end: '2026-06-30' }, phases: { warmUp: 10, peak: 3, tail: 2, encore: 3 },
      needs: { banner: 1 }, presale: { depositShare: 0.6, dropOutRate: 0.1 },
    }],
  };
}

describe('plan v2 → v3 (promotion calendar: activities, resources, phase multipliers, presale)', () => {
  it('is registered', () => {
    expect(PLAN_MIGRATIONS.find((m) => m.from === 2)).toMatchObject({ from: 2, to: 3 });
  });

  it('Given a v2 plan, When migrated up, Then only the version changes (no activities, no resources)', () => {
    const v2 = juneV2();
    expect(migratePlan(v2, 3)).toEqual({ ok: true, from: 2, doc: { ...v2, version: 3 } });
    expect(v2.version).toBe(2); // the input is not mutated
  });

  it('Given a v3 plan with a calendar, When migrated down, Then the calendar parts are dropped and the v2 parts kept', () => {
    expect(migratePlan(juneV3(), 2)).toEqual({ ok: true, from: 3, doc: juneV2() });
  });

  it('Given a v3 file with a calendar, When parsed, Then it is valid and the activity keeps its presale terms', () => {
    const outcome = parsePlan(juneV3());
    expect(outcome.ok ? outcome.plan.activities?.[0]?.presale : outcome.issues).toEqual({ depositShare: 0.6, dropOutRate: 0.1 });
  });
});
