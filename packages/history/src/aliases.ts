/**
 * THE header alias table (issue 14): the column names operators' analytics
 * exports use, mapped to a history row's fields. Matching ignores case,
 * spaces, underscores and hyphens, so `Add to cart`, `add_to_cart` and
 * `ADD-TO-CART` are one name. A column whose header is not listed here is
 * ignored and shown as ignored in the header mapping, never guessed.
 *
 * | field | headers |
 * |---|---|
 * | date (required) | 日期, 统计日期, date, day |
 * | channel (required) | 渠道, 流量来源, 渠道名称, channel, source |
 * | spend | 花费, 消耗, 推广花费, spend, cost |
 * | impressions | 展现量, 曝光量, impressions |
 * | clicks | 点击量, 点击数, clicks |
 * | visitors (required) | 访客数, UV, visitors, sessions |
 * | addToCart | 加购人数, 加购数, add_to_cart, add to cart |
 * | orders (required) | 支付买家数, 成交订单数, 订单数, orders |
 * | gmv (required) | 支付金额, 成交金额, gmv, revenue |
 * | refunds | 退款金额, refunds |
 */

/** A history row's fields, as the alias table maps headers to them. */
export type HistoryField = 'date' | 'channel' | 'spend' | 'impressions' | 'clicks' | 'visitors' | 'addToCart' | 'orders' | 'gmv' | 'refunds';

/** Fields every history file must have. */
export const REQUIRED_FIELDS: readonly HistoryField[] = ['date', 'channel', 'visitors', 'orders', 'gmv'];
/** Numeric fields, in file order. */
export const NUMBER_FIELDS = ['spend', 'impressions', 'clicks', 'visitors', 'addToCart', 'orders', 'gmv', 'refunds'] as const;
/** A numeric field. */
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** Field names as messages show them. */
export const FIELD_NAMES: Readonly<Record<HistoryField, { zh: string; en: string }>> = {
  date: { zh: '日期', en: 'date' },
  channel: { zh: '渠道', en: 'channel' },
  spend: { zh: '花费', en: 'spend' },
  impressions: { zh: '展现量', en: 'impressions' },
  clicks: { zh: '点击量', en: 'clicks' },
  visitors: { zh: '访客数', en: 'visitors' },
  addToCart: { zh: '加购人数', en: 'add-to-cart' },
  orders: { zh: '支付买家数', en: 'orders' },
  gmv: { zh: '支付金额', en: 'GMV' },
  refunds: { zh: '退款金额', en: 'refunds' },
};

/** The alias table: header (normalised) → field. */
export const HEADER_ALIASES: Readonly<Record<HistoryField, readonly string[]>> = {
  date: ['日期', '统计日期', 'date', 'day'],
  channel: ['渠道', '流量来源', '渠道名称', 'channel', 'source'],
  spend: ['花费', '消耗', '推广花费', 'spend', 'cost'],
  impressions: ['展现量', '曝光量', 'impressions'],
  clicks: ['点击量', '点击数', 'clicks'],
  visitors: ['访客数', 'uv', 'visitors', 'sessions'],
  addToCart: ['加购人数', '加购数', 'add_to_cart', 'addtocart'],
  orders: ['支付买家数', '成交订单数', '订单数', 'orders'],
  gmv: ['支付金额', '成交金额', 'gmv', 'revenue'],
  refunds: ['退款金额', 'refunds'],
};

/** A header as the alias table compares it: lower case, without spaces, underscores or hyphens. */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-]+/g, '');
}

const LOOKUP = new Map<string, HistoryField>();
for (const [field, names] of Object.entries(HEADER_ALIASES) as [HistoryField, readonly string[]][]) {
  for (const name of names) LOOKUP.set(normaliseHeader(name), field);
}

/** The field a header names, or null when the alias table does not list it. */
export function fieldOfHeader(header: string): HistoryField | null {
  return LOOKUP.get(normaliseHeader(header)) ?? null;
}
