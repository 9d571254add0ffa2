import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SpreadsheetGrid, type CellEdit } from '../grid/index.ts';
import { formatNumber, parseNumberInput } from '../number/index.ts';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { activeScenario } from '../session/session-store.ts';
import { t } from '../i18n/index.ts';
import { ASSUMPTIONS_GRID, OBJECTIVE_GRID, assumptionGrid, cellPath, objectiveGrid, pathLabel, resultGrid, unitOf } from './plan-grids.ts';
import { QuestionsPanel } from './QuestionsPanel.tsx';
import { FormulaText } from './FormulaText.tsx';
import { IntermediateFigures, figureElementId } from './IntermediateFigures.tsx';
import type { FormulaRef } from '../worker/formula-text.ts';
import type { Intermediates } from '../worker/protocol.ts';
import { BuilderPanel } from './builder/BuilderPanel.tsx';

/** A grid box tall enough for its header (34 px), rows (30 px each) and a scrollbar, capped so long plans scroll. */
function gridHeight(rows: number): number {
  return Math.min(560, 34 + 30 * Math.max(rows, 1) + 18);
}

/** Key figures above the grids. `data-value` carries the unrounded figure for checks. */
function Kpis({ snap }: { snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const figures = snap.figures[snap.session.activeScenarioId];
  const total = figures?.result?.total;
  const cards = [
    { id: 'gmv', label: t('totalGmv', lang), value: total?.gmv ?? null, unit: 'money' as const },
    { id: 'spend', label: t('totalSpend', lang), value: total?.spend ?? null, unit: 'money' as const },
    { id: 'roi', label: t('totalRoi', lang), value: total?.roi ?? null, unit: 'ratio' as const },
    { id: 'orders', label: t('totalOrders', lang), value: total?.orders ?? null, unit: 'count' as const },
    { id: 'visitors', label: t('totalVisitors', lang), value: total?.visitors ?? null, unit: 'count' as const },
  ];
  return (
    <div className="kpis">
      {cards.map((c) => (
        <div key={c.id} className="kpi" data-testid={`kpi-${c.id}`} data-value={c.value ?? ''} data-version={figures?.version ?? 0}>
          <div className="label">{c.label}</div>
          <div className="value">{formatNumber(c.value, c.unit, lang)}</div>
          <div className="exact">{formatNumber(c.value, c.unit, lang, { compact: false, decimals: c.unit === 'ratio' ? 2 : c.unit === 'money' ? 2 : 0 })}</div>
        </div>
      ))}
    </div>
  );
}

/** The planning view: objective, channel assumptions (editable), results (read-only, formulas on demand). */
export function PlanView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const { session } = snap;
  const lang = session.lang;
  const scenario = activeScenario(session);
  const plan = scenario.plan;
  const pending = session.pending[scenario.id];
  const figures = snap.figures[scenario.id];
  const [formula, setFormula] = useState<{ rowId: string; colId: string } | null>(null);
  const [intermediates, setIntermediates] = useState<{ scenarioId: string; version: number; data: Intermediates } | undefined>();
  type FocusRequest = { rowId: string; colId: string; seq: number };
  const [focusResults, setFocusResults] = useState<FocusRequest | undefined>();
  const [focusAssumptions, setFocusAssumptions] = useState<FocusRequest | undefined>();
  const [focusObjective, setFocusObjective] = useState<FocusRequest | undefined>();
  const seq = useRef(0);
  const version = figures?.version ?? 0;

  // The intermediate figures follow every recalculation (one small read from the worker).
  useEffect(() => {
    if (!figures?.result) return;
    let live = true;
    const scenarioId = scenario.id;
    void controller.readIntermediates(scenarioId).then((data) => {
      if (live) setIntermediates({ scenarioId, version, data });
    });
    return () => { live = false; };
  }, [controller, scenario.id, version, figures?.result]);

  const objective = useMemo(() => objectiveGrid(plan, pending, lang), [plan, pending, lang]);
  const assumptions = useMemo(() => assumptionGrid(plan, pending, lang), [plan, pending, lang]);
  const results = useMemo(() => resultGrid(plan, figures?.result, figures?.formulas ?? {}, lang, figures?.totalExtra), [plan, figures, lang]);

  const onEdits = (grid: string) => (edits: CellEdit[]) => {
    const entries = edits.flatMap((e) => {
      const path = cellPath(grid, plan, e.rowId, e.colId) ?? `channels.${e.rowId}.${e.colId}`;
      const unit = unitOf(grid, e.rowId, e.colId);
      return [{ path, value: e.value, text: unit === 'text' ? String(e.value) : formatNumber(e.value, unit, lang, { compact: false }) }];
    });
    void controller.enter(scenario.id, entries);
  };
  const onInvalid = (grid: string) => (rowId: string, colId: string, text: string, message: { zh: string; en: string }) => {
    const path = cellPath(grid, plan, rowId, colId);
    if (path) controller.invalidInput(scenario.id, path, text, message);
  };

  const resultColumns = useMemo(() => new Set(results.columns.map((c) => c.id)), [results.columns]);

  /** Leads from a name or cell in a formula to the figure it names: a grid cell, or an intermediate figure. */
  const follow = useCallback((ref: FormulaRef) => {
    const next = ++seq.current;
    if (ref.kind === 'cell' && resultColumns.has(ref.column)) {
      setFocusResults({ rowId: ref.rowId, colId: ref.column, seq: next });
      setFormula({ rowId: ref.rowId, colId: ref.column });
      return;
    }
    if (ref.kind === 'name' && ref.assumptionPath) {
      const path = ref.assumptionPath;
      const [head, id] = path.split('.');
      if (head === 'channels' && id) {
        const colId = assumptions.columns.find((c) => cellPath(ASSUMPTIONS_GRID, plan, id, c.id) === path)?.id;
        if (colId) return setFocusAssumptions({ rowId: id, colId, seq: next });
      }
      if (objective.rows.some((r) => r.id === path)) return setFocusObjective({ rowId: path, colId: 'value', seq: next });
    }
    const el = document.getElementById(figureElementId(ref));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
      el.classList.remove('figure-flash');
      void el.offsetWidth; // restart the highlight when the same figure is followed twice
      el.classList.add('figure-flash');
    }
  }, [resultColumns, assumptions.columns, objective.rows, plan]);

  const shown = formula ? results.rows.find((r) => r.id === formula.rowId)?.cells[formula.colId] : undefined;
  const shownColumn = formula ? results.columns.find((c) => c.id === formula.colId) : undefined;
  const shownRow = formula ? results.rows.find((r) => r.id === formula.rowId)?.cells.name?.value : undefined;
  const pendingList = Object.entries(pending ?? {});

  return (
    <div className="plan-view">
      <Kpis snap={snap} />
      {figures?.issues && figures.issues.length > 0 && (
        <div className="notice error" data-testid="plan-issues">
          <strong>{t('planIssues', lang)}</strong>
          <ul>{figures.issues.map((i, n) => <li key={n}><code>{i.path}</code> {i.message[lang]}</li>)}</ul>
        </div>
      )}
      <BuilderPanel controller={controller} snap={snap} />
      <div className="plan-top">
        <section className="panel objective">
          <h2>{t('objective', lang)}</h2>
          {objective.rows.length === 0 ? (
            <p className="objective-levers" data-testid="objective-levers">
              {lang === 'zh'
                ? '本方案按各渠道的投放杠杆正向推算（付费渠道的花费、佣金渠道的访客数），在下方假设表的“投放花费 / 投放访客数”列中修改。'
                : 'This scenario runs forward on each channel’s lever (spend for bought channels, visitors for commission channels); edit them in the “Spend lever / Visitor lever” columns below.'}
            </p>
          ) : (
          <SpreadsheetGrid
            testId="objective-grid"
            columns={objective.columns}
            rows={objective.rows}
            lang={lang}
            height={gridHeight(objective.rows.length)}
            onEdits={onEdits(OBJECTIVE_GRID)}
            onInvalidInput={onInvalid(OBJECTIVE_GRID)}
            {...(focusObjective ? { focusRequest: focusObjective } : {})}
            onUndo={() => void controller.undo()}
            onRedo={() => void controller.redo()}
          />
          )}
          <p className="hint">{lang === 'zh' ? '在格子里直接输入：2.5%、1,200、¥160、1.2万 都可以；Ctrl+Z 撤销，Ctrl+V 从 Excel/WPS 粘贴，Ctrl+D 向下填充。' : 'Type straight into a cell: 2.5%, 1,200, ¥160 and 1.2万 all work; Ctrl+Z undoes, Ctrl+V pastes from Excel/WPS, Ctrl+D fills down.'}</p>
        </section>
        <QuestionsPanel controller={controller} snap={snap} />
      </div>
      <section className="panel">
        <h2>{t('assumptions', lang)}</h2>
        <SpreadsheetGrid
          testId="assumptions-grid"
          columns={assumptions.columns}
          rows={assumptions.rows}
          lang={lang}
          height={gridHeight(assumptions.rows.length)}
          onEdits={onEdits(ASSUMPTIONS_GRID)}
          onInvalidInput={onInvalid(ASSUMPTIONS_GRID)}
          {...(focusAssumptions ? { focusRequest: focusAssumptions } : {})}
          onUndo={() => void controller.undo()}
          onRedo={() => void controller.redo()}
        />
        {pendingList.length > 0 && (
          <div className="pending" data-testid="pending-entries">
            <strong>{t('pendingEntries', lang)}</strong>
            <ul>
              {pendingList.map(([path, p]) => (
                <li key={path}>
                  <strong>{pathLabel(plan, path, lang)}</strong> “{p.text}” — {p.message[lang]}{' '}
                  <button type="button" className="mini" onClick={() => controller.discardPending(scenario.id, [path])}>{t('close', lang)}</button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <section className="panel">
        <h2>{t('results', lang)}</h2>
        <SpreadsheetGrid
          testId="results-grid"
          columns={results.columns}
          rows={results.rows}
          lang={lang}
          height={gridHeight(results.rows.length)}
          onEdits={() => undefined}
          onShowFormula={(rowId, colId) => setFormula({ rowId, colId })}
          {...(focusResults ? { focusRequest: focusResults } : {})}
        />
        {formula && shown && (
          <div className="formula-panel" data-testid="formula-panel">
            <strong>{t('formula', lang)} · {String(shownRow ?? formula.rowId)} · {shownColumn?.header}</strong>
            <FormulaText testId="formula-text" parts={figures?.formulas?.[`${formula.rowId}|${formula.colId}`]?.parts} fallback={shown.formula ?? '—'} lang={lang} onFollow={follow} />
            <button type="button" className="mini" onClick={() => setFormula(null)}>{t('close', lang)}</button>
          </div>
        )}
      </section>
      <IntermediateFigures
        data={intermediates?.scenarioId === scenario.id ? intermediates.data : undefined}
        hiddenColumns={resultColumns}
        lang={lang}
        onFollow={follow}
      />
    </div>
  );
}
