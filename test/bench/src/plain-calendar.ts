import type { Plan } from '@shopplan/schema';

/** ROUND(x, 2) as spreadsheets do it: half away from zero, on the decimal value. */
function round2(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  return (s * Math.round(a * 100 + 1e-9 * Math.max(1, a))) / 100;
}

/**
 * The product calendar's figures with no engine: typed arrays and a loop
 * doing the same arithmetic as the formulas of packages/engine
 * product-calendar.ts (fen-exact product GMV with the largest product taking
 * the remainder, cumulative rounding over weeks, units = revenue / price).
 * The physical limit the engine's figures are compared with.
 */
export class PlainCalendar {
  readonly n: number;
  readonly weeks: number;
  readonly share: Float64Array;
  readonly price: Float64Array;
  readonly cum: Float64Array;
  readonly gmv: Float64Array;
  readonly revenue: Float64Array;
  readonly units: Float64Array;
  readonly rest: number;
  planGmv: number;

  constructor(plan: Plan, planGmv: number) {
    const products = plan.products ?? [];
    const weeks = plan.weeks ?? [];
    this.n = products.length;
    this.weeks = weeks.length;
    this.share = Float64Array.from(products, (p) => p.share);
    this.price = Float64Array.from(products, (p) => p.price);
    const total = weeks.reduce((a, w) => a + w.weight, 0);
    this.cum = new Float64Array(this.weeks);
    let run = 0;
    weeks.forEach((w, i) => {
      run += w.weight;
      this.cum[i] = run / total;
    });
    let rest = 0;
    for (let i = 1; i < this.n; i++) if ((this.share[i] ?? 0) > (this.share[rest] ?? 0)) rest = i;
    this.rest = rest;
    this.planGmv = planGmv;
    this.gmv = new Float64Array(this.n);
    this.revenue = new Float64Array(this.n * this.weeks);
    this.units = new Float64Array(this.n * this.weeks);
    this.recomputeAll();
  }

  /** Everything, as after an edit of the plan's GMV. */
  recomputeAll(): void {
    let others = 0;
    for (let i = 0; i < this.n; i++) {
      if (i === this.rest) continue;
      const g = round2(this.planGmv * (this.share[i] ?? 0));
      this.gmv[i] = g;
      others += g;
    }
    this.gmv[this.rest] = round2(this.planGmv) - others;
    for (let i = 0; i < this.n; i++) this.recomputeRow(i);
  }

  /** One product's weeks, as after an edit of its price (or its GMV). */
  recomputeRow(i: number): void {
    const g = this.gmv[i] ?? 0;
    const p = this.price[i] ?? 1;
    let before = 0;
    for (let w = 0; w < this.weeks; w++) {
      const upTo = round2(g * (this.cum[w] ?? 0));
      const r = upTo - before;
      before = upTo;
      this.revenue[i * this.weeks + w] = r;
      this.units[i * this.weeks + w] = r / p;
    }
  }
}
