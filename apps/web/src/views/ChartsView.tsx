import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { activeScenario } from '../session/session-store.ts';
import { t } from '../i18n/index.ts';
import { FunnelChart, ResponseChart, ScenarioChart } from './chart-adapters.tsx';

/** Charts of the scenario in front: the channel funnel, spend → GMV curves, and the scenarios side by side. */
export function ChartsView({ snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const scenario = activeScenario(snap.session);
  const result = snap.figures[scenario.id]?.result;
  if (!result) return <section className="panel"><p>{t('loading', lang)}</p></section>;
  return (
    <div className="charts-view">
      <div className="charts">
        <section className="panel">
          <h2>{t('funnel', lang)} · {scenario.name[lang]}</h2>
          <FunnelChart plan={scenario.plan} result={result} lang={lang} />
        </section>
        <section className="panel">
          <h2>{t('responseCurve', lang)}</h2>
          <ResponseChart plan={scenario.plan} result={result} lang={lang} />
          <p className="hint">
            {lang === 'zh'
              ? '有饱和曲线（Hill）的渠道按曲线画；其他渠道按当前单访客成本画直线。圆点是计划选定的花费。'
              : 'Channels with a Hill curve follow it; others are straight lines at their current cost per visitor. The dot is the plan’s chosen spend.'}
          </p>
        </section>
      </div>
      <section className="panel">
        <h2>{t('scenarioChart', lang)}</h2>
        <ScenarioChart snap={snap} />
      </section>
    </div>
  );
}
