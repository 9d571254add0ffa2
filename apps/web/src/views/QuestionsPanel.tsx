import { lazy, Suspense, useState } from 'react';
import type { RiskResult } from '@shopplan/engine';
import { FIELD_LABELS, isPaid, type Lang, type Plan } from '@shopplan/schema';
import { formatNumber, parseNumberInput } from '../number/index.ts';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { activeScenario } from '../session/session-store.ts';
import { readPlanValue } from '../session/plan-edit.ts';
import { t } from '../i18n/index.ts';
import { pathLabel } from './plan-grids.ts';
import { implausibleAnswer, plannerNumber } from './builder/plausible.ts';

// ECharts arrives with the first risk answer, not with the plan view.
const RiskDistribution = lazy(() => import('../charts/RiskDistribution.tsx').then((m) => ({ default: m.RiskDistribution })));

/** Drivers goal seek can move, as planners name them. */
const SEEK_FIELDS = ['cvr', 'aov', 'cpc', 'cpm', 'ctr', 'commission', 'share'];

/** The goal seek drivers of a plan: each paid channel's seekable fields, then the total budget. */
export function seekDrivers(plan: Plan, lang: Lang): Array<{ path: string; label: string }> {
  const out: Array<{ path: string; label: string }> = [];
  for (const ch of plan.channels) {
    if (!isPaid(ch.cost)) continue;
    for (const f of SEEK_FIELDS) {
      const path = `channels.${ch.id}.${f}`;
      if (readPlanValue(plan, path) !== undefined) out.push({ path, label: `${ch.name[lang]} · ${(FIELD_LABELS[f] ?? { zh: f, en: f })[lang]}` });
    }
  }
  out.push({ path: 'budget', label: lang === 'zh' ? '总预算' : 'Total budget' });
  return out;
}

function unitOfDriver(path: string): 'rate' | 'money' {
  const field = path.split('.').pop() ?? '';
  return ['cvr', 'ctr', 'commission', 'share'].includes(field) ? 'rate' : 'money';
}

/**
 * The planner's questions (issue 5): goal seek and budget allocation each
 * create a NEW scenario with the answer (the plan in front is never edited
 * silently); risk opens a panel with the distribution of outcomes.
 */
export function QuestionsPanel({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const scenario = activeScenario(snap.session);
  const plan = scenario.plan;
  const total = snap.figures[scenario.id]?.result?.total;
  const drivers = seekDrivers(plan, lang);
  const [driver, setDriver] = useState(drivers[0]?.path ?? 'budget');
  // null: the planner has not typed a budget, the field shows (and uses) 90% of today's spend
  const [budgetText, setBudgetText] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [risk, setRisk] = useState<RiskResult | null>(null);
  const budgetDefault = total ? Math.round(total.spend * 0.9) : 0;
  const budget = (): number | undefined => {
    if (budgetText === null) return budgetDefault || undefined;
    const parsed = parseNumberInput(budgetText, 'money');
    if (!parsed.ok) {
      controller.notify({ kind: 'error', cause: 'question', title: parsed.message });
      return undefined;
    }
    return parsed.value;
  };
  const driverLabel = drivers.find((d) => d.path === driver)?.label ?? driver;
  const hasTarget = plan.objective.kind === 'target';

  const run = async (kind: string, job: () => Promise<void>) => {
    setBusy(kind);
    // An earlier question's error is about that question: asking again answers or replaces it.
    controller.resolveNotice('question');
    try {
      await job();
    } catch (error) {
      controller.notify({ kind: 'error', cause: 'question', title: { zh: `计算失败：${String(error)}`, en: `The question failed: ${String(error)}` } });
    } finally {
      setBusy(null);
    }
  };

  const seek = () => run('seek', async () => {
    const b = budget();
    if (b === undefined) return;
    const outcome = await controller.ask((client, id) => client.goalSeek(id, driver === 'budget' ? { driver } : { driver, budget: b }));
    if (!outcome.ok) {
      controller.notify({ kind: 'error', cause: 'question', title: { zh: '无法求解', en: 'Goal seek cannot run' }, issues: outcome.issues });
      return;
    }
    const r = outcome.result;
    if (!r.reachable || !r.plan || r.value === null) {
      controller.notify({
        kind: 'error',
        cause: 'question',
        title: {
          zh: `在预算 ${formatNumber(b, 'money', 'zh')} 内，调整“${driverLabel}”达不到目标；最多可达成交额 ${formatNumber(r.gmv, 'money', 'zh')}`,
          en: `Within a budget of ${formatNumber(b, 'money', 'en')}, no value of “${driverLabel}” reaches the target; the best reachable GMV is ${formatNumber(r.gmv, 'money', 'en')}`,
        },
        issues: r.issues,
      });
      return;
    }
    const shown = plannerNumber(r.value, driver === 'budget' ? 'money' : unitOfDriver(driver), lang);
    await controller.addScenario(r.plan, { zh: `求解：${driverLabel}=${shown}`, en: `Seek: ${driverLabel} = ${shown}` }, `goal-seek:${driver}`);
    // A valid but implausible answer (a CVR of 68%) is said so, with the change from the base.
    const odd = driver === 'budget' ? undefined : { zh: implausibleAnswer(driver, readPlanValue(plan, driver), r.value, 'zh'), en: implausibleAnswer(driver, readPlanValue(plan, driver), r.value, 'en') };
    if (odd?.zh && odd.en) controller.notify({ kind: 'error', cause: 'question', title: { zh: `求解结果不太现实：${odd.zh}。已作为新方案加入，请核对。`, en: `The answer is implausible: ${odd.en}. It was added as a new scenario; check it.` } });
  });

  const allocate = () => run('allocate', async () => {
    const b = budget();
    if (b === undefined) return;
    const outcome = await controller.ask((client, id) => client.allocate(id, { budget: b }));
    if (!outcome.ok) {
      controller.notify({ kind: 'error', cause: 'question', title: { zh: '无法分配预算', en: 'The budget cannot be allocated' }, issues: outcome.issues });
      return;
    }
    const label = formatNumber(b, 'money', 'zh');
    await controller.addScenario(outcome.result.plan, { zh: `预算分配 ${label}`, en: `Allocation ${formatNumber(b, 'money', 'en')}` }, 'allocation');
  });

  const simulate = () => run('risk', async () => {
    const outcome = await controller.ask((client, id) => client.risk(id, { draws: 2000, seed: 1 }));
    if (!outcome.ok) {
      controller.notify({ kind: 'error', cause: 'question', title: { zh: '无法模拟风险', en: 'The risk cannot be simulated' }, issues: outcome.issues });
      return;
    }
    setRisk(outcome.result);
  });

  return (
    <section className="panel questions" data-testid="questions">
      <h2>{t('questions', lang)}</h2>
      <div className="question-row">
        <label>
          {lang === 'zh' ? '调整' : 'Driver'}
          <select value={driver} onChange={(e) => setDriver(e.target.value)} data-testid="seek-driver">
            {drivers.map((d) => <option key={d.path} value={d.path}>{d.label}</option>)}
          </select>
        </label>
        <label>
          {lang === 'zh' ? '预算' : 'Budget'}
          <input data-testid="seek-budget" value={budgetText ?? formatNumber(budgetDefault, 'money', lang, { compact: false })} onChange={(e) => setBudgetText(e.target.value)} size={12} />
        </label>
      </div>
      <div className="question-buttons">
        <button type="button" data-testid="goal-seek" disabled={snap.readOnly || busy !== null || !hasTarget} onClick={() => void seek()} title={hasTarget ? '' : (lang === 'zh' ? '需要目标成交额' : 'needs a target GMV')}>{busy === 'seek' ? '…' : t('goalSeek', lang)}</button>
        <button type="button" data-testid="allocate" disabled={snap.readOnly || busy !== null} onClick={() => void allocate()}>{busy === 'allocate' ? '…' : t('allocate', lang)}</button>
        <button type="button" data-testid="risk" disabled={snap.readOnly || busy !== null} onClick={() => void simulate()}>{busy === 'risk' ? '…' : t('risk', lang)}</button>
      </div>
      <p className="hint">
        {lang === 'zh'
          ? '求解和分配的结果会作为新方案加入，原方案不变；风险模拟抽样 2,000 次（种子 1）。'
          : 'Goal seek and allocation add their answer as a new scenario; the plan in front is left as it is. Risk draws 2,000 samples (seed 1).'}
      </p>
      {risk && <RiskPanel risk={risk} plan={plan} lang={lang} onClose={() => setRisk(null)} />}
    </section>
  );
}

/** The risk of the plan: P10/P50/P90, the chance of reaching the target, and what moves GMV most. */
function RiskPanel({ risk, plan, lang, onClose }: { risk: RiskResult; plan: Plan; lang: Lang; onClose(): void }) {
  const rows: Array<{ label: string; unit: 'money' | 'ratio'; p: RiskResult['gmv'] }> = [
    { label: lang === 'zh' ? '成交额' : 'GMV', unit: 'money', p: risk.gmv },
    { label: lang === 'zh' ? '花费' : 'Spend', unit: 'money', p: risk.spend },
    { label: lang === 'zh' ? '投产比' : 'ROI', unit: 'ratio', p: risk.roi },
  ];
  return (
    <div className="risk-panel" data-testid="risk-panel">
      <strong>{t('risk', lang)}</strong>
      {risk.tornado.length === 0 && (
        // Without a range every draw is the plan itself: say so instead of showing 100% with P10 = P50 = P90.
        <p className="hint" data-testid="risk-no-ranges">
          {lang === 'zh'
            ? '此方案没有设置任何不确定区间（低 / 高），所有模拟结果都等于方案本身，因此没有风险分布可显示。请在“计划结构”中为转化率、点击单价等假设设置区间。'
            : 'This plan has no uncertainty ranges (low / high), so every draw equals the plan itself and there is no spread to show. Set ranges for assumptions such as conversion rate or cost per click under “Plan structure”.'}
        </p>
      )}
      {risk.tornado.length > 0 && <span data-testid="risk-spread" data-p10={risk.gmv.p10} data-p90={risk.gmv.p90} hidden />}
      {risk.tornado.length > 0 && risk.probabilityOfTarget !== null && (
        <span className="chance" data-testid="risk-chance" data-value={risk.probabilityOfTarget}>
          {lang === 'zh' ? '达成目标的概率' : 'Chance of reaching the target'}: {formatNumber(risk.probabilityOfTarget, 'rate', lang, { decimals: 1 })}
        </span>
      )}
      {risk.gmvHistogram.length > 0 && (
        <Suspense fallback={<p className="hint">{t('loading', lang)}</p>}>
        <RiskDistribution
          testId="risk-chart"
          lang={lang}
          height={260}
          target={plan.objective.kind === 'target' ? plan.objective.gmv : undefined}
          distribution={{ histogram: risk.gmvHistogram, percentiles: risk.gmv, chance: risk.probabilityOfTarget, draws: risk.draws, dropped: risk.failedDraws }}
        />
        </Suspense>
      )}
      {risk.tornado.length > 0 && <table className="compare">
        <thead><tr><th /><th>P10</th><th>P50</th><th>P90</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}><th>{r.label}</th><td>{formatNumber(r.p.p10, r.unit, lang)}</td><td>{formatNumber(r.p.p50, r.unit, lang)}</td><td>{formatNumber(r.p.p90, r.unit, lang)}</td></tr>
          ))}
        </tbody>
      </table>}
      {risk.tornado.length > 0 && (
        <table className="compare">
          <thead><tr><th>{lang === 'zh' ? '最影响成交额的假设' : 'What moves GMV most'}</th><th>{lang === 'zh' ? '低' : 'low'}</th><th>{lang === 'zh' ? '高' : 'high'}</th></tr></thead>
          <tbody>
            {risk.tornado.slice(0, 5).map((row) => (
              <tr key={row.driver}><th title={row.driver}>{pathLabel(plan, row.driver, lang)}</th><td>{formatNumber(row.low, 'money', lang)}</td><td>{formatNumber(row.high, 'money', lang)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="mini" onClick={onClose}>{t('close', lang)}</button>
    </div>
  );
}
