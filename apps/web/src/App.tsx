import { ViewLoadBoundary } from './views/ViewLoadBoundary.tsx';
import { lazy, Suspense, useDeferredValue, useEffect, useState, useSyncExternalStore } from 'react';
import { DEMO_PLAN_ID, EXAMPLE_PLAN_IDS, examplePlan } from '@shopplan/examples';
import type { Lang, Plan } from '@shopplan/schema';
import { PlanningController } from './session/controller.ts';
import { newSession } from './session/session-store.ts';
import { Header } from './views/Header.tsx';
import { NoticeBar } from './views/NoticeBar.tsx';
import { VIEW_PANEL_ID, ViewTabs, type ViewTab } from './views/ViewTabs.tsx';
import { t } from './i18n/index.ts';

// Every view arrives on first use, so the page evaluates only the one in front: the others
// (ECharts with the chart views, the calibration, the promotions board, the builder with the
// plan view) load when the planner opens them, each its own chunk evaluated in its own task.
// The plan view's risk chart loads ECharts with the first risk answer, see QuestionsPanel.
const PlanView = lazy(() => import('./views/PlanView.tsx').then((m) => ({ default: m.PlanView })));
const CalendarView = lazy(() => import('./views/CalendarView.tsx').then((m) => ({ default: m.CalendarView })));
const PromotionsView = lazy(() => import('./views/promotions/PromotionsView.tsx').then((m) => ({ default: m.PromotionsView })));
const CompareView = lazy(() => import('./views/CompareView.tsx').then((m) => ({ default: m.CompareView })));
const ChartsView = lazy(() => import('./views/ChartsView.tsx').then((m) => ({ default: m.ChartsView })));
const CalibrationView = lazy(() => import('./views/calibration/CalibrationView.tsx').then((m) => ({ default: m.CalibrationView })));

/** The views of the page. Later capabilities add theirs here. */
const VIEWS: ViewTab[] = [
  { id: 'plan', label: 'viewPlan', ready: true },
  { id: 'compare', label: 'viewCompare', ready: true },
  { id: 'charts', label: 'viewCharts', ready: true },
  { id: 'calendar', label: 'viewCalendar', ready: true },
  { id: 'promotions', label: 'viewPromotions', ready: true },
  { id: 'calibration', label: 'viewCalibration', ready: true },
];

function initialLang(): Lang {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * What the page opens, from its address: by default the stored session or
 * the demo plan. `?demo=<example id>` opens a bundled example fresh;
 * `?demo=scale&products=10000&weeks=52` the generated products × weeks plan
 * (for the benchmark): a plan v4 with every product field, shown by the
 * product plan's page; `&plan=v3` the earlier share × price plan (the thin
 * calendar). `?workspace=<name>` keeps the session in its own
 * browser record, so trying an example never overwrites the planner's work.
 */
function startup(): { plan: (controller: PlanningController) => Plan | Promise<Plan>; fresh: boolean; storageKey?: string; workspace?: string } {
  const q = new URLSearchParams(location.search);
  const demo = q.get('demo');
  const workspace = q.get('workspace') ?? (demo ? `demo-${demo}` : undefined);
  const storageKey = workspace ? `workspace:${workspace}` : undefined;
  if (demo === 'scale') {
    const products = Math.max(1, Math.min(20_000, Number(q.get('products')) || 10_000));
    const weeks = Math.max(1, Math.min(104, Number(q.get('weeks')) || 52));
    const productCalendar = q.get('plan') !== 'v3';
    // Generated in the engine worker: the page's main thread never builds or checks 10,000 products.
    return { plan: (controller) => controller.scaleDemo(products, weeks, productCalendar), fresh: true, storageKey, workspace };
  }
  if (demo && EXAMPLE_PLAN_IDS.includes(demo)) return { plan: () => examplePlan(demo), fresh: true, storageKey, workspace };
  return workspace ? { plan: () => examplePlan(DEMO_PLAN_ID), fresh: false, storageKey, workspace } : { plan: () => examplePlan(DEMO_PLAN_ID), fresh: false };
}

function viewFromHash(): string {
  const id = location.hash.replace(/^#\/?/, '');
  return VIEWS.some((v) => v.id === id) ? id : 'plan';
}

/** What the page starts from: the plan its address asks for and the session's controller. Made by `prepareApp`. */
export interface AppStart {
  boot: ReturnType<typeof startup>;
  controller: PlanningController;
}

/**
 * Reads the address and makes the session's controller (with the demo plan
 * as a placeholder until the plan asked for arrives). Its own step before the
 * first render (see main.tsx): checking the placeholder plan is the first
 * use of the schema's validators, which is not cheap.
 */
export function prepareApp(): AppStart {
  const boot = startup();
  return { boot, controller: new PlanningController(newSession(examplePlan(DEMO_PLAN_ID), initialLang()), boot.storageKey) };
}

/** The planner's page: header with scenarios and actions, view tabs, and the view in front. */
export function App({ start }: { start: AppStart }) {
  const { boot, controller } = start;
  const live = useSyncExternalStore(controller.subscribe, controller.snapshot);
  // Until the plan asked for is loaded and computed, the page follows it as a transition: the
  // plan arriving from the worker (10,000 products) is rendered in slices that let the browser
  // paint and take input between them, not all at once inside the worker's message (issue 13).
  // Once loaded, every update shows as it comes (an edit's repaint waits for nothing, and
  // nothing renders twice): the deferred value is then null and stays null.
  const deferred = useDeferredValue(live.loading ? live : null);
  const snap = deferred ?? live;
  const [view, setView] = useState(viewFromHash);
  const lang = snap.session.lang;

  useEffect(() => {
    void controller.start(() => boot.plan(controller), initialLang(), boot.fresh).then(() => {
      // A demo opens fresh once; from then on the address names its workspace, so a reload keeps every edit.
      if (boot.fresh && boot.workspace) history.replaceState(null, '', `?workspace=${encodeURIComponent(boot.workspace)}${location.hash}`);
    });
    (window as unknown as { shopplan?: PlanningController }).shopplan = controller;
  }, [controller, boot]);

  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `shopplan · ${t('appTitle', lang)}`;
  }, [lang]);

  // Undo and redo outside the grids (the grids call them themselves).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as Element | null;
      if (target?.closest?.('.ag-root-wrapper, input, textarea, select')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) { e.preventDefault(); void controller.undo(); }
      else if (key === 'y' || (key === 'z' && e.shiftKey)) { e.preventDefault(); void controller.redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);

  const go = (id: string) => {
    location.hash = `/${id}`;
    setView(id);
  };

  return (
    <div className="app" data-testid="app" data-loading={snap.loading ? 'true' : 'false'} data-lang={lang} data-readonly={snap.readOnly ? 'true' : 'false'}>
      <Header controller={controller} snap={snap} />
      <ViewTabs views={VIEWS} current={view} lang={lang} onSelect={go} />
      <NoticeBar controller={controller} snap={snap} />
      <main className="view" data-testid={`view-body-${view}`} id={VIEW_PANEL_ID} role="tabpanel" aria-labelledby={`view-tab-${view}`}>
        <ViewLoadBoundary lang={lang} view={view}>
        <Suspense fallback={<p className="hint" role="status" data-testid="view-loading">{t('loadingPage', lang)}</p>}>
          {view === 'plan' && <PlanView controller={controller} snap={snap} />}
          {view === 'compare' && <CompareView controller={controller} snap={snap} />}
          {view === 'charts' && <ChartsView controller={controller} snap={snap} />}
          {view === 'calibration' && <CalibrationView controller={controller} snap={snap} />}
          {view === 'calendar' && <CalendarView controller={controller} snap={snap} />}
          {view === 'promotions' && <PromotionsView controller={controller} snap={snap} />}
        </Suspense>
        </ViewLoadBoundary>
      </main>
    </div>
  );
}
