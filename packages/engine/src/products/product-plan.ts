import { planIssue, PRODUCT_DEFAULTS, ROLE_DEFAULTS, STAGE_DEFAULTS, type Plan, type PlanIssue, type ProductRole, type ProductSettings } from '@shopplan/schema';
import type { AssumptionEdit } from '../plan-model.ts';
import { PlanModel, readModelSheetValues } from '../plan-model.ts';
import { dayCol, DAYS_SHEET } from '../calendar/days-sheet.ts';
import { dayNumber, isoDay, splitFen, type Placements } from '../calendar/phasing.ts';
import {
  activityPeaks, phasesDaily, planWeekSpans, sumDaysIntoWeeks, productWeekPromotion, productWeekStatus, weekGmvFromDays, weekGmvFromWeights,
  LIFECYCLE_STAGES, type ActivityPeak, type LifecycleStage, type PlanWeekSpan, type ProductStatus,
} from './product-weeks.ts';
import { controlledRounding } from './controlled-rounding.ts';
import { effectiveUnitPrice } from './mechanics.ts';
import { endPrice, type PriceEnding } from './price-ending.ts';
import { safetyStock, serviceLevelZ } from './safety-stock.ts';
import { createOrderByLookup, type OrderByLookup } from './order-by.ts';
import {
  orderByPastAlert, outOfSeasonAlert, promoBelowCostAlert, promoInDeclineAlert, stockOutAlert, type ProductAlert,
} from './alerts.ts';

/**
 * The product plan (商品计划, DOMAIN.md §3 and §5, design of issue 12): per
 * product and week its status, activity, promo price, weight, revenue (whole
 * fen, two ways exact), units, gross margin, safety stock, projected stock,
 * order quantity and order-by date, and the alerts. One model serves the
 * page (through the worker) and the CLI (`products`, `reorders`).
 *
 * Evaluated in typed arrays, product-major (cell = product × weeks + week):
 * a shared edit (the target) recomputes the whole grid in a few linear
 * passes; one product's edit recomputes its row, and the whole split only
 * when its weights moved (a weight is normalised over the week's products).
 */

/** A product role of plan v4 (引流款, 利润款, 形象款, 高转化款, 潜力款, 季节款). */
export type { ProductRole };

/** A product of plan v4 as the product plan reads it. */
export type PlanProductV4 = NonNullable<Plan['products']>[number];

/** Plan-level product settings of plan v4. */
export type ProductSettingsV4 = ProductSettings;

/** A plan document with the product fields of plan v4. */
export type ProductPlanDocument = Plan;

/** One product in one week: the `products --json` row. */
export interface ProductWeekFigures {
  id: string;
  status: ProductStatus;
  /** The activity it joins this week (its promotion's peak overlaps the week), or null. */
  activity: string | null;
  /** The price it sells at this week: the promo price in an activity, else the list price. */
  promoPrice: number;
  units: number;
  /** Whole fen, in yuan. */
  revenue: number;
  grossMargin: number;
  /** Projected stock at the end of the week (negative: short, with a stockOut alert). */
  stock: number;
  safetyStock: number;
  /** Units to order for this week (0 when none); it arrives at the week's start. */
  orderQuantity: number;
  /** The last day to order this week's quantity (YYYY-MM-DD), null without an order. */
  orderBy: string | null;
}

/** One order of the reorder list: the `reorders --json` row. */
export interface ProductOrder {
  product: string;
  quantity: number;
  orderBy: string;
  /** Start date of the week the stock is needed in (it arrives that day). */
  neededWeek: string;
  leadDays: number;
}

/** Totals of the product plan: one week's or the whole period's. */
export interface ProductTotals {
  revenue: number;
  units: number;
  grossMargin: number;
}

/** The product plan as the workbook's product sheets are written from it (see ProductPlan.sheetFacts). */
export interface ProductSheetFacts {
  weekStarts: string[];
  weekFen: number[];
  products: Array<{ id: string; listPrice: number; baseWeight: number; priceExponent: number; unitCost: number; moq: number; stock: number; z: number; demandCv: number; leadDays: number }>;
  stageWeight: Float64Array;
  onSale: Float64Array;
  canOrder: Float64Array;
  /** Fen the controlled rounding adds to each cell's real revenue (−1 < x < 1). */
  rounding: Float64Array;
  price: Float64Array;
  weight: Float64Array;
  revenueFen: Float64Array;
  units: Float64Array;
  margin: Float64Array;
  order: Float64Array;
  closing: Float64Array;
  safety: Float64Array;
}

/** How a product plan is built. */
export interface ProductPlanOptions {
  /** The planning date for "order-by already past"; productSettings.asOf wins; without either no order-by is past. */
  asOf?: string;
  /** Where the scheduler placed each activity (see PhasingOptions). */
  placements?: Placements;
}

/** A product plan, or the issues (zh + en, with paths) that stop one. */
export type ProductPlanOutcome = { ok: true; plan: ProductPlan } | { ok: false; issues: PlanIssue[] };

/** A product's edit: any of its numeric v4 fields. */
export type ProductFieldEdit = Partial<Pick<PlanProductV4, 'share' | 'price' | 'unitCost' | 'leadDays' | 'moq' | 'stock' | 'serviceLevel' | 'demandCv'>>;

/** Status codes in the grid's Int8Array: 0 off, then the stages in order. */
const STATUS_OF: readonly ProductStatus[] = ['off', ...LIFECYCLE_STAGES];

/** The longest supplier lead time plan v4 accepts (working days): the order-by lookup answers up to it. */
const MAX_LEAD_DAYS = 250;

/**
 * Order-by dates as day numbers per lead time, from s3-prodmath's lookup:
 * computed once per distinct lead time (a plan has a few dozen), so a
 * 520,000-cell projection compares numbers, not dates.
 */
class OrderByDays {
  readonly #lookup: OrderByLookup;
  readonly #byLead = new Map<number, Float64Array>();

  constructor(weekStarts: readonly string[]) {
    this.#lookup = createOrderByLookup(weekStarts, MAX_LEAD_DAYS);
  }

  /** Day number of the order-by date of each week for a lead time. */
  of(lead: number): Float64Array {
    let days = this.#byLead.get(lead);
    if (!days) {
      days = Float64Array.from(this.#lookup.weekStarts, (_, w) => dayNumber(this.#lookup.orderBy(w, lead)) ?? Number.NEGATIVE_INFINITY);
      this.#byLead.set(lead, days);
    }
    return days;
  }
}

/** Where the week GMV comes from: the live budget model, and what a target edit needs to skip it. */
interface WeekSource {
  model: PlanModel | undefined;
  fen: number[];
  /**
   * For a target plan phased daily: each day's paid weight as the Days
   * sheet computed it (it does not depend on the target), so a new target
   * is split over the days by `splitFen`, the Days sheet's own rule, without
   * waiting for HyperFormula to recompute 365 rows × every channel.
   */
  paidWeights?: Float64Array;
  /** Day number of the period's first day (row 0 of paidWeights). */
  firstDay?: number;
}

/**
 * The product × week plan of a plan document (v4 product fields). Built once;
 * shared edits (`editShared`) and one product's edits (`editProduct`) bring
 * every figure current, totals and alerts included, before they return.
 *
 * @example
 * const out = ProductPlan.build(plan, { asOf: '2027-01-04' });
 * if (out.ok) out.plan.weekProducts(10); // every product in week 11
 */
export class ProductPlan {
  readonly #doc: ProductPlanDocument;
  readonly #products: PlanProductV4[];
  readonly #spans: PlanWeekSpan[];
  readonly #peaks: ActivityPeak[];
  readonly #peakWeek: Uint8Array;
  readonly #asOf: number;
  readonly #asOfIso: string | null;
  readonly #orderByDays: OrderByDays;
  readonly #ending: PriceEnding;
  readonly #roles: Record<ProductRole, { weight: number; elasticity: number }>;
  readonly #stages: Record<LifecycleStage, number>;
  #source: WeekSource;
  /** A target the week GMV already follows and the budget model not yet (see editShared). */
  #pendingTarget: number | undefined;
  readonly n: number;
  readonly weeks: number;
  // per week
  #weekFen: Float64Array;
  // per product
  readonly #totalFen: Float64Array;
  readonly #safety: Float64Array;
  readonly #alerts: ProductAlert[][];
  // per cell (product-major)
  readonly #status: Int8Array;
  readonly #promo: Int16Array;
  readonly #price: Float64Array;
  readonly #weight: Float64Array;
  readonly #real: Float64Array;
  #revenueFen: Float64Array;
  readonly #units: Float64Array;
  readonly #margin: Float64Array;
  readonly #order: Float64Array;
  readonly #closing: Float64Array;
  readonly #orderBy: Float64Array;

  private constructor(doc: ProductPlanDocument, source: WeekSource, peaks: ActivityPeak[], asOf: string | null) {
    this.#doc = doc;
    this.#products = (doc.products ?? []).map((p) => ({ ...p }));
    this.#spans = planWeekSpans(doc);
    this.#peaks = peaks;
    this.#source = source;
    this.n = this.#products.length;
    this.weeks = this.#spans.length;
    const cells = this.n * this.weeks;
    this.#peakWeek = Uint8Array.from(this.#spans, (s) => (peaks.some((p) => p.first <= s.last && p.last >= s.first) ? 1 : 0));
    this.#asOfIso = asOf;
    this.#asOf = asOf !== null ? dayNumber(asOf) ?? Number.NEGATIVE_INFINITY : Number.NEGATIVE_INFINITY;
    this.#orderByDays = new OrderByDays(this.#spans.map((s) => s.start));
    const settings = doc.productSettings ?? {};
    this.#ending = settings.priceEnding === undefined ? 9 : settings.priceEnding;
    // a role's weight and elasticity are each optional in the plan: merge per field, so `{ weight: 2 }` keeps the default elasticity
    this.#roles = Object.fromEntries(
      (Object.keys(ROLE_DEFAULTS) as ProductRole[]).map((r) => [r, { ...ROLE_DEFAULTS[r], ...settings.roles?.[r] }]),
    ) as Record<ProductRole, { weight: number; elasticity: number }>;
    this.#stages = { ...STAGE_DEFAULTS, ...settings.stages } as Record<LifecycleStage, number>;
    this.#weekFen = Float64Array.from(source.fen);
    this.#totalFen = new Float64Array(this.n);
    this.#safety = new Float64Array(this.n);
    this.#alerts = Array.from({ length: this.n }, () => []);
    this.#status = new Int8Array(cells);
    this.#promo = new Int16Array(cells);
    this.#price = new Float64Array(cells);
    this.#weight = new Float64Array(cells);
    this.#real = new Float64Array(cells);
    this.#revenueFen = new Float64Array(cells);
    this.#units = new Float64Array(cells);
    this.#margin = new Float64Array(cells);
    this.#order = new Float64Array(cells);
    this.#closing = new Float64Array(cells);
    this.#orderBy = new Float64Array(cells);
  }

  /**
   * Builds the product plan of a valid plan with weeks and products: the
   * week GMV (phased days or weekly weights), the activity peaks, then every
   * product-week. Issues (zh + en, naming product and field) for what makes
   * a figure impossible: a promo price of 0, a week with GMV but no product
   * on sale, a promotion naming an activity the plan does not have.
   */
  static build(plan: ProductPlanDocument, options: ProductPlanOptions = {}): ProductPlanOutcome {
    if ((plan.weeks?.length ?? 0) === 0 || (plan.products?.length ?? 0) === 0) {
      return { ok: false, issues: [planIssue('products', 'no_product_plan', '计划需要周节奏（weeks）和商品（products）才能做商品计划', 'a product plan needs the plan\'s weeks and products')] };
    }
    const known = new Set((plan.activities ?? []).map((a) => a.id));
    const issues: PlanIssue[] = [];
    (plan.products ?? []).forEach((p, i) => {
      (p.promotions ?? []).forEach((promo, k) => {
        if (!known.has(promo.activity)) {
          issues.push(planIssue(`products[${i}].promotions[${k}].activity`, 'unknown_activity',
            `商品 ${p.id} 的第 ${k + 1} 个促销引用的活动“${promo.activity}”不在计划的活动中`,
            `promotion ${k + 1} of product ${p.id} names activity "${promo.activity}", which is not among the plan's activities`));
        }
        // the schema should refuse it; a plan built in code must not sell a "promotion" above its list price either
        if (promo.promoPrice !== undefined && promo.promoPrice > p.price) {
          issues.push(planIssue(`products[${i}].promotions[${k}].promoPrice`, 'promo_above_list',
            `商品 ${p.id} 的第 ${k + 1} 个促销价 ¥${promo.promoPrice} 高于售价 ¥${p.price}`,
            `promo price ¥${promo.promoPrice} of promotion ${k + 1} of product ${p.id} is above its list price ¥${p.price}`));
        }
      });
    });
    if (issues.length > 0) return { ok: false, issues };
    const peaks = activityPeaks(plan, options.placements);
    if (!peaks.ok) return peaks;
    const source = weekSource(plan, options.placements);
    if (!source.ok) return source;
    const asOf = plan.productSettings?.asOf ?? options.asOf ?? null;
    const model = new ProductPlan(plan, source.source, peaks.peaks, asOf);
    const problems = model.#computeAll();
    if (problems.length > 0) {
      model.dispose();
      return { ok: false, issues: problems };
    }
    return { ok: true, plan: model };
  }

  /** Frees the live budget model behind the week GMV. */
  dispose(): void {
    this.#source.model?.dispose();
  }

  /** Product ids in plan order. */
  get productIds(): string[] {
    return this.#products.map((p) => p.id);
  }

  /** Start dates of the weeks. */
  get weekStarts(): string[] {
    return this.#spans.map((s) => s.start);
  }

  /** The planning date the order-by checks use, or null. */
  get asOf(): string | null {
    return this.#asOfIso;
  }

  /** Each week's GMV in yuan (whole fen): what the week's product revenues sum to. */
  weekGmv(): number[] {
    return Array.from(this.#weekFen, (f) => f / 100);
  }

  /** Index of a product id, or -1. */
  productIndex(id: string): number {
    return this.#products.findIndex((p) => p.id === id);
  }

  /**
   * One product in one week. Throws RangeError for an index outside the plan.
   * @example plan.productWeek(0, 0).revenue
   */
  productWeek(product: number, week: number): ProductWeekFigures {
    this.#check(product, week);
    const p = this.#products[product]!;
    const i = product * this.weeks + week;
    const promo = this.#promo[i]!;
    const order = this.#order[i]!;
    return {
      id: p.id,
      status: STATUS_OF[this.#status[i]!]!,
      activity: promo >= 0 ? p.promotions![promo]!.activity : null,
      promoPrice: this.#price[i]!,
      units: this.#units[i]!,
      revenue: this.#revenueFen[i]! / 100,
      grossMargin: this.#margin[i]!,
      stock: this.#closing[i]!,
      safetyStock: this.#safety[product]!,
      orderQuantity: order,
      orderBy: order > 0 ? isoDay(this.#orderBy[i]!) : null,
    };
  }

  /** Every product in one week, in plan order. */
  weekProducts(week: number): ProductWeekFigures[] {
    this.#check(0, week);
    return this.#products.map((_, p) => this.productWeek(p, week));
  }

  /** Totals of one week over all products, or of the whole period when week is omitted. */
  totals(week?: number): ProductTotals {
    if (week !== undefined) this.#check(0, week);
    let fen = 0;
    let units = 0;
    let margin = 0;
    for (let p = 0; p < this.n; p++) {
      const from = week === undefined ? 0 : week;
      const to = week === undefined ? this.weeks - 1 : week;
      for (let w = from; w <= to; w++) {
        const i = p * this.weeks + w;
        fen += this.#revenueFen[i]!;
        units += this.#units[i]!;
        margin += this.#margin[i]!;
      }
    }
    return { revenue: fen / 100, units, grossMargin: margin };
  }

  /** A product's total revenue over the weeks (whole fen, in yuan). */
  productTotal(product: number): number {
    this.#check(product, 0);
    return this.#totalFen[product]! / 100;
  }

  /** Every order of the projection, by order-by date (then product order). */
  orders(): ProductOrder[] {
    const out: ProductOrder[] = [];
    for (let p = 0; p < this.n; p++) {
      const lead = this.#lead(p);
      for (let w = 0; w < this.weeks; w++) {
        const i = p * this.weeks + w;
        if (this.#order[i]! > 0) out.push({ product: this.#products[p]!.id, quantity: this.#order[i]!, orderBy: isoDay(this.#orderBy[i]!), neededWeek: this.#spans[w]!.start, leadDays: lead });
      }
    }
    return out.sort((a, b) => (a.orderBy < b.orderBy ? -1 : a.orderBy > b.orderBy ? 1 : 0));
  }

  /** Every alert, product by product in plan order, each product's by week. */
  alerts(): ProductAlert[] {
    return this.#alerts.flat();
  }

  /**
   * What the workbook's product sheets are written from (product-major
   * copies): the facts no spreadsheet formula computes (stage weights and
   * on-sale flags from lifecycle dates and the calendar, promo prices from
   * mechanics and the ending rule, whether an order-by date is on or after
   * asOf, and the controlled rounding's choice per cell, as the fen it adds
   * to the real revenue), the product inputs, and the computed figures
   * the sheets must recompute.
   */
  sheetFacts(): ProductSheetFacts {
    const cells = this.n * this.weeks;
    const stageWeight = new Float64Array(cells);
    const onSale = new Float64Array(cells);
    const canOrder = new Float64Array(cells);
    const rounding = new Float64Array(cells);
    for (let i = 0; i < cells; i++) {
      const status = STATUS_OF[this.#status[i]!]!;
      onSale[i] = status === 'off' ? 0 : 1;
      stageWeight[i] = status === 'off' ? 0 : this.#stages[status];
      canOrder[i] = this.#orderBy[i]! >= this.#asOf ? 1 : 0;
      rounding[i] = this.#revenueFen[i]! - this.#real[i]!;
    }
    const products = this.#products.map((p) => {
      const role = this.#roles[p.role ?? 'profit'];
      return {
        id: p.id,
        listPrice: p.price,
        baseWeight: p.decoy ? 0 : p.share * role.weight,
        priceExponent: 1 - role.elasticity,
        unitCost: p.unitCost ?? PRODUCT_DEFAULTS.unitCost,
        moq: p.moq ?? PRODUCT_DEFAULTS.moq,
        stock: p.stock ?? PRODUCT_DEFAULTS.stock,
        z: serviceLevelZ(p.serviceLevel ?? PRODUCT_DEFAULTS.serviceLevel),
        demandCv: p.demandCv ?? PRODUCT_DEFAULTS.demandCv,
        leadDays: p.leadDays ?? PRODUCT_DEFAULTS.leadDays,
      };
    });
    return {
      weekStarts: this.weekStarts,
      weekFen: Array.from(this.#weekFen),
      products,
      stageWeight, onSale, canOrder, rounding,
      price: this.#price.slice(),
      weight: this.#weight.slice(),
      revenueFen: this.#revenueFen.slice(),
      units: this.#units.slice(),
      margin: this.#margin.slice(),
      order: this.#order.slice(),
      closing: this.#closing.slice(),
      safety: this.#safety.slice(),
    };
  }

  /** Revenue of every cell in whole fen (product-major, a copy): for checks and bulk reads. */
  revenueFen(): Float64Array {
    return this.#revenueFen.slice();
  }

  /** Units of every cell (product-major, a copy). */
  unitsGrid(): Float64Array {
    return this.#units.slice();
  }

  /** Projected closing stock of every cell (product-major, a copy). */
  stockGrid(): Float64Array {
    return this.#closing.slice();
  }

  /**
   * A shared edit (the target, a phase multiplier: any assumption of the
   * budget model by path): the week GMV is recomputed by the budget model
   * and every product-week, total and alert follows before this returns.
   */
  editShared(edits: readonly AssumptionEdit[]): { ok: true } | { ok: false; issues: PlanIssue[] } {
    const source = this.#source;
    const model = source.model;
    if (!model) throw new RangeError('this product plan has no budget model to edit');
    const onlyTarget = edits.length > 0 && edits.every((e) => e.path === 'objective.gmv');
    if (onlyTarget && source.paidWeights && source.firstDay !== undefined && model.plan.objective.kind === 'target') {
      // the day weights do not move with the target: split it as the Days sheet does, and
      // hand the edit to the budget model with the next edit it must compute (its channel figures)
      const gmv = edits[edits.length - 1]!.value;
      if (!(Number.isFinite(gmv) && gmv > 0)) return { ok: false, issues: [planIssue('objective.gmv', 'invalid_target', '目标成交额必须是大于 0 的数字', 'the target GMV must be a number above 0')] };
      const days = splitFen(Math.round(gmv * 100), Array.from(source.paidWeights));
      const result = this.setWeekGmv(sumDaysIntoWeeks(this.#spans, source.firstDay, days));
      if (result.ok) this.#pendingTarget = gmv;
      return result;
    }
    const pending: AssumptionEdit[] = this.#pendingTarget !== undefined ? [{ path: 'objective.gmv', value: this.#pendingTarget }] : [];
    const out = model.setAssumptions([...pending, ...edits]);
    if (!out.ok) return out;
    this.#pendingTarget = undefined;
    const fen = weekFenOf(model, this.#doc);
    if (!fen.ok) return fen;
    const weights = paidWeightsOf(model);
    if (weights) source.paidWeights = weights;
    return this.setWeekGmv(fen.fen);
  }

  /**
   * The budget model behind the week GMV, brought up to date with any
   * target edit the fast path has not yet handed to it.
   */
  budgetModel(): PlanModel | undefined {
    const model = this.#source.model;
    if (model && this.#pendingTarget !== undefined) {
      model.setAssumptions([{ path: 'objective.gmv', value: this.#pendingTarget }]);
      this.#pendingTarget = undefined;
    }
    return model;
  }

  /**
   * Sets each week's GMV (whole fen) and brings every figure current. The
   * weeks must be whole fen, one per plan week.
   */
  setWeekGmv(fen: readonly number[]): { ok: true } | { ok: false; issues: PlanIssue[] } {
    if (fen.length !== this.weeks || fen.some((f) => !Number.isInteger(f) || f < 0)) throw new RangeError('setWeekGmv takes one whole, non-negative number of fen per week');
    const before = this.#weekFen;
    this.#weekFen = Float64Array.from(fen);
    const problems = this.#split();
    if (problems.length > 0) {
      this.#weekFen = before;
      this.#split();
      return { ok: false, issues: problems };
    }
    for (let p = 0; p < this.n; p++) this.#stockRow(p);
    return { ok: true };
  }

  /**
   * One product's edit (price, cost, lead time, MOQ, stock, service level,
   * variability, share). Its row is recomputed; when its weights move (a
   * share, or a price that changes its promo ratio), the week split is
   * redone for every product, as a weight is a part of the week's whole.
   */
  editProduct(id: string, edit: ProductFieldEdit): { ok: true } | { ok: false; issues: PlanIssue[] } {
    const p = this.productIndex(id);
    if (p < 0) throw new RangeError(`no product "${id}" in this plan`);
    const product = this.#products[p]!;
    const before = { ...product };
    for (const [key, value] of Object.entries(edit)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { ok: false, issues: [planIssue(`products.${id}.${key}`, 'invalid_type', `商品 ${id} 的 ${key} 必须是数字`, `${key} of product ${id} must be a number`)] };
      }
    }
    Object.assign(product, edit);
    const base = p * this.weeks;
    const oldWeights = this.#weight.slice(base, base + this.weeks);
    const rowIssue = this.#resolveRow(p);
    if (rowIssue) {
      Object.assign(product, before);
      this.#resolveRow(p);
      return { ok: false, issues: [rowIssue] };
    }
    let moved = false;
    for (let w = 0; w < this.weeks; w++) if (this.#weight[base + w] !== oldWeights[w]) moved = true;
    if (moved) {
      const problems = this.#split();
      if (problems.length > 0) {
        Object.assign(product, before);
        this.#resolveRow(p);
        this.#split();
        for (let q = 0; q < this.n; q++) this.#stockRow(q);
        return { ok: false, issues: problems };
      }
      for (let q = 0; q < this.n; q++) this.#stockRow(q);
    } else {
      this.#stockRow(p);
    }
    return { ok: true };
  }

  #check(product: number, week: number): void {
    if (!Number.isInteger(product) || product < 0 || product >= this.n) throw new RangeError(`product index ${product} is outside 0..${this.n - 1}`);
    if (!Number.isInteger(week) || week < 0 || week >= this.weeks) throw new RangeError(`week index ${week} is outside 0..${this.weeks - 1}`);
  }

  #lead(p: number): number {
    return this.#products[p]!.leadDays ?? PRODUCT_DEFAULTS.leadDays;
  }

  #computeAll(): PlanIssue[] {
    for (let p = 0; p < this.n; p++) {
      const issue = this.#resolveRow(p);
      if (issue) return [issue];
    }
    const problems = this.#split();
    if (problems.length > 0) return problems;
    for (let p = 0; p < this.n; p++) this.#stockRow(p);
    return [];
  }

  /** Promo prices of a product's promotions: explicit, else the mechanic's rounded to the ending rule. */
  #promoPrices(product: PlanProductV4): number[] {
    return (product.promotions ?? []).map((promo) => {
      if (promo.promoPrice !== undefined) return promo.promoPrice;
      const effective = effectiveUnitPrice(promo.mechanic, product.price);
      // no discount for the typical basket: the list price, not a "promo" made by the ending rule
      if (!(effective < product.price)) return product.price;
      return endPrice(effective, this.#ending);
    });
  }

  /** Status, activity, price and weight of every week of product p; an issue when a price is not positive. */
  #resolveRow(p: number): PlanIssue | null {
    const product = this.#products[p]!;
    const prices = this.#promoPrices(product);
    const bad = prices.findIndex((x) => !(x > 0));
    if (bad >= 0 || !(product.price > 0)) {
      const at = bad >= 0 ? `products.${product.id}.promotions[${bad}]` : `products.${product.id}.price`;
      return planIssue(at, 'price_not_positive', `商品 ${product.id} 的促销价或售价必须大于 0`, `the promo price or list price of product ${product.id} must be above 0`);
    }
    const role = this.#roles[product.role ?? 'profit'];
    const base = product.decoy ? 0 : product.share * role.weight;
    for (let w = 0; w < this.weeks; w++) {
      const i = p * this.weeks + w;
      const span = this.#spans[w]!;
      const status = productWeekStatus(product, span.first, span.last);
      const promo = status === 'off' ? -1 : productWeekPromotion(product, span, this.#peaks);
      const price = promo >= 0 ? prices[promo]! : product.price;
      this.#status[i] = STATUS_OF.indexOf(status);
      this.#promo[i] = promo;
      this.#price[i] = price;
      this.#weight[i] = status === 'off' ? 0 : base * this.#stages[status] * Math.pow(price / product.price, 1 - role.elasticity);
    }
    return null;
  }

  /** Splits every week's GMV over its products by weight, in whole fen exact both ways. */
  #split(): PlanIssue[] {
    const W = this.weeks;
    const n = this.n;
    const colWeight = new Float64Array(W);
    for (let p = 0; p < n; p++) for (let w = 0; w < W; w++) colWeight[w]! += this.#weight[p * W + w]!;
    const issues: PlanIssue[] = [];
    for (let w = 0; w < W; w++) {
      if (this.#weekFen[w]! > 0 && !(colWeight[w]! > 0)) {
        const start = this.#spans[w]!.start;
        issues.push(planIssue(`weeks[${w}]`, 'no_product_on_sale', `${start} 这一周有成交额目标，但没有在售商品（或都是烟幕弹套餐），无法拆到商品`, `the week of ${start} has GMV to plan but no product on sale (or only decoys), so it cannot be split over products`));
      }
    }
    if (issues.length > 0) return issues;
    for (let p = 0; p < n; p++) {
      for (let w = 0; w < W; w++) {
        const i = p * W + w;
        this.#real[i] = colWeight[w]! > 0 ? (this.#weekFen[w]! * this.#weight[i]!) / colWeight[w]! : 0;
      }
    }
    // weeks exact to the fen; products by largest remainder of their real totals as far as the weeks allow
    const rounded = controlledRounding(this.#real, n, W, { columnTotals: this.#weekFen });
    this.#revenueFen = rounded.cells;
    this.#totalFen.set(rounded.rowTotals);
    return [];
  }

  /** Units, margin, safety stock, the stock projection, orders and alerts of product p. */
  #stockRow(p: number): void {
    const product = this.#products[p]!;
    const W = this.weeks;
    const base = p * W;
    const cost = product.unitCost ?? PRODUCT_DEFAULTS.unitCost;
    const lead = this.#lead(p);
    const moq = product.moq ?? PRODUCT_DEFAULTS.moq;
    const z = serviceLevelZ(product.serviceLevel ?? PRODUCT_DEFAULTS.serviceLevel);
    const cv = product.demandCv ?? PRODUCT_DEFAULTS.demandCv;
    let unitsOnSale = 0;
    let weeksOnSale = 0;
    for (let w = 0; w < W; w++) {
      const i = base + w;
      const units = this.#revenueFen[i]! / 100 / this.#price[i]!;
      this.#units[i] = units;
      this.#margin[i] = this.#revenueFen[i]! / 100 - units * cost;
      if (this.#status[i] !== 0) {
        unitsOnSale += units;
        weeksOnSale++;
      }
    }
    const mean = weeksOnSale > 0 ? unitsOnSale / weeksOnSale : 0;
    const safety = safetyStock(z, cv, mean, lead);
    this.#safety[p] = safety;
    const alerts: ProductAlert[] = [];
    let opening = product.stock ?? PRODUCT_DEFAULTS.stock;
    let pastFlagged = false;
    const orderByDays = this.#orderByDays.of(lead);
    let run = -1;
    let runShort = 0;
    let runPeak = false;
    const closeRun = (end: number) => {
      if (run < 0) return;
      alerts.push(stockOutAlert(product.id, this.#spans[run]!.start, end - run, runShort, runPeak));
      run = -1;
    };
    for (let w = 0; w < W; w++) {
      const i = base + w;
      const onSale = this.#status[i] !== 0;
      const units = this.#units[i]!;
      // safety stock is held only while the product is on sale: no reorders before launch or after its season
      const need = units + (onSale ? safety : 0);
      const orderBy = orderByDays[w]!;
      this.#orderBy[i] = orderBy;
      let order = 0;
      if (need > opening + 1e-9) {
        if (orderBy >= this.#asOf) order = Math.max(moq, Math.ceil(need - opening - 1e-9));
        else if (!pastFlagged && this.#asOfIso !== null) {
          pastFlagged = true;
          alerts.push(orderByPastAlert(product.id, this.#spans[w]!.start, Number.isFinite(orderBy) ? isoDay(orderBy) : '—', this.#asOfIso, lead));
        }
      }
      this.#order[i] = order;
      const closing = opening + order - units;
      this.#closing[i] = closing;
      if (closing < -1e-9) {
        if (run < 0) {
          run = w;
          runShort = 0;
          runPeak = false;
        }
        runShort = Math.max(runShort, -closing);
        if (this.#peakWeek[w]) runPeak = true;
      } else closeRun(w);
      opening = closing;
      const promo = this.#promo[i]!;
      if (promo >= 0) {
        const activity = product.promotions![promo]!.activity;
        if (this.#status[i] === 4) alerts.push(promoInDeclineAlert(product.id, this.#spans[w]!.start, activity));
        if (cost > 0 && this.#price[i]! < cost) alerts.push(promoBelowCostAlert(product.id, this.#spans[w]!.start, activity, this.#price[i]!, cost));
      } else if (!onSale && product.season) {
        const scheduled = productWeekPromotion(product, this.#spans[w]!, this.#peaks);
        if (scheduled >= 0) alerts.push(outOfSeasonAlert(product.id, this.#spans[w]!.start, product.promotions![scheduled]!.activity, product.season));
      }
    }
    closeRun(W);
    alerts.sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
    this.#alerts[p] = alerts;
  }
}

/** Week GMV of a live budget model (see planWeekGmv). */
function weekFenOf(model: PlanModel, plan: Plan): { ok: true; fen: number[] } | { ok: false; issues: PlanIssue[] } {
  const result = model.result();
  if (result.issues.length > 0) return { ok: false, issues: result.issues };
  if (phasesDaily(plan)) return weekGmvFromDays(model);
  const gmv = model.plan.objective.kind === 'target' ? model.plan.objective.gmv : result.total.gmv;
  return { ok: true, fen: weekGmvFromWeights(gmv, (plan.weeks ?? []).map((w) => w.weight)) };
}

/**
 * The budget model behind the week GMV: the plan without its products (the
 * product plan replaces the old product calendar sheets), with the Days
 * sheet when the plan phases daily.
 */
function weekSource(plan: ProductPlanDocument, placements: Placements | undefined): { ok: true; source: WeekSource } | { ok: false; issues: PlanIssue[] } {
  const { products: _products, productSettings: _settings, ...budget } = plan;
  const model = PlanModel.build(budget as Plan, { days: phasesDaily(plan) ? 'always' : 'never', ...(placements ? { placements } : {}) });
  const fen = weekFenOf(model, plan);
  if (!fen.ok) {
    model.dispose();
    return fen;
  }
  const paidWeights = phasesDaily(plan) && plan.objective.kind === 'target' ? paidWeightsOf(model) : undefined;
  const firstDay = dayNumber(plan.period.start) ?? undefined;
  return { ok: true, source: { model, fen: fen.fen, ...(paidWeights && firstDay !== undefined ? { paidWeights, firstDay } : {}) } };
}

/** Each day's paid weight from a model's Days sheet, or undefined when one is not a number. */
function paidWeightsOf(model: PlanModel): Float64Array | undefined {
  if (model.plan.objective.kind !== 'target' || !phasesDaily(model.plan)) return undefined;
  const values = readModelSheetValues(model, model.sheetId(DAYS_SHEET.days));
  const count = values.length - 2; // header and total rows
  const out = new Float64Array(count);
  for (let row = 1; row <= count; row++) {
    const v = values[row]?.[dayCol('paidWeight')];
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    out[row - 1] = v;
  }
  return out;
}
