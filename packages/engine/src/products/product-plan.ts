import { planIssue, PRODUCT_DEFAULTS, ROLE_DEFAULTS, STAGE_DEFAULTS, type Plan, type PlanIssue, type ProductRole, type ProductSettings } from '@shopplan/schema';
import type { AssumptionEdit } from '../plan-model.ts';
import { PlanModel, readModelSheetValues } from '../plan-model.ts';
import { dayCol, DAYS_SHEET } from '../calendar/days-sheet.ts';
import { dayNumber, isoDay, splitFen, type Placements } from '../calendar/phasing.ts';
import {
  activityPeaks, phasesDaily, planWeekSpans, sumDaysIntoWeeks, productWeekPromotion, productStatusDays, statusOnDays, weekGmvFromDays, weekGmvFromWeights,
  LIFECYCLE_STAGES, type ActivityPeak, type LifecycleStage, type PlanWeekSpan, type ProductStatus,
} from './product-weeks.ts';
import { controlledRounding, controlledRoundingBuffers, type ControlledRoundingBuffers } from './controlled-rounding.ts';
import { effectiveUnitPrice } from './mechanics.ts';
import { endPrice, type PriceEnding } from './price-ending.ts';
import { serviceLevelZ } from './safety-stock.ts';
import { createOrderByLookup, type OrderByLookup } from './order-by.ts';
import { planGrid } from '../grid/definition.ts';
import { GridEvaluator } from '../grid/evaluator.ts';
import { gridMeasureCache } from '../grid/workbook.ts';
import { PRODUCT_PLAN_COLUMNS, PRODUCT_PLAN_GRID, STOCK_EPSILON, type ProductPlanInput } from './product-plan-grid.ts';
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
 * Every per-cell figure is PRODUCT_PLAN_GRID's (product-plan-grid.ts), the
 * one definition the workbook's product sheets are expanded from too,
 * evaluated by the grid's typed-array evaluator: a shared edit (the target)
 * recomputes from the real revenue on; one product's edit recomputes its
 * row, and the whole split when it reaches a weight (a weight is normalised
 * over the week's products).
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

/** A figure ProductPlan.productRow reads over a product's weeks. */
export type ProductRowFigure = 'revenue' | 'units' | 'promoPrice' | 'stock' | 'orderBy';

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

/** PRODUCT_PLAN_GRID checked and ordered once, for every product plan. */
const PRODUCT_PLAN_PLAN = planGrid(PRODUCT_PLAN_GRID);

/** The measures of PRODUCT_PLAN_GRID this class reads. */
type ProductPlanMeasure = 'weight' | 'realFen' | 'revenueFen' | 'units' | 'grossMargin' | 'safetyStock' | 'need' | 'order' | 'closing';

/** Status codes in the grid's Int8Array: 0 off, then the stages in order. */
const STATUS_OF: readonly ProductStatus[] = ['off', ...LIFECYCLE_STAGES];

/** A product's alerts when it has none (shared: never handed out, alerts() and productAlerts() copy). */
const NO_ALERTS: ProductAlert[] = [];

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
 * every figure and total current before they return; the alerts of the
 * products they moved are computed when first read (`alerts`,
 * `productAlerts`), so an edit's figures are not kept waiting for them.
 *
 * The figures are PRODUCT_PLAN_GRID's, computed by its fast evaluator
 * (GridEvaluator); this class keeps the facts (status, activity, sale
 * price, order-by dates), the controlled rounding between the real and the
 * whole-fen revenue, and the alerts, which read the computed arrays.
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
  /** Each product's alerts as last computed; current unless the product is in #alertsPending. */
  readonly #alerts: ProductAlert[][];
  /**
   * Products whose figures moved since their alerts were computed (1:
   * pending). An edit only marks them; the alerts are recomputed when read
   * (alerts, productAlerts), so an edit answers the figures on screen first.
   */
  readonly #alertsPending: Uint8Array;
  /** How many products are pending in #alertsPending (0: every alert is current). */
  #alertsPendingCount: number;
  // per cell, product-major (p × weeks + w): the facts the grid does not compute
  readonly #status: Int8Array;
  readonly #promo: Int16Array;
  /** Every per-cell figure, column-major by week (w × n + p): PRODUCT_PLAN_GRID evaluated. */
  readonly #grid: GridEvaluator;
  /**
   * The products whose figures are current while every other product's wait
   * (an edit given `firstRows`): only their productWeek may be read before
   * #settle; null when every figure is current.
   */
  #early: Set<number> | null = null;
  /** #rowFacts' rows, reused from one product to the next (allocated at the first call). */
  #factsRow: { stageWeight: Float64Array; onSale: Float64Array; price: Float64Array; canOrder: Float64Array } | undefined;
  /** The rounding's fen per cell, column-major: the rounding grid's next values (a scratch buffer). */
  readonly #roundingFen: Float64Array;
  /** The controlled rounding's working arrays, kept from one edit to the next (allocated at the first rounding). */
  #roundingBuffers: ControlledRoundingBuffers | undefined;

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
    this.#alerts = Array.from({ length: this.n }, () => []);
    this.#alertsPending = new Uint8Array(this.n);
    this.#alertsPendingCount = 0;
    this.#status = new Int8Array(cells);
    this.#promo = new Int16Array(cells);
    this.#grid = new GridEvaluator(PRODUCT_PLAN_PLAN, { products: this.n, weeks: this.weeks });
    this.#roundingFen = new Float64Array(cells);
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
    const values = this.#readerOf(product);
    const p = this.#products[product]!;
    const i = product * this.weeks + week;
    const c = week * this.n + product;
    const promo = this.#promo[i]!;
    const order = values('order')[c]!;
    return {
      id: p.id,
      status: STATUS_OF[this.#status[i]!]!,
      activity: promo >= 0 ? p.promotions![promo]!.activity : null,
      promoPrice: this.#grid.cellInputArray('price')[c]!,
      units: values('units')[c]!,
      revenue: values('revenueFen')[c]! / 100,
      grossMargin: values('grossMargin')[c]!,
      stock: values('closing')[c]!,
      safetyStock: values('safetyStock')[c]!,
      orderQuantity: order,
      orderBy: order > 0 ? isoDay(this.#orderByDays.of(this.#lead(product))[week]!) : null,
    };
  }

  /**
   * One figure of one product over every week, as numbers written into
   * `into` from `at` (`weeks` of them): what productWeek gives week by
   * week, without a figure object, a status or an ISO date per week (a page
   * reads the rows on screen this way with every edit's answer: about 2,400
   * cells). `revenue` in yuan (whole fen), `orderBy` the order-by day as a
   * day number (days since 1970-01-01) and NaN in a week without an order.
   * Throws RangeError for an index outside the plan or an `into` too short.
   * @example plan.productRow(0, 'units', new Float64Array(plan.weeks))
   */
  productRow(product: number, figure: ProductRowFigure, into: Float64Array, at = 0): void {
    this.#check(product, 0);
    const W = this.weeks;
    if (!Number.isInteger(at) || at < 0 || at + W > into.length) throw new RangeError(`a row of ${W} weeks does not fit at ${at} in ${into.length} numbers`);
    const values = this.#readerOf(product);
    const n = this.n;
    switch (figure) {
      case 'revenue': {
        const fen = values('revenueFen');
        for (let w = 0, c = product; w < W; w++, c += n) into[at + w] = fen[c]! / 100;
        return;
      }
      case 'units':
      case 'stock': {
        const v = values(figure === 'units' ? 'units' : 'closing');
        for (let w = 0, c = product; w < W; w++, c += n) into[at + w] = v[c]!;
        return;
      }
      case 'promoPrice': {
        const price = this.#grid.cellInputArray('price');
        for (let w = 0, c = product; w < W; w++, c += n) into[at + w] = price[c]!;
        return;
      }
      case 'orderBy': {
        const order = values('order');
        const days = this.#orderByDays.of(this.#lead(product));
        for (let w = 0, c = product; w < W; w++, c += n) into[at + w] = order[c]! > 0 ? days[w]! : Number.NaN;
        return;
      }
    }
  }

  /** Every product in one week, in plan order. */
  weekProducts(week: number): ProductWeekFigures[] {
    this.#check(0, week);
    return this.#products.map((_, p) => this.productWeek(p, week));
  }

  /** Totals of one week over all products, or of the whole period when week is omitted. */
  totals(week?: number): ProductTotals {
    if (week !== undefined) this.#check(0, week);
    const revenueFen = this.#values('revenueFen');
    const unitsOf = this.#values('units');
    const marginOf = this.#values('grossMargin');
    let fen = 0;
    let units = 0;
    let margin = 0;
    const from = week === undefined ? 0 : week;
    const to = week === undefined ? this.weeks - 1 : week;
    // product by product, each product's weeks in order: the sums' order, and so their last bits, as they always were
    for (let p = 0; p < this.n; p++) {
      for (let w = from; w <= to; w++) {
        const c = w * this.n + p;
        fen += revenueFen[c]!;
        units += unitsOf[c]!;
        margin += marginOf[c]!;
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
    const orders = this.#values('order');
    for (let p = 0; p < this.n; p++) {
      const lead = this.#lead(p);
      const orderBy = this.#orderByDays.of(lead);
      for (let w = 0; w < this.weeks; w++) {
        const quantity = orders[w * this.n + p]!;
        if (quantity > 0) out.push({ product: this.#products[p]!.id, quantity, orderBy: isoDay(orderBy[w]!), neededWeek: this.#spans[w]!.start, leadDays: lead });
      }
    }
    return out.sort((a, b) => (a.orderBy < b.orderBy ? -1 : a.orderBy > b.orderBy ? 1 : 0));
  }

  /**
   * Every alert, product by product in plan order, each product's by week.
   * The alerts of the products an edit moved are computed here, on the
   * first read after it (an edit does not wait for them).
   */
  alerts(): ProductAlert[] {
    this.#freshAlerts();
    return this.#alerts.flat();
  }

  /**
   * The alerts of one product (by index), by week: computed now if an edit
   * moved it since they were last read. Throws RangeError for an index
   * outside the plan.
   */
  productAlerts(product: number): ProductAlert[] {
    this.#check(product, 0);
    if (this.#alertsPending[product] === 1) {
      this.#alertRow(product);
      this.#alertsPending[product] = 0;
      this.#alertsPendingCount--;
    }
    return this.#alerts[product]!.slice();
  }

  /** Whether some product's alerts wait to be computed (an edit moved it and nothing has read its alerts since). */
  get alertsPending(): boolean {
    return this.#alertsPendingCount > 0;
  }

  /** Computes the alerts of every product an edit left pending. */
  #freshAlerts(): void {
    if (this.#alertsPendingCount === 0) return;
    const pending = this.#alertsPending;
    for (let p = 0; p < this.n; p++) {
      if (pending[p] === 1) {
        this.#alertRow(p);
        pending[p] = 0;
      }
    }
    this.#alertsPendingCount = 0;
  }

  /** Marks one product's alerts (or every product's, for -1) as pending. */
  #markAlerts(product: number): void {
    if (product < 0) {
      this.#alertsPending.fill(1);
      this.#alertsPendingCount = this.n;
    } else if (this.#alertsPending[product] === 0) {
      this.#alertsPending[product] = 1;
      this.#alertsPendingCount++;
    }
  }

  /**
   * What the workbook's product sheets are written from (product-major
   * copies, cell (p, w) at p × weeks + w): the inputs of PRODUCT_PLAN_GRID
   * (the product inputs, the week GMV, and the input grids no spreadsheet
   * formula computes: stage weights and on-sale flags from lifecycle dates
   * and the calendar, sale prices from mechanics and the ending rule,
   * whether an order-by date is on or after asOf, and the controlled
   * rounding's choice per cell, as the fen it adds to the real revenue),
   * and the computed figures the sheets must recompute.
   */
  sheetFacts(): ProductSheetFacts {
    const byProduct = (values: Float64Array) => this.#byProduct(values);
    const safetyCells = this.#values('safetyStock');
    const products = this.#products.map((p, i) => {
      const inputs = this.#productInputs(i);
      return { id: p.id, ...inputs };
    });
    return {
      weekStarts: this.weekStarts,
      weekFen: Array.from(this.#weekFen),
      products,
      stageWeight: byProduct(this.#grid.cellInputArray('stageWeight')),
      onSale: byProduct(this.#grid.cellInputArray('onSale')),
      canOrder: byProduct(this.#grid.cellInputArray('canOrder')),
      rounding: byProduct(this.#grid.cellInputArray('rounding')),
      price: byProduct(this.#grid.cellInputArray('price')),
      weight: byProduct(this.#values('weight')),
      revenueFen: byProduct(this.#values('revenueFen')),
      units: byProduct(this.#values('units')),
      margin: byProduct(this.#values('grossMargin')),
      order: byProduct(this.#values('order')),
      closing: byProduct(this.#values('closing')),
      // the same in every week of a product: week 0's
      safety: Float64Array.from({ length: this.n }, (_, p) => safetyCells[p]!),
    };
  }

  /**
   * The cached results of the product plan's measure sheets (those of
   * productPlanSheets), from this plan's own evaluator, by sheet name and
   * cell (see gridMeasureCache): current until the plan's next edit.
   */
  sheetCache(): (sheet: string) => ((col: number, row: number) => number | null) | undefined {
    this.#settle();
    return gridMeasureCache(this.#grid);
  }

  /** Revenue of every cell in whole fen (product-major, a copy): for checks and bulk reads. */
  revenueFen(): Float64Array {
    return this.#byProduct(this.#values('revenueFen'));
  }

  /** Units of every cell (product-major, a copy). */
  unitsGrid(): Float64Array {
    return this.#byProduct(this.#values('units'));
  }

  /** Projected closing stock of every cell (product-major, a copy). */
  stockGrid(): Float64Array {
    return this.#byProduct(this.#values('closing'));
  }

  /**
   * Week by week sums of revenue (fen), units and closing stock over groups
   * of products (a category and its parents, the whole plan): `groupsOf[p]`
   * lists product p's groups (indexes below `groups`). Each sum adds its
   * products in plan order, as a sum over `revenueFen()` would, without a
   * product-major copy of any grid. Returns groups × weeks arrays (group g,
   * week w at g × weeks + w) and each group's product count. Throws
   * RangeError when `groupsOf` is not one list per product or names a group
   * outside 0..groups−1.
   * @example plan.weekSumsByGroup(Array.from({ length: plan.n }, () => [0]), 1).revenueFen // the plan's weekly GMV in fen
   */
  weekSumsByGroup(groupsOf: readonly (readonly number[])[], groups: number): { revenueFen: Float64Array; units: Float64Array; stock: Float64Array; products: Int32Array } {
    if (groupsOf.length !== this.n) throw new RangeError(`one list of groups per product: ${this.n} needed, ${groupsOf.length} given`);
    if (!Number.isInteger(groups) || groups < 0) throw new RangeError(`groups must be a whole number ≥ 0, not ${groups}`);
    const n = this.n;
    const W = this.weeks;
    // flattened membership: product p's groups at members[start[p]] … members[start[p + 1] − 1]
    const start = new Int32Array(n + 1);
    for (let p = 0; p < n; p++) start[p + 1] = start[p]! + groupsOf[p]!.length;
    const members = new Int32Array(start[n]!);
    const products = new Int32Array(groups);
    for (let p = 0, k = 0; p < n; p++) {
      for (const g of groupsOf[p]!) {
        if (!Number.isInteger(g) || g < 0 || g >= groups) throw new RangeError(`product ${p}'s group ${g} is outside 0..${groups - 1}`);
        members[k++] = g;
        products[g]!++;
      }
    }
    const revenue = this.#values('revenueFen');
    const units = this.#values('units');
    const closing = this.#values('closing');
    const out = { revenueFen: new Float64Array(groups * W), units: new Float64Array(groups * W), stock: new Float64Array(groups * W), products };
    for (let w = 0; w < W; w++) {
      const base = w * n;
      for (let p = 0; p < n; p++) {
        const r = revenue[base + p]!;
        const u = units[base + p]!;
        const c = closing[base + p]!;
        for (let k = start[p]!; k < start[p + 1]!; k++) {
          const at = members[k]! * W + w;
          out.revenueFen[at]! += r;
          out.units[at]! += u;
          out.stock[at]! += c;
        }
      }
    }
    return out;
  }

  /**
   * A shared edit (the target, a phase multiplier: any assumption of the
   * budget model by path): the week GMV is recomputed by the budget model
   * and every product-week, total and alert follows before this returns.
   */
  editShared(edits: readonly AssumptionEdit[]): { ok: true } | { ok: false; issues: PlanIssue[] } {
    this.#settle();
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
    this.#settle();
    const before = this.#weekFen;
    this.#weekFen = Float64Array.from(fen);
    this.#grid.setWeekInputs('fen', this.#weekFen);
    const problems = this.#evaluate();
    if (problems.length > 0) {
      this.#weekFen = before;
      this.#grid.setWeekInputs('fen', before);
      this.#evaluate();
      return { ok: false, issues: problems };
    }
    return { ok: true };
  }

  /**
   * One product's edit (price, cost, lead time, MOQ, stock, service level,
   * variability, share). Its inputs change in the grid, which recomputes
   * what they reach: its row (a lead time, a cost, a stock), or the whole
   * split when its weights may move (a share, a price), as a weight is a
   * part of the week's whole.
   *
   * `firstRows` (product indexes: the rows on screen) are computed first:
   * when the edit re-splits the weeks, it returns once the split, the
   * rounding and those products' figures are current, and every other
   * product is computed when first read (or by `settle`), also when more
   * edits come first. Only `productWeek` of those products reads nothing
   * else. Throws RangeError
   * for an unknown product id or a row outside the plan.
   */
  editProduct(id: string, edit: ProductFieldEdit, options: { firstRows?: readonly number[] } = {}): { ok: true } | { ok: false; issues: PlanIssue[] } {
    const p = this.productIndex(id);
    if (p < 0) throw new RangeError(`no product "${id}" in this plan`);
    for (const r of options.firstRows ?? []) this.#check(r, 0);
    // No settle first: what an earlier edit left for later stays pending through this one (#evaluate
    // computes the split from the inputs, and a row computed first reads nothing pending), so edits
    // typed one after another do not each wait for every product of the one before (~150 ms in a
    // page's worker at 10,000 × 52).
    const product = this.#products[p]!;
    const before = { ...product };
    for (const [key, value] of Object.entries(edit)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return { ok: false, issues: [planIssue(`products.${id}.${key}`, 'invalid_type', `商品 ${id} 的 ${key} 必须是数字`, `${key} of product ${id} must be a number`)] };
      }
    }
    Object.assign(product, edit);
    const rowIssue = this.#loadRow(p);
    if (rowIssue) {
      Object.assign(product, before);
      this.#loadRow(p);
      return { ok: false, issues: [rowIssue] };
    }
    const problems = this.#evaluate(p, options.firstRows);
    if (problems.length > 0) {
      Object.assign(product, before);
      this.#loadRow(p);
      this.#evaluate(p);
      return { ok: false, issues: problems };
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

  /**
   * How one product's figures are read: a product the last edit computed
   * first (its `firstRows`) as the grid holds it; any other after the rest
   * is computed.
   */
  #readerOf(product: number): (name: ProductPlanMeasure) => Float64Array {
    const early = this.#early?.has(product) === true;
    return (name) => (early ? this.#grid.measureArrays(name).values : this.#values(name));
  }

  /** A measure's values, column-major by week (live: read only). */
  #values(name: ProductPlanMeasure): Float64Array {
    this.#settle();
    return this.#grid.measureArrays(name).values;
  }

  /** Computes what an edit given `firstRows` left for later: every other product, the week totals. */
  #settle(): void {
    if (this.#early === null) return;
    this.#early = null;
    this.#grid.recalculate();
  }

  /**
   * Computes every figure an edit given `firstRows` left for later (every
   * other product, the totals). Every reader does this first by itself; a
   * caller that answered with the first rows calls it to use idle time.
   */
  settle(): void {
    this.#settle();
  }

  /** A product-major copy of a column-major grid array. */
  #byProduct(values: Float64Array): Float64Array {
    const n = this.n;
    const W = this.weeks;
    const out = new Float64Array(n * W);
    for (let w = 0; w < W; w++) for (let p = 0; p < n; p++) out[p * W + w] = values[w * n + p]!;
    return out;
  }

  /** The product inputs of PRODUCT_PLAN_GRID for product p (PlanProducts' columns). */
  #productInputs(p: number): Record<ProductPlanInput, number> {
    const product = this.#products[p]!;
    const role = this.#roles[product.role ?? 'profit'];
    return {
      listPrice: product.price,
      baseWeight: product.decoy ? 0 : product.share * role.weight,
      priceExponent: 1 - role.elasticity,
      unitCost: product.unitCost ?? PRODUCT_DEFAULTS.unitCost,
      moq: product.moq ?? PRODUCT_DEFAULTS.moq,
      stock: product.stock ?? PRODUCT_DEFAULTS.stock,
      z: serviceLevelZ(product.serviceLevel ?? PRODUCT_DEFAULTS.serviceLevel),
      demandCv: product.demandCv ?? PRODUCT_DEFAULTS.demandCv,
      leadDays: this.#lead(p),
    };
  }

  /** Loads every product's facts into the grid and computes everything; the issues that stop a plan. */
  #computeAll(): PlanIssue[] {
    const n = this.n;
    const W = this.weeks;
    const inputs = Object.fromEntries(PRODUCT_PLAN_COLUMNS.slice(1).map((key) => [key, new Float64Array(n)])) as Record<ProductPlanInput, Float64Array>;
    const cells = { stageWeight: new Float64Array(n * W), onSale: new Float64Array(n * W), price: new Float64Array(n * W), canOrder: new Float64Array(n * W) };
    for (let p = 0; p < n; p++) {
      const facts = this.#rowFacts(p);
      if ('issue' in facts) return [facts.issue];
      for (const [key, value] of Object.entries(this.#productInputs(p)) as [ProductPlanInput, number][]) inputs[key][p] = value;
      for (let w = 0; w < W; w++) {
        const c = w * n + p;
        cells.stageWeight[c] = facts.stageWeight[w]!;
        cells.onSale[c] = facts.onSale[w]!;
        cells.price[c] = facts.price[w]!;
        cells.canOrder[c] = facts.canOrder[w]!;
      }
    }
    for (const [key, values] of Object.entries(inputs)) this.#grid.setProductInputs(key, values);
    for (const [key, values] of Object.entries(cells)) this.#grid.setCellInputs(key, values);
    this.#grid.setWeekInputs('fen', this.#weekFen);
    return this.#evaluate();
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

  /**
   * The facts of every week of product p (status and activity kept here;
   * stage weight, on-sale flag, sale price and can-order for the grid), or
   * an issue when a price is not positive. The rows are the plan's one
   * scratch set: valid until the next call.
   */
  #rowFacts(p: number): { stageWeight: Float64Array; onSale: Float64Array; price: Float64Array; canOrder: Float64Array } | { issue: PlanIssue } {
    const product = this.#products[p]!;
    const prices = this.#promoPrices(product);
    const bad = prices.findIndex((x) => !(x > 0));
    if (bad >= 0 || !(product.price > 0)) {
      const at = bad >= 0 ? `products.${product.id}.promotions[${bad}]` : `products.${product.id}.price`;
      return { issue: planIssue(at, 'price_not_positive', `商品 ${product.id} 的促销价或售价必须大于 0`, `the promo price or list price of product ${product.id} must be above 0`) };
    }
    const W = this.weeks;
    // one set of rows reused for every product (the callers copy them into the grid): 40,000 small typed arrays per build kept the GC busy
    const out = (this.#factsRow ??= { stageWeight: new Float64Array(W), onSale: new Float64Array(W), price: new Float64Array(W), canOrder: new Float64Array(W) });
    const orderBy = this.#orderByDays.of(this.#lead(p));
    const days = productStatusDays(product);
    for (let w = 0; w < W; w++) {
      const i = p * W + w;
      const span = this.#spans[w]!;
      const status = statusOnDays(days, span.first, span.last);
      const promo = status === 'off' ? -1 : productWeekPromotion(product, span, this.#peaks);
      this.#status[i] = STATUS_OF.indexOf(status);
      this.#promo[i] = promo;
      out.price[w] = promo >= 0 ? prices[promo]! : product.price;
      out.onSale[w] = status === 'off' ? 0 : 1;
      out.stageWeight[w] = status === 'off' ? 0 : this.#stages[status];
      out.canOrder[w] = orderBy[w]! >= this.#asOf ? 1 : 0;
    }
    return out;
  }

  /** Puts product p's facts and inputs into the grid (it recomputes what they reach); an issue when a price is not positive. */
  #loadRow(p: number): PlanIssue | null {
    const facts = this.#rowFacts(p);
    if ('issue' in facts) return facts.issue;
    for (const [key, value] of Object.entries(this.#productInputs(p))) this.#grid.setProductInput(key, p, value);
    this.#grid.setCellInputRow('stageWeight', p, facts.stageWeight);
    this.#grid.setCellInputRow('onSale', p, facts.onSale);
    this.#grid.setCellInputRow('price', p, facts.price);
    this.#grid.setCellInputRow('canOrder', p, facts.canOrder);
    return null;
  }

  /**
   * Brings the grid current. When the real revenue moved (the week GMV, a
   * weight), the week split is checked and the controlled rounding redone
   * between the real revenue and the revenue; else only the row of `row`
   * moves. The alerts of what moved are marked pending (computed when read).
   */
  #evaluate(row?: number, firstRows?: readonly number[]): PlanIssue[] {
    const grid = this.#grid;
    // a product's edit re-splits the weeks only when the real revenue moved (a share, a promo price: not a
    // price edit that leaves the weights as they were, nor a cost or a lead time)
    const moved = grid.recalculate(['realFen']);
    const split = row === undefined || moved.includes('realFen');
    if (split) {
      const issues: PlanIssue[] = [];
      for (let w = 0; w < this.weeks; w++) {
        const total = grid.weekTotal('weight', w);
        if (this.#weekFen[w]! > 0 && !(typeof total === 'number' && total > 0)) {
          const start = this.#spans[w]!.start;
          issues.push(planIssue(`weeks[${w}]`, 'no_product_on_sale', `${start} 这一周有成交额目标，但没有在售商品（或都是烟幕弹套餐），无法拆到商品`, `the week of ${start} has GMV to plan but no product on sale (or only decoys), so it cannot be split over products`));
        }
      }
      if (issues.length > 0) return issues;
      this.#round();
      // the rows on screen first; every other product when read (#settle): the split and rounding are done
      if (firstRows !== undefined && grid.recalculateRows(firstRows)) {
        this.#early = new Set(firstRows);
        this.#markAlerts(-1);
        return [];
      }
    }
    grid.recalculate();
    // every product is current: none is read ahead of the rest any more
    this.#early = null;
    this.#markAlerts(split ? -1 : row!);
    return [];
  }

  /**
   * The two-way controlled rounding of the real revenue: weeks exact to the
   * fen, products by largest remainder of their real totals as far as the
   * weeks allow; the fen each cell gains or loses goes into the rounding grid.
   */
  #round(): void {
    // the grid's own column-major layout: no copy of the 520,000 cells either way
    // current in every row: #evaluate has just computed it (read past #values, which would first
    // compute every measure an earlier edit left pending, none of which the rounding reads)
    const real = this.#grid.measureArrays('realFen').values;
    this.#roundingBuffers ??= controlledRoundingBuffers(real.length);
    const rounded = controlledRounding(real, this.n, this.weeks, { columnTotals: this.#weekFen, layout: 'columns', buffers: this.#roundingBuffers });
    this.#totalFen.set(rounded.rowTotals);
    const fen = this.#roundingFen;
    const cells = rounded.cells;
    for (let c = 0; c < cells.length; c++) fen[c] = cells[c]! - real[c]!;
    this.#grid.setCellInputs('rounding', fen);
  }

  /**
   * Whether product p may have an alert: a scan of the typed arrays for a
   * short week, a need no order covers, a promotion, or a week off sale of a
   * seasonal product, before any alert object is built (most rows have none).
   */
  #mayAlert(p: number, closing: Float64Array, need: Float64Array, order: Float64Array): boolean {
    const product = this.#products[p]!;
    if (product.season) return true;
    const n = this.n;
    const W = this.weeks;
    const base = p * W;
    const promo = this.#promo;
    const checkPast = this.#asOfIso !== null;
    let opening = product.stock ?? PRODUCT_DEFAULTS.stock;
    for (let w = 0, c = p; w < W; w++, c += n) {
      if (promo[base + w]! >= 0) return true;
      const close = closing[c]!;
      if (close < -STOCK_EPSILON) return true;
      if (checkPast && order[c] === 0 && need[c]! > opening + STOCK_EPSILON) return true;
      opening = close;
    }
    return false;
  }

  /** The alerts of product p, read from the computed figures: stock-outs, orders already too late, promotions in decline, under cost or out of season. */
  #alertRow(p: number): void {
    const closing = this.#values('closing');
    const need = this.#values('need');
    const order = this.#values('order');
    if (!this.#mayAlert(p, closing, need, order)) {
      this.#alerts[p] = NO_ALERTS;
      return;
    }
    const product = this.#products[p]!;
    const n = this.n;
    const W = this.weeks;
    const base = p * W;
    const cost = product.unitCost ?? PRODUCT_DEFAULTS.unitCost;
    const lead = this.#lead(p);
    const orderByDays = this.#orderByDays.of(lead);
    const price = this.#grid.cellInputArray('price');
    const alerts: ProductAlert[] = [];
    let opening = product.stock ?? PRODUCT_DEFAULTS.stock;
    let pastFlagged = false;
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
      const c = w * n + p;
      const onSale = this.#status[i] !== 0;
      // short of stock with no order placed: the order-by date was before asOf
      if (order[c] === 0 && need[c]! > opening + STOCK_EPSILON && !pastFlagged && this.#asOfIso !== null) {
        const orderBy = orderByDays[w]!;
        pastFlagged = true;
        alerts.push(orderByPastAlert(product.id, this.#spans[w]!.start, Number.isFinite(orderBy) ? isoDay(orderBy) : '—', this.#asOfIso, lead));
      }
      const close = closing[c]!;
      if (close < -STOCK_EPSILON) {
        if (run < 0) {
          run = w;
          runShort = 0;
          runPeak = false;
        }
        runShort = Math.max(runShort, -close);
        if (this.#peakWeek[w]) runPeak = true;
      } else closeRun(w);
      opening = close;
      const promo = this.#promo[i]!;
      if (promo >= 0) {
        const activity = product.promotions![promo]!.activity;
        if (this.#status[i] === 4) alerts.push(promoInDeclineAlert(product.id, this.#spans[w]!.start, activity));
        if (cost > 0 && price[c]! < cost) alerts.push(promoBelowCostAlert(product.id, this.#spans[w]!.start, activity, price[c]!, cost));
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
