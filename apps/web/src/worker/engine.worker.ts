/// <reference lib="webworker" />
import type { CalendarViewport, WorkerRequest, WorkerResponse } from './protocol.ts';
import { splitPlan } from './plan-parts.ts';

/**
 * The engine worker's entry: small, so starting the worker early (main.tsx)
 * costs the page's load little. The engine itself (HyperFormula, the
 * product plan, the schema: ~1.4 MB, engine-handlers.ts) is fetched,
 * compiled and evaluated at the first request that needs it, which the page
 * sends once its first render is done (session/page-idle.ts): compiled
 * beside the page's own load, it and the JIT work it starts kept both cores
 * busy, and every main-thread task of the load took longer (issue 13).
 * The generated demo plan needs no engine, so it is answered here.
 */
let engine: Promise<typeof import('./engine-handlers.ts')> | undefined;

async function handle(request: WorkerRequest): Promise<unknown> {
  if (request.type === 'scalePlan') {
    // Loaded on first use: only the scale demo needs the generator (and its lunar calendar tables).
    const { scalePlan } = await import('@shopplan/examples');
    const plan = scalePlan(request.products, request.weeks, { productCalendar: request.productCalendar });
    // its products go ahead of the answer in parts: the page copies each in a short task of its own
    const split = splitPlan(plan);
    if (!split) return plan;
    for (const productsPart of split.parts) (self as unknown as DedicatedWorkerGlobalScope).postMessage({ id: request.id, productsPart } satisfies WorkerResponse);
    return split.head;
  }
  // every request waits for the same import: they are answered in the order they came
  engine ??= import('./engine-handlers.ts');
  return (await engine).handle(request);
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
  const totals = payload && typeof payload === 'object' && 'weekRevenue' in payload ? (payload as { weekRevenue: Float64Array; weekUnits: Float64Array }) : undefined;
  const transfer: Transferable[] = viewport ? [viewport.revenue.buffer as ArrayBuffer, viewport.units.buffer as ArrayBuffer, viewport.gmv.buffer as ArrayBuffer] : totals ? [totals.weekRevenue.buffer as ArrayBuffer, totals.weekUnits.buffer as ArrayBuffer] : [];
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(response, transfer);
};
