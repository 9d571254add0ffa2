import { z } from 'zod';
import type { LocalizedText } from './localized.ts';
import type { FieldUnit } from './messages.ts';
import { PRODUCT_ROLE_LABELS } from './product-fields.ts';
import { LIFECYCLE_STAGES, MAX_LEAD_DAYS, PRODUCT_DEFAULTS, PRODUCT_ROLES, ROLE_DEFAULTS, STAGE_DEFAULTS, type LifecycleStage, type ProductRole } from './product-defaults.ts';

/**
 * The registry of plan fields: for every number a planner sets in a plan,
 * where it lives in the document, its unit, its label, its validator and its
 * ranges. Validation, assumption paths (read / write / list), the web's
 * edits, the xlsx import and the engine's field checks all read it, so a new
 * field (an activity's phase length, a resource's capacity, a product's lead
 * time) is added here once.
 *
 * Addresses. A field has two addresses:
 * - its assumption path, stable under reordering: `objective.gmv`,
 *   `objective.spend.search`, `channels.search.cpc`, `products.p1.price`;
 * - its document location, where zod reports it: `['channels', 1, 'cost', 'cpc']`.
 */

/**
 * Who a field belongs to. `objective` is the plan's one objective; `plan`
 * is a setting at a fixed place of the document (a role's weight under
 * `productSettings`), whose assumption path is that place; the others are
 * records with an `id` in a list of the document (`collection`). New record
 * kinds (activities, resources) are added to OWNER_KINDS.
 */
export type FieldOwnerKind = 'objective' | 'plan' | RecordOwnerKind;
/** The owners that are records of a list in the plan document, found by id. */
export type RecordOwnerKind = 'channel' | 'product';

/** Where each record owner's list lives in the plan document. */
export const OWNER_KINDS: Readonly<Record<RecordOwnerKind, { collection: string }>> = {
  channel: { collection: 'channels' },
  product: { collection: 'products' },
};

/**
 * The cost models' names as the registry knows them. channel.ts's zod union
 * has the same names (a test holds them equal); the registry cannot import
 * that type, because the union is built from the registry's validators.
 */
export const COST_MODEL_NAMES = ['free', 'cpc', 'cpm', 'cps', 'live', 'crm'] as const;
type CostModelName = (typeof COST_MODEL_NAMES)[number];

/** A closed or open interval of valid (or plausible) values; `max` absent means no upper limit. */
export interface ValueRange {
  min: number;
  /** True when `min` itself is not allowed (a price must be above 0). */
  minOpen?: boolean;
  max?: number;
  /** True when `max` itself is not allowed (a refund rate must be below 100%). */
  maxOpen?: boolean;
  /** True when only whole numbers are allowed (units of stock, working days). */
  integer?: boolean;
}

/** The objective kind a field belongs to (objective fields only). */
export type ObjectiveKind = 'target' | 'budget' | 'channels';

/** One field of the registry. */
export interface PlanField {
  /** Unique id: `channel.cpc`, `objective.gmv`, `objective.spend.channel`. */
  id: string;
  /** The field's name as assumption paths and `Assumption.field` end in (`cpc`). */
  field: string;
  owner: FieldOwnerKind;
  /**
   * Keys from the owner to the value: `['cost', 'cpc']` inside a channel,
   * `['response', 'kappa']`, `['gmv']` inside the objective. `'*'` stands
   * for the channel id of a per-channel objective lever (`['spend', '*']`).
   */
  at: readonly string[];
  unit: FieldUnit;
  label: LocalizedText;
  /** The values the schema accepts. */
  valid: ValueRange;
  /** The values a planner usually means; outside them a warning (a CVR of 68% is implausible), never a refusal. */
  plausible?: ValueRange;
  /** For cost-model fields: the cost models that have it. */
  costModels?: readonly CostModelName[];
  /** For objective fields: the objective kind that has it. */
  objectiveKind?: ObjectiveKind;
  /** True when a plan may leave the field out. */
  optional: boolean;
  /** False for numbers that are plan settings, not model assumptions (spend bounds): no assumption path, no cell. */
  assumption: boolean;
  /**
   * The value in effect when the document leaves the field out (a product's
   * minimum order of 1, a role's default weight). A field with a fallback is
   * read as it (`readFieldValue`) and may be written where it is absent.
   */
  fallback?: number;
  /** The zod piece that validates the value, built from `valid`. */
  validator: z.ZodNumber;
}

/**
 * The zod validator of a range: finite numbers within it.
 * @example numberIn({ min: 0, max: 1 }).safeParse(1.5).success // false
 */
export function numberIn(range: ValueRange): z.ZodNumber {
  let v = range.integer ? z.number().int() : z.number();
  v = range.minOpen ? v.gt(range.min) : v.min(range.min);
  if (range.max !== undefined) v = range.maxOpen ? v.lt(range.max) : v.max(range.max);
  return v;
}

/** True when a finite value lies in the range. */
export function inRange(range: ValueRange, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (range.integer && !Number.isSafeInteger(value)) return false;
  if (range.minOpen ? !(value > range.min) : !(value >= range.min)) return false;
  if (range.max === undefined) return true;
  return range.maxOpen ? value < range.max : value <= range.max;
}

type FieldSpec = Omit<PlanField, 'validator' | 'optional' | 'assumption'> & { optional?: boolean; assumption?: boolean };

function field(spec: FieldSpec): PlanField {
  return { optional: false, assumption: true, ...spec, validator: numberIn(spec.valid) };
}

const RATE: ValueRange = { min: 0, max: 1 };
const POSITIVE_RATE: ValueRange = { min: 0, minOpen: true, max: 1 };
const MONEY: ValueRange = { min: 0 };
const POSITIVE: ValueRange = { min: 0, minOpen: true };
const PAID: readonly CostModelName[] = ['cpc', 'cpm', 'cps', 'live', 'crm'];

/** The objective's and the records' fields. */
const RECORD_FIELDS = {
  'objective.gmv': field({ id: 'objective.gmv', field: 'gmv', owner: 'objective', objectiveKind: 'target', at: ['gmv'], unit: 'money',
    label: { zh: '目标成交额', en: 'target GMV' }, valid: POSITIVE, plausible: { min: 1_000, max: 1e11 } }),
  'objective.spend': field({ id: 'objective.spend', field: 'spend', owner: 'objective', objectiveKind: 'budget', at: ['spend'], unit: 'money',
    label: { zh: '总预算', en: 'budget' }, valid: MONEY }),
  'objective.spend.channel': field({ id: 'objective.spend.channel', field: 'spend', owner: 'objective', objectiveKind: 'channels', at: ['spend', '*'], unit: 'money',
    label: { zh: '预算', en: 'spend' }, valid: MONEY }),
  'objective.visitors.channel': field({ id: 'objective.visitors.channel', field: 'visitors', owner: 'objective', objectiveKind: 'channels', at: ['visitors', '*'], unit: 'count',
    label: { zh: '访客数', en: 'visitors' }, valid: MONEY }),
  'channel.cvr': field({ id: 'channel.cvr', field: 'cvr', owner: 'channel', at: ['cvr'], unit: 'rate',
    label: { zh: '转化率', en: 'conversion rate' }, valid: RATE, plausible: { min: 0.0005, max: 0.3 } }),
  'channel.aov': field({ id: 'channel.aov', field: 'aov', owner: 'channel', at: ['aov'], unit: 'money',
    label: { zh: '客单价', en: 'average order value' }, valid: POSITIVE, plausible: { min: 1, max: 100_000 } }),
  'channel.addToCartRate': field({ id: 'channel.addToCartRate', field: 'addToCartRate', owner: 'channel', at: ['addToCartRate'], unit: 'rate', optional: true,
    label: { zh: '加购率', en: 'add-to-cart rate' }, valid: RATE, plausible: { min: 0.001, max: 0.6 } }),
  'channel.forecastVisitors': field({ id: 'channel.forecastVisitors', field: 'forecastVisitors', owner: 'channel', at: ['cost', 'forecastVisitors'], unit: 'count', costModels: ['free'],
    label: { zh: '预测访客数', en: 'forecast visitors' }, valid: MONEY }),
  'channel.share': field({ id: 'channel.share', field: 'share', owner: 'channel', at: ['cost', 'share'], unit: 'rate', costModels: PAID,
    label: { zh: '流量占比', en: 'share' }, valid: RATE }),
  'channel.cpc': field({ id: 'channel.cpc', field: 'cpc', owner: 'channel', at: ['cost', 'cpc'], unit: 'money', costModels: ['cpc'],
    label: { zh: '点击单价', en: 'cost per click' }, valid: POSITIVE, plausible: { min: 0.05, max: 50 } }),
  'channel.cpm': field({ id: 'channel.cpm', field: 'cpm', owner: 'channel', at: ['cost', 'cpm'], unit: 'money', costModels: ['cpm'],
    label: { zh: '千次展现成本', en: 'cost per mille' }, valid: POSITIVE, plausible: { min: 1, max: 500 } }),
  'channel.ctr': field({ id: 'channel.ctr', field: 'ctr', owner: 'channel', at: ['cost', 'ctr'], unit: 'rate', costModels: ['cpm'],
    label: { zh: '点击率', en: 'click-through rate' }, valid: POSITIVE_RATE, plausible: { min: 0.0005, max: 0.3 } }),
  'channel.fixedFee': field({ id: 'channel.fixedFee', field: 'fixedFee', owner: 'channel', at: ['cost', 'fixedFee'], unit: 'money', costModels: ['live'],
    label: { zh: '坑位费', en: 'fixed fee' }, valid: MONEY }),
  'channel.commission': field({ id: 'channel.commission', field: 'commission', owner: 'channel', at: ['cost', 'commission'], unit: 'rate', costModels: ['cps', 'live'],
    label: { zh: '佣金比例', en: 'commission rate' }, valid: RATE, plausible: { min: 0, max: 0.6 } }),
  'channel.messagePrice': field({ id: 'channel.messagePrice', field: 'messagePrice', owner: 'channel', at: ['cost', 'messagePrice'], unit: 'money', costModels: ['crm'],
    label: { zh: '单条触达成本', en: 'price per message' }, valid: POSITIVE, plausible: { min: 0.001, max: 10 } }),
  'channel.responseRate': field({ id: 'channel.responseRate', field: 'responseRate', owner: 'channel', at: ['cost', 'responseRate'], unit: 'rate', costModels: ['crm'],
    label: { zh: '响应率', en: 'response rate' }, valid: POSITIVE_RATE, plausible: { min: 0.0005, max: 0.5 } }),
  'channel.beta': field({ id: 'channel.beta', field: 'beta', owner: 'channel', at: ['response', 'beta'], unit: 'count', optional: true,
    label: { zh: '饱和上限 β', en: 'saturation ceiling β' }, valid: POSITIVE }),
  'channel.alpha': field({ id: 'channel.alpha', field: 'alpha', owner: 'channel', at: ['response', 'alpha'], unit: 'ratio', optional: true,
    label: { zh: '曲线形状 α', en: 'curve shape α' }, valid: POSITIVE, plausible: { min: 0.5, max: 20 } }),
  'channel.kappa': field({ id: 'channel.kappa', field: 'kappa', owner: 'channel', at: ['response', 'kappa'], unit: 'money', optional: true,
    label: { zh: '半饱和花费 κ', en: 'half-saturation spend κ' }, valid: POSITIVE }),
  'channel.margin': field({ id: 'channel.margin', field: 'margin', owner: 'channel', at: ['margin'], unit: 'rate', optional: true,
    label: { zh: '毛利率', en: 'gross margin' }, valid: POSITIVE_RATE, plausible: { min: 0.02, max: 0.9 } }),
  'channel.refundRate': field({ id: 'channel.refundRate', field: 'refundRate', owner: 'channel', at: ['refundRate'], unit: 'rate', optional: true,
    label: { zh: '退款率', en: 'refund rate' }, valid: { min: 0, max: 1, maxOpen: true }, plausible: { min: 0, max: 0.6 } }),
  'channel.boundsMin': field({ id: 'channel.boundsMin', field: 'min', owner: 'channel', at: ['bounds', 'min'], unit: 'money', costModels: PAID, optional: true, assumption: false,
    label: { zh: '最低花费', en: 'minimum spend' }, valid: MONEY }),
  'channel.boundsMax': field({ id: 'channel.boundsMax', field: 'max', owner: 'channel', at: ['bounds', 'max'], unit: 'money', costModels: PAID, optional: true, assumption: false,
    label: { zh: '最高花费', en: 'maximum spend' }, valid: MONEY }),
  'product.share': field({ id: 'product.share', field: 'share', owner: 'product', at: ['share'], unit: 'rate',
    label: { zh: '成交占比', en: 'share of GMV' }, valid: RATE }),
  'product.price': field({ id: 'product.price', field: 'price', owner: 'product', at: ['price'], unit: 'money',
    label: { zh: '售价', en: 'price' }, valid: POSITIVE, plausible: { min: 0.1, max: 1_000_000 } }),
  'product.unitCost': field({ id: 'product.unitCost', field: 'unitCost', owner: 'product', at: ['unitCost'], unit: 'money', optional: true, fallback: PRODUCT_DEFAULTS.unitCost,
    label: { zh: '单位成本', en: 'unit cost' }, valid: MONEY }),
  'product.leadDays': field({ id: 'product.leadDays', field: 'leadDays', owner: 'product', at: ['leadDays'], unit: 'count', optional: true, fallback: PRODUCT_DEFAULTS.leadDays,
    label: { zh: '供应商交期（工作日）', en: 'supplier lead time (working days)' }, valid: { min: 0, max: MAX_LEAD_DAYS, integer: true }, plausible: { min: 0, max: 120 } }),
  'product.moq': field({ id: 'product.moq', field: 'moq', owner: 'product', at: ['moq'], unit: 'count', optional: true, fallback: PRODUCT_DEFAULTS.moq,
    label: { zh: '最小起订量', en: 'minimum order quantity' }, valid: { min: 1, integer: true }, plausible: { min: 1, max: 1_000_000 } }),
  'product.stock': field({ id: 'product.stock', field: 'stock', owner: 'product', at: ['stock'], unit: 'count', optional: true, fallback: PRODUCT_DEFAULTS.stock,
    label: { zh: '期初库存', en: 'opening stock' }, valid: { min: 0, integer: true } }),
  'product.serviceLevel': field({ id: 'product.serviceLevel', field: 'serviceLevel', owner: 'product', at: ['serviceLevel'], unit: 'rate', optional: true, fallback: PRODUCT_DEFAULTS.serviceLevel,
    label: { zh: '服务水平', en: 'service level' }, valid: { min: 0.5, max: 0.999 }, plausible: { min: 0.8, max: 0.995 } }),
  'product.demandCv': field({ id: 'product.demandCv', field: 'demandCv', owner: 'product', at: ['demandCv'], unit: 'ratio', optional: true, fallback: PRODUCT_DEFAULTS.demandCv,
    label: { zh: '需求波动系数', en: 'demand variability (σ / mean)' }, valid: { min: 0, max: 3 }, plausible: { min: 0.05, max: 1.5 } }),
} as const satisfies Record<string, PlanField>;

/** Stage names as planners read them. */
const STAGE_LABELS: Readonly<Record<LifecycleStage, { zh: string; en: string }>> = {
  launch: { zh: '上市期', en: 'launch' },
  growth: { zh: '成长期', en: 'growth' },
  maturity: { zh: '成熟期', en: 'maturity' },
  decline: { zh: '衰退期', en: 'decline' },
};

type RoleFieldId = `productSettings.roles.${ProductRole}.${'weight' | 'elasticity'}`;
type StageFieldId = `productSettings.stages.${LifecycleStage}`;

/**
 * The plan-level product settings as fields: each role's weight and
 * elasticity, each lifecycle stage's demand weight. Their id is their
 * assumption path and their place in the document; absent, they take
 * ROLE_DEFAULTS / STAGE_DEFAULTS.
 */
function productSettingFields(): Record<RoleFieldId | StageFieldId, PlanField> {
  const out = {} as Record<RoleFieldId | StageFieldId, PlanField>;
  for (const role of PRODUCT_ROLES) {
    const name = PRODUCT_ROLE_LABELS[role];
    const weight: RoleFieldId = `productSettings.roles.${role}.weight`;
    out[weight] = field({ id: weight, field: 'weight', owner: 'plan', at: ['productSettings', 'roles', role, 'weight'], unit: 'ratio', optional: true,
      fallback: ROLE_DEFAULTS[role].weight, label: { zh: `${name.zh}权重`, en: `${name.en} weight` }, valid: { min: 0, max: 100 }, plausible: { min: 0.1, max: 10 } });
    const elasticity: RoleFieldId = `productSettings.roles.${role}.elasticity`;
    out[elasticity] = field({ id: elasticity, field: 'elasticity', owner: 'plan', at: ['productSettings', 'roles', role, 'elasticity'], unit: 'ratio', optional: true,
      fallback: ROLE_DEFAULTS[role].elasticity, label: { zh: `${name.zh}价格弹性`, en: `${name.en} price elasticity` }, valid: { min: 0, max: 10 }, plausible: { min: 0.2, max: 5 } });
  }
  for (const stage of LIFECYCLE_STAGES) {
    const id: StageFieldId = `productSettings.stages.${stage}`;
    const name = STAGE_LABELS[stage];
    out[id] = field({ id, field: stage, owner: 'plan', at: ['productSettings', 'stages', stage], unit: 'ratio', optional: true,
      fallback: STAGE_DEFAULTS[stage], label: { zh: `${name.zh}需求权重`, en: `${name.en} demand weight` }, valid: { min: 0, max: 100 }, plausible: { min: 0.05, max: 5 } });
  }
  return out;
}

/**
 * Every plan field, by id. The order of the channel fields is the reading
 * order of a channel's assumptions (the Assumptions sheet, the CLI lists).
 */
export const FIELDS = { ...RECORD_FIELDS, ...productSettingFields() };

/** The id of a registry field. */
export type PlanFieldId = keyof typeof FIELDS;

/** Every plan field, in reading order. */
export const PLAN_FIELDS: readonly PlanField[] = Object.values(FIELDS);

/** The fields of one owner kind that are assumptions, in reading order. */
export function assumptionFieldsOf(owner: FieldOwnerKind): readonly PlanField[] {
  return PLAN_FIELDS.filter((f) => f.owner === owner && f.assumption);
}

const byOwnerAndName = new Map<string, PlanField>();
for (const f of PLAN_FIELDS) if (f.assumption && f.owner !== 'objective' && f.owner !== 'plan') byOwnerAndName.set(`${f.owner}:${f.field}`, f);
/** Plan-level settings by their path (`productSettings.stages.launch`). */
const planFieldsByPath = new Map<string, PlanField>();
for (const f of PLAN_FIELDS) if (f.owner === 'plan') planFieldsByPath.set(f.at.join('.'), f);

/**
 * The registry field an assumption path names, with the id of its owner
 * record (a channel's id for per-channel levers); undefined for a path no
 * plan can have. Product ids may contain dots: the field is the last part.
 * @example parseAssumptionPath('channels.search.cpc') // { field: FIELDS['channel.cpc'], ownerId: 'search' }
 */
export function parseAssumptionPath(path: string): { field: PlanField; ownerId?: string } | undefined {
  const parts = path.split('.');
  if (parts[0] === 'objective') {
    if (parts.length === 2) return parts[1] === 'gmv' ? { field: FIELDS['objective.gmv'] } : parts[1] === 'spend' ? { field: FIELDS['objective.spend'] } : undefined;
    if (parts.length === 3 && parts[2]) {
      if (parts[1] === 'spend') return { field: FIELDS['objective.spend.channel'], ownerId: parts[2] };
      if (parts[1] === 'visitors') return { field: FIELDS['objective.visitors.channel'], ownerId: parts[2] };
    }
    return undefined;
  }
  const setting = planFieldsByPath.get(path);
  if (setting) return { field: setting };
  for (const [kind, { collection }] of Object.entries(OWNER_KINDS)) {
    if (parts[0] !== collection || parts.length < 3) continue;
    // channel ids cannot hold a dot; product ids can, so the field is the last part
    if (kind === 'channel' && parts.length !== 3) return undefined;
    const name = parts[parts.length - 1] ?? '';
    const f = byOwnerAndName.get(`${kind}:${name}`);
    const ownerId = parts.slice(1, -1).join('.');
    return f && ownerId ? { field: f, ownerId } : undefined;
  }
  return undefined;
}

/** The assumption path of a field: `channels.search.cpc`, `objective.spend.search`, `objective.gmv`. */
export function assumptionPathOf(f: PlanField, ownerId?: string): string {
  if (f.owner === 'objective') return ['objective', ...f.at.map((k) => (k === '*' ? ownerId ?? '*' : k))].join('.');
  if (f.owner === 'plan') return f.at.join('.');
  return `${OWNER_KINDS[f.owner].collection}.${ownerId ?? '*'}.${f.field}`;
}

type DocRecord = Record<string, unknown>;
const isRecord = (v: unknown): v is DocRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where an assumption path lives in a plan document, as zod reports it
 * (`channels.search.cpc` → `['channels', 1, 'cost', 'cpc']`); undefined
 * when the owner is not in the plan. The value itself may be absent (an
 * optional margin not set).
 * @example documentLocation(plan, 'channels.search.cpc') // ['channels', 1, 'cost', 'cpc']
 */
export function documentLocation(plan: unknown, path: string): Array<string | number> | undefined {
  const parsed = parseAssumptionPath(path);
  if (!parsed || !isRecord(plan)) return undefined;
  const { field: f, ownerId } = parsed;
  if (f.owner === 'objective') {
    const objective = plan.objective;
    if (!isRecord(objective) || objective.kind !== f.objectiveKind) return undefined;
    return ['objective', ...f.at.map((k) => (k === '*' ? ownerId ?? '' : k))];
  }
  if (f.owner === 'plan') return [...f.at];
  const list = plan[OWNER_KINDS[f.owner].collection];
  if (!Array.isArray(list)) return undefined;
  const index = list.findIndex((r) => isRecord(r) && r.id === ownerId);
  if (index < 0) return undefined;
  if (f.costModels && f.at[0] === 'cost') {
    const cost = (list[index] as DocRecord).cost;
    if (!isRecord(cost) || !f.costModels.includes(cost.model as CostModelName)) return undefined;
  }
  return [OWNER_KINDS[f.owner].collection, index, ...f.at];
}

/** The value at a document location, or undefined. */
function valueAt(doc: unknown, at: readonly (string | number)[]): unknown {
  let v: unknown = doc;
  for (const key of at) {
    if (typeof key === 'number') v = Array.isArray(v) ? v[key] : undefined;
    else v = isRecord(v) ? v[key] : undefined;
    if (v === undefined) return undefined;
  }
  return v;
}

/**
 * A copy of `doc` with the value at `at` replaced, copying only the objects
 * on the way (the rest is shared). Objects missing on the way are made
 * (a first role weight makes `productSettings.roles`); arrays never are.
 */
function withValueAt(doc: unknown, at: readonly (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [key, ...rest] = at;
  if (typeof key === 'number' && Array.isArray(doc)) {
    const next = doc.slice();
    next[key] = withValueAt(doc[key], rest, value);
    return next;
  }
  if (typeof key === 'string' && isRecord(doc)) return { ...doc, [key]: withValueAt(doc[key], rest, value) };
  if (typeof key === 'string' && doc === undefined) return { [key]: withValueAt(undefined, rest, value) };
  return doc;
}

/**
 * The number an assumption path holds in a plan document, or undefined when
 * the plan has no such number. A field with a fallback that the document
 * leaves out reads as its fallback (a product's `moq` as 1), as long as its
 * owner is in the plan.
 * @example readFieldValue(plan, 'channels.search.cpc') // 1.2
 */
export function readFieldValue(plan: unknown, path: string): number | undefined {
  const at = documentLocation(plan, path);
  const v = at ? valueAt(plan, at) : undefined;
  if (typeof v === 'number') return v;
  if (!at || v !== undefined) return undefined;
  return parseAssumptionPath(path)?.field.fallback;
}

/**
 * A copy of the plan document with one assumption's number replaced, sharing
 * every untouched part with the original (the original is not changed).
 * Undefined when the plan has no number at that path: a write never adds a
 * field, except one with a fallback (a product's lead time, a role's
 * weight), which is in effect even when absent. The value is not validated here.
 * @example writeFieldValue(plan, 'channels.search.cvr', 0.03)
 */
export function writeFieldValue<T>(plan: T, path: string, value: number): T | undefined {
  const at = documentLocation(plan, path);
  if (!at) return undefined;
  const current = valueAt(plan, at);
  const settable = typeof current === 'number' || (current === undefined && parseAssumptionPath(path)?.field.fallback !== undefined);
  if (!settable) return undefined;
  const next = withValueAt(plan, at, value);
  // a path through something that is not an object (productSettings: 5) is left alone
  return typeof valueAt(next, at) === 'number' ? (next as T) : undefined;
}

/**
 * The registry field at a document location (`['channels', 1, 'cost', 'cpc']`),
 * or at an assumption path given as keys (`['channels', 'search', 'cpc']`).
 * @example fieldAtLocation(['products', 0, 'share'])?.label.zh // '成交占比'
 */
export function fieldAtLocation(at: readonly PropertyKey[]): PlanField | undefined {
  const [head, second, ...rest] = at;
  if (head === 'productSettings') return planFieldsByPath.get(at.map(String).join('.'));
  if (head === 'objective') {
    const keys = [second, ...rest];
    return PLAN_FIELDS.find((f) => f.owner === 'objective' && f.at.length === keys.length && f.at.every((k, i) => k === '*' || k === keys[i]));
  }
  for (const [kind, { collection }] of Object.entries(OWNER_KINDS)) {
    if (head !== collection) continue;
    if (typeof second === 'string') return rest.length === 1 ? byOwnerAndName.get(`${kind}:${String(rest[0])}`) : undefined;
    return PLAN_FIELDS.find((f) => f.owner === kind && f.at.length === rest.length && f.at.every((k, i) => k === rest[i]));
  }
  return undefined;
}

/**
 * The assumption path of a document location in this plan
 * (`['channels', 1, 'response', 'kappa']` → `channels.search.kappa`), so an
 * issue zod reports by index lands on the cell the planner edits. Locations
 * already by id (`['channels', 'search', 'cvr']`, an engine issue) are
 * joined; `['uncertainty', <path>, …]` names the assumption it ranges over.
 * Undefined when the location is no assumption.
 * @example assumptionPathAt(plan, ['channels', 1, 'cost', 'cpc']) // 'channels.search.cpc'
 */
export function assumptionPathAt(plan: unknown, at: readonly PropertyKey[]): string | undefined {
  if (at[0] === 'uncertainty' && typeof at[1] === 'string') {
    // the range of an assumption is the problem of that assumption's cell; its key is the dotted path itself
    const rest = at.slice(1).filter((k): k is string => typeof k === 'string');
    const path = rest.at(-1) === 'low' || rest.at(-1) === 'high' ? rest.slice(0, -1).join('.') : rest.join('.');
    return parseAssumptionPath(path) ? path : undefined;
  }
  const f = fieldAtLocation(at);
  if (!f || !f.assumption) return undefined;
  if (f.owner === 'objective') return assumptionPathOf(f, typeof at[2] === 'string' ? at[2] : undefined);
  if (f.owner === 'plan') return assumptionPathOf(f);
  const second = at[1];
  if (typeof second === 'string') return assumptionPathOf(f, second);
  const record = isRecord(plan) ? valueAt(plan, [OWNER_KINDS[f.owner].collection, Number(second)]) : undefined;
  return isRecord(record) && typeof record.id === 'string' ? assumptionPathOf(f, record.id) : undefined;
}
