import type { Lang, LocalizedText } from './localized.ts';

/** How a plan field's number reads: a rate (shown as %), money (¥), a count, or a plain ratio (a curve's shape). */
export type FieldUnit = 'rate' | 'money' | 'count' | 'ratio';

/** A number in a message, formatted by its unit in each language. */
export interface IssueNumber {
  value: number;
  unit: FieldUnit;
}

/**
 * One fact a message is made of. Strings are shown as they are (ids, paths,
 * quoted input); numbers as counts; a `LocalizedText` (a field's label) in
 * the message's language; an `IssueNumber` by its unit.
 */
export type IssueParam = string | number | boolean | LocalizedText | IssueNumber;

/** The named facts of one issue. */
export type IssueParams = Readonly<Record<string, IssueParam>>;

const LOCALE: Record<Lang, string> = { zh: 'zh-CN', en: 'en-US' };
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, unit: FieldUnit): Intl.NumberFormat {
  const key = `${lang}:${unit}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = LOCALE[lang];
    f = unit === 'rate'
      ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 6 })
      // money in yuan reads as a grouped number (1,200.5): the field's label already says it is money
      : new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A number as a planner reads it in messages, by `Intl.NumberFormat`
 * (zh-CN / en-US): rates as percentages, money and counts with grouping.
 * Non-finite numbers are spelled out rather than shown as NaN.
 * @example formatIssueNumber(0.025, 'rate', 'en') // '2.5%'
 */
export function formatIssueNumber(value: number, unit: FieldUnit, lang: Lang): string {
  if (Number.isNaN(value)) return lang === 'zh' ? '非数字' : 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? (lang === 'zh' ? '无穷大' : 'infinity') : (lang === 'zh' ? '负无穷大' : 'minus infinity');
  return formatter(lang, unit).format(value);
}

/**
 * What a planner wrote, for a message: text quoted, other values as JSON,
 * shortened, control characters escaped (a message never carries a
 * terminal escape).
 * @example quoteInput('0.03') // '"0.03"'
 */
export function quoteInput(value: unknown): string {
  const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (typeof value === 'string') return JSON.stringify(clip(value));
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // too deep to print: say so rather than fail
  }
  // JSON.stringify escapes control characters, so nothing raw reaches a terminal
  return json === undefined ? '…' : clip(json);
}

function isNumberParam(p: IssueParam): p is IssueNumber {
  return typeof p === 'object' && 'unit' in p;
}

function shown(p: IssueParam | undefined, lang: Lang): string {
  if (p === undefined) return '';
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return formatIssueNumber(p, 'count', lang);
  if (typeof p === 'boolean') return String(p);
  if (isNumberParam(p)) return formatIssueNumber(p.value, p.unit, lang);
  return p[lang];
}

/** Reads one parameter of an issue, formatted for the message's language. */
type Read = (name: string) => string;
type Template = (s: Read, p: IssueParams) => string;

const EXPECTED: Record<string, LocalizedText> = {
  number: { zh: '数字', en: 'number' },
  string: { zh: '文本', en: 'text' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  object: { zh: '对象（{…}）', en: 'object ({…})' },
  array: { zh: '列表（[…]）', en: 'list ([…])' },
  finite: { zh: '有限数字', en: 'finite number' },
  int: { zh: '整数', en: 'whole number' },
};

const KIND: Record<string, LocalizedText> = {
  channel: { zh: '渠道', en: 'channel' },
  product: { zh: '商品', en: 'product' },
  category: { zh: '类目', en: 'category' },
};

/** Why a promotion mechanic contradicts itself or the list price, per `why` of `mechanic_contradiction`. */
const MECHANIC_WHY: Record<string, { zh: Template; en: Template }> = {
  saveOverSpend: {
    zh: (s) => `满减“满${s('spend')}减${s('save')}”减去的不少于门槛本身，请检查两个数是否写反`,
    en: (s) => `spend-and-save "spend ${s('spend')}, save ${s('save')}" saves as much as the spend itself; are the two numbers swapped?`,
  },
  tiersOrder: {
    zh: (s) => `满减档位“满${s('spend')}减${s('save')}”应高于上一档“满${s('prevSpend')}减${s('prevSave')}”：门槛和减额都要逐档增加`,
    en: (s) => `the spend-and-save tier "spend ${s('spend')}, save ${s('save')}" must be above the one before ("spend ${s('prevSpend')}, save ${s('prevSave')}"): both the spend and the saving rise tier by tier`,
  },
  couponOverThreshold: {
    zh: (s) => `券面额 ${s('value')} 不低于使用门槛 ${s('threshold')}`,
    en: (s) => `the coupon value ${s('value')} is not below its threshold ${s('threshold')}`,
  },
  couponOverBasket: {
    zh: (s) => `无门槛券面额 ${s('value')} 不低于典型购买金额 ${s('basket')}`,
    en: (s) => `the no-threshold coupon's value ${s('value')} is not below the typical basket ${s('basket')}`,
  },
  multiBuy: {
    zh: (s) => `“${s('items')}件${s('total')}元”不比按原价买 ${s('items')} 件（${s('regular')}）便宜`,
    en: (s) => `"${s('items')} items for ${s('total')}" is no cheaper than ${s('items')} at the list price (${s('regular')})`,
  },
  priceCut: {
    zh: (s) => `直降后的价格 ${s('price')} 不低于原价 ${s('list')}`,
    en: (s) => `the cut price ${s('price')} is not below the list price ${s('list')}`,
  },
  group: {
    zh: (s) => `拼团价 ${s('price')} 不低于原价 ${s('list')}`,
    en: (s) => `the group price ${s('price')} is not below the list price ${s('list')}`,
  },
};

/**
 * The message catalog: every catalogued issue code with its Chinese and
 * English text, made of the issue's parameters. One place, so the two
 * languages say the same thing and library text never reaches a message.
 */
const CATALOG: Record<string, { zh: Template; en: Template }> = {
  missing: {
    zh: (s, p) => (p.owner !== undefined ? `缺少渠道“${s('owner')}”的${s('field')}` : `缺少${s('field')}`),
    en: (s, p) => (p.owner !== undefined ? `the ${s('field')} of channel "${s('owner')}" is missing` : `${s('field')} is missing`),
  },
  not_a_number: {
    zh: (s) => `${s('field')}必须是数字，而不是文本 ${s('got')}`,
    en: (s) => `${s('field')} must be a number, not text ${s('got')}`,
  },
  invalid_type: {
    zh: (s, p) => p.expected === 'finite' ? `${s('field')}必须是有限数字（现为 ${s('got')}）`
      : `${s('field')}应为${(EXPECTED[String(p.expected)] ?? EXPECTED.number!).zh}${p.got !== undefined ? `，而不是 ${s('got')}` : ''}`,
    en: (s, p) => p.expected === 'finite' ? `${s('field')} must be a finite number (it is ${s('got')})`
      : `${s('field')} must be a ${(EXPECTED[String(p.expected)] ?? EXPECTED.number!).en}${p.got !== undefined ? `, not ${s('got')}` : ''}`,
  },
  too_big: {
    zh: (s, p) => `${s('field')}${p.part === 'high' ? '的高值' : ''}${p.inclusive ? '不能大于' : '必须小于'} ${s('limit')}`,
    en: (s, p) => `${p.part === 'high' ? 'the high of ' : ''}${s('field')} must be ${p.inclusive ? 'at most' : 'below'} ${s('limit')}`,
  },
  too_small: {
    zh: (s, p) => p.origin === 'array' ? `${s('field')}至少需要 ${s('limit')} 项`
      : p.origin === 'string' ? `${s('field')}不能为空`
        : p.why === 'paid_share' ? `有流量占比的付费渠道，${s('field')}必须大于 ${s('limit')}`
          : `${s('field')}${p.part === 'low' ? '的低值' : ''}${p.inclusive ? '不能小于' : '必须大于'} ${s('limit')}`,
    en: (s, p) => p.origin === 'array' ? `${s('field')} needs at least ${s('limit')} item(s)`
      : p.origin === 'string' ? `${s('field')} must not be empty`
        : p.why === 'paid_share' ? `a paid channel with a share must convert: ${s('field')} must be above ${s('limit')}`
          : `${p.part === 'low' ? 'the low of ' : ''}${s('field')} must be ${p.inclusive ? 'at least' : 'above'} ${s('limit')}`,
  },
  unknown_field: { zh: (s) => `未知字段：${s('keys')}`, en: (s) => `unknown field(s): ${s('keys')}` },
  invalid_value: {
    zh: (s, p) => (p.allowed !== undefined ? `${s('field')}只能是 ${s('allowed')}` : `${s('field')}无效`) + (p.got !== undefined ? `（现为 ${s('got')}）` : ''),
    en: (s, p) => (p.allowed !== undefined ? `${s('field')} must be one of ${s('allowed')}` : `${s('field')} is not valid`) + (p.got !== undefined ? ` (it is ${s('got')})` : ''),
  },
  invalid_format: {
    zh: (s, p) => `${s('field')}格式不对：${p.format === 'id' ? '只能用小写字母、数字和下划线，字母开头' : p.format === 'date' ? '日期应写成 YYYY-MM-DD' : '请检查写法'}${p.got !== undefined ? `（现为 ${s('got')}）` : ''}`,
    en: (s, p) => `${s('field')} has the wrong format${p.format === 'id' ? ': lowercase letters, digits and _, starting with a letter' : p.format === 'date' ? ': dates as YYYY-MM-DD' : ''}${p.got !== undefined ? ` (it is ${s('got')})` : ''}`,
  },
  id_looks_like_cell: {
    zh: (s) => `${s('field')} ${s('got')} 看起来像单元格地址（如 a1、r1c1），请换一个`,
    en: (s) => `${s('field')} ${s('got')} looks like a cell address (such as a1 or r1c1); choose another`,
  },
  invalid: { zh: (s) => `${s('field')}无效`, en: (s) => `${s('field')} is not valid` },
  duplicate_id: {
    zh: (s, p) => `${(KIND[String(p.kind)] ?? KIND.channel!).zh}编号“${s('id')}”重复${p.first !== undefined ? `（与 ${s('first')} 相同）` : ''}`,
    en: (s, p) => `${(KIND[String(p.kind)] ?? KIND.channel!).en} id "${s('id')}" is used twice${p.first !== undefined ? ` (also ${s('first')})` : ''}`,
  },
  shares_sum: {
    zh: (s, p) => `${p.kind === 'product' ? '商品占比' : '付费渠道的流量占比'}合计为 ${s('sum')}，应为 100%`,
    en: (s, p) => `${p.kind === 'product' ? 'product shares' : "the paid channels' shares"} sum to ${s('sum')}; they must sum to 100%`,
  },
  period_order: { zh: () => '结束日期早于开始日期', en: () => 'the end date is before the start date' },
  unknown_channel: { zh: (s) => `没有编号为“${s('id')}”的渠道`, en: (s) => `there is no channel with id "${s('id')}"` },
  wrong_lever: {
    zh: (_s, p) => p.channel === 'free' ? '免费渠道没有投放杠杆' : p.channel === 'commission' ? '佣金渠道按访客数投放' : '该渠道按花费投放',
    en: (_s, p) => p.channel === 'free' ? 'a free channel has no lever' : p.channel === 'commission' ? 'a commission channel is driven by visitors' : 'this channel is driven by spend',
  },
  weights_zero: { zh: () => '所有周的权重都是 0', en: () => 'every week has weight 0' },
  curve_not_applicable: {
    zh: () => '响应曲线只适用于按花费买访客的渠道（CPC、CPM、CRM）；佣金渠道的花费跟随成交额，免费渠道没有花费',
    en: () => "a response curve applies only to channels that buy visitors with spend (cpc, cpm, crm): a commission channel's spend follows its GMV, a free channel has none",
  },
  bounds_not_applicable: {
    zh: () => '免费渠道没有花费，不能设置花费上下限',
    en: () => 'a free channel has no spend, so it cannot have spend bounds',
  },
  bounds_order: {
    zh: (s) => `最低花费 ${s('min')} 大于最高花费 ${s('max')}`,
    en: (s) => `minimum spend ${s('min')} is above maximum spend ${s('max')}`,
  },
  curve_budget_objective: {
    zh: () => '带响应曲线的计划不能直接按总预算正推：请用目标成交额或各渠道花费，或用 shopplan allocate --budget / shopplan seek',
    en: () => 'a plan with response curves cannot be driven by a total budget directly: use a target or per-channel levers, or shopplan allocate --budget / shopplan seek',
  },
  unknown_path: {
    zh: (s, p) => p.context === 'uncertainty'
      ? `计划中没有可设不确定范围的假设“${s('path')}”（可用渠道的转化率、客单价、点击单价等，如 channels.search.cvr）`
      : `计划中没有“${s('path')}”这一项`,
    en: (s, p) => p.context === 'uncertainty'
      ? `the plan has no uncertain assumption "${s('path')}" (use a channel's rate or price, e.g. channels.search.cvr)`
      : `the plan has no assumption "${s('path')}"`,
  },
  range_order: {
    zh: (s) => `${s('field')}的范围应满足 低值 ≤ 基准值 ${s('base')} ≤ 高值（现为 ${s('low')} – ${s('high')}）`,
    en: (s) => `the range of ${s('field')} must have low ≤ base ${s('base')} ≤ high (it is ${s('low')} – ${s('high')})`,
  },
  implausible: {
    zh: (s) => `${s('field')}为 ${s('value')}，超出常见范围 ${s('min')} – ${s('max')}，请确认`,
    en: (s) => `${s('field')} of ${s('value')} is outside the usual ${s('min')} – ${s('max')}; please check it`,
  },
  malformed_json: {
    zh: (s, p) => `计划文件不是有效的 JSON${p.line !== undefined ? `（第 ${s('line')} 行第 ${s('column')} 列附近）` : ''}`,
    en: (s, p) => `the plan file is not valid JSON${p.line !== undefined ? ` (near line ${s('line')}, column ${s('column')})` : ''}${p.detail !== undefined ? `: ${s('detail')}` : ''}`,
  },
  not_object: { zh: () => '计划文件必须是一个 JSON 对象', en: () => 'the plan file must be a JSON object' },
  unknown_version: {
    zh: (s, p) => `${p.got === undefined ? '缺少计划版本' : `未知的计划版本 ${s('got')}`}：本版 shopplan 读取版本 1 至 ${s('latest')}`,
    en: (s, p) => `${p.got === undefined ? 'the plan version is missing' : `unknown plan version ${s('got')}`}: this shopplan reads versions 1 to ${s('latest')}`,
  },
  no_migration: { zh: (s) => `无法从版本 ${s('from')} 迁移`, en: (s) => `no migration from version ${s('from')}` },
  // plan v4's product calendar; the product or category is named by the `subject` prefix
  unknown_category: { zh: (s) => `没有编号为“${s('id')}”的类目`, en: (s) => `there is no category with id "${s('id')}"` },
  category_cycle: {
    zh: (s) => `上级类目绕成了环（${s('chain')}）`,
    en: (s) => `its parent categories go round in a circle (${s('chain')})`,
  },
  category_depth: {
    zh: (s) => `位于第 ${s('depth')} 级（${s('chain')}），类目最多 ${s('max')} 级`,
    en: (s) => `is at level ${s('depth')} (${s('chain')}); categories go at most ${s('max')} levels deep`,
  },
  lead_time_over_year: {
    zh: (s) => `${s('field')} ${s('got')} 超过一年（最多 ${s('limit')} 个工作日）`,
    en: (s) => `${s('field')} of ${s('got')} is longer than a year (at most ${s('limit')} working days)`,
  },
  lifecycle_order: {
    zh: (s) => `${s('stage')} ${s('date')} 必须晚于${s('before')} ${s('beforeDate')}`,
    en: (s) => `the ${s('stage')} ${s('date')} must come after the ${s('before')} ${s('beforeDate')}`,
  },
  season_order: {
    zh: (s) => `季节窗口的结束日期 ${s('end')} 早于开始日期 ${s('start')}`,
    en: (s) => `the season window ends (${s('end')}) before it starts (${s('start')})`,
  },
  season_outside_period: {
    zh: (s) => `季节窗口 ${s('start')} 至 ${s('end')} 完全在计划周期 ${s('periodStart')} 至 ${s('periodEnd')} 之外，商品永远不会在售`,
    en: (s) => `the season window ${s('start')} to ${s('end')} lies wholly outside the plan's period ${s('periodStart')} to ${s('periodEnd')}, so the product is never on sale`,
  },
  unknown_activity: {
    zh: (s) => `促销所参加的活动“${s('id')}”不在计划的活动列表中`,
    en: (s) => `the promotion joins activity "${s('id')}", which is not among the plan's activities`,
  },
  duplicate_promotion: {
    zh: (s) => `活动“${s('id')}”的促销写了两次（与 ${s('first')} 相同）`,
    en: (s) => `has two promotions for activity "${s('id')}" (also ${s('first')})`,
  },
  promo_price_above_list: {
    zh: (s) => `活动价 ${s('promoPrice')} 高于原价 ${s('price')}`,
    en: (s) => `the promotional price ${s('promoPrice')} is above the list price ${s('price')}`,
  },
  mechanic_contradiction: {
    zh: (s, p) => (MECHANIC_WHY[String(p.why)]?.zh ?? (() => `促销玩法的参数互相矛盾`))(s, p),
    en: (s, p) => (MECHANIC_WHY[String(p.why)]?.en ?? (() => `the promotion mechanic's numbers contradict each other`))(s, p),
  },
};

/** True when the catalog has a message for this code. */
export function hasMessage(code: string): boolean {
  return Object.hasOwn(CATALOG, code);
}

/** Every code the catalog renders (for tests and documentation). */
export function messageCodes(): string[] {
  return Object.keys(CATALOG);
}

/**
 * Renders the message of an issue code with its parameters, in zh and en.
 * An unknown code still gives a readable message naming the code.
 * @example renderMessage('missing', { field: { zh: '转化率', en: 'conversion rate' } }).en // 'conversion rate is missing'
 */
export function renderMessage(code: string, params: IssueParams): LocalizedText {
  const entry = Object.hasOwn(CATALOG, code) ? CATALOG[code] : undefined;
  const render = (lang: Lang): string => {
    const read: Read = (name) => shown(params[name], lang);
    // a record's issues (a product's, a category's) begin by naming the record
    const subject = params.subject !== undefined ? `${read('subject')}${lang === 'zh' ? '：' : ': '}` : '';
    if (entry) return subject + entry[lang](read, params);
    return lang === 'zh' ? `计划有问题（${code}）` : `problem in the plan (${code})`;
  };
  return { zh: render('zh'), en: render('en') };
}
