/// <reference lib="webworker" />
import { CHANNEL_COLUMNS, PlanModel, SHEET, allocateBudget, channelCol, goalSeek, simulateRisk, type EditOutcome } from '@shopplan/engine';
import type { LocalizedText } from '@shopplan/schema';
import { readableFormula } from './formula-text.ts';
import type { CalendarViewport, CellFormula, LoadOutcome, TotalExtra, WorkerRequest, WorkerResponse } from './protocol.ts';
import { calendarShape, readCalendar } from './calendar.ts';
import { movePromotion, promotionsOf } from './promotions.ts';

/**
 * The engine worker: one live PlanModel (HyperFormula) per scenario. The
 * page never runs the engine itself; it posts edits and gets figures back,
 * so typing never waits on a recalculation.
 */
const models = new Map<string, PlanModel>();

/** Derived figures a planner may ask the formula of. */
const FORMULA_COLUMNS = ['visitors', 'clicks', 'impressions', 'messages', 'orders', 'gmv', 'spend', 'roi', 'costPerOrder', 'visitorValue'] as const;

function formulasOf(model: PlanModel): Record<string, CellFormula> {
  const plan = model.plan;
  const headers: LocalizedText[] = CHANNEL_COLUMNS.map((c) => c.header);
  const total: LocalizedText = { zh: '合计', en: 'Total' };
  const rowNames: LocalizedText[] = [{ zh: '表头', en: 'header' }, ...plan.channels.map((c) => c.name), total];
  const out: Record<string, CellFormula> = {};
  const rows = [...plan.channels.map((c, i) => ({ id: c.id, row: i + 1 })), { id: 'total', row: plan.channels.length + 1 }];
  for (const { id, row } of rows) {
    for (const key of FORMULA_COLUMNS) {
      const raw = model.formula(SHEET.channels, channelCol(key), row);
      if (!raw) continue;
      out[`${id}|${key}`] = { raw, readable: { zh: readableFormula(raw, headers, rowNames, 'zh'), en: readableFormula(raw, headers, rowNames, 'en') } };
    }
  }
  return out;
}

/** The total row's cost per order and visitor value, as HyperFormula computed them (null where blank). */
function totalExtra(model: PlanModel): TotalExtra {
  const row = model.plan.channels.length + 1;
  const read = (key: 'costPerOrder' | 'visitorValue') => {
    const v = model.value(SHEET.channels, channelCol(key), row);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return { costPerOrder: read('costPerOrder'), visitorValue: read('visitorValue') };
}

function load(scenarioId: string, plan: PlanModel['plan']): LoadOutcome {
  models.get(scenarioId)?.dispose();
  models.delete(scenarioId);
  const model = PlanModel.build(plan);
  models.set(scenarioId, model);
  const result = model.result();
  const calendar = calendarShape(model);
  return { ok: true, result, totalExtra: totalExtra(model), formulas: formulasOf(model), ...(calendar ? { calendar } : {}) };
}

let idleRefresh: ReturnType<typeof setTimeout> | undefined;

/**
 * After an edit, the calendar rows already seen but off screen are brought up
 * to date between messages, one partition per tick: scrolling back finds them
 * current, and an edit arriving meanwhile waits for one partition at most.
 */
function scheduleIdleRefresh(): void {
  if (idleRefresh !== undefined) return;
  idleRefresh = setTimeout(() => {
    idleRefresh = undefined;
    for (const model of models.values()) {
      if (model.productCalendar?.refreshStep()) {
        scheduleIdleRefresh();
        return;
      }
    }
  }, 0);
}

function loaded(scenarioId: string): PlanModel {
  const model = models.get(scenarioId);
  if (!model) throw new Error(`scenario ${scenarioId} is not loaded`);
  return model;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      return load(request.scenarioId, request.plan);
    case 'edit': {
      const model = loaded(request.scenarioId);
      const outcome: EditOutcome = model.setAssumptions(request.edits);
      // The rows on screen come back with the answer: one round trip from keystroke to repaint.
      if (!outcome.ok) return outcome;
      scheduleIdleRefresh();
      const extra = totalExtra(model);
      if (request.viewport) return { ...outcome, totalExtra: extra, calendar: readCalendar(model, request.viewport.rowStart, request.viewport.rowCount) };
      return { ...outcome, totalExtra: extra };
    }
    case 'drop':
      models.get(request.scenarioId)?.dispose();
      models.delete(request.scenarioId);
      return null;
    case 'calendar': {
      const model = models.get(request.scenarioId);
      return model ? readCalendar(model, request.rowStart, request.rowCount) : null;
    }
    case 'exportXlsx': {
      // ExcelJS loads on first use, so opening the page does not wait for it.
      const xlsx = await import('@shopplan/xlsx');
      return xlsx.exportWorkbook(request.session ? { plan: request.plan, lang: request.lang, session: request.session } : { plan: request.plan, lang: request.lang });
    }
    case 'goalSeek':
      return goalSeek(loaded(request.scenarioId).plan, request.options);
    case 'allocate':
      return allocateBudget(loaded(request.scenarioId).plan, request.goal);
    case 'risk':
      return simulateRisk(loaded(request.scenarioId).plan, request.options);
    case 'importXlsx': {
      const xlsx = await import('@shopplan/xlsx');
      return xlsx.importWorkbook(request.bytes);
    }
    case 'promotions':
      return promotionsOf(request.plan);
    case 'movePromotion':
      return movePromotion(request.plan, request.activityId, request.start);
  }
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, payload: await handle(request) };
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  const payload = response.ok ? response.payload : undefined;
  // Typed arrays of a calendar viewport are moved, not copied.
  const carried = payload && typeof payload === 'object' && 'calendar' in payload ? (payload as { calendar?: unknown }).calendar : payload;
  const viewport = carried && typeof carried === 'object' && 'revenue' in carried ? (carried as CalendarViewport) : undefined;
  const transfer: Transferable[] = viewport ? [viewport.revenue.buffer as ArrayBuffer, viewport.units.buffer as ArrayBuffer, viewport.gmv.buffer as ArrayBuffer] : [];
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(response, transfer);
};
