import { isCommissionChannel, isPaid, parsePlan, planIssue, type Channel, type Plan, type PlanIssue } from '@shopplan/schema';
import { channelCol, SHEET } from './channel-model.ts';
import { withPlanModel } from './workbook-driver.ts';
import { breakevenRoi } from './profit.ts';
import { bestSpendAt, hillArm, linearArm, searchAllocation, type Arm } from './allocation-search.ts';

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
  /** GMV the next yuan would bring here (read from the Channels sheet). */
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
  /**
   * The marginal ROI the channels not at a bound share (the Lagrange
   * multiplier), or null when they do not share one (see equalMarginalRoi).
   */
  marginalRoi: number | null;
  /**
   * True when at least one channel is not at a bound and all such channels
   * have the same marginal ROI (to 1e-6, as read back from HyperFormula).
   * Only then may the claim "channels not at a bound share one marginal ROI"
   * be printed. An S-shaped curve can leave it false at the optimum (a
   * channel on the rising part of its curve, or two at one spend split).
   */
  equalMarginalRoi: boolean;
  /**
   * How far the mix may be from the best one (relative: GMV below the proven
   * bound for a budget, spend above it for a target); at most 1e-9 unless the
   * search stopped at its box limit on a very large plan.
   */
  optimalityGap: number;
  /** Things a planner should know: a floor that kept budget unspent, a budget the channels cannot absorb. */
  notes: PlanIssue[];
}

/** An allocation, or why there is none (infeasible bounds, floors, an unreachable target). */
export type AllocationOutcome = { ok: true; result: AllocationResult } | { ok: false; issues: PlanIssue[] };

/** A paid channel as the allocator sees it: its GMV curve and its spend interval. */
interface Channelled {
  index: number;
  ch: Channel;
  arm: Arm;
  lo: number;
  /** Upper end of the search (the plan's maximum, lowered by a floor or by what the goal can use). */
  hi: number;
  /** The plan's own maximum. */
  max: number;
  /** Where the breakeven floor stops the channel (Infinity without a floor). */
  floorCap: number;
  /** Spend that buys no GMV (a live stream's slot fee). */
  fee: number;
}

const valuePerVisitor = (ch: Channel) => ch.cvr * ch.aov;

function channelledOf(ch: Channel, index: number): Channelled | PlanIssue {
  const vpv = valuePerVisitor(ch);
  const lo0 = ch.bounds?.min ?? 0;
  const max = ch.bounds?.max ?? Infinity;
  if (ch.response) return { index, ch, arm: hillArm(ch.response, vpv), lo: lo0, hi: max, max, floorCap: Infinity, fee: 0 };
  const cost = ch.cost;
  let rate: number; // GMV per yuan of (variable) spend
  let fee = 0;
  let hi = max;
  switch (cost.model) {
    case 'cpc': rate = vpv / cost.cpc; break;
    case 'cpm': rate = vpv / (cost.cpm / 1000 / cost.ctr); break;
    case 'crm': rate = vpv / (cost.messagePrice / cost.responseRate); break;
    case 'cps':
    case 'live':
      fee = cost.model === 'live' ? cost.fixedFee : 0;
      rate = 1 / cost.commission;
      // a commission is paid on GMV: a channel whose visitors bring none cannot spend beyond its fee
      if (vpv === 0) {
        rate = 0;
        hi = Math.min(hi, fee);
        if (Math.max(lo0, fee) > hi) {
          return planIssue(`channels.${ch.id}.bounds.min`, 'no_gmv_to_commission', '该渠道转化率或客单价为 0，不产生成交额，佣金花费达不到最低花费', 'this channel brings no GMV (CVR or AOV is 0), so its commission can never reach the minimum spend');
        }
      }
      break;
    default: rate = 0;
  }
  if (cost.model === 'cps' || cost.model === 'live') {
    if (cost.commission === 0 && vpv > 0) {
      return planIssue(`channels.${ch.id}.commission`, 'commission_zero', '佣金为 0 的渠道不花钱就带来成交额，无法分配预算', 'a channel with 0% commission brings GMV for no spend, so a budget cannot be allocated to it');
    }
    if (!Number.isFinite(rate)) {
      return planIssue(`channels.${ch.id}.commission`, 'commission_too_small', '佣金比例太小：每元佣金对应的成交额超出可计算范围', 'the commission is so small that the GMV per yuan of it is beyond what can be computed');
    }
  }
  // a live stream pays its slot fee whatever it sells: its spend is never below the fee
  return { index, ch, arm: linearArm(rate, fee), lo: Math.max(lo0, fee), hi, max, floorCap: Infinity, fee };
}

const yuan = (x: number) => Math.round(x).toLocaleString('en-US');
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Budget allocation over the paid channels with per-channel spend bounds:
 * `{ target }` finds the least total spend that reaches the target,
 * `{ budget }` the highest GMV for the budget. S-shaped Hill curves (α > 1)
 * are handled exactly: a branch and bound over the curves' concave envelopes
 * (allocation-search.ts) decides which channels to leave at their minimum and
 * where the others go, to within `optimalityGap` (≤ 1e-9 unless the search
 * hit its box limit). At the optimum the channels not at a bound usually share
 * one marginal ROI; `equalMarginalRoi` says whether they do, as read back.
 * The result is a plan (objective `channels`) built and computed in
 * HyperFormula: every reported figure is read back from it. Floors (breakeven
 * ROI per channel, minimum total ROI) come from the plan's `allocation` or the
 * options; infeasible floors are issues, not ignored.
 * @example allocateBudget(plan, { budget: 600_000 }).result.total.gmv
 */
export function allocateBudget(plan: Plan, goal: AllocationGoal, options: AllocationOptions = {}): AllocationOutcome {
  const breakevenFloor = options.breakevenFloor ?? plan.allocation?.breakevenRoi ?? false;
  const minTotalRoi = options.minTotalRoi ?? plan.allocation?.minTotalRoi;
  const issues: PlanIssue[] = [];
  const chans: Channelled[] = [];
  plan.channels.forEach((ch, i) => {
    if (!isPaid(ch.cost)) return;
    const c = channelledOf(ch, i);
    if ('code' in c) issues.push(c);
    else chans.push(c);
  });
  if (chans.length === 0) issues.push(planIssue('channels', 'no_paid_channels', '没有付费渠道可分配', 'there are no paid channels to allocate to'));
  for (const c of chans) {
    if (c.lo > c.hi) {
      const at = `channels.${c.ch.id}.bounds.max`;
      issues.push(planIssue(at, 'bounds_below_fee', `最高花费低于坑位费 ¥${yuan(c.fee)}`, `the maximum spend is below the slot fee of ¥${yuan(c.fee)}`));
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  if (breakevenFloor) {
    // cap each channel where a further yuan would earn below its breakeven ROI (its profit is highest there)
    for (const c of chans) {
      const floor = breakevenRoi(c.ch);
      if (floor === null) continue;
      c.floorCap = bestSpendAt(c.arm, floor, c.lo, c.hi);
      c.hi = Math.max(c.lo, Math.min(c.hi, c.floorCap));
    }
  }
  const arms = chans.map((c) => c.arm);

  const freeGmv = plan.channels.reduce((s, ch) => s + (isPaid(ch.cost) ? 0 : ch.cvr * ch.aov * ch.cost.forecastVisitors), 0);
  const minSpend = sum(chans.map((c) => c.lo));
  const floorPath = breakevenFloor ? 'allocation.breakevenRoi' : undefined;
  const notes: PlanIssue[] = [];
  let xs: number[];
  let gap = 0;

  if ('target' in goal) {
    if (!(goal.target > 0) || !Number.isFinite(goal.target)) return { ok: false, issues: [planIssue('target', 'too_small', '目标成交额必须大于 0', 'the target GMV must be above 0')] };
    const need = goal.target - freeGmv;
    const maxGmv = sum(chans.map((c) => c.arm.gmv(c.hi)));
    if (need > maxGmv * (1 - 1e-12)) {
      const why = floorPath ? { zh: '（在保本投产比下限内）', en: ' within the breakeven ROI floor' } : { zh: '', en: '' };
      return { ok: false, issues: [planIssue(floorPath ?? 'target', floorPath ? 'floor_infeasible' : 'target_above_capacity',
        `目标 ¥${yuan(goal.target)} 超出了各渠道${why.zh}最多能带来的 ¥${yuan(freeGmv + maxGmv)}（响应曲线上限与花费上限）`,
        `the target ¥${yuan(goal.target)} is above the ¥${yuan(freeGmv + maxGmv)} the channels can ever give${why.en} (curve ceilings and spend maxima)`)] };
    }
    const atMin = chans.map((c) => c.lo);
    if (need <= sum(chans.map((c) => c.arm.gmv(c.lo)))) xs = atMin;
    else {
      // no channel needs more than what would bring the whole need by itself
      const his = chans.map((c) => Math.max(c.lo, Math.min(c.hi, c.arm.spendFor(c.arm.gmv(c.lo) + need))));
      const found = searchAllocation(arms, atMin, his, { need });
      if (!found) return { ok: false, issues: [planIssue('target', 'target_above_capacity', `目标 ¥${yuan(goal.target)} 无法达到`, `the target ¥${yuan(goal.target)} cannot be reached`)] };
      xs = reachNeed(chans, found.xs, need);
      gap = found.gap;
    }
  } else {
    if (!(goal.budget >= 0) || !Number.isFinite(goal.budget)) return { ok: false, issues: [planIssue('budget', 'too_small', '预算必须是非负数', 'the budget must be a non-negative number')] };
    if (goal.budget < minSpend * (1 - 1e-12)) {
      return { ok: false, issues: [planIssue('budget', 'budget_below_minimum', `预算 ¥${yuan(goal.budget)} 低于各渠道最低花费（含坑位费）合计 ¥${yuan(minSpend)}`, `the budget ¥${yuan(goal.budget)} is below the channels' minimum spends (slot fees included) of ¥${yuan(minSpend)}`)] };
    }
    const overflow = overflowIssue(chans, goal.budget, minSpend);
    if (overflow) return { ok: false, issues: [overflow] };
    ({ xs, gap } = spendBudget(chans, goal.budget, minSpend));
    const spent = sum(xs);
    if (spent < goal.budget * (1 - 1e-9)) {
      notes.push(planIssue('budget', floorPath ? 'floor_caps_spend' : 'budget_above_capacity',
        floorPath ? `保本投产比下限让 ¥${yuan(goal.budget - spent)} 预算不投：再投的每一元都低于保本` : `各渠道的花费上限合计只能用掉 ¥${yuan(spent)}`,
        floorPath ? `the breakeven ROI floor leaves ¥${yuan(goal.budget - spent)} unspent: every further yuan would earn below breakeven` : `the channels' spend maxima can only use ¥${yuan(spent)} of the budget`));
    }
  }

  if (minTotalRoi !== undefined) {
    const roiOf = (spends: number[]) => {
      const spend = sum(spends);
      return spend > 0 ? (freeGmv + spends.reduce((s, x, i) => s + arms[i]!.gmv(x), 0)) / spend : Infinity;
    };
    if (roiOf(xs) < minTotalRoi) {
      if ('target' in goal) {
        return { ok: false, issues: [planIssue('allocation.minTotalRoi', 'floor_infeasible',
          `最省钱的分配总投产比也只有 ${roiOf(xs).toFixed(4)}，达不到下限 ${minTotalRoi}`,
          `even the least-spend allocation reaches a total ROI of only ${roiOf(xs).toFixed(4)}, below the floor ${minTotalRoi}`)] };
      }
      // spend less: the largest budget whose best allocation keeps the total ROI at the floor
      const atMin = chans.map((c) => c.lo);
      if (roiOf(atMin) < minTotalRoi) {
        return { ok: false, issues: [planIssue('allocation.minTotalRoi', 'floor_infeasible',
          `即使各渠道只投最低花费，总投产比也只有 ${roiOf(atMin).toFixed(4)}，达不到下限 ${minTotalRoi}`,
          `even at the minimum spends the total ROI is only ${roiOf(atMin).toFixed(4)}, below the floor ${minTotalRoi}`)] };
      }
      let lo = minSpend;
      let hi = goal.budget;
      for (let i = 0; i < 60 && hi - lo > 1e-12 * hi; i++) {
        const mid = (lo + hi) / 2;
        if (roiOf(spendBudget(chans, mid, minSpend).xs) >= minTotalRoi) lo = mid; else hi = mid;
      }
      ({ xs, gap } = spendBudget(chans, lo, minSpend));
      notes.push(planIssue('allocation.minTotalRoi', 'floor_caps_spend', `为保持总投产比不低于 ${minTotalRoi}，只投 ¥${yuan(lo)}`, `to keep the total ROI at or above ${minTotalRoi}, only ¥${yuan(lo)} is spent`));
    }
  }
  return finish(plan, chans, xs, gap, notes);
}

/** The most GMV for a budget: no channel can take more than the budget less the others' minimums. */
function spendBudget(chans: readonly Channelled[], budget: number, minSpend: number): { xs: number[]; gap: number } {
  const los = chans.map((c) => c.lo);
  const his = chans.map((c) => Math.max(c.lo, Math.min(c.hi, budget - (minSpend - c.lo))));
  const found = searchAllocation(chans.map((c) => c.arm), los, his, { budget });
  if (!found) return { xs: los, gap: 0 };
  // rounding must never take the total past the budget
  const xs = [...found.xs];
  let excess = sum(xs) - budget;
  for (let i = 0; excess > 0 && i < xs.length; i++) {
    const cut = Math.min(excess, xs[i]! - los[i]!);
    xs[i] = xs[i]! - cut;
    excess -= cut;
  }
  return { xs, gap: found.gap };
}

/** Tops up the search's spends (which meet the need to rounding) so that the GMV reaches it, channel by channel. */
function reachNeed(chans: readonly Channelled[], found: readonly number[], need: number): number[] {
  const xs = [...found];
  const short = () => need - xs.reduce((s, x, i) => s + chans[i]!.arm.gmv(x), 0);
  const order = chans.map((_, i) => i).sort((i, j) => chans[j]!.arm.marginal(xs[j]!) - chans[i]!.arm.marginal(xs[i]!));
  for (const i of order) {
    const rest = short();
    if (!(rest > 0)) break;
    const c = chans[i]!;
    const x = c.arm.spendFor(c.arm.gmv(xs[i]!) + rest);
    xs[i] = Math.max(xs[i]!, Math.min(c.hi, Number.isFinite(x) ? x : c.hi));
  }
  return xs;
}

/** A channel whose GMV for the budget is past what doubles hold (a near-zero commission or cost): named at its input. */
function overflowIssue(chans: readonly Channelled[], budget: number, minSpend: number): PlanIssue | undefined {
  for (const c of chans) {
    const top = Math.min(c.hi, budget - (minSpend - c.lo));
    if (Number.isFinite(c.arm.gmv(top))) continue;
    const cost = c.ch.cost;
    const field = cost.model === 'cps' || cost.model === 'live' ? 'commission' : cost.model === 'cpc' ? 'cpc' : cost.model === 'cpm' ? 'cpm' : 'messagePrice';
    return planIssue(`channels.${c.ch.id}.${field}`, 'overflow', '数值太小：按预算算出的成交额超出可计算范围（大于 1e308）', 'the value is so small that the GMV the budget buys is beyond what can be computed (above 1e308)');
  }
  return undefined;
}

/** Relative spread within which channels "share one marginal ROI". */
const EQUAL_MARGINAL = 1e-6;

/** Writes the spends into a `channels` plan, computes it in HyperFormula and reads every figure back. */
function finish(plan: Plan, chans: readonly Channelled[], xs: readonly number[], gap: number, notes: PlanIssue[]): AllocationOutcome {
  const spend: Record<string, number> = {};
  const visitors: Record<string, number> = {};
  const planned = new Map<string, number>(); // planned visitors, for the new shares
  chans.forEach((c, i) => {
    const x = xs[i]!;
    const vpv = valuePerVisitor(c.ch);
    const v = vpv > 0 ? c.arm.gmv(x) / vpv : 0;
    planned.set(c.ch.id, v);
    if (isCommissionChannel(c.ch.cost)) visitors[c.ch.id] = v;
    else spend[c.ch.id] = x;
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
    const channels: AllocatedChannel[] = chans.map((ch, i) => {
      const c = result.channels[ch.index]!;
      const x = xs[i]!;
      const tol = 1e-9 * Math.max(1, x);
      const near = (b: number) => Number.isFinite(b) && Math.abs(x - b) <= tol;
      const atBound = near(ch.lo) ? 'min' : near(ch.max) ? 'max' : near(ch.floorCap) ? 'floor' : null;
      const analytic = ch.arm.marginal(x);
      return {
        id: c.id, spend: c.spend, visitors: c.visitors, gmv: c.gmv, roi: c.roi,
        marginalRoi: num(ch.index + 1, 'marginalRoi') ?? (Number.isFinite(analytic) ? analytic : null),
        atBound, profit: num(ch.index + 1, 'profit'), breakevenRoi: num(ch.index + 1, 'breakevenRoi'),
      };
    });
    const totalRow = parsed.plan.channels.length + 1;
    // the claim "channels not at a bound share one marginal ROI", checked on the figures read back
    const free = channels.filter((c) => c.atBound === null).map((c) => c.marginalRoi);
    const values = free.filter((m): m is number => m !== null);
    const equal = free.length > 0 && values.length === free.length
      && Math.max(...values) - Math.min(...values) <= EQUAL_MARGINAL * Math.max(...values.map(Math.abs));
    return {
      ok: true,
      result: {
        plan: parsed.plan,
        channels,
        total: { spend: result.total.spend, gmv: result.total.gmv, roi: result.total.roi, profit: num(totalRow, 'profit') },
        marginalRoi: equal ? values[0]! : null,
        equalMarginalRoi: equal,
        optimalityGap: gap,
        notes,
      },
    };
  });
}
