import { PLAN_VERSION } from './plan.ts';
import { issue, type PlanIssue } from './issues.ts';
import { quoteInput } from './messages.ts';

/**
 * One step between two adjacent plan document versions. Every change to the
 * persisted shape adds one, with `up` and `down`, and a test of each.
 */
export interface PlanMigration {
  /** The version this step reads. */
  from: number;
  /** The version it writes: always `from + 1`. */
  to: number;
  /** What changed, for the changelog and error messages. */
  description: string;
  up(doc: Record<string, unknown>): Record<string, unknown>;
  down(doc: Record<string, unknown>): Record<string, unknown>;
}

/** The channel fields plan v2 added; a v1 reader does not know them. */
const V2_CHANNEL_FIELDS = ['response', 'bounds', 'margin', 'refundRate', 'untested'] as const;
/** The plan-level fields plan v2 added. */
const V2_PLAN_FIELDS = ['uncertainty', 'allocation'] as const;

/**
 * v1 → v2: response curves, spend bounds, margins and refund rates,
 * uncertainty ranges and allocation floors. All are optional, so `up` only
 * changes the version: a v1 plan computes identically as v2 (every channel
 * stays linear). `down` drops the v2 fields, which is lossy by nature: a
 * v1 reader could not compute a saturating channel anyway.
 */
const v1ToV2: PlanMigration = {
  from: 1,
  to: 2,
  description: 'response curves, spend bounds, margin and refund rate, uncertainty, allocation floors',
  up: (doc) => ({ ...doc }),
  down: (doc) => {
    const out: Record<string, unknown> = { ...doc };
    for (const key of V2_PLAN_FIELDS) delete out[key];
    if (Array.isArray(out.channels)) {
      out.channels = out.channels.map((ch: unknown) => {
        if (!isRecord(ch)) return ch;
        const copy: Record<string, unknown> = { ...ch };
        for (const key of V2_CHANNEL_FIELDS) delete copy[key];
        return copy;
      });
    }
    return out;
  },
};

/** The plan-level fields plan v3 added: the promotion calendar and the new-shop flag. */
const V3_PLAN_FIELDS = ['newShop', 'calendar', 'activities', 'resources'] as const;

/**
 * v2 → v3: the promotion calendar (activities, resources, day weights, phase
 * multipliers, presale) and the new-shop flag. All are optional, so `up`
 * only changes the version. `down` drops them: a v2 reader has no calendar,
 * so a v3 plan taken down loses its activities and resources (its channels,
 * objective and v2 parts are kept as they are).
 */
const v2ToV3: PlanMigration = {
  from: 2,
  to: 3,
  description: 'promotion calendar: activities, resources, day weights, phase multipliers, presale, new-shop flag',
  up: (doc) => ({ ...doc }),
  down: (doc) => {
    const out: Record<string, unknown> = { ...doc };
    for (const key of V3_PLAN_FIELDS) delete out[key];
    return out;
  },
};

/** The plan-level fields plan v4 added: the category tree and the product settings. */
const V4_PLAN_FIELDS = ['categories', 'productSettings'] as const;
/** The product fields plan v4 added; a v3 product is id, name, share and price. */
const V4_PRODUCT_FIELDS = [
  'category', 'role', 'unitCost', 'leadDays', 'moq', 'stock', 'serviceLevel', 'demandCv', 'lifecycle', 'season', 'decoy', 'promotions',
] as const;

/**
 * v3 → v4: the product calendar of issue 12 (categories, product roles,
 * cost, stock, lead time, safety-stock rule, lifecycle, season, decoy,
 * promotions with mechanics, product settings). All are optional, so `up`
 * only changes the version: a v3 plan's products keep their share and
 * price and are in maturity all year, never on promotion. `down` drops the
 * v4 parts, a loss by nature: a v3 reader has no category tree and no stock,
 * so a v4 plan taken down keeps each product's id, name, share and price only.
 */
const v3ToV4: PlanMigration = {
  from: 3,
  to: 4,
  description: 'product calendar: categories, roles, cost, stock, lead time, lifecycle, season, decoy, promotions, product settings',
  up: (doc) => ({ ...doc }),
  down: (doc) => {
    const out: Record<string, unknown> = { ...doc };
    for (const key of V4_PLAN_FIELDS) delete out[key];
    if (Array.isArray(out.products)) {
      out.products = out.products.map((p: unknown) => {
        if (!isRecord(p)) return p;
        const copy: Record<string, unknown> = { ...p };
        for (const key of V4_PRODUCT_FIELDS) delete copy[key];
        return copy;
      });
    }
    return out;
  },
};

/** Registered migrations, oldest first. */
export const PLAN_MIGRATIONS: readonly PlanMigration[] = [v1ToV2, v2ToV3, v3ToV4];

/** The result of bringing a document to a version: the document, or why not. */
export type MigrationOutcome =
  | { ok: true; doc: Record<string, unknown>; from: number }
  | { ok: false; issues: PlanIssue[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings a raw plan document up (or down) to `target`, step by step.
 * A document from a newer shopplan, or with no usable version, is refused
 * with an issue at `version` rather than guessed at.
 * @example migratePlan({ version: 1, ... }).ok // true
 */
export function migratePlan(
  raw: unknown,
  target: number = PLAN_VERSION,
  migrations: readonly PlanMigration[] = PLAN_MIGRATIONS,
): MigrationOutcome {
  if (!isRecord(raw)) {
    return { ok: false, issues: [issue('not_object', [])] };
  }
  const version = raw.version;
  const known = new Set([PLAN_VERSION, ...migrations.flatMap((m) => [m.from, m.to])]);
  if (typeof version !== 'number' || !Number.isInteger(version) || !known.has(version)) {
    return { ok: false, issues: [issue('unknown_version', ['version'], { ...(version === undefined ? {} : { got: quoteInput(version) }), latest: PLAN_VERSION })] };
  }
  let doc: Record<string, unknown> = raw;
  let at = version;
  while (at !== target) {
    const step = at < target
      ? migrations.find((m) => m.from === at)
      : migrations.find((m) => m.to === at);
    if (!step) {
      return { ok: false, issues: [issue('no_migration', ['version'], { from: at })] };
    }
    doc = at < target ? { ...step.up(doc), version: step.to } : { ...step.down(doc), version: step.from };
    at = at < target ? step.to : step.from;
  }
  return { ok: true, doc, from: version };
}
