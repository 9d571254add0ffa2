import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SpreadsheetGrid, type CellEdit, type GridColumn, type GridRow } from '../grid/index.ts';
import { formatNumber } from '../number/index.ts';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { activeScenario } from '../session/session-store.ts';
import { t } from '../i18n/index.ts';
import type { CalendarViewport } from '../worker/protocol.ts';

/** Row height of the grid (SpreadsheetGrid's), to know which products are on screen. */
const ROW_HEIGHT = 30;
/** Rows read beyond the visible ones, so a short scroll shows figures at once. */
const OVERSCAN = 30;
const GRID_HEIGHT = 620;

type Metric = 'revenue' | 'units';

/**
 * The product calendar: products × weeks in a virtualised grid. Only the
 * rows on screen are read from the engine worker (a viewport read of typed
 * arrays); after an edit the visible rows are read again and the others when
 * they scroll into view. Share and price are editable; weekly revenue or
 * units are derived.
 */
export function CalendarView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const scenario = activeScenario(snap.session);
  const figures = snap.figures[scenario.id];
  const plan = scenario.plan;
  // The grid's shape comes from the plan itself, so products and their inputs
  // are on screen (and editable) while the worker is still building the model;
  // the weekly figures fill in as soon as it answers.
  const shape = useMemo(() => {
    const { products, weeks } = plan;
    if (!products?.length || !weeks?.length) return undefined;
    return { productIds: products.map((p) => p.id), weekStarts: weeks.map((w) => w.start) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan.products?.length, plan.weeks]);
  const engineReady = figures?.calendar !== undefined;
  const version = figures?.version ?? 0;
  const pending = snap.session.pending[scenario.id];
  const [metric, setMetric] = useState<Metric>('revenue');
  const [rows, setRows] = useState<GridRow[]>([]);
  const fresh = useRef(new Map<number, number>()); // row index → version it was read at
  const visible = useRef({ first: 0, count: Math.ceil(GRID_HEIGHT / ROW_HEIGHT) });
  const rowsRef = useRef<GridRow[]>([]);
  const wrapRef = useRef<HTMLDivElement>(null);
  const firstPaint = useRef(false);

  const columns = useMemo((): GridColumn[] => {
    if (!shape) return [];
    const unit = metric === 'revenue' ? 'money' : 'count';
    return [
      { id: 'name', header: lang === 'zh' ? '商品' : 'Product', unit: 'text', editable: false, width: 170, pinned: 'left' },
      { id: 'share', header: lang === 'zh' ? '成交占比' : 'Share', unit: 'rate', editable: true, width: 90, pinned: 'left' },
      { id: 'price', header: lang === 'zh' ? '售价' : 'Price', unit: 'money', editable: true, width: 90, pinned: 'left' },
      { id: 'gmv', header: lang === 'zh' ? '全期成交额' : 'GMV', unit: 'money', editable: false, width: 110 },
      ...shape.weekStarts.map((start, w): GridColumn => ({ id: `w${w}`, header: start.slice(5), unit, editable: false, width: 86 })),
    ];
  }, [shape, metric, lang]);

  // Base rows: every product with its inputs; weekly figures arrive per viewport.
  useEffect(() => {
    if (!shape) return;
    const products = plan.products ?? [];
    const base = products.map((p): GridRow => ({
      id: p.id,
      cells: {
        name: { value: p.name[lang] },
        share: pending?.[`products.${p.id}.share`] ? { value: p.share, error: pending[`products.${p.id}.share`]?.message } : { value: p.share },
        price: pending?.[`products.${p.id}.price`] ? { value: p.price, error: pending[`products.${p.id}.price`]?.message } : { value: p.price },
      },
    }));
    fresh.current.clear();
    rowsRef.current = base;
    setRows(base);
    requestAnimationFrame(() => performance.mark('shopplan:calendar-interactive'));
    // Only a new shape or language rebuilds all rows; edits repaint per viewport below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, lang]);

  const apply = useCallback((slice: CalendarViewport, readAt: number) => {
    const products = plan.products ?? [];
    const next = rowsRef.current.slice();
    const values = metric === 'revenue' ? slice.revenue : slice.units;
    for (let i = 0; i < slice.rowCount; i++) {
      const index = slice.rowStart + i;
      const p = products[index];
      if (!p) continue;
      const cells: GridRow['cells'] = {
        name: { value: p.name[lang] },
        share: pending?.[`products.${p.id}.share`] ? { value: p.share, error: pending[`products.${p.id}.share`]?.message } : { value: p.share },
        price: pending?.[`products.${p.id}.price`] ? { value: p.price, error: pending[`products.${p.id}.price`]?.message } : { value: p.price },
        gmv: { value: slice.gmv[i] ?? null },
      };
      for (let w = 0; w < slice.weekCount; w++) cells[`w${w}`] = { value: values[i * slice.weekCount + w] ?? null };
      next[index] = { id: p.id, cells };
      fresh.current.set(index, readAt);
    }
    rowsRef.current = next;
    setRows(next);
    performance.mark('shopplan:calendar-rows');
    if (!firstPaint.current) {
      firstPaint.current = true;
      requestAnimationFrame(() => performance.mark('shopplan:calendar-ready'));
    }
  }, [plan, metric, lang, pending]);

  const readVisible = useCallback(() => {
    if (!shape || !engineReady) return;
    const total = shape.productIds.length;
    const start = Math.max(0, visible.current.first - OVERSCAN);
    const end = Math.min(total, visible.current.first + visible.current.count + OVERSCAN);
    let needFrom = -1;
    let needTo = -1;
    for (let i = start; i < end; i++) {
      if (fresh.current.get(i) === version) continue;
      if (needFrom < 0) needFrom = i;
      needTo = i;
    }
    if (needFrom < 0) return;
    const readAt = version;
    void controller.readCalendar(scenario.id, needFrom, needTo - needFrom + 1).then((slice) => {
      if (slice) apply(slice, readAt);
    });
  }, [shape, engineReady, version, controller, scenario.id, apply]);

  // A recalculation (edit, undo) or a new metric: read the rows on screen again,
  // unless the edit's answer already carried them.
  const carried = figures?.calendarRows;
  useEffect(() => {
    fresh.current.clear();
    if (carried && carried.version === version) apply(carried.slice, version);
    readVisible();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, metric, readVisible]);

  // Tell the controller which rows are on screen, so an edit's answer carries them.
  const registerViewport = useCallback(() => {
    if (!shape) return;
    // The same rows readVisible would read, so an edit needs no second read.
    const rowStart = Math.max(0, visible.current.first - OVERSCAN);
    const rowEnd = Math.min(shape.productIds.length, visible.current.first + visible.current.count + OVERSCAN);
    controller.setCalendarViewport({ scenarioId: scenario.id, rowStart, rowCount: rowEnd - rowStart });
  }, [controller, scenario.id, shape]);
  useEffect(() => {
    registerViewport();
    return () => controller.setCalendarViewport(undefined);
  }, [registerViewport, controller]);

  // Scrolling: read rows as they come into view (the grid virtualises the DOM; this virtualises the data).
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    let frame = 0;
    const onScroll = (e: Event) => {
      const el = e.target as HTMLElement;
      if (!(el.scrollHeight > el.clientHeight + ROW_HEIGHT)) return;
      visible.current = { first: Math.floor(el.scrollTop / ROW_HEIGHT), count: Math.ceil(el.clientHeight / ROW_HEIGHT) };
      registerViewport();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(readVisible);
    };
    wrap.addEventListener('scroll', onScroll, true);
    return () => {
      wrap.removeEventListener('scroll', onScroll, true);
      cancelAnimationFrame(frame);
    };
  }, [readVisible, registerViewport]);

  const onEdits = (edits: CellEdit[]) => {
    void controller.enter(scenario.id, edits.map((e) => ({
      path: `products.${e.rowId}.${e.colId}`,
      value: e.value,
      text: formatNumber(e.value, e.colId === 'share' ? 'rate' : 'money', lang, { compact: false }),
    })));
  };
  const onInvalid = (rowId: string, colId: string, text: string, message: { zh: string; en: string }) => {
    controller.invalidInput(scenario.id, `products.${rowId}.${colId}`, text, message);
  };

  if (!shape) {
    return <section className="panel placeholder" data-testid="calendar-empty"><h2>{t('viewCalendar', lang)}</h2><p>{t('noCalendar', lang)}</p></section>;
  }
  return (
    <section className="panel" ref={wrapRef}>
      <h2>
        {t('viewCalendar', lang)} · {shape.productIds.length.toLocaleString('en-US')} {lang === 'zh' ? '个商品' : 'products'} × {shape.weekStarts.length} {lang === 'zh' ? '周' : 'weeks'}
      </h2>
      <div className="question-buttons calendar-metric" role="group">
        {!engineReady && <span className="hint" data-testid="calendar-computing">{t('loading', lang)}</span>}
        <button type="button" data-testid="metric-revenue" className={metric === 'revenue' ? 'active' : ''} onClick={() => setMetric('revenue')}>{lang === 'zh' ? '周成交额' : 'Weekly revenue'}</button>
        <button type="button" data-testid="metric-units" className={metric === 'units' ? 'active' : ''} onClick={() => setMetric('units')}>{lang === 'zh' ? '周销量' : 'Weekly units'}</button>
      </div>
      <SpreadsheetGrid
        testId="calendar-grid"
        columns={columns}
        rows={rows}
        lang={lang}
        height={GRID_HEIGHT}
        onEdits={onEdits}
        onInvalidInput={onInvalid}
        onUndo={() => void controller.undo()}
        onRedo={() => void controller.redo()}
      />
      <p className="hint">
        {lang === 'zh'
          ? '每周成交额 = 计划成交额 × 商品占比 × 周权重（按分累计取整，合计分毫不差）；销量 = 成交额 ÷ 售价。'
          : 'Weekly revenue = plan GMV × product share × week weight (cumulative rounding to the fen, so parts sum exactly); units = revenue ÷ price.'}
      </p>
    </section>
  );
}
