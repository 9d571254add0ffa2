import { parseArgs } from 'node:util';
import { parseIsoDate, ProductPlan, type ProductAlert, type ProductOrder, type ProductPlanDocument, type ProductStatus, type ProductWeekFigures } from '@shopplan/engine';
import type { Lang, Plan } from '@shopplan/schema';
import { formatNumber, renderTable, totalLabel } from '../format.ts';
import { EXIT, resolveLang, UsageError, type CliIo } from '../io.ts';
import { printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';

/** The `--json` shape of `shopplan products`: a public interface, exactly as named in issue 12. */
export function productsJson(week: string, rows: readonly ProductWeekFigures[], total: { revenue: number; units: number }): unknown {
  return {
    week,
    products: rows.map((r) => ({
      id: r.id,
      status: r.status,
      activity: r.activity,
      promoPrice: r.promoPrice,
      units: r.units,
      revenue: r.revenue,
      grossMargin: r.grossMargin,
      stock: r.stock,
      safetyStock: r.safetyStock,
      orderQuantity: r.orderQuantity,
      orderBy: r.orderBy,
    })),
    total: { revenue: total.revenue, units: total.units },
  };
}

/** The `--json` shape of `shopplan reorders`: a public interface, exactly as named in issue 12. */
export function reordersJson(orders: readonly ProductOrder[], alerts: readonly ProductAlert[]): unknown {
  return {
    orders: orders.map((o) => ({ product: o.product, quantity: o.quantity, orderBy: o.orderBy, neededWeek: o.neededWeek, leadDays: o.leadDays })),
    alerts: alerts.map((a) => ({ product: a.product, code: a.code, week: a.week, message: { zh: a.message.zh, en: a.message.en } })),
  };
}

const STATUS_NAMES: Record<ProductStatus, Record<Lang, string>> = {
  off: { zh: '未在售', en: 'off sale' },
  launch: { zh: '上市', en: 'launch' },
  growth: { zh: '成长', en: 'growth' },
  maturity: { zh: '成熟', en: 'maturity' },
  decline: { zh: '衰退', en: 'decline' },
};

/**
 * The week `--week` names: a week number (1 = the plan's first week) or a
 * date (YYYY-MM-DD) inside one of the plan's weeks. Anything else, or a
 * week outside the plan, is a usage error (exit 2).
 */
export function resolveWeek(flag: string, starts: readonly string[], spans: ReadonlyArray<{ first: string; last: string }>): number {
  if (/^\d+$/.test(flag)) {
    const n = Number(flag);
    if (n >= 1 && n <= starts.length) return n - 1;
    throw new UsageError(`--week ${flag} is not a week of the plan: weeks are numbered 1 to ${starts.length}`);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(flag)) {
    if (parseIsoDate(flag) === null) throw new UsageError(`--week ${flag} is not a date of the calendar`);
    const at = spans.findIndex((s) => s.first <= flag && flag <= s.last);
    if (at >= 0) return at;
    throw new UsageError(`--week ${flag} falls in none of the plan's weeks (${starts[0]} to ${spans[spans.length - 1]?.last ?? ''})`);
  }
  throw new UsageError(`--week must be a week number (1 to ${starts.length}) or a date (YYYY-MM-DD), not "${flag}"`);
}

function spansOf(plan: ProductPlan): Array<{ first: string; last: string }> {
  const starts = plan.weekStarts;
  const DAY = 86_400_000;
  return starts.map((s, i) => {
    const first = Date.parse(`${s}T00:00:00Z`);
    const next = starts.map((x) => Date.parse(`${x}T00:00:00Z`)).filter((x) => x > first).reduce((a, b) => Math.min(a, b), first + 7 * DAY);
    return { first: s, last: new Date(Math.min(next, first + 7 * DAY) - DAY).toISOString().slice(0, 10) };
  });
}

/** Today as the process's clock has it (UTC), unless the caller pinned it. */
function today(io: CliIo): string {
  return io.today ?? new Date().toISOString().slice(0, 10);
}

/** Reads, validates and builds the product plan; prints the issues and returns null when it cannot. */
function buildProductPlan(path: string | undefined, lang: Lang, io: CliIo): { plan: Plan; model: ProductPlan } | null {
  const read = readPlanFile(path, io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return null;
  }
  const built = ProductPlan.build(read.plan as ProductPlanDocument, { asOf: today(io) });
  if (!built.ok) {
    printIssues(built.issues, lang, io);
    return null;
  }
  return { plan: read.plan, model: built.plan };
}

/** The products of one week as a table, with a total row. */
export function productsTable(plan: Plan, model: ProductPlan, week: number, lang: Lang): string {
  const zh = lang === 'zh';
  const names = new Map((plan.products ?? []).map((p) => [p.id, p.name[lang]]));
  const activities = new Map((plan.activities ?? []).map((a) => [a.id, a.name[lang]]));
  const header = zh
    ? ['商品', '状态', '活动', '促销价', '件数', '成交额', '毛利', '期末库存', '安全库存', '订货量', '最晚下单日']
    : ['product', 'status', 'activity', 'price', 'units', 'revenue', 'gross margin', 'stock', 'safety stock', 'order', 'order by'];
  const rows = model.weekProducts(week).map((r) => [
    `${r.id} ${names.get(r.id) ?? ''}`.trim(),
    STATUS_NAMES[r.status][lang],
    r.activity === null ? '' : activities.get(r.activity) ?? r.activity,
    formatNumber(r.promoPrice, 2),
    formatNumber(r.units, 1),
    formatNumber(r.revenue, 2),
    formatNumber(r.grossMargin, 2),
    formatNumber(r.stock, 1),
    formatNumber(r.safetyStock, 1),
    r.orderQuantity > 0 ? formatNumber(r.orderQuantity, 0) : '',
    r.orderBy ?? '',
  ]);
  const total = model.totals(week);
  rows.push([totalLabel(lang), '', '', '', formatNumber(total.units, 1), formatNumber(total.revenue, 2), formatNumber(total.grossMargin, 2), '', '', '', '']);
  const start = model.weekStarts[week] ?? '';
  const title = zh
    ? `${plan.name.zh} · 第 ${week + 1} 周（${start} 起）· 本周成交额 ¥${formatNumber(model.weekGmv()[week] ?? 0, 2)}`
    : `${plan.name.en} · week ${week + 1} (from ${start}) · the week's GMV ¥${formatNumber(model.weekGmv()[week] ?? 0, 2)}`;
  return `${title}\n\n${renderTable(header, rows)}`;
}

/** The orders and alerts as two tables. */
export function reordersTable(plan: Plan, model: ProductPlan, lang: Lang): string {
  const zh = lang === 'zh';
  const orders = model.orders();
  const alerts = model.alerts();
  const orderHeader = zh ? ['商品', '订货量', '最晚下单日', '到货周', '交期（工作日）'] : ['product', 'quantity', 'order by', 'needed week', 'lead days'];
  const orderRows = orders.map((o) => [o.product, formatNumber(o.quantity, 0), o.orderBy, o.neededWeek, String(o.leadDays)]);
  const alertHeader = zh ? ['商品', '提醒', '周'] : ['product', 'alert', 'week'];
  const alertRows = alerts.map((a) => [a.product, a.message[lang], a.week]);
  const asOf = model.asOf ?? '';
  const lines = [
    zh ? `${plan.name.zh} · 补货计划（以 ${asOf} 为今天）` : `${plan.name.en} · reorders (as of ${asOf})`,
    '',
    orders.length > 0 ? renderTable(orderHeader, orderRows) : zh ? '无需订货。' : 'Nothing to order.',
    '',
    alerts.length > 0 ? renderTable(alertHeader, alertRows) : zh ? '没有提醒。' : 'No alerts.',
  ];
  return lines.join('\n');
}

/** `shopplan products PLAN [--week W] [--json] [--lang zh|en]` */
export function products(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { week: { type: 'string' }, json: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const lang = resolveLang(values.lang, io.env);
  onePlanPath(positionals);
  if (values.week !== undefined && values.week.trim() === '') throw new UsageError('--week needs a week number or a date');
  const built = buildProductPlan(positionals[0], lang, io);
  if (!built) return EXIT.invalidPlan;
  const { plan, model } = built;
  try {
    const spans = spansOf(model);
    // without --week: the week that holds today, else the plan's first week
    const week = values.week !== undefined
      ? resolveWeek(values.week, model.weekStarts, spans)
      : Math.max(0, spans.findIndex((s) => s.first <= today(io) && today(io) <= s.last));
    if (values.json) {
      const total = model.totals(week);
      io.out(JSON.stringify(productsJson(model.weekStarts[week]!, model.weekProducts(week), { revenue: total.revenue, units: total.units }), null, 2));
    } else io.out(productsTable(plan, model, week, lang));
    return EXIT.ok;
  } finally {
    model.dispose();
  }
}

/** `shopplan reorders PLAN [--json] [--lang zh|en]` */
export function reorders(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const lang = resolveLang(values.lang, io.env);
  onePlanPath(positionals);
  const built = buildProductPlan(positionals[0], lang, io);
  if (!built) return EXIT.invalidPlan;
  const { plan, model } = built;
  try {
    io.out(values.json ? JSON.stringify(reordersJson(model.orders(), model.alerts()), null, 2) : reordersTable(plan, model, lang));
    return EXIT.ok;
  } finally {
    model.dispose();
  }
}
