import { lazy, Suspense, useEffect, useState } from 'react';
import type { LocalizedText } from '@shopplan/schema';
import type { PageSnapshot, PlanningController } from '../../session/controller.ts';
import { activeScenario } from '../../session/session-store.ts';
import type { PromotionsOutcome } from '../../worker/promotions.ts';
import { t } from '../../i18n/index.ts';
import { Gantt } from './Gantt.tsx';
import { PHASE_COLORS, PHASE_LABEL } from './phases.ts';
import { HeatStrip } from './HeatStrip.tsx';
import { dayIndex, dayWidth } from './geometry.ts';

// ECharts arrives with the chart, after the Gantt is on screen.
const DailyChart = lazy(() => import('./DailyChart.tsx').then((m) => ({ default: m.DailyChart })));

type Feedback = { kind: 'refused'; reason: LocalizedText } | { kind: 'moved' } | null;

/**
 * The Promotion calendar: the plan's activities as a Gantt by tier and phase,
 * holidays, 调休 and festivals on the axis, resource use per day, what could
 * not be placed and why, and the daily target and spend. Every figure comes
 * from the engine worker; a move is checked there and, when accepted, is an
 * edit of the plan (the activity's peak day), one undo step.
 */
export function PromotionsView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const scenario = activeScenario(snap.session);
  const plan = scenario.plan;
  const [data, setData] = useState<{ plan: typeof plan; outcome: PromotionsOutcome } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  useEffect(() => {
    let live = true;
    void controller.promotions(plan).then((outcome) => { if (live) setData({ plan, outcome }); });
    return () => { live = false; };
  }, [controller, plan]);

  if (!plan.activities?.length) return <section className="panel"><p data-testid="promo-empty">{t('promoNoActivities', lang)}</p></section>;
  if (!data) return <section className="panel"><p>{t('loading', lang)}</p></section>;
  const outcome = data.outcome;
  if (!outcome.ok) {
    return (
      <section className="panel" data-testid="promo-issues">
        <ul>{outcome.issues.map((i) => <li key={`${i.path}-${i.code}`}>{i.path}: {i.message[lang]}</li>)}</ul>
      </section>
    );
  }
  const { schedule } = outcome;
  const stale = data.plan !== plan;
  const dayW = dayWidth(dayIndex(schedule.end) - dayIndex(schedule.start) + 1);
  const unplaced = schedule.activities.filter((a) => !a.placed);

  const move = async (id: string, start: string) => {
    if (busy || snap.readOnly) return;
    setBusy(true);
    try {
      const answer = await controller.movePromotion(plan, id, start);
      if (answer.ok) {
        setFeedback({ kind: 'moved' });
        await controller.replacePlan(scenario.id, answer.plan);
      } else setFeedback({ kind: 'refused', reason: answer.reason });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="promotions-view" data-testid="promotions" data-busy={busy || stale ? 'true' : 'false'}>
      <section className="panel">
        <h2>
          {t('promoGantt', lang)} · {schedule.start} – {schedule.end}
          {outcome.provisional && <span className="promo-provisional" data-testid="promo-provisional"> {t('promoProvisional', lang)}</span>}
        </h2>
        <p className="hint">{t('promoHint', lang)}</p>
        <p className="promo-legend">
          {(Object.keys(PHASE_COLORS) as Array<keyof typeof PHASE_COLORS>).map((k) => (
            <span key={k}><i style={{ background: PHASE_COLORS[k] }} />{t(PHASE_LABEL[k], lang)}</span>
          ))}
          <span><i className="promo-holiday-key" />{t('promoHoliday', lang)}</span>
          <span><i className="promo-makeup-key" />{t('promoMakeUp', lang)}</span>
        </p>
        <div role="status" aria-live="polite" className="promo-feedback">
          {feedback?.kind === 'refused' && <p className="promo-refused" data-testid="promo-refused">{t('promoRefused', lang)}{feedback.reason[lang]}</p>}
          {feedback?.kind === 'moved' && <p className="promo-moved" data-testid="promo-moved">{t('promoMoved', lang)}</p>}
        </div>
        <div className="promo-scroll">
          <Gantt schedule={schedule} festivals={outcome.festivals} marked={outcome.marked} lang={lang} dayW={dayW} selected={selected} busy={busy || stale} onSelect={setSelected} onMove={(id, start) => void move(id, start)} />
          <h3>{t('promoResources', lang)}</h3>
          <HeatStrip schedule={schedule} lang={lang} dayW={dayW} />
        </div>
      </section>
      <section className="panel" data-testid="promo-unplaced">
        <h2>{t('promoUnplaced', lang)} ({unplaced.length})</h2>
        {unplaced.length === 0 ? <p>{t('promoAllPlaced', lang)}</p> : (
          <ul>
            {unplaced.map((a) => (
              <li key={a.id} data-testid={`promo-unplaced-${a.id}`}><b>{a.tier} · {a.name[lang]}</b>: {a.reason?.message[lang] ?? ''}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel">
        <h2>{t('promoDaily', lang)}</h2>
        {outcome.days ? (
          <Suspense fallback={<p className="hint">{t('loading', lang)}</p>}>
            <DailyChart days={outcome.days} activityNames={Object.fromEntries(schedule.activities.map((a) => [a.id, a.name[lang]]))} lang={lang} />
          </Suspense>
        ) : (
          <p data-testid="promo-no-days">{t('promoNoDays', lang)}{outcome.dayIssues.map((i) => i.message[lang]).join('; ')}</p>
        )}
      </section>
    </div>
  );
}
