import { isCommissionChannel, isPaid, parsePlan, planIssue, type Channel, type Plan, type PlanIssue } from '@shopplan/schema';
import { channelCol, SHEET } from './channel-model.ts';
import { withPlanModel } from './workbook-driver.ts';
import { breakevenRoi } from './profit.ts';
import { hillInflection, hillMarginalVisitors, hillSpend, hillVisitors } from './response-curve.ts';

/** What to allocate for: the least spend that reaches a target, or the most GMV for a budget. */
export type AllocationGoal = { target: number } | { budget: number };

/** Floors that override the plan's own `allocation` settings. */
export interface AllocationOptions {
  /** No channel pushed past the point where its marginal ROI falls below its breakeven ROI. */
  breakevenFloor?: boolean;
  /** The total ROI (GMV / spend) must stay at or above this. */
  minTotalRoi?: number;
}

/** One paid channel at the optimum, as HyperFormula computed the allocated plan. */
export interface AllocatedChannel {
  id: string;
  spend: number;
  visitors: number;
  gmv: number;
  roi: number | null;
  /** GMV the next yuan would bring here; equal across channels not at a bound. */
  marginalRoi: number | null;
  /** Which spend bound the channel sits at, if any; `floor` when the breakeven ROI floor stopped it. */
  atBound: 'min' | 'max' | 'floor' | null;
  profit: number | null;
  breakevenRoi: number | null;
}

/** The allocated plan and its figures (all read back from HyperFormula). */
export interface AllocationResult {
  /** The allocation as a plan: objective `channels` with each channel's spend (or visitors) lever. */
  plan: Plan;
  channels: AllocatedChannel[];
  total: { spend: number; gmv: number; roi: number | null; profit: number | null };
  /** The equalised marginal ROI of the channels not at a bound (the Lagrange multiplier). */
  marginalRoi: number | null;
  /** Things a planner should know: a floor that kept budget unspent, a budget the channels cannot absorb. */
  notes: PlanIssue[];
}

/** An allocation, or why there is none (infeasible bounds, floors, an unreachable target). */
export type AllocationOutcome = { ok: true; result: AllocationResult } | { ok: false; issues: PlanIssue[] };

/** A paid channel as the search sees it: GMV as a function of spend, on [lo, hi]. */
interface Arm {
  index: number;
  ch: Channel;
  lo: number;
  hi: number;
  /** The plan's own maximum (hi may be lowered by a floor). */
  max: number;
  /** Spend that buys no GMV (a live stream's slot fee). */
  fee: number;
  gmv(x: number): number;
  marginal(x: number): number;
  /** Spend where the marginal return is highest (S-curves); below it a channel only makes sense at lo. */
  concaveFrom: number;
  /** Spend that brings `gmv` (inverse of gmv on the concave branch). */
  spendFor(gmv: number): number;
}

const valuePerVisitor = (ch: Channel) => ch.cvr * ch.aov;

function armOf(ch: Channel, index: number): Arm | PlanIssue {
  const vpv = valuePerVisitor(ch);
  const lo0 = ch.bounds?.min ?? 0;
  const hi = ch.bounds?.max ?? Infinity;
  if (ch.response) {
    const c = ch.response;
    return {
      index, ch, lo: lo0, hi, max: hi, fee: 0, concaveFrom: hillInflection(c),
      gmv: (x) => vpv * hillVisitors(c, x),
      marginal: (x) => vpv * hillMarginalVisitors(c, x),
      spendFor: (g) => (vpv > 0 ? hillSpend(c, g / vpv) : Infinity),
    };
  }
  const cost = ch.cost;
  let rate: number; // GMV per yuan of (variable) spend
  let fee = 0;
  switch (cost.model) {
    case 'cpc': rate = vpv / cost.cpc; break;
    case 'cpm': rate = vpv / (cost.cpm / 1000 / cost.ctr); break;
    case 'crm': rate = vpv / (cost.messagePrice / cost.responseRate); break;
    case 'cps': rate = cost.commission > 0 ? 1 / cost.commission : Infinity; break;
    case 'live': rate = cost.commission > 0 ? 1 / cost.commission : Infinity; fee = cost.fixedFee; break;
    default: rate = 0;
  }
  if (!Number.isFinite(rate)) {
    return planIssue(`channels.${ch.id}.commission`, 'commission_zero', '佣金为 0 的渠道不花钱就带来成交额，无法分配预算', 'a channel with 0% commission brings GMV for no spend, so a budget cannot be allocated to it');
  }
  // a live stream pays its slot fee whatever it sells: its spend is never below the fee
  return {
    index, ch, lo: Math.max(lo0, fee), hi, max: hi, fee, concaveFrom: 0,
    gmv: (x) => rate * Math.max(0, x - fee),
    marginal: () => rate,
    spendFor: (g) => (rate > 0 ? fee + g / rate : Infinity),
  };
}

/**
 * The spend that maximises gmv(x) − λ·x on the arm's bounds: the point of
 * the concave branch where the marginal return equals λ, or a bound. S-shaped
 * curves compare that point with the lower bound (the convex start never wins).
 */
function demand(arm: Arm, lambda: number): number {
  const { lo, hi } = arm;
  if (hi <= lo) return lo;
  let x: number;
  if (arm.ch.response === undefined) {
    x = arm.marginal(lo) > lambda ? hi : lo;
    if (!Number.isFinite(x)) return Number.MAX_VALUE; // unbounded linear channel
    return x;
  }
  const a = Math.max(lo, arm.concaveFrom);
  if (arm.marginal(a) <= lambda) x = a;
  else if (Number.isFinite(hi) && arm.marginal(hi) >= lambda) x = hi;
  else {
    const c = arm.ch.response;
    if (c.alpha === 1) {
      // closed form of vpv·β·κ/(x+κ)² = λ
      x = Math.sqrt((valuePerVisitor(arm.ch) * c.beta * c.kappa) / lambda) - c.kappa;
    } else {
      x = Math.exp(solveMarginal(valuePerVisitor(arm.ch) * c.beta * c.alpha, c.alpha, Math.log(c.kappa), lambda,
        Math.log(Math.max(a, 1e-9)), Math.log(Number.isFinite(hi) ? hi : Math.max(a, c.kappa) * 1e12)));
    }
    x = Math.min(hi, Math.max(a, x));
  }
  return arm.gmv(x) - lambda * x >= arm.gmv(lo) - lambda * lo ? x : lo;
}

/**
 * ln x where a Hill curve's marginal GMV, K·q/(x(1+q)²) with q = (κ/x)^α,
 * equals λ on its concave branch [ul, uh] (in ln x). Newton's method in
 * log space, d ln g'/d ln x = −1 − α(1−q)/(1+q), kept inside a bisection
 * bracket: a handful of steps where plain bisection needs ~60.
 */
function solveMarginal(k: number, alpha: number, lnKappa: number, lambda: number, ul: number, uh: number): number {
  const target = Math.log(lambda);
  const phi = (u: number) => {
    const lq = alpha * (lnKappa - u);
    return Math.log(k) + lq - u - 2 * (lq > 30 ? lq : Math.log1p(Math.exp(lq))) - target;
  };
  let [l, h] = [ul, uh];
  let u = (l + h) / 2;
  for (let i = 0; i < 100; i++) {
    const f = phi(u);
    if (f > 0) l = u; else h = u; // φ falls with u on the concave branch
    const q = Math.exp(alpha * (lnKappa - u));
    const slope = Number.isFinite(q) ? -1 - (alpha * (1 - q)) / (1 + q) : -1 + alpha;
    let next = slope < 0 ? u - f / slope : NaN;
    if (!(next > l && next < h)) next = (l + h) / 2;
    if (Math.abs(next - u) < 1e-14 * Math.max(1, Math.abs(u)) || h - l < 1e-14 * Math.max(1, Math.abs(u))) return next;
    u = next;
  }
  return u;
}

const LAMBDA_LO = 1e-9;
const LAMBDA_HI = 1e9;

/**
 * The multiplier λ at which the arms' demand crosses a goal, by bisection in
 * log space: `measure` is non-increasing in λ. Returns the demands at the
 * λ just above (measure ≤ goal) and just below (measure ≥ goal).
 */
function solveLambda(arms: Arm[], measure: (xs: number[]) => number, goal: number): { lambda: number; above: number[]; below: number[] } {
  let lo = Math.log(LAMBDA_LO);
  let hi = Math.log(LAMBDA_HI);
  // 70 halvings of ln λ over [ln 1e-9, ln 1e9] reach ~4e-20: past double precision
  for (let i = 0; i < 70; i++) {
    const mid = (lo + hi) / 2;
    const xs = arms.map((a) => demand(a, Math.exp(mid)));
    if (measure(xs) > goal) lo = mid; else hi = mid;
  }
  return { lambda: Math.exp(hi), above: arms.map((a) => demand(a, Math.exp(hi))), below: arms.map((a) => demand(a, Math.exp(lo))) };
}

/** Best allocation of a budget over the arms (spend per arm), keeping bounds. */
function allocateSpend(arms: Arm[], budget: number): { xs: number[]; lambda: number } {
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const { lambda, above, below } = solveLambda(arms, sum, budget);
  const xs = [...above];
  let rest = budget - sum(xs);
  // fill what is left along the channels whose demand jumps at λ (ties, S-curve steps), best marginal first
  const order = arms.map((a, i) => i).filter((i) => below[i]! > xs[i]!).sort((i, j) => arms[j]!.marginal(xs[j]!) - arms[i]!.marginal(xs[i]!));
  for (const i of order) {
    if (rest <= 0) break;
    const add = Math.min(rest, Math.min(below[i]!, arms[i]!.hi) - xs[i]!);
    if (add > 0) { xs[i] = xs[i]! + add; rest -= add; }
  }
  return { xs, lambda };
}

/** Least spend over the arms that brings `need` GMV, keeping bounds. */
function allocateForGmv(arms: Arm[], need: number): { xs: number[]; lambda: number } {
  const gmvOf = (xs: number[]) => xs.reduce((s, x, i) => s + arms[i]!.gmv(x), 0);
  const { lambda, above, below } = solveLambda(arms, gmvOf, need);
  const xs = [...above];
  let rest = need - gmvOf(xs);
  const order = arms.map((a, i) => i).filter((i) => below[i]! > xs[i]!).sort((i, j) => arms[j]!.marginal(xs[j]!) - arms[i]!.marginal(xs[i]!));
  for (const i of order) {
    if (rest <= 0) break;
    const arm = arms[i]!;
    const top = Math.min(below[i]!, arm.hi);
    const room = arm.gmv(top) - arm.gmv(xs[i]!);
    if (room <= 0) continue;
    if (room <= rest) { rest -= room; xs[i] = top; continue; }
    xs[i] = Math.min(top, Math.max(xs[i]!, arm.spendFor(arm.gmv(xs[i]!) + rest)));
    rest = 0;
  }
  return { xs, lambda };
}

const yuan = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * Budget allocation over the paid channels with per-channel spend bounds:
 * `{ target }` finds the least total spend that reaches the target,
 * `{ budget }` the highest GMV for the budget. The optimum equalises the
 * marginal ROI across channels not at a bound (a Lagrange multiplier λ found
 * by bisection; each channel's spend at λ from the derivative of its Hill
 * curve, analytically). The result is a plan (objective `channels`) built
 * and computed in HyperFormula: every reported figure is read back from it.
 * Floors (breakeven ROI per channel, minimum total ROI) come from the plan's
 * `allocation` or the options; infeasible floors are issues, not ignored.
 * @example allocateBudget(plan, { budget: 600_000 }).result.total.gmv
 */
export function allocateBudget(plan: Plan, goal: AllocationGoal, options: AllocationOptions = {}): AllocationOutcome {
  const breakevenFloor = options.breakevenFloor ?? plan.allocation?.breakevenRoi ?? false;
  const minTotalRoi = options.minTotalRoi ?? plan.allocation?.minTotalRoi;
  const issues: PlanIssue[] = [];
  const arms: Arm[] = [];
  plan.channels.forEach((ch, i) => {
    if (!isPaid(ch.cost)) return;
    const arm = armOf(ch, i);
    if ('code' in arm) issues.push(arm);
    else arms.push(arm);
  });
  if (arms.length === 0) issues.push(planIssue('channels', 'no_paid_channels', '没有付费渠道可分配', 'there are no paid channels to allocate to'));
  for (const arm of arms) {
    if (arm.lo > arm.hi) {
      const at = `channels.${arm.ch.id}.bounds.max`;
      issues.push(planIssue(at, 'bounds_below_fee', `最高花费低于坑位费 ¥${yuan(arm.fee)}`, `the maximum spend is below the slot fee of ¥${yuan(arm.fee)}`));
    }
  }
  if (breakevenFloor) {
    // cap each channel where its marginal ROI falls to its breakeven ROI
    for (const arm of arms) {
      const floor = breakevenRoi(arm.ch);
      if (floor === null) continue;
      arm.hi = Math.max(arm.lo, Math.min(arm.hi, demand(arm, floor)));
      if (arm.hi === Number.MAX_VALUE) arm.hi = Infinity;
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const freeGmv = plan.channels.reduce((s, ch) => s + (isPaid(ch.cost) ? 0 : ch.cvr * ch.aov * ch.cost.forecastVisitors), 0);
  const minSpend = arms.reduce((s, a) => s + a.lo, 0);
  const maxGmv = arms.reduce((s, a) => s + (Number.isFinite(a.hi) ? a.gmv(a.hi) : a.ch.response ? valuePerVisitor(a.ch) * a.ch.response.beta : Infinity), 0);
  const floorPath = breakevenFloor ? 'allocation.breakevenRoi' : undefined;
  const notes: PlanIssue[] = [];
  let xs: number[];
  let lambda: number;

  if ('target' in goal) {
    const need = goal.target - freeGmv;
    if (!(goal.target > 0) || !Number.isFinite(goal.target)) return { ok: false, issues: [planIssue('target', 'too_small', '目标成交额必须大于 0', 'the target GMV must be above 0')] };
    if (need > maxGmv * (1 - 1e-12)) {
      const why = floorPath ? { zh: '（在保本投产比下限内）', en: ' within the breakeven ROI floor' } : { zh: '', en: '' };
      return { ok: false, issues: [planIssue(floorPath ?? 'target', floorPath ? 'floor_infeasible' : 'target_above_capacity',
        `目标 ¥${yuan(goal.target)} 超出了各渠道${why.zh}最多能带来的 ¥${yuan(freeGmv + maxGmv)}（响应曲线上限与花费上限）`,
        `the target ¥${yuan(goal.target)} is above the ¥${yuan(freeGmv + maxGmv)} the channels can ever give${why.en} (curve ceilings and spend maxima)`)] };
    }
    ({ xs, lambda } = need <= arms.reduce((s, a) => s + a.gmv(a.lo), 0) ? { xs: arms.map((a) => a.lo), lambda: NaN } : allocateForGmv(arms, need));
  } else {
    if (!(goal.budget >= 0) || !Number.isFinite(goal.budget)) return { ok: false, issues: [planIssue('budget', 'too_small', '预算必须是非负数', 'the budget must be a non-negative number')] };
    if (goal.budget < minSpend * (1 - 1e-12)) {
      return { ok: false, issues: [planIssue('budget', 'budget_below_minimum', `预算 ¥${yuan(goal.budget)} 低于各渠道最低花费（含坑位费）合计 ¥${yuan(minSpend)}`, `the budget ¥${yuan(goal.budget)} is below the channels' minimum spends (slot fees included) of ¥${yuan(minSpend)}`)] };
    }
    ({ xs, lambda } = allocateSpend(arms, goal.budget));
    const spent = xs.reduce((s, x) => s + x, 0);
    if (spent < goal.budget * (1 - 1e-9)) {
      notes.push(planIssue('budget', floorPath ? 'floor_caps_spend' : 'budget_above_capacity',
        floorPath ? `保本投产比下限让 ¥${yuan(goal.budget - spent)} 预算不投：再投的每一元都低于保本` : `各渠道的花费上限合计只能用掉 ¥${yuan(spent)}`,
        floorPath ? `the breakeven ROI floor leaves ¥${yuan(goal.budget - spent)} unspent: every further yuan would earn below breakeven` : `the channels' spend maxima can only use ¥${yuan(spent)} of the budget`));
    }
  }

  if (minTotalRoi !== undefined) {
    const roiOf = (spends: number[]) => {
      const spend = spends.reduce((s, x) => s + x, 0);
      return spend > 0 ? (freeGmv + spends.reduce((s, x, i) => s + arms[i]!.gmv(x), 0)) / spend : Infinity;
    };
    if (roiOf(xs) < minTotalRoi) {
      if ('target' in goal) {
        return { ok: false, issues: [planIssue('allocation.minTotalRoi', 'floor_infeasible',
          `最省钱的分配总投产比也只有 ${roiOf(xs).toFixed(4)}，达不到下限 ${minTotalRoi}`,
          `even the least-spend allocation reaches a total ROI of only ${roiOf(xs).toFixed(4)}, below the floor ${minTotalRoi}`)] };
      }
      // spend less: the largest budget whose best allocation keeps the total ROI at the floor
      const atMin = arms.map((a) => a.lo);
      if (roiOf(atMin) < minTotalRoi) {
        return { ok: false, issues: [planIssue('allocation.minTotalRoi', 'floor_infeasible',
          `即使各渠道只投最低花费，总投产比也只有 ${roiOf(atMin).toFixed(4)}，达不到下限 ${minTotalRoi}`,
          `even at the minimum spends the total ROI is only ${roiOf(atMin).toFixed(4)}, below the floor ${minTotalRoi}`)] };
      }
      let lo = minSpend;
      let hi = goal.budget;
      for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        if (roiOf(allocateSpend(arms, mid).xs) >= minTotalRoi) lo = mid; else hi = mid;
      }
      ({ xs, lambda } = allocateSpend(arms, lo));
      notes.push(planIssue('allocation.minTotalRoi', 'floor_caps_spend', `为保持总投产比不低于 ${minTotalRoi}，只投 ¥${yuan(lo)}`, `to keep the total ROI at or above ${minTotalRoi}, only ¥${yuan(lo)} is spent`));
    }
  }
  return finish(plan, arms, xs, lambda, notes);
}

/** Writes the spends into a `channels` plan, computes it in HyperFormula and reads every figure back. */
function finish(plan: Plan, arms: Arm[], xs: number[], lambda: number, notes: PlanIssue[]): AllocationOutcome {
  const spend: Record<string, number> = {};
  const visitors: Record<string, number> = {};
  const planned = new Map<string, number>(); // planned visitors, for the new shares
  arms.forEach((arm, i) => {
    const x = xs[i]!;
    const vpv = valuePerVisitor(arm.ch);
    if (isCommissionChannel(arm.ch.cost)) {
      const v = vpv > 0 ? arm.gmv(x) / vpv : 0;
      visitors[arm.ch.id] = v;
      planned.set(arm.ch.id, v);
    } else {
      spend[arm.ch.id] = x;
      planned.set(arm.ch.id, vpv > 0 ? arm.gmv(x) / vpv : 0);
    }
  });
  const totalVisitors = [...planned.values()].reduce((s, v) => s + v, 0);
  const next: Plan = structuredClone(plan);
  next.objective = { kind: 'channels', spend, visitors };
  if (totalVisitors > 0 && next.paidSplit === 'visitors') {
    // the allocated split of paid visitors becomes the plan's shares (they sum to 100%)
    for (const ch of next.channels) if (isPaid(ch.cost)) ch.cost.share = (planned.get(ch.id) ?? 0) / totalVisitors;
  }
  const parsed = parsePlan(next);
  if (!parsed.ok) return parsed;
  return withPlanModel(parsed.plan, ({ model }): AllocationOutcome => {
    const result = model.result();
    if (result.issues.length > 0) return { ok: false, issues: result.issues };
    const num = (row: number, key: 'profit' | 'breakevenRoi' | 'marginalRoi') => {
      const v = model.value(SHEET.channels, channelCol(key), row);
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
    const channels: AllocatedChannel[] = arms.map((arm, i) => {
      const c = result.channels[arm.index]!;
      const x = xs[i]!;
      const tol = 1e-9 * Math.max(1, x);
      const near = (b: number) => Number.isFinite(b) && Math.abs(x - b) <= tol;
      const atBound = near(arm.lo) ? 'min' : near(arm.max) ? 'max' : near(arm.hi) ? 'floor' : null;
      const analytic = arm.marginal(x);
      return {
        id: c.id, spend: c.spend, visitors: c.visitors, gmv: c.gmv, roi: c.roi,
        marginalRoi: num(arm.index + 1, 'marginalRoi') ?? (Number.isFinite(analytic) ? analytic : null),
        atBound, profit: num(arm.index + 1, 'profit'), breakevenRoi: num(arm.index + 1, 'breakevenRoi'),
      };
    });
    const totalRow = parsed.plan.channels.length + 1;
    return {
      ok: true,
      result: {
        plan: parsed.plan,
        channels,
        total: { spend: result.total.spend, gmv: result.total.gmv, roi: result.total.roi, profit: num(totalRow, 'profit') },
        // λ means something only if some channel is free to move
        marginalRoi: Number.isFinite(lambda) && channels.some((c) => c.atBound === null) ? lambda : null,
        notes,
      },
    };
  });
}
