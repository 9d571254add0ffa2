import { parseArgs } from 'node:util';
import { PlanModel, type PlanResult } from '@shopplan/engine';
import type { Lang, Plan } from '@shopplan/schema';
import { formatNumber, renderTable, totalLabel } from '../format.ts';
import { EXIT, resolveLang, type CliIo } from '../io.ts';
import { printIssues, readPlanFile, onePlanPath } from '../plan-file.ts';

/** The `--json` shape of `shopplan compute`: a public interface, keep it as named. */
export function computeJson(result: PlanResult): unknown {
  return {
    channels: result.channels.map((c) => ({
      id: c.id,
      visitors: c.visitors,
      clicks: c.clicks,
      impressions: c.impressions,
      orders: c.orders,
      gmv: c.gmv,
      spend: c.spend,
      roi: c.roi,
      costPerOrder: c.costPerOrder,
      visitorValue: c.visitorValue,
    })),
    total: {
      visitors: result.total.visitors,
      orders: result.total.orders,
      gmv: result.total.gmv,
      spend: result.total.spend,
      roi: result.total.roi,
    },
  };
}

const HEADERS: Record<Lang, string[]> = {
  zh: ['渠道', '访客数', '点击量', '展现量', '订单数', '成交额', '花费', '投产比', '单笔订单成本', 'UV价值'],
  en: ['channel', 'visitors', 'clicks', 'impressions', 'orders', 'GMV', 'spend', 'ROI', 'cost/order', 'visitor value'],
};

/** The channel table as DOMAIN.md prints it: money to the cent, ROI to 4 decimals. */
export function channelTable(plan: Plan, result: PlanResult, lang: Lang): string {
  const rows = result.channels.map((c, i) => [
    plan.channels[i]?.name[lang] ?? c.id,
    formatNumber(c.visitors, 2),
    formatNumber(c.clicks, 2),
    formatNumber(c.impressions, 2),
    formatNumber(c.orders, 2),
    formatNumber(c.gmv, 2),
    formatNumber(c.spend, 2),
    formatNumber(c.roi, 4),
    formatNumber(c.costPerOrder, 2),
    formatNumber(c.visitorValue, 2),
  ]);
  const t = result.total;
  rows.push([totalLabel(lang), formatNumber(t.visitors, 2), '', '', formatNumber(t.orders, 2), formatNumber(t.gmv, 2), formatNumber(t.spend, 2), formatNumber(t.roi, 4), '', '']);
  const title = `${plan.name[lang]} · ${plan.shop} · ${plan.period.start} – ${plan.period.end}`;
  return `${title}\n\n${renderTable(HEADERS[lang], rows)}`;
}

/** `shopplan compute PLAN [--json] [--lang zh|en]` */
export function compute(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string' } },
  });
  const lang = resolveLang(values.lang, io.env);
  const read = readPlanFile(onePlanPath(positionals), io);
  if (!read.ok) {
    printIssues(read.issues, lang, io);
    return EXIT.invalidPlan;
  }
  const model = PlanModel.build(read.plan, { days: 'never' });
  try {
    const result = model.result();
    if (result.issues.length > 0) {
      printIssues(result.issues, lang, io);
      return EXIT.invalidPlan;
    }
    io.out(values.json ? JSON.stringify(computeJson(result), null, 2) : channelTable(read.plan, result, lang));
    return EXIT.ok;
  } finally {
    model.dispose();
  }
}
