import type { AllocationGoal, AssumptionEdit, GoalSeekOptions, RiskOptions } from '@shopplan/engine';
import type { Lang, Plan, PlanningSession } from '@shopplan/schema';
import type { ProductMeasure, ProductView, WorkerAnswers, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { CalibrateRequest, ReadProgress, ReviewRequest } from './calibration.ts';
import { joinPlan, splitPlan } from './plan-parts.ts';
import { takeEngineWorker } from './early-worker.ts';

type Body<T extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: T }>, 'id'>;

/**
 * The page's handle on the engine worker: every call posts a message and
 * returns a promise of the answer; nothing blocks the page.
 */
export class EngineClient {
  readonly #worker: Worker;
  #next = 1;
  readonly #waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Progress callbacks of requests that report it (reading a history file). */
  readonly #progress = new Map<number, (p: ReadProgress) => void>();
  /** Products parts of an answer still on its way (a large plan comes in parts, see plan-parts.ts). */
  readonly #parts = new Map<number, Array<NonNullable<Plan['products']>>>();

  constructor() {
    // started by the page's first step when it could (early-worker.ts), else now
    this.#worker = takeEngineWorker();
    this.#worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const r = event.data;
      if ('progress' in r) {
        this.#progress.get(r.id)?.(r.progress);
        return;
      }
      if ('productsPart' in r) {
        const parts = this.#parts.get(r.id) ?? [];
        parts.push(r.productsPart);
        this.#parts.set(r.id, parts);
        return;
      }
      this.#progress.delete(r.id);
      const parts = this.#parts.get(r.id);
      this.#parts.delete(r.id);
      const waiter = this.#waiting.get(r.id);
      this.#waiting.delete(r.id);
      if (!waiter) return;
      if (r.ok) waiter.resolve(parts ? joinPlan(r.payload as Plan, parts) : r.payload);
      else waiter.reject(new Error(r.error));
    };
  }

  #send<T extends WorkerRequest['type']>(body: Body<T>, onProgress?: (p: ReadProgress) => void): Promise<WorkerAnswers[T]> {
    const id = this.#next++;
    if (onProgress) this.#progress.set(id, onProgress);
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ ...body, id });
    });
  }

  /** Builds (or rebuilds) the model of a scenario; `today` is the planning date of a product plan whose plan sets none. */
  async load(scenarioId: string, plan: Plan, today: string): Promise<WorkerAnswers['load']> {
    const split = splitPlan(plan);
    if (!split) return this.#send<'load'>({ type: 'load', scenarioId, plan, today });
    // a large plan's products go ahead in parts, one message (and one short task of this page) each
    const token = this.#next++;
    for (const products of split.parts) await this.#send<'productsPart'>({ type: 'productsPart', token, products });
    return this.#send<'load'>({ type: 'load', scenarioId, plan: split.head, today, productsFrom: token });
  }

  /**
   * The generated products × weeks plan of `scalePlan` (@shopplan/examples),
   * made and validated in the worker: its festival tables and the check of
   * 10,000 products stay off the page's main thread and out of its bundle.
   * `productCalendar`: the plan v4 with every product field (the product
   * plan's page), else the share × price plan of earlier versions.
   */
  scalePlan(products: number, weeks: number, productCalendar: boolean): Promise<WorkerAnswers['scalePlan']> {
    return this.#send<'scalePlan'>({ type: 'scalePlan', products, weeks, productCalendar });
  }

  /** Applies assumption edits in one batch; invalid ones leave the model as it was. */
  edit(scenarioId: string, edits: AssumptionEdit[], viewport?: { rowStart: number; rowCount: number }, productView?: ProductView): Promise<WorkerAnswers['edit']> {
    return this.#send<'edit'>({ type: 'edit', scenarioId, edits, ...(viewport ? { viewport } : {}), ...(productView ? { productView } : {}) });
  }

  /** Frees a scenario's model. */
  drop(scenarioId: string): Promise<null> {
    return this.#send<'drop'>({ type: 'drop', scenarioId });
  }

  /** Reads rows of the product calendar. */
  calendar(scenarioId: string, rowStart: number, rowCount: number): Promise<WorkerAnswers['calendar']> {
    return this.#send<'calendar'>({ type: 'calendar', scenarioId, rowStart, rowCount });
  }

  /** Sums the product calendar over all its products (totals row and column). */
  calendarTotals(scenarioId: string): Promise<WorkerAnswers['calendarTotals']> {
    return this.#send<'calendarTotals'>({ type: 'calendarTotals', scenarioId });
  }

  /** The product plan (v4) summed over all products: totals, category roll-ups, the first `alertLimit` alerts and their count; null without one. */
  productSummary(scenarioId: string, today: string, alertLimit: number): Promise<WorkerAnswers['productSummary']> {
    return this.#send<'productSummary'>({ type: 'productSummary', scenarioId, today, alertLimit });
  }

  /** Rows of one measure of the product plan (v4). */
  productRows(scenarioId: string, rowStart: number, rowCount: number, measure: ProductMeasure, today: string): Promise<WorkerAnswers['productRows']> {
    return this.#send<'productRows'>({ type: 'productRows', scenarioId, rowStart, rowCount, measure, today });
  }

  /** The plan-level intermediate figures (named Summary cells) of a scenario's model. */
  namedFigures(scenarioId: string): Promise<WorkerAnswers['namedFigures']> {
    return this.#send<'namedFigures'>({ type: 'namedFigures', scenarioId });
  }

  /** Writes a plan as a live xlsx workbook (in the worker: the export recomputes the plan). */
  exportXlsx(plan: Plan, lang: Lang, session?: PlanningSession): Promise<Uint8Array> {
    return this.#send<'exportXlsx'>(session ? { type: 'exportXlsx', plan, lang, session } : { type: 'exportXlsx', plan, lang });
  }

  /** Reads a plan back from an xlsx shopplan wrote. */
  importXlsx(bytes: Uint8Array): Promise<WorkerAnswers['importXlsx']> {
    return this.#send<'importXlsx'>({ type: 'importXlsx', bytes });
  }

  /** Goal seek on a scenario's plan (answers only; the page makes a new scenario of it). */
  goalSeek(scenarioId: string, options: GoalSeekOptions): Promise<WorkerAnswers['goalSeek']> {
    return this.#send<'goalSeek'>({ type: 'goalSeek', scenarioId, options });
  }

  /** Budget allocation on a scenario's plan. */
  allocate(scenarioId: string, goal: AllocationGoal): Promise<WorkerAnswers['allocate']> {
    return this.#send<'allocate'>({ type: 'allocate', scenarioId, goal });
  }

  /** Risk simulation of a scenario's plan. */
  risk(scenarioId: string, options: RiskOptions): Promise<WorkerAnswers['risk']> {
    return this.#send<'risk'>({ type: 'risk', scenarioId, options });
  }

  /** The Promotion calendar of a plan: schedule, holidays and festivals of its period, daily target and spend. */
  promotions(plan: Plan): Promise<WorkerAnswers['promotions']> {
    return this.#send<'promotions'>({ type: 'promotions', plan });
  }

  /** Tries moving a placed activity to start on `start`: the edited plan, or the reason it is refused. */
  movePromotion(plan: Plan, activityId: string, start: string): Promise<WorkerAnswers['movePromotion']> {
    return this.#send<'movePromotion'>({ type: 'movePromotion', plan, activityId, start });
  }

  /** Reads a history file and calibrates the plan's channels (Calibration view), reporting how much of the file is read. */
  calibrate(request: CalibrateRequest, onProgress?: (p: ReadProgress) => void): Promise<WorkerAnswers['calibrate']> {
    return this.#send<'calibrate'>({ type: 'calibrate', ...request }, onProgress);
  }

  /** Reads an actuals file and reviews the plan against it (plan vs actual), reporting how much of the file is read. */
  review(request: ReviewRequest, onProgress?: (p: ReadProgress) => void): Promise<WorkerAnswers['review']> {
    return this.#send<'review'>({ type: 'review', ...request }, onProgress);
  }

  /** Stops the worker. */
  terminate(): void {
    this.#worker.terminate();
  }
}
