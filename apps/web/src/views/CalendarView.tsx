import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SpreadsheetGrid, type CellEdit, type GridColumn, type GridRow } from '../grid/index.ts';
import { formatNumber } from '../number/index.ts';
import type { PageSnapshot, PlanningController } from '../session/controller.ts';
import { activeScenario } from '../session/session-store.ts';
import { t } from '../i18n/index.ts';
import type { CalendarTotals, CalendarViewport } from '../worker/protocol.ts';
import { hasProductPlan } from '../worker/product-plan-shape.ts';
import { ProductPlanView } from './products/ProductPlanView.tsx';
import { indexRuns } from './products/product-view.ts';

/** Row height of the grid (SpreadsheetGrid's), to know which products are on screen. */
const ROW_HEIGHT = 30;
/** Rows read beyond the visible ones, so a short scroll shows figures at once. */
const OVERSCAN = 30;
const GRID_HEIGHT = 620;

type Metric = 'revenue' | 'units';

/** The row id of the totals row (no product id starts with two underscores in the examples; the row is pinned apart anyway). */
const TOTAL_ROW_ID = '__total';

/**
 * Which products a search matches: the id or the name (either language)
 * contains the text, case-insensitive; an empty search matches all. Also
 * keeps only products whose share is at least `minShare`.
 */
function matchingProducts(products: ReadonlyArray<{ id: string; name: { zh: string; en: string }; share: number }>, search: string, minShare: number): number[] | undefined {
  const text = search.trim().toLowerCase();
  if (!text && !(minShare > 0)) return undefined;
  const out: number[] = [];
  products.forEach((p, i) => {
    if (minShare > 0 && !(p.share >= minShare)) return;
    if (text && !p.id.toLowerCase().includes(text) && !p.name.zh.toLowerCase().includes(text) && !p.name.en.toLowerCase().includes(text)) return;
    out.push(i);
  });
  return out;
}

/**
 * The product calendar: products × weeks in a virtualised grid, read like a
 * sheet. Only the rows on screen are read from the engine worker (a viewport
 * read of typed arrays); after an edit the visible rows are read again and
 * the others when they scroll into view. A totals row (per week) and the
 * period total come from the worker summed over ALL products, never from
 * the rows loaded so far; each product row carries its own period total.
 * Search (id or name), a minimum share and a week range narrow what is shown.
 * Share and price are editable; weekly revenue or units are derived.
 */
export function CalendarView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  // A plan v4 with product fields (categories, stock, promotions) gets the product plan's page.
  if (hasProductPlan(activeScenario(snap.session).plan)) return <ProductPlanView controller={controller} snap={snap} />;
  return <ThinCalendarView controller={controller} snap={snap} />;
}

/** The calendar of a plan without v4 product fields (share × price over weeks), also the 10,000-product scale demo. */
function ThinCalendarView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
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
  const [search, setSearch] = useState('');
  const [minSharePct, setMinSharePct] = useState('');
  const [weekFrom, setWeekFrom] = useState(0);
  const [weekTo, setWeekTo] = useState<number | null>(null);
  const [rows, setRows] = useState<GridRow[]>([]);
  const [totals, setTotals] = useState<{ version: number; scenarioId: string; totals: CalendarTotals } | null>(null);
  const fresh = useRef(new Map<number, number>()); // product index → version it was read at
  const visible = useRef({ first: 0, count: Math.ceil(GRID_HEIGHT / ROW_HEIGHT) });
  const rowsRef = useRef<GridRow[]>([]); // every product's row, by product index
  const wrapRef = useRef<HTMLDivElement>(null);
  const firstPaint = useRef(false);

  const minShare = Number(minSharePct.replace('%', '')) / 100;
  const shown = useMemo(() => matchingProducts(plan.products ?? [], search, Number.isFinite(minShare) ? minShare : 0),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [plan.products?.length, search, minSharePct]);
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const displayed = useCallback((all: GridRow[]) => (shownRef.current ? shownRef.current.map((i) => all[i]).filter((r): r is GridRow => r !== undefined) : all), []);

  const lastWeek = (shape?.weekStarts.length ?? 1) - 1;
  const from = Math.min(weekFrom, lastWeek);
  const to = Math.max(from, Math.min(weekTo ?? lastWeek, lastWeek));

  const columns = useMemo((): GridColumn[] => {
    if (!shape) return [];
    const unit = metric === 'revenue' ? 'money' : 'count';
    const weekCols: GridColumn[] = [];
    for (let w = from; w <= to; w++) weekCols.push({ id: `w${w}`, header: shape.weekStarts[w]?.slice(5) ?? '', unit, editable: false, width: 86 });
    return [
      { id: 'name', header: lang === 'zh' ? '商品' : 'Product', unit: 'text', editable: false, width: 170, pinned: 'left' },
      { id: 'share', header: lang === 'zh' ? '成交占比' : 'Share', unit: 'rate', editable: true, width: 90, pinned: 'left' },
      { id: 'price', header: lang === 'zh' ? '售价' : 'Price', unit: 'money', editable: true, width: 90, pinned: 'left' },
      { id: 'gmv', header: lang === 'zh' ? '全期成交额' : 'GMV', unit: 'money', editable: false, width: 110 },
      { id: 'total', header: t(metric === 'revenue' ? 'calendarRowTotalRevenue' : 'calendarRowTotalUnits', lang), unit, editable: false, width: 110 },
      ...weekCols,
    ];
  }, [shape, metric, lang, from, to]);

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
    setRows(displayed(base));
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
      // The row's total runs over every week of the row (all of it was read), whatever weeks are shown.
      let rowTotal = 0;
      for (let w = 0; w < slice.weekCount; w++) {
        const v = values[i * slice.weekCount + w] ?? 0;
        cells[`w${w}`] = { value: v };
        rowTotal += metric === 'revenue' ? Math.round(v * 100) : v;
      }
      cells.total = { value: metric === 'revenue' ? rowTotal / 100 : rowTotal };
      next[index] = { id: p.id, cells };
      fresh.current.set(index, readAt);
    }
    rowsRef.current = next;
    setRows(displayed(next));
    performance.mark('shopplan:calendar-rows');
    if (!firstPaint.current) {
      firstPaint.current = true;
      requestAnimationFrame(() => performance.mark('shopplan:calendar-ready'));
    }
  }, [plan, metric, lang, pending, displayed]);

  /** Product indices of the display rows first … first+count (clamped). */
  const productsOnScreen = useCallback((first: number, count: number): number[] => {
    if (!shape) return [];
    const list = shownRef.current;
    const total = list ? list.length : shape.productIds.length;
    const start = Math.max(0, first);
    const end = Math.min(total, first + count);
    const out: number[] = [];
    for (let d = start; d < end; d++) out.push(list ? (list[d] ?? 0) : d);
    return out;
  }, [shape]);

  const readVisible = useCallback(() => {
    if (!shape || !engineReady) return;
    const wanted = productsOnScreen(visible.current.first - OVERSCAN, visible.current.count + 2 * OVERSCAN)
      .filter((i) => fresh.current.get(i) !== version);
    if (wanted.length === 0) return;
    const readAt = version;
    for (const run of indexRuns(wanted)) {
      void controller.readCalendar(scenario.id, run.start, run.count).then((slice) => {
        if (slice) apply(slice, readAt);
      });
    }
  }, [shape, engineReady, version, controller, scenario.id, apply, productsOnScreen]);

  // A recalculation (edit, undo), a new metric or a new filter: read the rows on screen again,
  // unless the edit's answer already carried them.
  const carried = figures?.calendarRows;
  useEffect(() => {
    fresh.current.clear();
    if (carried && carried.version === version) apply(carried.slice, version);
    readVisible();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, metric, readVisible]);

  // A new search or share filter: show the matching rows (as already read) and read those on screen.
  useEffect(() => {
    setRows(displayed(rowsRef.current));
    visible.current = { ...visible.current, first: 0 };
    readVisible();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);

  // Totals over all products, summed in the worker after each recalculation.
  // A short pause first: a burst of edits asks for one sum, and an edit never queues behind it.
  useEffect(() => {
    if (!engineReady) return;
    const readAt = version;
    const scenarioId = scenario.id;
    const timer = setTimeout(() => {
      void controller.readCalendarTotals(scenarioId).then((sum) => {
        if (sum) setTotals({ version: readAt, scenarioId, totals: sum });
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [engineReady, version, scenario.id, controller]);

  const currentTotals = totals && totals.scenarioId === scenario.id ? totals : null;
  const totalsFresh = currentTotals?.version === version;
  const pinned = useMemo((): GridRow[] | undefined => {
    if (!shape) return undefined;
    const sum = currentTotals?.totals;
    const weekly = sum ? (metric === 'revenue' ? sum.weekRevenue : sum.weekUnits) : undefined;
    const cells: GridRow['cells'] = {
      name: { value: t('calendarTotalsRow', lang), readOnly: true },
      share: { value: null, readOnly: true },
      price: { value: null, readOnly: true },
      gmv: { value: sum ? sum.gmv : null, readOnly: true },
      total: { value: sum ? (metric === 'revenue' ? sum.gmv : sum.units) : null, readOnly: true },
    };
    for (let w = 0; w < shape.weekStarts.length; w++) cells[`w${w}`] = { value: weekly?.[w] ?? null, readOnly: true };
    return [{ id: TOTAL_ROW_ID, cells }];
  }, [shape, currentTotals, metric, lang]);

  // Tell the controller which rows are on screen, so an edit's answer carries them.
  const registerViewport = useCallback(() => {
    if (!shape) return;
    // The same rows readVisible would read, so an edit needs no second read; a sparse filter reads its own.
    const onScreen = productsOnScreen(visible.current.first - OVERSCAN, visible.current.count + 2 * OVERSCAN);
    const rowStart = onScreen[0];
    const rowEnd = onScreen[onScreen.length - 1];
    if (rowStart === undefined || rowEnd === undefined || rowEnd - rowStart > 4 * (visible.current.count + 2 * OVERSCAN)) {
      controller.setCalendarViewport(undefined);
      return;
    }
    controller.setCalendarViewport({ scenarioId: scenario.id, rowStart, rowCount: rowEnd - rowStart + 1 });
  }, [controller, scenario.id, shape, productsOnScreen]);
  useEffect(() => {
    registerViewport();
    return () => controller.setCalendarViewport(undefined);
  }, [registerViewport, controller, shown]);

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
    const own = edits.filter((e) => e.rowId !== TOTAL_ROW_ID);
    if (own.length === 0) return;
    void controller.enter(scenario.id, own.map((e) => ({
      path: `products.${e.rowId}.${e.colId}`,
      value: e.value,
      text: formatNumber(e.value, e.colId === 'share' ? 'rate' : 'money', lang, { compact: false }),
    })));
  };
  const onInvalid = (rowId: string, colId: string, text: string, message: { zh: string; en: string }) => {
    if (rowId === TOTAL_ROW_ID) return;
    controller.invalidInput(scenario.id, `products.${rowId}.${colId}`, text, message);
  };

  if (!shape) {
    return <section className="panel placeholder" data-testid="calendar-empty"><h2>{t('viewCalendar', lang)}</h2><p>{t('noCalendar', lang)}</p></section>;
  }
  const t0 = currentTotals?.totals;
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
      <div className="calendar-filters" role="search">
        <label>
          {t('calendarSearch', lang)}
          <input type="search" data-testid="calendar-search" value={search} placeholder={t('calendarSearchHint', lang)} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          {t('calendarMinShare', lang)}
          <input type="text" inputMode="decimal" data-testid="calendar-min-share" value={minSharePct} placeholder="0.5%" size={6} onChange={(e) => setMinSharePct(e.target.value)} />
        </label>
        <label>
          {t('calendarWeeks', lang)}
          <select data-testid="calendar-week-from" value={from} onChange={(e) => setWeekFrom(Number(e.target.value))}>
            {shape.weekStarts.map((start, w) => <option key={w} value={w}>{start}</option>)}
          </select>
          –
          <select data-testid="calendar-week-to" value={to} onChange={(e) => setWeekTo(Number(e.target.value))}>
            {shape.weekStarts.map((start, w) => <option key={w} value={w} disabled={w < from}>{start}</option>)}
          </select>
        </label>
        <span className="hint" data-testid="calendar-shown" data-count={shown ? shown.length : shape.productIds.length}>
          {t('calendarShown', lang).replace('{n}', (shown ? shown.length : shape.productIds.length).toLocaleString('en-US')).replace('{total}', shape.productIds.length.toLocaleString('en-US'))}
        </span>
      </div>
      <p
        className="calendar-totals hint"
        data-testid="calendar-totals"
        data-state={t0 ? (totalsFresh ? 'current' : 'stale') : 'computing'}
        data-version={currentTotals?.version ?? ''}
        data-gmv={t0?.gmv ?? ''}
        data-units={t0?.units ?? ''}
        data-week-revenue={t0 ? Array.from(t0.weekRevenue).join(',') : ''}
      >
        {t0
          ? t('calendarTotalsLine', lang)
            .replace('{n}', t0.productCount.toLocaleString('en-US'))
            .replace('{gmv}', formatNumber(t0.gmv, 'money', lang, { compact: false }))
            .replace('{units}', formatNumber(t0.units, 'count', lang, { compact: false }))
            + (totalsFresh ? '' : ` ${t('calendarTotalsUpdating', lang)}`)
            + (t0.errors.length ? ` ${t('calendarTotalsErrors', lang)} ${t0.errors.join(', ')}` : '')
          : t('calendarTotalsComputing', lang)}
      </p>
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
        {...(pinned ? { pinnedBottomRows: pinned } : {})}
      />
      {shown && shown.length === 0 && <p className="hint" data-testid="calendar-no-match">{t('calendarNoMatch', lang)}</p>}
      <p className="hint">
        {lang === 'zh'
          ? '每周成交额 = 计划成交额 × 商品占比 × 周权重（按分累计取整，合计分毫不差）；销量 = 成交额 ÷ 售价。底部合计行与上方合计由计算引擎对全部商品求和，不受搜索和筛选影响。'
          : 'Weekly revenue = plan GMV × product share × week weight (cumulative rounding to the fen, so parts sum exactly); units = revenue ÷ price. The totals row and the totals above are summed by the engine over all products, whatever the search or filter shows.'}
      </p>
    </section>
  );
}
