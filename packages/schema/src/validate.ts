import type { z } from 'zod';
import { isPaid, isCommissionChannel, isSpendBought } from './channel.ts';
import { listAssumptions } from './assumptions.ts';
import { fieldLabel, RATE_FIELDS } from './fields.ts';
import { formatPath, planIssue, type PlanIssue } from './issues.ts';
import { guardInput } from './input-guard.ts';
import { migratePlan } from './migrations.ts';
import { checkCalendar } from './calendar-check.ts';
import { planSchema, type Plan } from './plan.ts';

/** A plan that parsed and passed every check, or the issues that stop it. */
export type PlanParseOutcome = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** Shares are typed by people: 33.3% + 33.3% + 33.4% must pass, 99% must not. */
const SHARE_TOLERANCE = 1e-6;

function pct(value: number): string {
  return `${Number((value * 100).toFixed(6))}%`;
}

function bound(path: readonly PropertyKey[], value: number): string {
  const last = path[path.length - 1];
  return typeof last === 'string' && RATE_FIELDS.has(last) ? pct(value) : String(value);
}

/** Turns one zod issue into a planner's message naming the field, in zh and en. */
function fromZodIssue(issue: z.core.$ZodIssue): PlanIssue {
  const path = formatPath(issue.path);
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case 'too_big': {
      const max = bound(issue.path, Number(issue.maximum));
      const op = issue.inclusive ? { zh: '不能大于', en: 'at most' } : { zh: '必须小于', en: 'below' };
      return planIssue(path, 'too_big', `${label.zh}${op.zh} ${max}`, `${label.en} must be ${op.en} ${max}`);
    }
    case 'too_small': {
      if (issue.origin === 'array') {
        return planIssue(path, 'too_small', `${label.zh}至少需要 ${String(issue.minimum)} 项`, `${label.en} needs at least ${String(issue.minimum)} item(s)`);
      }
      if (issue.origin === 'string') {
        return planIssue(path, 'too_small', `${label.zh}不能为空`, `${label.en} must not be empty`);
      }
      const min = bound(issue.path, Number(issue.minimum));
      const op = issue.inclusive ? { zh: '不能小于', en: 'at least' } : { zh: '必须大于', en: 'above' };
      return planIssue(path, 'too_small', `${label.zh}${op.zh} ${min}`, `${label.en} must be ${op.en} ${min}`);
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        return planIssue(path, 'missing', `缺少${label.zh}`, `${label.en} is missing`);
      }
      return planIssue(path, 'invalid_type', `${label.zh}应为${issue.expected === 'number' ? '数字' : issue.expected}`, `${label.en} must be a ${issue.expected}`);
    case 'unrecognized_keys':
      return planIssue(path, 'unknown_field', `未知字段：${issue.keys.join(', ')}`, `unknown field(s): ${issue.keys.join(', ')}`);
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v)).join(' | ');
      return planIssue(path, 'invalid_value', `${label.zh}只能是 ${allowed}`, `${label.en} must be one of ${allowed}`);
    }
    case 'invalid_union': {
      const allowed = 'note' in issue && issue.note === 'No matching discriminator' ? ' (free | cpc | cpm | cps | live | crm)' : '';
      return planIssue(path, 'invalid_value', `${label.zh}无效${allowed}`, `${label.en} is not valid${allowed}`);
    }
    case 'invalid_format':
      return planIssue(path, 'invalid_format', `${label.zh}格式不对：${issue.format === 'regex' ? '只能用小写字母、数字和下划线，字母开头' : issue.format}`, `${label.en} has the wrong format${issue.format === 'regex' ? ': lowercase letters, digits and _, starting with a letter (dates as YYYY-MM-DD)' : ''}`);
    default:
      return planIssue(path, issue.code, `${label.zh}无效：${issue.message}`, `${label.en} is not valid: ${issue.message}`);
  }
}

/** Checks that need the whole plan: unique ids, shares that add up, levers that match channels. */
export function checkPlan(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const seen = new Map<string, number>();
  plan.channels.forEach((ch, i) => {
    const first = seen.get(ch.id);
    if (first !== undefined) {
      issues.push(planIssue(`channels[${i}].id`, 'duplicate_id', `渠道编号“${ch.id}”重复（与 channels[${first}] 相同）`, `channel id "${ch.id}" is used twice (also channels[${first}])`));
    } else seen.set(ch.id, i);
  });

  const paid = plan.channels.filter((ch) => isPaid(ch.cost));
  if (paid.length > 0) {
    const sum = paid.reduce((acc, ch) => acc + (isPaid(ch.cost) ? ch.cost.share : 0), 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE) {
      issues.push(planIssue('channels', 'shares_sum', `付费渠道的流量占比合计为 ${pct(sum)}，应为 100%`, `the paid channels' shares sum to ${pct(sum)}; they must sum to 100%`));
    }
  }

  plan.channels.forEach((ch, i) => {
    if (isPaid(ch.cost) && ch.cost.share > 0 && ch.cvr === 0) {
      issues.push(planIssue(`channels[${i}].cvr`, 'too_small', '有流量占比的付费渠道，转化率必须大于 0%', 'a paid channel with a share must convert: conversion rate must be above 0%'));
    }
  });

  if (plan.period.start > plan.period.end) {
    issues.push(planIssue('period.end', 'period_order', '结束日期早于开始日期', 'the end date is before the start date'));
  }

  const { objective } = plan;
  if (objective.kind === 'channels') {
    const byId = new Map(plan.channels.map((ch) => [ch.id, ch]));
    for (const [lever, values] of [['spend', objective.spend], ['visitors', objective.visitors]] as const) {
      for (const id of Object.keys(values)) {
        const ch = byId.get(id);
        if (!ch) {
          issues.push(planIssue(`objective.${lever}.${id}`, 'unknown_channel', `没有编号为“${id}”的渠道`, `there is no channel with id "${id}"`));
        } else if (!isPaid(ch.cost) || isCommissionChannel(ch.cost) !== (lever === 'visitors')) {
          const want = !isPaid(ch.cost) ? { zh: '免费渠道没有投放杠杆', en: 'a free channel has no lever' } : lever === 'spend'
            ? { zh: '佣金渠道按访客数投放', en: 'a commission channel is driven by visitors' }
            : { zh: '该渠道按花费投放', en: 'this channel is driven by spend' };
          issues.push(planIssue(`objective.${lever}.${id}`, 'wrong_lever', want.zh, want.en));
        }
      }
    }
    for (const ch of paid) {
      const lever = isCommissionChannel(ch.cost) ? 'visitors' : 'spend';
      if (objective[lever][ch.id] === undefined) {
        issues.push(planIssue(`objective.${lever}.${ch.id}`, 'missing', `缺少渠道“${ch.id}”的${lever === 'spend' ? '花费' : '访客数'}`, `the ${lever} of channel "${ch.id}" is missing`));
      }
    }
  }

  if (plan.products) {
    const ids = new Set<string>();
    plan.products.forEach((p, i) => {
      if (ids.has(p.id)) issues.push(planIssue(`products[${i}].id`, 'duplicate_id', `商品编号“${p.id}”重复`, `product id "${p.id}" is used twice`));
      ids.add(p.id);
    });
    const sum = plan.products.reduce((acc, p) => acc + p.share, 0);
    if (plan.products.length > 0 && Math.abs(sum - 1) > SHARE_TOLERANCE) {
      issues.push(planIssue('products', 'shares_sum', `商品占比合计为 ${pct(sum)}，应为 100%`, `product shares sum to ${pct(sum)}; they must sum to 100%`));
    }
  }
  if (plan.weeks && plan.weeks.length > 0 && plan.weeks.every((w) => w.weight === 0)) {
    issues.push(planIssue('weeks', 'weights_zero', '所有周的权重都是 0', 'every week has weight 0'));
  }
  issues.push(...checkPlanV2(plan));
  issues.push(...checkCalendar(plan));
  return issues;
}

/** Fields whose value must stay above 0, so a range's low must too. */
const POSITIVE_FIELDS: ReadonlySet<string> = new Set(['aov', 'cpc', 'cpm', 'ctr', 'messagePrice', 'responseRate', 'beta', 'alpha', 'kappa', 'margin']);

/** The plan v2 checks: curves on channels that buy visitors, bounds in order, ranges around the base. */
function checkPlanV2(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  plan.channels.forEach((ch, i) => {
    if (ch.response && !isSpendBought(ch.cost)) {
      issues.push(planIssue(`channels[${i}].response`, 'curve_not_applicable',
        '响应曲线只适用于按花费买访客的渠道（CPC、CPM、CRM）；佣金渠道的花费跟随成交额，免费渠道没有花费',
        'a response curve applies only to channels that buy visitors with spend (cpc, cpm, crm): a commission channel\'s spend follows its GMV, a free channel has none'));
    }
    if (ch.bounds) {
      const { min, max } = ch.bounds;
      if (!isPaid(ch.cost)) {
        issues.push(planIssue(`channels[${i}].bounds`, 'bounds_not_applicable', '免费渠道没有花费，不能设置花费上下限', 'a free channel has no spend, so it cannot have spend bounds'));
      } else if (max !== undefined && min > max) {
        issues.push(planIssue(`channels[${i}].bounds.min`, 'bounds_order', `最低花费 ${min} 大于最高花费 ${max}`, `minimum spend ${min} is above maximum spend ${max}`));
      }
    }
  });
  if (plan.objective.kind === 'budget' && plan.channels.some((ch) => ch.response)) {
    issues.push(planIssue('objective', 'curve_budget_objective',
      '带响应曲线的计划不能直接按总预算正推：请用目标成交额或各渠道花费，或用 shopplan allocate --budget / shopplan seek',
      'a plan with response curves cannot be driven by a total budget directly: use a target or per-channel levers, or shopplan allocate --budget / shopplan seek'));
  }
  for (const [path, range] of Object.entries(plan.uncertainty ?? {})) {
    const at = `uncertainty.${path}`;
    const assumption = listAssumptions(plan).find((a) => a.path === path);
    if (!assumption || assumption.owner?.kind !== 'channel' || path.startsWith('objective.') || assumption.field === 'share') {
      issues.push(planIssue(at, 'unknown_path',
        `计划中没有可设不确定范围的假设“${path}”（可用渠道的转化率、客单价、点击单价等，如 channels.search.cvr）`,
        `the plan has no uncertain assumption "${path}" (use a channel's rate or price, e.g. channels.search.cvr)`));
      continue;
    }
    const { field, value: base } = assumption;
    if (range.low > base || range.high < base) {
      issues.push(planIssue(at, 'range_order', `${fieldLabel([field]).zh}的范围应满足 低值 ≤ 基准值 ${base} ≤ 高值（现为 ${range.low} – ${range.high}）`,
        `the range of ${fieldLabel([field]).en} must have low ≤ base ${base} ≤ high (it is ${range.low} – ${range.high})`));
    } else if (RATE_FIELDS.has(field) && range.high > (field === 'refundRate' ? 1 - 1e-12 : 1)) {
      issues.push(planIssue(`${at}.high`, 'too_big', `${fieldLabel([field]).zh}的高值不能大于 100%`, `the high of ${fieldLabel([field]).en} must be at most 100%`));
    } else if (POSITIVE_FIELDS.has(field) && !(range.low > 0)) {
      issues.push(planIssue(`${at}.low`, 'too_small', `${fieldLabel([field]).zh}的低值必须大于 0`, `the low of ${fieldLabel([field]).en} must be above 0`));
    }
  }
  return issues;
}

/**
 * Reads a plan document of any known version: migrates it, validates its
 * shape, and checks it as a whole. Never throws on bad input.
 * @example parsePlan(JSON.parse(text)) // { ok: true, plan } or { ok: false, issues }
 */
export function parsePlan(raw: unknown): PlanParseOutcome {
  const tooBig = guardInput(raw); if (tooBig.length > 0) return { ok: false, issues: tooBig };
  const migrated = migratePlan(raw);
  if (!migrated.ok) return migrated;
  const parsed = planSchema.safeParse(migrated.doc);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(fromZodIssue) };
  const issues = checkPlan(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan: parsed.data };
}

/**
 * Parses a plan from the text of a JSON file, reporting malformed JSON as an
 * issue (with the position the parser gave) instead of throwing.
 * @example parsePlanJson('{') // { ok: false, issues: [{ path: '(file)', code: 'malformed_json', ... }] }
 */
export function parsePlanJson(text: string): PlanParseOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [planIssue('(file)', 'malformed_json', `计划文件不是有效的 JSON：${detail}`, `the plan file is not valid JSON: ${detail}`)] };
  }
  return parsePlan(raw);
}
