import { useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { ReviewBy, ReviewPeriod } from '@shopplan/engine';
import type { Lang, Plan, PlanIssue } from '@shopplan/schema';
import type { PageSnapshot, PlanningController } from '../../session/controller.ts';
import { activeScenario } from '../../session/session-store.ts';
import type { CalibrateOutcome, FileReading, ReadProgress, ReviewOutcome } from '../../worker/calibration.ts';
import { ChartBox } from '../../charts/ChartBox.tsx';
import { CHART_COLORS } from '../../charts/options.ts';
import { formatNumber } from '../../number/index.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import {
  CONFIDENCE_LABEL, FIELD_LABEL, RATE_FIGURES, monthDayRuns, parseDayList, periodParts, rateRows, sumPeriods, waterfallBars,
} from './calibration-model.ts';
import { curveOption, waterfallOption } from './calibration-options.ts';
import './calibration.css';

type Props = { controller: PlanningController; snap: PageSnapshot };

/**
 * The Calibration view (issue 14, point 5): a history file dropped or picked
 * is read and calibrated in the engine worker (progress shown); the page
 * shows how its columns and channels were read and every problem before
 * anything can be applied, the calibrated rates beside the plan's with their
 * confidence, the fitted curves over the days with the planned spend, and
 * applies the calibration as a new scenario (one undo step). Below, the
 * review of the plan against an actuals file, as a table and a waterfall.
 */
export function CalibrationView({ controller, snap }: Props) {
  const lang = snap.session.lang;
  const scenario = activeScenario(snap.session);
  // The planner's names for channels, shared by the history and the actuals file.
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const map = (label: string, id: string) => setMapping((m) => {
    const next = { ...m };
    if (id) next[label] = id;
    else delete next[label];
    return next;
  });
  return (
    <div className="calibration-view" data-testid="calibration">
      <HistorySection controller={controller} snap={snap} plan={scenario.plan} mapping={mapping} onMap={map} lang={lang} />
      <ReviewSection controller={controller} plan={scenario.plan} mapping={mapping} onMap={map} lang={lang} />
    </div>
  );
}

/** A file read in the worker: which file, how far, and the answer for the request that is current. */
function useWorkerRun<T>(run: ((onProgress: (p: ReadProgress) => void) => Promise<T>) | null, deps: unknown[]) {
  const [state, setState] = useState<{ busy: boolean; progress: ReadProgress | null; outcome: T | null; error: string | null }>({ busy: false, progress: null, outcome: null, error: null });
  const seq = useRef(0);
  useEffect(() => {
    if (!run) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, busy: true, progress: null, error: null }));
    run((progress) => { if (seq.current === mine) setState((s) => ({ ...s, progress })); }).then(
      (outcome) => { if (seq.current === mine) setState({ busy: false, progress: null, outcome, error: null }); },
      (e: unknown) => { if (seq.current === mine) setState({ busy: false, progress: null, outcome: null, error: e instanceof Error ? e.message : String(e) }); },
    );
    // the caller names what the run depends on (the function itself is new on every render)
  }, deps);
  return state;
}

function HistorySection({ controller, snap, plan, mapping, onMap, lang }: { controller: PlanningController; snap: PageSnapshot; plan: Plan; mapping: Record<string, string>; onMap(label: string, id: string): void; lang: Lang }) {
  const [file, setFile] = useState<File | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [leaveOut, setLeaveOut] = useState(true);
  const [extraText, setExtraText] = useState('');
  const [applied, setApplied] = useState<string | null>(null);
  const extra = useMemo(() => parseDayList(extraText), [extraText]);
  const extraKey = extra.days.join(',');
  const run = useWorkerRun<CalibrateOutcome>(
    file
      ? (onProgress) => controller.calibrate({
        file, mapping, plan,
        ...(from ? { from } : {}), ...(to ? { to } : {}),
        ...(leaveOut ? {} : { includePromotions: true }),
        ...(extra.days.length > 0 ? { promotionDays: extra.days } : {}),
      }, onProgress)
      : null,
    [file, mapping, plan, from, to, leaveOut, extraKey],
  );
  const outcome = run.outcome;
  const apply = async () => {
    if (!outcome?.ok) return;
    const name = { zh: `${activeScenario(snap.session).name.zh} · ${t('calScenarioSuffix', 'zh')}`, en: `${activeScenario(snap.session).name.en} · ${t('calScenarioSuffix', 'en')}` };
    await controller.addScenario(outcome.calibrated, name, 'calibration');
    setApplied(name[lang]);
  };

  return (
    <section className="panel cal-section" aria-labelledby="cal-history-title">
      <h2 id="cal-history-title">{t('calHistoryTitle', lang)}</h2>
      <FileDrop testId="cal-history" label={t('calDrop', lang)} file={file} onFile={(f) => { setFile(f); setApplied(null); }} />
      <p className="hint">{t('calAliases', lang)}</p>
      <div className="cal-options">
        <label>{t('calFrom', lang)} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="cal-from" /></label>
        <label>{t('calTo', lang)} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="cal-to" /></label>
        <label><input type="checkbox" checked={leaveOut} onChange={(e) => setLeaveOut(e.target.checked)} data-testid="cal-leave-out" /> {t('calLeaveOutPromotions', lang)}</label>
        <label className="cal-extra">{t('calExtraDays', lang)} <input type="text" value={extraText} onChange={(e) => setExtraText(e.target.value)} data-testid="cal-extra-days" /></label>
        {extra.bad.length > 0 && <span className="cal-bad" role="alert">{t('calBadDays', lang)}{extra.bad.join(', ')}</span>}
      </div>
      <Progress busy={run.busy} progress={run.progress} lang={lang} />
      {run.error && <p className="cal-bad" role="alert">{run.error}</p>}
      {outcome && file && (
        <div data-testid="cal-history-result" data-busy={run.busy ? 'true' : 'false'}>
          <Reading reading={outcome.reading} plan={plan} mapping={mapping} onMap={onMap} lang={lang} testId="cal-history" />
          {!outcome.ok ? <Problems issues={outcome.issues} lang={lang} testId="cal-issues" /> : (
            <>
              <p className="cal-left-out" data-testid="cal-left-out">
                {t('calLeftOut', lang)}: {outcome.promotionMonthDays.length > 0 ? monthDayRuns(outcome.promotionMonthDays).join(', ') : t('calNoneLeftOut', lang)}
                {extra.days.length > 0 ? ` + ${extra.days.length}` : ''}
              </p>
              <RatesTable outcome={outcome} plan={plan} lang={lang} />
              <Curves outcome={outcome} plan={plan} lang={lang} />
              {outcome.warnings.length > 0 && (
                <div className="cal-warnings" role="status" data-testid="cal-warnings">
                  <strong>{t('calWarnings', lang)}</strong>
                  <ul>{outcome.warnings.map((w) => <li key={`${w.path}-${w.code}`}>{w.message[lang]}</li>)}</ul>
                </div>
              )}
              {outcome.planIssues.length > 0 && <Problems issues={outcome.planIssues} lang={lang} testId="cal-plan-issues" title={t('calPlanIssues', lang)} />}
              <div className="cal-apply">
                <button type="button" className="primary" data-testid="cal-apply" disabled={run.busy || snap.readOnly || outcome.planIssues.length > 0} onClick={() => void apply()}>{t('calApply', lang)}</button>
                {applied && <span className="cal-applied" role="status" data-testid="cal-applied">{applied}: {t('calApplied', lang)}</span>}
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** A drop zone that is also a file picker (a real file input: reachable with Tab, opened with Enter or Space). */
function FileDrop({ testId, label, file, onFile }: { testId: string; label: string; file: File | null; onFile(file: File): void }) {
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <label className={`cal-drop${over ? ' over' : ''}`} data-testid={`${testId}-drop`}
      onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <span>{label}</span>
      {file && <strong className="cal-file-name">{file.name}</strong>}
      <input type="file" accept=".csv,.txt,.xlsx,text/csv" data-testid={`${testId}-input`}
        onChange={(e) => { const f = e.target.files?.[0]; if (f) onFile(f); e.target.value = ''; }} />
    </label>
  );
}

function Progress({ busy, progress, lang }: { busy: boolean; progress: ReadProgress | null; lang: Lang }) {
  if (!busy) return null;
  if (!progress || progress.done >= progress.total) return <p className="hint" role="status">{t('calComputing', lang)}</p>;
  const pct = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <p className="cal-progress" role="status">
      {t('calReading', lang)} <progress aria-label={t('calReading', lang)} max={progress.total} value={progress.done} data-testid="cal-progress" /> {pct}% · {formatNumber(progress.done / 1_048_576, 'ratio', lang)} / {formatNumber(progress.total / 1_048_576, 'ratio', lang)} MB
    </p>
  );
}

/** How the file was read: its columns' fields and its channels' plan channels (an unmatched one gets a choice). */
function Reading({ reading, plan, mapping, onMap, lang, testId }: { reading: FileReading; plan: Plan; mapping: Record<string, string>; onMap(label: string, id: string): void; lang: Lang; testId: string }) {
  return (
    <div className="cal-reading">
      {reading.period && (
        <p className="hint" data-testid={`${testId}-period`}>
          {reading.file} · {t('calPeriodRead', lang)} {reading.period.start} – {reading.period.end} · {formatNumber(reading.rows ?? 0, 'count', lang, { compact: false })} {t('calRowsRead', lang)} · {t('calEncoding', lang)} {reading.encoding}
        </p>
      )}
      <div className="cal-reading-tables">
        {reading.header && (
          <table className="compare cal-table" data-testid={`${testId}-header`}>
            <caption>{t('calHeader', lang)}</caption>
            <thead><tr><th scope="col">{t('calColumnInFile', lang)}</th><th scope="col">{t('calField', lang)}</th></tr></thead>
            <tbody>
              {reading.header.columns.map((c, i) => (
                <tr key={i} className={c.field ? '' : 'cal-ignored'}>
                  <th scope="row">{c.header || `#${i + 1}`}</th>
                  <td>{c.field ? t(FIELD_LABEL[c.field], lang) : t('calIgnored', lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {reading.labels.length > 0 && (
          <table className="compare cal-table" data-testid={`${testId}-labels`}>
            <caption>{t('calLabels', lang)}</caption>
            <thead><tr><th scope="col">{t('calLabelInFile', lang)}</th><th scope="col">{t('calPlanChannel', lang)}</th><th scope="col">{t('calRowsCol', lang)}</th></tr></thead>
            <tbody>
              {reading.labels.map((l) => {
                const mapped = mapping[l.label];
                const choosable = l.channel === null || mapped !== undefined;
                return (
                  <tr key={l.label} className={l.channel === null ? 'cal-unmatched' : ''}>
                    <th scope="row">{l.label}</th>
                    <td>
                      {choosable ? (
                        <select aria-label={`${l.label}: ${t('calPlanChannel', lang)}`} value={mapped ?? ''} onChange={(e) => onMap(l.label, e.target.value)} data-testid={`cal-map-${l.label}`}>
                          <option value="">{t('calChoose', lang)}</option>
                          {plan.channels.map((c) => <option key={c.id} value={c.id}>{c.name[lang]} ({c.id})</option>)}
                        </select>
                      ) : (plan.channels.find((c) => c.id === l.channel)?.name[lang] ?? l.channel)}
                      {l.channel === null && <span className="cal-bad"> {t('calUnmatched', lang)}</span>}
                    </td>
                    <td>{formatNumber(l.rows, 'count', lang, { compact: false })}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}

/** Every problem of a file, each naming file, row and column. */
function Problems({ issues, lang, testId, title }: { issues: readonly PlanIssue[]; lang: Lang; testId: string; title?: string }) {
  return (
    <div className="cal-problems" role="alert" data-testid={testId}>
      <strong>{title ?? `${formatNumber(issues.length, 'count', lang, { compact: false })} ${t('calProblems', lang)}`}</strong>
      <ol>{issues.map((i, n) => <li key={n} data-code={i.code}>{i.message[lang]}</li>)}</ol>
    </div>
  );
}

function RatesTable({ outcome, plan, lang }: { outcome: Extract<CalibrateOutcome, { ok: true }>; plan: Plan; lang: Lang }) {
  const rows = rateRows(plan, outcome.channels, outcome.calibrated);
  return (
    <div className="table-wrap">
      <table className="compare cal-rates" data-testid="cal-rates">
        <caption>{t('calRates', lang)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('channel', lang)}</th>
            <th scope="col">{t('calConfidence', lang)}</th>
            <th scope="col">{t('calDays', lang)}</th>
            <th scope="col">{t('calExcluded', lang)}</th>
            {RATE_FIGURES.map((f) => <th scope="col" key={f.key}>{t(f.label, lang)}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={`cal-rate-row-${r.id}`}>
              <th scope="row">{r.name[lang]}</th>
              <td className={`cal-conf cal-conf-${r.confidence}`} data-testid={`cal-confidence-${r.id}`}>{t(CONFIDENCE_LABEL[r.confidence], lang)}</td>
              <td>{r.days}</td>
              <td>{r.excludedDays}</td>
              {r.cells.map((c) => (
                <td key={c.key} data-testid={`cal-rate-${r.id}-${c.key}`} data-value={c.calibrated ?? ''}>
                  {!c.applies ? <span className="hint">—</span> : (
                    <>
                      <span className="cal-new">{formatNumber(c.calibrated, c.unit, lang, { compact: false })}</span>
                      <span className="cal-old">{t('calPlanValue', lang)} {formatNumber(c.plan, c.unit, lang, { compact: false })}</span>
                      {c.range && <span className="cal-range">{t('calRange', lang)} {formatNumber(c.range.low, c.unit, lang, { compact: false })}–{formatNumber(c.range.high, c.unit, lang, { compact: false })}</span>}
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const NO_CURVE: Record<string, MessageKey> = { flat_spend: 'calNoCurveFlat', too_few_days: 'calNoCurveFew' };

function Curves({ outcome, plan, lang }: { outcome: Extract<CalibrateOutcome, { ok: true }>; plan: Plan; lang: Lang }) {
  const bought = outcome.channels.filter((c) => c.curveNote !== 'not_spend_bought');
  if (bought.length === 0) return null;
  return (
    <div className="cal-curves">
      <h3>{t('calCurves', lang)}</h3>
      <div className="charts">
        {bought.map((c, i) => {
          const name = plan.channels.find((p) => p.id === c.id)?.name[lang] ?? c.id;
          const planned = outcome.plannedDailySpend[c.id] ?? null;
          const warning = outcome.warnings.find((w) => w.path === `channels.${c.id}.response`);
          return (
            <figure key={c.id} className="cal-curve" data-testid={`cal-curve-${c.id}`}>
              <figcaption><strong>{name}</strong>{' '}
                {c.curve ? (
                  <span className="hint">
                    β {formatNumber(c.curve.beta, 'count', lang, { compact: false })} · α {formatNumber(c.curve.alpha, 'ratio', lang)} · κ {formatNumber(c.curve.kappa, 'money', lang, { compact: false })} ·
                    {' '}{t('calCurveFit', lang)} R² {formatNumber(c.curve.r2, 'ratio', lang, { decimals: 3 })} · MAPE {formatNumber(c.curve.mape, 'rate', lang, { decimals: 1 })} · NRMSE {formatNumber(c.curve.nrmse, 'ratio', lang, { decimals: 3 })} ·
                    {' '}{t('calObserved', lang)} {formatNumber(c.curve.spendMin, 'money', lang)}–{formatNumber(c.curve.spendMax, 'money', lang)} · {t('calPlanned', lang)} {formatNumber(planned, 'money', lang)}
                  </span>
                ) : <span className="hint" data-testid={`cal-no-curve-${c.id}`}>{c.curveNote ? t(NO_CURVE[c.curveNote] ?? 'calNoCurveFew', lang) : ''}</span>}
              </figcaption>
              {warning && <p className="cal-bad" data-testid={`cal-beyond-${c.id}`}>{warning.message[lang]}</p>}
              {c.curve && (
                <ChartBox kind="calibration-curve" height={260} testId={`cal-curve-chart-${c.id}`}
                  option={curveOption(name, outcome.points[c.id] ?? [], c.curve, planned, lang, CHART_COLORS[i % CHART_COLORS.length])}
                  summary={`${name}: β ${Math.round(c.curve.beta)}, α ${c.curve.alpha.toFixed(2)}, κ ${Math.round(c.curve.kappa)}; ${t('calPlanned', lang)} ${formatNumber(planned, 'money', lang)}`} />
              )}
            </figure>
          );
        })}
      </div>
    </div>
  );
}

const BY: Array<{ id: ReviewBy; label: MessageKey }> = [
  { id: 'day', label: 'byDay' }, { id: 'week', label: 'byWeek' }, { id: 'month', label: 'byMonth' }, { id: 'promotion', label: 'byPromotion' },
];

const ALL = '\u0000all';

function ReviewSection({ controller, plan, mapping, onMap, lang }: { controller: PlanningController; plan: Plan; mapping: Record<string, string>; onMap(label: string, id: string): void; lang: Lang }) {
  const [file, setFile] = useState<File | null>(null);
  const [by, setBy] = useState<ReviewBy>('month');
  const [selected, setSelected] = useState(ALL);
  const run = useWorkerRun<ReviewOutcome>(file ? (onProgress) => controller.review({ file, mapping, plan, by }, onProgress) : null, [file, mapping, plan, by]);
  const outcome = run.outcome;
  const names = useMemo(() => new Map(plan.channels.map((c) => [c.id, c.name[lang]])), [plan, lang]);
  const periodName = (p: string) => (p === ALL ? t('calAllPeriods', lang) : p === 'baseline' && by === 'promotion' ? t('calBaseline', lang) : plan.activities?.find((a) => a.id === p)?.name[lang] ?? p);
  const review = outcome?.ok ? outcome.review : null;
  const all = useMemo(() => (review ? sumPeriods(review.periods, ALL) : null), [review]);
  const current: ReviewPeriod | null = !review || !all ? null : selected === ALL ? all : review.periods.find((p) => p.period === selected) ?? all;

  return (
    <section className="panel cal-section" aria-labelledby="cal-review-title">
      <h2 id="cal-review-title">{t('calReviewTitle', lang)}</h2>
      <FileDrop testId="cal-actuals" label={t('calDropActuals', lang)} file={file} onFile={(f) => { setFile(f); setSelected(ALL); }} />
      <div className="cal-options">
        <label>{t('calBy', lang)}{' '}
          <select value={by} onChange={(e) => { setBy(e.target.value as ReviewBy); setSelected(ALL); }} data-testid="cal-review-by">
            {BY.map((b) => <option key={b.id} value={b.id}>{t(b.label, lang)}</option>)}
          </select>
        </label>
      </div>
      <Progress busy={run.busy} progress={run.progress} lang={lang} />
      {run.error && <p className="cal-bad" role="alert">{run.error}</p>}
      {outcome && file && (
        <div data-testid="cal-review-result" data-busy={run.busy ? 'true' : 'false'}>
          <Reading reading={outcome.reading} plan={plan} mapping={mapping} onMap={onMap} lang={lang} testId="cal-actuals" />
          {!outcome.ok && <Problems issues={outcome.issues} lang={lang} testId="cal-review-issues" />}
          {review && all && current && (
            <>
              <div className="table-wrap cal-periods-wrap">
                <table className="compare cal-periods" data-testid="cal-review-periods">
                  <thead><PeriodHead lang={lang} first={t('calPeriod', lang)} /></thead>
                  <tbody>
                    {[all, ...review.periods].map((p) => {
                      const parts = periodParts(p);
                      const on = p.period === current.period;
                      return (
                        <tr key={p.period} className={on ? 'cal-selected' : ''}>
                          <th scope="row"><button type="button" className="link" aria-pressed={on} onClick={() => setSelected(p.period)} data-testid={`cal-period-${p.period === ALL ? 'all' : p.period}`}>{periodName(p.period)}</button></th>
                          <Figures plan={p.total.planGmv} actual={p.total.actualGmv} attainment={p.total.attainment} gap={p.total.gap} {...parts} lang={lang} />
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <h3>{periodName(current.period)}</h3>
              <div className="table-wrap">
                <table className="compare" data-testid="cal-review-channels">
                  <thead><PeriodHead lang={lang} first={t('channel', lang)} /></thead>
                  <tbody>
                    {current.channels.map((c) => (
                      <tr key={c.id}><th scope="row">{names.get(c.id) ?? c.id}</th><Figures plan={c.planGmv} actual={c.actualGmv} attainment={c.attainment} gap={c.gap} traffic={c.traffic} conversion={c.conversion} orderValue={c.orderValue} lang={lang} /></tr>
                    ))}
                    <tr className="cal-total"><th scope="row">{t('total', lang)}</th><Figures plan={current.total.planGmv} actual={current.total.actualGmv} attainment={current.total.attainment} gap={current.total.gap} {...periodParts(current)} lang={lang} /></tr>
                  </tbody>
                </table>
              </div>
              <h3>{t('calWaterfall', lang)}</h3>
              <ChartBox kind="calibration-waterfall" height={380} testId="cal-waterfall" option={waterfallOption(waterfallBars(current), names, lang)}
                summary={`${t('calPlanGmv', lang)} ${formatNumber(current.total.planGmv, 'money', lang)} → ${t('calActualGmv', lang)} ${formatNumber(current.total.actualGmv, 'money', lang)}; ${t('calGap', lang)} ${formatNumber(current.total.gap, 'money', lang, { signed: true })}`} />
              <p className="hint">{t('calReviewNote', lang)}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function PeriodHead({ lang, first }: { lang: Lang; first: string }) {
  const keys: MessageKey[] = ['calPlanGmv', 'calActualGmv', 'calAttainment', 'calGap', 'calTraffic', 'calConversion', 'calOrderValue'];
  return <tr><th scope="col">{first}</th>{keys.map((k) => <th scope="col" key={k}>{t(k, lang)}</th>)}</tr>;
}

function Figures(p: { plan: number; actual: number; attainment: number | null; gap: number; traffic: number; conversion: number; orderValue: number; lang: Lang }): ReactNode {
  const m = (v: number, signed = false) => formatNumber(v, 'money', p.lang, signed ? { signed: true } : {});
  const tone = (v: number) => (v > 0 ? 'cal-up' : v < 0 ? 'cal-down' : '');
  return (
    <>
      <td>{m(p.plan)}</td>
      <td>{m(p.actual)}</td>
      <td className={p.attainment !== null && p.attainment < 1 ? 'cal-down' : ''}>{formatNumber(p.attainment, 'rate', p.lang, { decimals: 1 })}</td>
      <td className={tone(p.gap)}>{m(p.gap, true)}</td>
      <td className={tone(p.traffic)}>{m(p.traffic, true)}</td>
      <td className={tone(p.conversion)}>{m(p.conversion, true)}</td>
      <td className={tone(p.orderValue)}>{m(p.orderValue, true)}</td>
    </>
  );
}
