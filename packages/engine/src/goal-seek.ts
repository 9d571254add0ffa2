import type { SimpleCellAddress } from 'hyperformula';
import { isPaid, listAssumptions, parsePlan, planIssue, writeAssumption, type Plan, type PlanIssue } from '@shopplan/schema';
import { withPlanModel, type WorkbookDriver } from './workbook-driver.ts';

/** The driver path of the total budget in goal seek. */
export const BUDGET_DRIVER = 'budget';

/** What to seek: a driver path, the budget to stay within, the target to reach. */
export interface GoalSeekOptions {
  /**
   * A numeric assumption by path (`channels.search.cvr`, `channels.display.cpm`,
   * `channels.affiliate.commission`, `channels.search.share`, `channels.search.beta` …),
   * `objective.gmv`, or `budget` for the total budget itself.
   */
  driver: string;
  /** The budget B. Defaults to the plan's own budget objective. Not used by the `budget` driver. */
  budget?: number;
  /** The target GMV. Defaults to the plan's target objective. */
  target?: number;
}

/**
 * The answer of goal seek. `value` is the driver value that makes the plan
 * reach its target with the budget (null when no value in the driver's valid
 * range does); `gmv`, `spend`, `roi` are HyperFormula's figures at that value,
 * or, when unreachable, the best reachable figures within the budget.
 */
export interface GoalSeekResult {
  driver: string;
  value: number | null;
  reachable: boolean;
  gmv: number;
  spend: number | null;
  roi: number | null;
  /** The value the driver had in the plan; null for the budget of a target plan the curves cannot reach. */
  base: number | null;
  /** The driver value the best figures were found at (= value when reachable); null when no budget is enough. */
  bestValue: number | null;
  /** The plan with the found value written back (the plan's own objective kept); absent when unreachable. */
  plan?: Plan;
  /** Why the target is out of reach, when it is; or a note (`reached_anyway`) when every value reaches it. */
  issues: PlanIssue[];
}

/** Goal seek outcome: a result, or the issues that stop the question being asked. */
export type GoalSeekOutcome = { ok: true; result: GoalSeekResult } | { ok: false; issues: PlanIssue[] };

/** A driver as cells to write: a value of the driver → the cell values. */
interface Driver {
  base: number;
  /** Valid range [lo, hi] and whether to search it on a log scale. */
  lo: number;
  hi: number;
  log: boolean;
  cells(value: number): Array<readonly [SimpleCellAddress, number]>;
  writeBack(plan: Plan, value: number): Plan | undefined;
}

/** Fields whose valid range is (0, 1]. */
const POSITIVE_RATES = new Set(['cvr', 'ctr', 'responseRate', 'margin']);
/** Fields whose valid range is [0, 1]. */
const RATES = new Set(['commission', 'addToCartRate', 'refundRate']);
/** How far a money or count driver is searched from its base, each way. */
const MONEY_SPAN = 1e6;
const GRID = 96;

function resolveDriver(plan: Plan, path: string, drv: WorkbookDriver): Driver | PlanIssue {
  const parts = path.split('.');
  if (parts[0] === 'channels' && parts[2] === 'share' && parts.length === 3) {
    const ch = plan.channels.find((c) => c.id === parts[1]);
    if (ch && isPaid(ch.cost)) {
      const others = plan.channels.filter((c) => c.id !== ch.id && isPaid(c.cost));
      const rest = others.reduce((acc, c) => acc + (isPaid(c.cost) ? c.cost.share : 0), 0);
      if (others.length === 0 || rest <= 0) {
        return planIssue(path, 'share_fixed', '这是唯一有占比的付费渠道，占比只能是 100%', 'this is the only paid channel with a share, so its share can only be 100%');
      }
      // The other paid channels keep their proportions among themselves and
      // take up what is left, so the shares still sum to 100%.
      const scaled = (value: number) => others.map((c) => [c.id, (isPaid(c.cost) ? c.cost.share : 0) * (1 - value) / rest] as const);
      return {
        base: ch.cost.share, lo: 0, hi: 1, log: false,
        cells: (value) => [[drv.address(path), value], ...scaled(value).map(([id, v]) => [drv.address(`channels.${id}.share`), v] as const)],
        writeBack: (p, value) => {
          let next: Plan | undefined = writeAssumption(p, path, value);
          for (const [id, v] of scaled(value)) next = next && writeAssumption(next, `channels.${id}.share`, v);
          return next;
        },
      };
    }
  }
  const assumption = listAssumptions(plan).find((a) => a.path === path);
  const allowed = assumption && (assumption.owner?.kind === 'channel' && !path.startsWith('objective.') || path === 'objective.gmv');
  if (!assumption || !allowed || !drv.has(path)) {
    return planIssue(path, 'unknown_driver',
      `计划中没有可求解的假设“${path}”。可用：渠道的 cvr、aov、cpc、cpm、ctr、commission、share 等（如 channels.search.cvr），或 budget（总预算）`,
      `the plan has no driver "${path}". Use a channel's cvr, aov, cpc, cpm, ctr, commission, share … (e.g. channels.search.cvr), or budget (the total budget)`);
  }
  const { field, value: base } = assumption;
  const address = drv.address(path);
  const range = POSITIVE_RATES.has(field) ? { lo: 1e-9, hi: 1, log: false }
    : RATES.has(field) ? { lo: 0, hi: field === 'refundRate' ? 1 - 1e-9 : 1, log: false }
    : { lo: base > 0 ? base / MONEY_SPAN : 1e-6, hi: Math.max(base, 1) * MONEY_SPAN, log: true };
  return { base, ...range, cells: (value) => [[address, value]], writeBack: (p, value) => writeAssumption(p, path, value) };
}

/**
 * Spend needed for the target at the driver value now in the cells: +∞ where
 * a curve channel's spend is empty (its visitors reach β: the IF in its spend
 * formula reads the β cell, so a β driver is judged by its new value), 0 when
 * free traffic alone reaches the target, NaN where not computable.
 */
function neededSpend(drv: WorkbookDriver): number {
  const paid = drv.model.summary('paid_gmv');
  if (paid !== undefined && paid < 0) return 0;
  const channels = drv.model.plan.channels;
  for (let i = 0; i < channels.length; i++) {
    if (channels[i]!.response && drv.channelValue(i + 1, 'spend') === null) return Infinity;
  }
  return drv.totals().spend ?? NaN;
}

function gridPoints(d: Driver): number[] {
  const out: number[] = [];
  for (let i = 0; i <= GRID; i++) {
    const t = i / GRID;
    out.push(d.log ? Math.exp(Math.log(d.lo) + t * (Math.log(d.hi) - Math.log(d.lo))) : d.lo + t * (d.hi - d.lo));
  }
  out.push(d.base);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Bisection to neighbouring doubles: f(lo) and f(hi) have opposite signs. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  let a = lo;
  let b = hi;
  for (let i = 0; i < 200; i++) {
    const mid = a + (b - a) / 2;
    if (mid === a || mid === b) break;
    const fm = f(mid);
    if (Number.isNaN(fm)) break;
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) { a = mid; flo = fm; } else b = mid;
  }
  const fa = Math.abs(f(a));
  const fb = Math.abs(f(b));
  return fa <= fb ? a : b;
}

/**
 * The GMV the model reaches with a budget: the target cell is searched until
 * the spend HyperFormula computes for it equals the budget (spend grows with
 * the target). With curves this is the only way forward: no closed form.
 */
export function reachableWithBudget(drv: WorkbookDriver, budget: number): { gmv: number; spend: number; roi: number | null; saturatedAt?: number } {
  const cell = drv.address('objective.gmv');
  const spendAt = (t: number) => {
    drv.set([[cell, t]]);
    return neededSpend(drv);
  };
  const original = drv.model.plan.objective.kind === 'target' ? drv.model.plan.objective.gmv : 1;
  let lo = original;
  let slo = spendAt(lo);
  while (!(slo <= budget) && lo > 1e-6) { lo /= 2; slo = spendAt(lo); }
  let hi = Math.max(lo * 2, 1);
  let shi = spendAt(hi);
  while (shi <= budget && hi < 1e18) { lo = hi; hi *= 2; shi = spendAt(hi); }
  const t = bisect((x) => { const s = spendAt(x); return Number.isNaN(s) ? NaN : s - budget; }, lo, hi);
  spendAt(t);
  const totals = drv.totals();
  const saturated = spendAt(t * (1 + 1e-9)) === Infinity;
  spendAt(t);
  return { gmv: totals.gmv ?? t, spend: totals.spend ?? budget, roi: totals.roi, ...(saturated ? { saturatedAt: t } : {}) };
}

/**
 * Goal seek: which value of one driver makes the plan reach its target with
 * budget B? The engine builds the plan's back-calculation (target → spend)
 * in HyperFormula once, then searches the driver's valid range: a grid to
 * find where the needed spend crosses B, then bisection to neighbouring
 * doubles, each step a cell edit HyperFormula recomputes. Where no value in
 * range reaches the target, `value` is null and the figures are the best
 * reachable within B (at the driver value that needs the least spend).
 *
 * The `budget` driver answers "which total budget reaches the target?".
 * The `share` of a channel moves the other paid channels' shares in
 * proportion, so the shares still sum to 100%.
 *
 * @example goalSeek(plan, { driver: 'channels.search.cvr', budget: 800_000 }).result.value // 0.0256…
 */
export function goalSeek(plan: Plan, options: GoalSeekOptions): GoalSeekOutcome {
  const target = options.target ?? (plan.objective.kind === 'target' ? plan.objective.gmv : undefined);
  if (target === undefined || !(target > 0) || !Number.isFinite(target)) {
    return { ok: false, issues: [planIssue('objective.gmv', 'target_missing', '求解需要目标成交额：计划目标或 --target', 'goal seek needs a target GMV: the plan\'s target or --target')] };
  }
  const budget = options.budget ?? (plan.objective.kind === 'budget' ? plan.objective.spend : undefined);
  if (options.driver !== BUDGET_DRIVER && (budget === undefined || !(budget >= 0) || !Number.isFinite(budget))) {
    return { ok: false, issues: [planIssue('budget', 'budget_missing', '求解需要预算：--budget 或计划的总预算', 'goal seek needs a budget: --budget or the plan\'s budget objective')] };
  }
  const parsed = parsePlan({ ...plan, objective: { kind: 'target', gmv: target } });
  if (!parsed.ok) return parsed;
  return withPlanModel(parsed.plan, (drv): GoalSeekOutcome => {
    if (options.driver === BUDGET_DRIVER) return { ok: true, result: seekBudget(drv, plan, target) };
    const driver = resolveDriver(parsed.plan, options.driver, drv);
    if ('code' in driver) return { ok: false, issues: [driver] };
    const b = budget as number;
    const f = (x: number) => {
      drv.set(driver.cells(x));
      return neededSpend(drv) - b;
    };
    const points = gridPoints(driver).map((x) => ({ x, y: f(x) }));
    const finite = points.filter((p) => !Number.isNaN(p.y));
    // every sign change of needed spend − B is a root; take the one nearest the plan's own value
    let best: { lo: number; hi: number } | undefined;
    for (let i = 1; i < finite.length; i++) {
      const [p, q] = [finite[i - 1]!, finite[i]!];
      if (p.y === 0 || Math.sign(p.y) !== Math.sign(q.y)) {
        const span = { lo: p.x, hi: q.x };
        const dist = (s: typeof span) => Math.min(Math.abs(s.lo - driver.base), Math.abs(s.hi - driver.base));
        if (!best || dist(span) < dist(best)) best = span;
      }
    }
    if (best) {
      const value = f(best.lo) === 0 ? best.lo : bisect(f, best.lo, best.hi);
      f(value);
      const totals = drv.totals();
      return {
        ok: true,
        result: {
          driver: options.driver, value, reachable: true, gmv: totals.gmv ?? target, spend: totals.spend, roi: totals.roi,
          base: driver.base, bestValue: value, plan: widenRange(driver.writeBack(plan, value), options.driver, value), issues: [],
        },
      };
    }
    // Out of reach: the value that needs the least spend gives the most GMV within B.
    const cheapest = finite.reduce<{ x: number; y: number } | undefined>((acc, p) => (!acc || p.y < acc.y ? p : acc), undefined);
    const bestValue = cheapest?.x ?? driver.base;
    drv.set(driver.cells(bestValue));
    if (cheapest && cheapest.y < 0) {
      // no crossing and the cheapest point is below B: every value in range
      // reaches the target within the budget, so the plan's own value stands
      drv.set(driver.cells(driver.base));
      const totals = drv.totals();
      const need = totals.spend ?? 0;
      const yuan = (x: number) => Math.round(x).toLocaleString('en-US');
      return {
        ok: true,
        result: {
          driver: options.driver, value: driver.base, reachable: true, gmv: totals.gmv ?? target, spend: totals.spend, roi: totals.roi,
          base: driver.base, bestValue: driver.base, plan,
          issues: [planIssue(options.driver, 'reached_anyway',
            `“${options.driver}”取有效范围内任何值都能以预算 ¥${yuan(b)} 达到目标；按当前值只需 ¥${yuan(need)}`,
            `any value of "${options.driver}" in its valid range reaches the target within ¥${yuan(b)}; at the plan's value it needs only ¥${yuan(need)}`)],
        },
      };
    }
    const reach = reachableWithBudget(drv, b);
    const yuan = (x: number) => Math.round(x).toLocaleString('en-US');
    return {
      ok: true,
      result: {
        driver: options.driver, value: null, reachable: false, gmv: reach.gmv, spend: reach.spend, roi: reach.roi,
        base: driver.base, bestValue,
        issues: [planIssue(options.driver, 'unreachable',
          `在“${options.driver}”的有效范围内没有任何取值能以预算 ¥${yuan(b)} 达到目标 ¥${yuan(target)}；最好可达 ¥${yuan(reach.gmv)}（取值 ${bestValue}）`,
          `no value of "${options.driver}" in its valid range reaches the target ¥${yuan(target)} with budget ¥${yuan(b)}; the best reachable is ¥${yuan(reach.gmv)} (at ${bestValue})`)],
      },
    };
  });
}

/**
 * A found value becomes the plan's base; if the plan gives the driver an
 * uncertainty range that no longer holds it, the range is stretched to it
 * (low ≤ base ≤ high must hold), rather than leaving an invalid plan.
 */
function widenRange(plan: Plan | undefined, path: string, value: number): Plan | undefined {
  const range = plan?.uncertainty?.[path];
  if (!plan || !range || (range.low <= value && value <= range.high)) return plan;
  return { ...plan, uncertainty: { ...plan.uncertainty, [path]: { low: Math.min(range.low, value), high: Math.max(range.high, value) } } };
}

/** The `budget` driver: the spend the target needs, or the most GMV any budget can reach. */
function seekBudget(drv: WorkbookDriver, plan: Plan, target: number): GoalSeekResult {
  const spend = neededSpend(drv);
  // a target plan's "budget" is the spend its target needs, which a saturated plan does not have
  const base = plan.objective.kind === 'budget' ? plan.objective.spend : Number.isFinite(spend) ? spend : null;
  if (Number.isFinite(spend)) {
    const totals = drv.totals();
    const written: Plan = { ...structuredClone(plan), objective: plan.objective.kind === 'budget' ? { kind: 'budget', spend } : plan.objective };
    return { driver: BUDGET_DRIVER, value: spend, reachable: true, gmv: totals.gmv ?? target, spend, roi: totals.roi, base, bestValue: spend, plan: written, issues: [] };
  }
  // Saturated: the most GMV is just below the target where the first curve hits its ceiling.
  const cell = drv.address('objective.gmv');
  let lo = 0;
  let hi = target;
  for (let i = 0; i < 200 && hi - lo > 1e-9 * target; i++) {
    const mid = (lo + hi) / 2;
    drv.set([[cell, mid]]);
    if (Number.isFinite(neededSpend(drv))) lo = mid; else hi = mid;
  }
  const yuan = (x: number) => Math.round(x).toLocaleString('en-US');
  drv.set([[cell, target]]);
  const saturated = drv.model.result().issues.filter((i) => i.code === 'saturated');
  return {
    driver: BUDGET_DRIVER, value: null, reachable: false, gmv: lo, spend: null, roi: null, base, bestValue: null,
    issues: [planIssue(BUDGET_DRIVER, 'unreachable',
      `任何预算都达不到目标 ¥${yuan(target)}：按现有流量占比，响应曲线最多带来约 ¥${yuan(lo)}`,
      `no budget reaches the target ¥${yuan(target)}: with the plan's shares the response curves give at most about ¥${yuan(lo)}`), ...saturated],
  };
}
