import { useMemo } from 'react';
import type { PlanResult } from '@shopplan/engine';
import { isPaid, type Lang, type Plan } from '@shopplan/schema';
import { ChannelFunnel, ResponseCurve, ScenarioComparisonChart, type FunnelData, type ResponseCurveSeries } from '../charts/index.ts';
import type { PageSnapshot } from '../session/controller.ts';

/** The funnels of a plan's channels, from the engine's figures. */
export function funnelsOf(plan: Plan, result: PlanResult, lang: Lang): FunnelData[] {
  return result.channels.map((r) => {
    const ch = plan.channels.find((c) => c.id === r.id);
    const addToCart = ch?.addToCartRate !== undefined ? r.visitors * ch.addToCartRate : null;
    return { id: r.id, label: ch?.name[lang] ?? r.id, impressions: r.impressions, clicks: r.clicks, visitors: r.visitors, addToCart, orders: r.orders };
  });
}

/**
 * The spend → GMV curve of each paid channel with the plan's chosen point:
 * the channel's Hill curve when the plan has one, else the straight line
 * through the engine's own figures (visitors bought per yuan at the chosen spend).
 */
export function responseCurvesOf(plan: Plan, result: PlanResult, lang: Lang): ResponseCurveSeries[] {
  const out: ResponseCurveSeries[] = [];
  for (const r of result.channels) {
    const ch = plan.channels.find((c) => c.id === r.id);
    if (!ch || !isPaid(ch.cost) || !(r.spend > 0) || !(r.visitors > 0)) continue;
    const response = (ch as { response?: { beta: number; alpha: number; kappa: number } }).response;
    const curve = response ? { kind: 'hill' as const, beta: response.beta, alpha: response.alpha, kappa: response.kappa } : { kind: 'linear' as const, perYuan: r.visitors / r.spend };
    out.push({ id: r.id, label: ch.name[lang], curve, chosenSpend: r.spend, valuePerResponse: r.gmv / r.visitors });
  }
  return out;
}

/** Scenarios side by side on GMV, spend and ROI. */
export function ScenarioChart({ snap, height }: { snap: PageSnapshot; height?: number }) {
  const { session } = snap;
  const lang = session.lang;
  const scenarios = useMemo(
    () => session.scenarios.map((s) => {
      const total = snap.figures[s.id]?.result?.total;
      return { id: s.id, name: s.name[lang], gmv: total?.gmv ?? null, spend: total?.spend ?? null, roi: total?.roi ?? null };
    }),
    [session.scenarios, snap.figures, lang],
  );
  return <ScenarioComparisonChart testId="chart-scenarios" scenarios={scenarios} lang={lang} baselineId={session.baselineScenarioId} height={height ?? 320} />;
}

/** The funnel of the scenario in front. */
export function FunnelChart({ plan, result, lang }: { plan: Plan; result: PlanResult; lang: Lang }) {
  const funnels = useMemo(() => funnelsOf(plan, result, lang), [plan, result, lang]);
  return <ChannelFunnel testId="chart-funnel" funnels={funnels} lang={lang} height={360} />;
}

/** Spend → GMV curves of the scenario in front. */
export function ResponseChart({ plan, result, lang }: { plan: Plan; result: PlanResult; lang: Lang }) {
  const curves = useMemo(() => responseCurvesOf(plan, result, lang), [plan, result, lang]);
  return <ResponseCurve testId="chart-response" curves={curves} yUnit="money" lang={lang} height={360} />;
}
