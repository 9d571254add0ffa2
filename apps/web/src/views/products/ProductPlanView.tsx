import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Lang, LocalizedText, Plan, PlanProduct } from '@shopplan/schema';
import { SpreadsheetGrid, type CellEdit, type GridColumn, type GridRow } from '../../grid/index.ts';
import { formatNumber } from '../../number/index.ts';
import type { PageSnapshot, PlanningController, ProductRowsPainter } from '../../session/controller.ts';
import { activeScenario, type PendingEntry } from '../../session/session-store.ts';
import { afterFrame, afterPaint, pageIdle } from '../../session/page-timing.ts';
import type { ProductMeasure, ProductPlanRows, ProductPlanSummary, ProductRollup } from '../../worker/protocol.ts';
import {
  ALERT_LABEL, LEVEL_LABEL, MEASURE_LABEL, MECHANIC_LABEL, PRODUCT_MEASURES, categoryTree, describeMechanic, filterProducts,
  indexRuns, measureCell, measureUnit, mechanicForm, readMechanic, sortedAlerts, windowIndices, withMechanic, type MechanicForm,
} from './product-view.ts';

/**
 * Options of the mechanic editor's product list at most: a longer list is no use to pick from, and
 * 2,000 options made the page's first render and every style pass slow (issue 13). A search narrows
 * the list to the products that match; the selected product is always in it.
 */
const MAX_OPTIONS = 100;
const TOTAL_ROW_ID = '__total';
const CATEGORY_ROW_ID = '__category';
/** The grid's row height (SpreadsheetGrid's) and height, to know which products are on screen. */
const ROW_HEIGHT = 30;
const GRID_HEIGHT = 560;
/** Rows read beyond those on screen, so a short scroll shows figures at once. */
const OVERSCAN = 30;
/**
 * Rows the grid gets per step: 10,000 rows handed over at once block the page. AG Grid draws every
 * row on screen as it gets it (a few ms of cells each), so the first screen fills in small steps,
 * one frame each (issue 13: a 171 ms task drew its first 28 rows; 6 rows a step still made a
 * 60–90 ms task of AG Grid's cells on a busy machine, 3 stay under 50); rows past the screen are
 * only data to the grid and come in large steps, one task each.
 */
const FIRST_ROWS = 3;
const SCREEN_ROWS = Math.ceil(GRID_HEIGHT / ROW_HEIGHT) + 12;
const MORE_ROWS = 1000;
/** Alerts listed (the rest are counted): the worker sends no more. */
const ALERTS_LISTED = 300;
/**
 * Rows of an edit's answer put into the grid per task. A target edit changes
 * every cell on screen (~1,000 of them), and AG Grid's React cells rendered
 * them in one task: 35 ms of CPU, 55–85 ms on two busy cores (issue 13: no
 * main-thread task over 50 ms). The rows at the top go in first; the rest
 * follow in tasks of their own, usually before the next frame (a frame due
 * in between paints the top rows first).
 */
const ROWS_PER_PAINT = 14;

/** A product's weekly figures of one measure as read from the worker at a version. */
interface RowFigures { version: number; measure: ProductMeasure; cells: GridRow['cells'] }

/** A built grid row and what it was built from: the same inputs give the same object, so the grid skips it. */
interface BuiltRow { product: unknown; priceError: unknown; leadError: unknown; figures: RowFigures | undefined; row: GridRow }

/** What a product's grid row shows besides its figures. */
interface RowLook { lang: Lang; categoryName: ReadonlyMap<string, LocalizedText> }

/**
 * A product's grid row, from the cache when nothing it shows changed (the
 * product object, its refused entries, its figures), else built anew and
 * cached: the same inputs give the same object, so the grid skips the row.
 */
function productRow(cache: Map<number, BuiltRow>, index: number, p: PlanProduct, fig: RowFigures | undefined, pending: Record<string, PendingEntry> | undefined, look: RowLook): GridRow {
  const priceError = pending?.[`products.${p.id}.price`];
  const leadError = pending?.[`products.${p.id}.leadDays`];
  const had = cache.get(index);
  if (had && had.product === p && had.priceError === priceError && had.leadError === leadError && had.figures === fig) return had.row;
  const { lang, categoryName } = look;
  const input = (value: number | undefined, bad: PendingEntry | undefined) => (bad ? { value: value ?? null, error: bad.message } : { value: value ?? null });
  const cells: GridRow['cells'] = {
    name: { value: p.name[lang] },
    category: { value: p.category ? (categoryName.get(p.category)?.[lang] ?? p.category) : '' },
    price: input(p.price, priceError),
    leadDays: input(p.leadDays ?? 0, leadError),
    ...fig?.cells,
  };
  const row = { id: p.id, cells };
  cache.set(index, { product: p, priceError, leadError, figures: fig, row });
  return row;
}

/** Today as the planning date when the plan sets none (the worker's engine knows no clock). */
const today = (): string => new Date().toISOString().slice(0, 10);

/** A roll-up's figure over the period for a measure: revenue and units summed, stock at the last close; price and order-by have none. */
function periodOf(r: ProductRollup | undefined, measure: ProductMeasure): number | null {
  if (!r) return null;
  if (measure === 'revenue') return Math.round(Array.from(r.revenue).reduce((s, v) => s + Math.round(v * 100), 0)) / 100;
  if (measure === 'units') return Array.from(r.units).reduce((s, v) => s + v, 0);
  if (measure === 'stock') return r.stock[r.stock.length - 1] ?? null;
  return null;
}

/** A roll-up's week figure for a measure (null where summing makes no sense: prices, dates). */
function weekOf(r: ProductRollup | undefined, measure: ProductMeasure, w: number): number | null {
  if (!r) return null;
  if (measure === 'revenue') return r.revenue[w] ?? null;
  if (measure === 'units') return r.units[w] ?? null;
  if (measure === 'stock') return r.stock[w] ?? null;
  return null;
}

/**
 * The product calendar of a plan v4 (issue 12, point 6): a measure switch
 * (revenue, units, promo price, closing stock, order-by), the category tree
 * with roll-ups per level, search and filters, totals over ALL products and
 * the alerts, all computed in the engine worker by the engine's product plan.
 * Price and lead time are edited in the grid (the same edit, journal and
 * undo as every cell); a promotion's mechanic in the editor below (one undo
 * step, like a moved promotion).
 */
export function ProductPlanView({ controller, snap }: { controller: PlanningController; snap: PageSnapshot }) {
  const lang = snap.session.lang;
  const scenario = activeScenario(snap.session);
  const plan = scenario.plan;
  const version = snap.figures[scenario.id]?.version ?? 0;
  const pendingAll = snap.session.pending[scenario.id];
  // no entry refused (the usual case): the grid rows look up none for each of 10,000 products
  const pending = pendingAll && Object.keys(pendingAll).length > 0 ? pendingAll : undefined;
  const [measure, setMeasure] = useState<ProductMeasure>('revenue');
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [alertsOnly, setAlertsOnly] = useState(false);
  const [summaryAt, setSummaryAt] = useState<{ version: number; summary: ProductPlanSummary } | null>(null);
  const summary = summaryAt?.summary ?? null;
  const summaryVersion = summaryAt?.version;
  const [focus, setFocus] = useState<{ rowId: string; colId: string; seq: number } | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(plan.products?.[0]?.id);
  // none at first: the grid mounts (its header and frame) in a task of its own, then gets its first rows
  const [limit, setLimit] = useState(0);
  const [figuresTick, setFiguresTick] = useState(0);
  /** Weekly figures per product index, as last read (rows off screen keep theirs until they scroll into view). */
  const figures = useRef(new Map<number, RowFigures>());
  /** Reads asked for and not yet answered: product index → `version|measure`. */
  const asked = useRef(new Map<number, string>());
  const built = useRef(new Map<number, BuiltRow>());
  const visible = useRef({ first: 0, count: Math.ceil(GRID_HEIGHT / ROW_HEIGHT) });
  const wrapRef = useRef<HTMLDivElement>(null);

  const products = plan.products;
  // the alerts move with every edit; only the "alerts only" filter reads them, so only then do they re-read the rows
  const alertFilter = useMemo(
    () => (alertsOnly && summary ? new Set(Array.from(summary.alertProducts, (i) => products?.[i]?.id ?? '')) : null),
    [alertsOnly, summary, products],
  );
  const shown = useMemo(() => filterProducts(plan, { search, category, alertsOnly }, alertFilter ?? new Set()),
    // the products' ids, names and categories decide, not their prices: a price typed keeps the same list
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [products?.length, plan.categories, search, category, alertsOnly, alertFilter]);
  const productCount = products?.length ?? 0;
  const displayed = useMemo(() => shown ?? Array.from({ length: productCount }, (_, i) => i), [shown, productCount]);

  // The grid gets its rows in steps, each its own task: the rows of the first screen a frame apart
  // (each step's rows drawn and painted before the next), the rest a task apart.
  useEffect(() => {
    if (limit >= displayed.length) return;
    if (limit >= SCREEN_ROWS) {
      const timer = setTimeout(() => setLimit((l) => l + MORE_ROWS), 0);
      return () => clearTimeout(timer);
    }
    return afterFrame(() => setLimit((l) => (l < SCREEN_ROWS ? l + FIRST_ROWS : l + MORE_ROWS)));
  }, [limit, displayed.length]);

  // A new scenario or measure: figures read for another one are not shown.
  useEffect(() => {
    figures.current.clear();
    asked.current.clear();
  }, [scenario.id, measure]);

  /**
   * Puts a slice of figures read at version `readAt` in place; a figure that did not move keeps its cell object.
   * True when a row got new figures (the grid rows must be built again).
   */
  const applySlice = useCallback((slice: ProductPlanRows, readAt: number): boolean => {
    if (slice.measure !== measure) return false;
    let any = false;
    for (let i = 0; i < slice.rowCount; i++) {
      const index = slice.rowStart + i;
      const had = figures.current.get(index);
      if (had && had.measure === measure && had.version >= readAt) continue;
      const old = had && had.measure === measure ? had.cells : undefined;
      // the grid leaves an unmoved cell alone, and a row none of whose figures moved keeps its row object
      let moved = old === undefined;
      const same = (id: string, cell: GridRow['cells'][string]) => {
        const before = old?.[id];
        if (before && before.value === cell.value && before.unit === cell.unit) return before;
        moved = true;
        return cell;
      };
      const cells: GridRow['cells'] = {};
      for (let w = 0; w < slice.weekCount; w++) cells[`w${w}`] = same(`w${w}`, measureCell(measure, slice.values[i * slice.weekCount + w]));
      const total = slice.rowTotal[i];
      cells.total = same('total', { value: total !== undefined && Number.isFinite(total) ? total : null });
      if (!moved && had) had.version = readAt;
      else {
        figures.current.set(index, { version: readAt, measure, cells });
        any = true;
      }
    }
    return any;
  }, [measure]);

  // The rows on screen as the last edit's answer carried them (read with the edit, one round trip).
  const carried = snap.figures[scenario.id]?.productRows;

  /** Reads the figures of the rows on screen (and a margin) that are not current. */
  const readVisible = useCallback(() => {
    const onScreen = windowIndices(displayed, Math.min(limit, displayed.length), visible.current.first, visible.current.count, OVERSCAN);
    // an edit's answer brings these rows with it
    controller.setProductView(scenario.id, onScreen.length > 0 ? { runs: indexRuns(onScreen), measure } : undefined);
    // (an edit's painter put them in place already, before this render: then nothing moves here)
    let carriedMoved = false;
    if (carried && carried.version === version) {
      for (const slice of carried.slices) carriedMoved = applySlice(slice, version) || carriedMoved;
    }
    const wanted = onScreen.filter((i) => {
      const f = figures.current.get(i);
      return !(f && f.version === version && f.measure === measure) && asked.current.get(i) !== `${version}|${measure}`;
    });
    if (wanted.length === 0) {
      // a render only when figures moved: after a painted edit the rows built are current already
      if (carriedMoved) setFiguresTick((t) => t + 1);
      return;
    }
    const readAt = version;
    for (const i of wanted) asked.current.set(i, `${readAt}|${measure}`);
    for (const run of indexRuns(wanted)) {
      void controller.ask((client) => client.productRows(scenario.id, run.start, run.count, measure, today())).then((slice) => {
        for (let i = 0; i < run.count; i++) if (asked.current.get(run.start + i) === `${readAt}|${measure}`) asked.current.delete(run.start + i);
        if (!slice) return;
        applySlice(slice, readAt);
        setFiguresTick((t) => t + 1);
      });
    }
  }, [controller, scenario.id, version, measure, displayed, limit, carried, applySlice]);

  // The page gone, an edit carries no rows for it.
  useEffect(() => () => controller.setProductView(scenario.id, undefined), [controller, scenario.id]);

  // A new filter shows its first rows.
  useEffect(() => {
    visible.current = { ...visible.current, first: 0 };
  }, [shown]);

  // A recalculation, a new measure, filter or more rows: read the rows on screen again.
  useEffect(() => {
    readVisible();
  }, [readVisible]);

  // Totals, roll-ups and alerts over all products, after every recalculation; asked after the rows
  // on screen, so the worker answers those first (the cell a planner typed into repaints sooner).
  // After a painted edit the summary was asked already, as its rows were painted (see the painter below).
  const summaryAhead = useRef<{ version: number; answer: Promise<ProductPlanSummary | null> } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const ahead = summaryAhead.current?.version === version ? summaryAhead.current.answer : undefined;
    summaryAhead.current = undefined;
    void (ahead ?? controller.ask((client) => client.productSummary(scenario.id, today(), ALERTS_LISTED))).then((s) => {
      performance.mark('shopplan:edit-summary');
      if (live) setSummaryAt(s ? { version, summary: s } : null);
    });
    return () => { live = false; };
  }, [controller, scenario.id, version, plan]);

  // Scrolling: read rows as they come into view (the grid virtualises the DOM; this virtualises the data).
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    let frame = 0;
    const onScroll = (e: Event) => {
      const el = e.target as HTMLElement;
      // the horizontal scroller of the week columns scrolls no rows
      if (!(el.scrollHeight > el.clientHeight + ROW_HEIGHT)) return;
      visible.current = { first: Math.floor(el.scrollTop / ROW_HEIGHT), count: Math.ceil(el.clientHeight / ROW_HEIGHT) };
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(readVisible);
    };
    wrap.addEventListener('scroll', onScroll, true);
    return () => {
      wrap.removeEventListener('scroll', onScroll, true);
      cancelAnimationFrame(frame);
    };
  }, [readVisible]);

  const weekStarts = useMemo(() => (plan.weeks ?? []).map((w) => w.start), [plan.weeks]);
  const categoryName = useMemo(() => new Map((plan.categories ?? []).map((c) => [c.id, c.name])), [plan.categories]);
  const tree = useMemo(() => categoryTree(plan.categories ?? []), [plan.categories]);

  const columns = useMemo((): GridColumn[] => {
    const unit = measureUnit(measure);
    return [
      { id: 'name', header: lang === 'zh' ? '商品' : 'Product', unit: 'text', editable: false, width: 170, pinned: 'left' },
      { id: 'category', header: lang === 'zh' ? '类目' : 'Category', unit: 'text', editable: false, width: 110 },
      { id: 'price', header: lang === 'zh' ? '售价' : 'Price', unit: 'money', editable: true, width: 80 },
      { id: 'leadDays', header: lang === 'zh' ? '交期(工作日)' : 'Lead (days)', unit: 'count', editable: true, width: 90 },
      { id: 'total', header: lang === 'zh' ? '全期' : 'Period', unit: measure === 'orderBy' ? 'count' : unit, editable: false, width: 100 },
      ...weekStarts.map((start, w): GridColumn => ({ id: `w${w}`, header: start.slice(5), unit, editable: false, width: measure === 'orderBy' ? 96 : 80 })),
    ];
  }, [measure, lang, weekStarts]);

  // Rows built anew only where something they show changed (the product, its refused entry, its figures):
  // after a price typed, the grid compares 10,000 rows by identity and repaints the few that moved.
  const builtFor = useRef<{ lang: Lang; measure: ProductMeasure; names: unknown } | null>(null);
  const gridRows = useMemo((): GridRow[] => {
    const list = products ?? [];
    const cache = built.current;
    const made = builtFor.current;
    if (!made || made.lang !== lang || made.measure !== measure || made.names !== categoryName) {
      cache.clear();
      builtFor.current = { lang, measure, names: categoryName };
    }
    const count = Math.min(limit, displayed.length);
    const out: GridRow[] = new Array(count);
    const look: RowLook = { lang, categoryName };
    for (let d = 0; d < count; d++) {
      const index = displayed[d]!;
      const f = figures.current.get(index);
      out[d] = productRow(cache, index, list[index]!, f && f.measure === measure ? f : undefined, pending, look);
    }
    return out;
    // figuresTick: new figures were read into the ref
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [products, displayed, limit, figuresTick, measure, lang, pending, categoryName]);

  // An accepted edit's rows on screen go straight into the grid (transactions of the rows that moved, top first),
  // before the page's state and this view's render follow: those come after the browser has painted them.
  const gridUpdate = useRef<((changed: readonly GridRow[]) => boolean) | null>(null);
  // counts the answers painted: rows of an earlier answer still waiting for their task are dropped by a later one
  const painting = useRef(0);
  const paint = useRef<ProductRowsPainter>(() => undefined);
  paint.current = ({ plan: edited, pending: pendingNext, slices, version: at }) => {
    const seq = ++painting.current;
    const pendingAfter = pendingNext && Object.keys(pendingNext).length > 0 ? pendingNext : undefined;
    const made = builtFor.current;
    if (!made || made.lang !== lang || made.measure !== measure || made.names !== categoryName) return;
    for (const slice of slices) applySlice(slice, at);
    const list = edited.products ?? [];
    const look: RowLook = { lang, categoryName };
    // the rows in the viewport repaint now; the margin read around them (off screen) a task after the paint
    const onScreen = new Set(windowIndices(displayed, Math.min(limit, displayed.length), visible.current.first, visible.current.count, 0));
    const changed: GridRow[] = [];
    const later: GridRow[] = [];
    for (const slice of slices) {
      if (slice.measure !== measure) continue;
      for (let i = 0; i < slice.rowCount; i++) {
        const index = slice.rowStart + i;
        const had = built.current.get(index);
        const p = list[index];
        // a row the grid does not hold yet is built by the next render
        if (!had || !p) continue;
        const f = figures.current.get(index);
        const row = productRow(built.current, index, p, f && f.measure === measure ? f : undefined, pendingAfter, look);
        if (row !== had.row) (onScreen.has(index) ? changed : later).push(row);
      }
    }
    // the rows on screen in parts of even size, top first, each in a task of its own (ROWS_PER_PAINT at most)
    const size = Math.ceil(changed.length / Math.ceil(changed.length / ROWS_PER_PAINT));
    const paintFrom = (from: number) => {
      if (seq !== painting.current) return;
      gridUpdate.current?.(changed.slice(from, from + size));
      if (from + size < changed.length) setTimeout(() => paintFrom(from + size), 0);
    };
    if (changed.length > 0) paintFrom(0);
    // once this frame is painted: the rows read around the viewport; once the page is idle after it (the
    // edit's commit and the next frame done, 250 ms at most): the totals, roll-ups and alerts over all
    // products. The worker sums them then, not while this page paints: on two cores the sum (~200 ms)
    // beside the paint slowed the repaint of the cell a planner typed into. The edit is in the worker's
    // model, and its job here waits for the paint, so the question goes ahead of it.
    const painted = afterPaint();
    summaryAhead.current = { version: at, answer: painted.then(() => pageIdle(250)).then(() => controller.askNow((client) => client.productSummary(scenario.id, today(), ALERTS_LISTED))) };
    if (later.length > 0) void painted.then(() => { if (seq === painting.current) gridUpdate.current?.(later); });
  };
  useEffect(() => {
    controller.setProductRowsPainter(scenario.id, (update) => paint.current(update));
    return () => controller.setProductRowsPainter(scenario.id, undefined);
  }, [controller, scenario.id]);

  // Marks for the web benchmark (test/e2e/src/bench-web.ts): products with their inputs on screen, then the first weekly figures.
  const marked = useRef({ interactive: false, ready: false });
  useEffect(() => {
    if (!marked.current.interactive && gridRows.length > 0) {
      marked.current.interactive = true;
      requestAnimationFrame(() => performance.mark('shopplan:calendar-interactive'));
    }
    if (!marked.current.ready && figures.current.size > 0) {
      marked.current.ready = true;
      requestAnimationFrame(() => performance.mark('shopplan:calendar-ready'));
    }
  }, [gridRows]);

  const pinned = useMemo((): GridRow[] => {
    const rollupRow = (id: string, label: string, r: ProductRollup | undefined): GridRow => {
      const cells: GridRow['cells'] = {
        name: { value: label, readOnly: true }, category: { value: '', readOnly: true },
        price: { value: null, readOnly: true }, leadDays: { value: null, readOnly: true },
        total: { value: periodOf(r, measure), readOnly: true },
      };
      weekStarts.forEach((_, w) => { cells[`w${w}`] = { value: weekOf(r, measure, w), readOnly: true }; });
      return { id, cells };
    };
    const out = [rollupRow(TOTAL_ROW_ID, lang === 'zh' ? `全部商品合计（${summary?.productCount ?? 0}）` : `All products (${summary?.productCount ?? 0})`, summary?.total)];
    if (category) out.unshift(rollupRow(CATEGORY_ROW_ID, `${categoryName.get(category)?.[lang] ?? category}`, summary?.categories[category]));
    return out;
  }, [summary, measure, weekStarts, lang, category, categoryName]);

  const onEdits = (edits: CellEdit[]) => {
    const own = edits.filter((e) => !e.rowId.startsWith('__') && (e.colId === 'price' || e.colId === 'leadDays'));
    if (own.length === 0) return;
    void controller.enter(scenario.id, own.map((e) => ({
      path: `products.${e.rowId}.${e.colId}`,
      value: e.value,
      text: formatNumber(e.value, e.colId === 'price' ? 'money' : 'count', lang, { compact: false }),
    })));
  };
  const onInvalid = (rowId: string, colId: string, text: string, message: { zh: string; en: string }) => {
    if (rowId.startsWith('__')) return;
    controller.invalidInput(scenario.id, `products.${rowId}.${colId}`, text, message);
  };

  const alerts = useMemo(() => sortedAlerts(summary?.alerts ?? []), [summary]);
  const alertCount = summary?.alertCount ?? 0;
  const goToAlert = (product: string, week: string) => {
    const w = weekStarts.indexOf(week);
    const index = (plan.products ?? []).findIndex((p) => p.id === product);
    if (index < 0) return;
    // the alert's product must be on screen: filters that hide it give way
    if (!displayed.includes(index)) {
      setSearch('');
      setCategory(null);
      setAlertsOnly(false);
    }
    setSelected(product);
    setFocus((f) => ({ rowId: product, colId: w >= 0 ? `w${w}` : 'name', seq: (f?.seq ?? 0) + 1 }));
  };

  // The list's items are made again only when the alerts or the language change, not on every render of the page.
  const goTo = useRef(goToAlert);
  goTo.current = goToAlert;
  const alertItems = useMemo(() => alerts.slice(0, ALERTS_LISTED).map((a, k) => (
    <li key={`${a.product}|${a.code}|${a.week}|${k}`}>
      <button type="button" data-testid="product-alert" data-product={a.product} data-code={a.code} data-week={a.week} onClick={() => goTo.current(a.product, a.week)}>
        <strong>{ALERT_LABEL[a.code][lang]}</strong> <code>{a.code}</code> · {a.product} · {a.week}
        <br />
        <span className="hint">{a.message[lang]}</span>
      </button>
    </li>
  )), [alerts, lang]);

  // The tree's items (a roll-up summed and formatted per category) are made again only when the figures, measure,
  // language or chosen category change, not on every render of the page (an edit renders it before its summary comes).
  const treeItems = useMemo(() => tree.map((node) => (
    <li key={node.id} style={{ paddingLeft: node.level * 14 }}>
      <button
        type="button"
        data-testid={`category-${node.id}`}
        aria-pressed={category === node.id}
        className={category === node.id ? 'active' : ''}
        title={LEVEL_LABEL[node.level]?.[lang]}
        onClick={() => setCategory(category === node.id ? null : node.id)}
      >
        <span className="level">{LEVEL_LABEL[node.level]?.[lang].slice(0, lang === 'zh' ? 2 : 7)}</span> {node.name[lang]}{' '}
        <span className="figure">{formatRollup(periodOf(summary?.categories[node.id], measure), measure, lang)}</span>
      </button>
    </li>
  )), [tree, summary, measure, lang, category]);

  const issues = summary?.issues ?? [];
  return (
    <section className="panel product-plan" data-testid="product-plan">
      <h2>
        {lang === 'zh' ? '商品日历' : 'Product calendar'} · {(plan.products?.length ?? 0).toLocaleString('en-US')} {lang === 'zh' ? '个商品' : 'products'} × {weekStarts.length} {lang === 'zh' ? '周' : 'weeks'}
        {summary?.asOf ? <span className="hint"> · {lang === 'zh' ? '计划日' : 'as of'} {summary.asOf}</span> : null}
      </h2>
      <div className="question-buttons calendar-metric" role="group" aria-label={lang === 'zh' ? '指标' : 'Measure'}>
        {PRODUCT_MEASURES.map((m) => (
          <button key={m} type="button" data-testid={`measure-${m}`} aria-pressed={measure === m} className={measure === m ? 'active' : ''} onClick={() => setMeasure(m)}>
            {MEASURE_LABEL[m][lang]}
          </button>
        ))}
      </div>
      <div className="calendar-filters" role="search">
        <label>
          {lang === 'zh' ? '搜索' : 'Search'}
          <input type="search" data-testid="product-search" value={search} placeholder={lang === 'zh' ? '编号或名称' : 'id or name'} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" data-testid="product-alerts-only" checked={alertsOnly} onChange={(e) => setAlertsOnly(e.target.checked)} />
          {lang === 'zh' ? '只看有预警的商品' : 'Only products with alerts'}
        </label>
        <span className="hint" data-testid="product-shown" data-count={displayed.length}>
          {lang === 'zh' ? `显示 ${displayed.length} / ${productCount} 个商品` : `${displayed.length} of ${productCount} products shown`}
        </span>
      </div>
      {issues.length > 0 && (
        <ul className="issues" data-testid="product-issues">{issues.map((i, k) => <li key={k}>{i.message[lang]}</li>)}</ul>
      )}
      <p
        className="calendar-totals hint"
        data-testid="product-totals"
        data-version={version}
        data-state={summary ? (summaryVersion === version ? 'current' : 'stale') : 'computing'}
        data-revenue={summary ? periodOf(summary.total, 'revenue') ?? '' : ''}
        data-alerts={summary ? summary.alertCount : ''}
      >
        {summary && issues.length === 0
          ? (lang === 'zh'
            ? `全部 ${summary.productCount} 个商品：成交额 ${formatNumber(periodOf(summary.total, 'revenue') ?? 0, 'money', lang, { compact: false })}，销量 ${formatNumber(periodOf(summary.total, 'units') ?? 0, 'count', lang, { compact: false })}，预警 ${summary.alertCount} 条`
            : `All ${summary.productCount} products: revenue ${formatNumber(periodOf(summary.total, 'revenue') ?? 0, 'money', lang, { compact: false })}, units ${formatNumber(periodOf(summary.total, 'units') ?? 0, 'count', lang, { compact: false })}, ${summary.alertCount} alerts`)
          : (lang === 'zh' ? '计算中…' : 'Computing…')}
      </p>
      <div className="product-plan-body">
        <nav className="category-tree" aria-label={lang === 'zh' ? '类目' : 'Categories'} data-testid="category-tree">
          <ul role="list">
            <li>
              <button type="button" aria-pressed={category === null} className={category === null ? 'active' : ''} onClick={() => setCategory(null)}>
                {lang === 'zh' ? '全部类目' : 'All categories'} <span className="figure">{formatRollup(periodOf(summary?.total, measure), measure, lang)}</span>
              </button>
            </li>
            {treeItems}
          </ul>
        </nav>
        <div className="product-grid" ref={wrapRef}>
          <SpreadsheetGrid
            testId="product-grid"
            columns={columns}
            rows={gridRows}
            lang={lang}
            height={GRID_HEIGHT}
            onEdits={onEdits}
            onInvalidInput={onInvalid}
            onUndo={() => void controller.undo()}
            onRedo={() => void controller.redo()}
            pinnedBottomRows={pinned}
            rowUpdater={gridUpdate}
            {...(focus ? { focusRequest: focus } : {})}
          />
        </div>
        <aside className="product-alerts" aria-label={lang === 'zh' ? '预警' : 'Alerts'}>
          <h3>{lang === 'zh' ? `预警（${alertCount}）` : `Alerts (${alertCount})`}</h3>
          <ul data-testid="product-alerts">
            {alertItems}
          </ul>
          {alertCount > alerts.length && <p className="hint">{lang === 'zh' ? `另有 ${alertCount - alerts.length} 条，请用筛选缩小范围` : `${alertCount - alerts.length} more; narrow them with the filters`}</p>}
        </aside>
      </div>
      <MechanicEditor controller={controller} plan={plan} scenarioId={scenario.id} lang={lang} selected={selected} onSelect={setSelected} />
    </section>
  );
}

/**
 * The same array as long as the products keep their ids and name objects
 * (a price typed replaces a product object but keeps its name), so lists
 * built from names are not rebuilt with every edit.
 */
function useSameIdsAndNames<T extends { id: string; name: unknown }>(products: T[]): T[] {
  const kept = useRef<T[]>(products);
  const before = kept.current;
  if (before.length !== products.length || products.some((p, i) => p.id !== before[i]!.id || p.name !== before[i]!.name)) kept.current = products;
  return kept.current;
}

/**
 * The products whose id or name (zh or en) contains `text`, the first `max`
 * of them in plan order, and how many match in all (every product for an
 * empty text).
 */
function matchingProducts(products: readonly PlanProduct[], text: string, max: number): { products: PlanProduct[]; count: number } {
  const needle = text.trim().toLowerCase();
  if (!needle) return { products: products.slice(0, max), count: products.length };
  const out: PlanProduct[] = [];
  let count = 0;
  for (const p of products) {
    if (!p.id.toLowerCase().includes(needle) && !p.name.zh.toLowerCase().includes(needle) && !p.name.en.toLowerCase().includes(needle)) continue;
    count++;
    if (out.length < max) out.push(p);
  }
  return { products: out, count };
}

/** A roll-up figure as the tree shows it. */
function formatRollup(value: number | null, measure: ProductMeasure, lang: Lang): string {
  if (value === null) return '';
  return formatNumber(value, measure === 'revenue' ? 'money' : 'count', lang);
}

/**
 * The promotion editor of one product: its promotions with their mechanics,
 * and a small form per mechanic kind. Applying replaces the plan (one undo
 * step, saved like any edit); the worker rebuilds the product plan from it.
 */
function MechanicEditor({ controller, plan, scenarioId, lang, selected, onSelect }: {
  controller: PlanningController; plan: Plan; scenarioId: string; lang: Lang; selected: string | undefined; onSelect(id: string): void;
}) {
  const product = plan.products?.find((p) => p.id === selected);
  const promotions = product?.promotions ?? [];
  const [promotion, setPromotion] = useState(0);
  const current = promotions[Math.min(promotion, promotions.length - 1)];
  const [form, setForm] = useState<MechanicForm | undefined>(current ? mechanicForm(current.mechanic) : undefined);
  const [error, setError] = useState<{ field: keyof MechanicForm; message: { zh: string; en: string } } | null>(null);
  useEffect(() => {
    setForm(current ? mechanicForm(current.mechanic) : undefined);
    setError(null);
    // a new product or promotion (or the plan it lives in) shows its mechanic afresh
  }, [current]);
  useEffect(() => setPromotion(0), [selected]);
  // The product list as options: the products the search finds, at most MAX_OPTIONS of them; rebuilt when
  // the search, ids or names change, not with every price typed (10,000 products).
  const [find, setFind] = useState('');
  // a price typed gives the product a new object, not a new id or name: the same list, so the same options
  const named = useSameIdsAndNames(plan.products ?? []);
  const found = useMemo(() => matchingProducts(named, find, MAX_OPTIONS), [named, find]);
  const offered = found.products;
  const options = useMemo(() => {
    const shown = offered.slice();
    if (product && !shown.some((p) => p.id === product.id)) shown.push(product);
    return shown.map((p) => <option key={p.id} value={p.id}>{p.id} · {p.name[lang]}</option>);
    // a price typed gives the product a new object, not a new id or name: the options stay
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offered, lang, product?.id]);

  const field = (name: keyof MechanicForm, label: string) => form && (
    <label>
      {label}
      <input
        type="text"
        inputMode="decimal"
        size={7}
        data-testid={`mechanic-${name}`}
        value={form[name]}
        aria-invalid={error?.field === name}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );
  const apply = () => {
    if (!product || !current || !form) return;
    const read = readMechanic(form, product.price, current.mechanic);
    if (!read.ok) {
      setError({ field: read.field, message: read.message });
      return;
    }
    setError(null);
    const next = withMechanic(plan, product.id, Math.min(promotion, promotions.length - 1), read.mechanic);
    if (next) void controller.replacePlan(scenarioId, next);
  };

  return (
    <section className="mechanic-editor" data-testid="mechanic-editor" aria-label={lang === 'zh' ? '促销机制' : 'Promotion mechanic'}>
      <h3>{lang === 'zh' ? '促销机制' : 'Promotion mechanic'}</h3>
      <div className="calendar-filters">
        <label>
          {lang === 'zh' ? '查找商品' : 'Find product'}
          <input type="search" data-testid="mechanic-find" size={12} value={find} placeholder={lang === 'zh' ? '编号或名称' : 'id or name'} onChange={(e) => setFind(e.target.value)} />
        </label>
        <label>
          {lang === 'zh' ? '商品' : 'Product'}
          <select data-testid="mechanic-product" value={selected ?? ''} onChange={(e) => onSelect(e.target.value)}>
            {options}
          </select>
        </label>
        {found.count > found.products.length && (
          <span className="hint" data-testid="mechanic-find-more">
            {lang === 'zh' ? `列出 ${found.products.length} / ${found.count} 个，输入编号或名称缩小范围` : `${found.products.length} of ${found.count} listed; type an id or name to narrow them`}
          </span>
        )}
        {promotions.length > 0 ? (
          <label>
            {lang === 'zh' ? '活动' : 'Activity'}
            <select data-testid="mechanic-promotion" value={Math.min(promotion, promotions.length - 1)} onChange={(e) => setPromotion(Number(e.target.value))}>
              {promotions.map((p, k) => <option key={k} value={k}>{p.activity} · {describeMechanic(p.mechanic, lang)}{p.promoPrice !== undefined ? ` · ¥${p.promoPrice}` : ''}</option>)}
            </select>
          </label>
        ) : <span className="hint">{lang === 'zh' ? '该商品没有参加促销' : 'this product joins no promotion'}</span>}
      </div>
      {form && (
        <form className="calendar-filters" onSubmit={(e) => { e.preventDefault(); apply(); }}>
          <label>
            {lang === 'zh' ? '机制' : 'Mechanic'}
            <select data-testid="mechanic-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as MechanicForm['kind'] })}>
              {(Object.keys(MECHANIC_LABEL) as Array<MechanicForm['kind']>).map((k) => <option key={k} value={k}>{MECHANIC_LABEL[k][lang]}</option>)}
            </select>
          </label>
          {form.kind === 'multiBuy' && <>{field('items', lang === 'zh' ? '件数' : 'Items')}{field('total', lang === 'zh' ? '总价 ¥' : 'Total ¥')}</>}
          {form.kind === 'spendSave' && <>{field('spend', lang === 'zh' ? '满 ¥' : 'Spend ¥')}{field('save', lang === 'zh' ? '减 ¥' : 'Save ¥')}</>}
          {form.kind === 'coupon' && <>{field('threshold', lang === 'zh' ? '门槛 ¥' : 'Threshold ¥')}{field('value', lang === 'zh' ? '面额 ¥' : 'Value ¥')}</>}
          {form.kind === 'priceCut' && field('price', lang === 'zh' ? '直降到 ¥' : 'Cut to ¥')}
          {form.kind === 'group' && <>{field('price', lang === 'zh' ? '拼团价 ¥' : 'Group price ¥')}{field('groupSize', lang === 'zh' ? '成团人数' : 'Group size')}</>}
          <button type="submit" data-testid="mechanic-apply">{lang === 'zh' ? '应用' : 'Apply'}</button>
          {error && <span className="error" role="alert" data-testid="mechanic-error">{error.message[lang]}</span>}
        </form>
      )}
    </section>
  );
}
