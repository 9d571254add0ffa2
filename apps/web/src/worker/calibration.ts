import {
  applyCalibration, calibrateHistory, computePlan, dailyPlan, planPromotionMonthDays, reviewPlan, spendBeyondHistory,
  type ChannelCalibration, type Review, type ReviewBy,
} from '@shopplan/engine';
import type { ChannelLabelUse, HeaderMapping, HistoryImport } from '@shopplan/history';
import { historyDate } from '@shopplan/schema';
import type { HistoryTable, Plan, PlanIssue } from '@shopplan/schema';

/**
 * The Calibration view's work in the engine worker: reading a history or
 * actuals file (streamed, with progress), calibrating the plan's channels,
 * the calibrated plan with its provenance (as `shopplan calibrate -o` writes
 * it), and plan versus actual. The page only draws what comes back.
 */

/** How far the reading of a file is: bytes read of all bytes. */
export interface ReadProgress {
  done: number;
  total: number;
}

/** What the page sends about a history or actuals file. */
export interface HistoryFileRequest {
  file: Blob & { name: string; lastModified?: number };
  /** The planner's mapping: label in the file → plan channel id. */
  mapping: Record<string, string>;
}

/** Options of a calibration run, as the view offers them. */
export interface CalibrateRequest extends HistoryFileRequest {
  plan: Plan;
  from?: string;
  to?: string;
  /** Keep promotion days in the baseline (default: left out). */
  includePromotions?: boolean;
  /** Further days to leave out (YYYY-MM-DD), beyond the plan's own activities. */
  promotionDays?: string[];
}

/** How the file was read: columns and fields, channel labels and their matches, the period and encoding. */
export interface FileReading {
  file: string;
  header: HeaderMapping | null;
  labels: ChannelLabelUse[];
  period?: { start: string; end: string };
  encoding?: string;
  rows?: number;
}

/** One day's spend and visitors of a channel: used in the baseline, or left out as a promotion day or outside from–to. */
export interface CurvePoint {
  spend: number;
  visitors: number;
  used: boolean;
}

/** The answer to a calibration: the reading and every problem, or the calibrated figures and plan. */
export type CalibrateOutcome =
  | { ok: false; reading: FileReading; issues: PlanIssue[] }
  | {
      ok: true;
      reading: FileReading;
      channels: ChannelCalibration[];
      /** Per spend-bought channel, its days (spend, visitors), at most MAX_POINTS of them. */
      points: Record<string, CurvePoint[]>;
      /** The plan with the calibrated assumptions and `plan.calibration` provenance (nothing of the base changed). */
      calibrated: Plan;
      /** The calibrated plan's spend per day by channel (period spend ÷ days), null where it does not compute. */
      plannedDailySpend: Record<string, number>;
      /** Channels whose planned daily spend lies outside the spend their curve was fitted on (zh + en). */
      warnings: PlanIssue[];
      /** Issues that stop the calibrated plan computing (a calibrated rate the plan cannot take), shown, not hidden. */
      planIssues: PlanIssue[];
      /** Month-days (MM-DD) of the plan's own promotion phases, left out of the baseline in every year. */
      promotionMonthDays: string[];
    };

/** What the page sends for a review. */
export interface ReviewRequest extends HistoryFileRequest {
  plan: Plan;
  by: ReviewBy;
}

/** The answer to a review. */
export type ReviewOutcome =
  | { ok: false; reading: FileReading; issues: PlanIssue[] }
  | { ok: true; reading: FileReading; review: Review };

/** At most this many points per channel go to the chart (a three-year file has ~1,100 a channel). */
export const MAX_POINTS = 1500;
/** The page lists this many problems of a file (the rest counted): all of any file a planner fixes by hand. */
export const MAX_ISSUES = 5000;
/** Progress is reported about this often, in bytes. */
const PROGRESS_STEP = 256 * 1024;

/** The rows of the last file read per purpose, so a change of period or grouping does not read the file again. */
const cache = new Map<string, { key: string; outcome: HistoryImport }>();

function cacheKey(req: HistoryFileRequest, plan: Plan, range: boolean): string {
  const f = req.file;
  return JSON.stringify([f.name, f.size, f.lastModified ?? 0, req.mapping, plan.channels.map((c) => [c.id, c.name]), range ? plan.period : null]);
}

/** The file's bytes in chunks, reporting how many were read. */
async function* counted(file: Blob, onProgress: (p: ReadProgress) => void): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  let done = 0;
  let reported = 0;
  onProgress({ done: 0, total: file.size });
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    done += next.value.byteLength;
    if (done - reported >= PROGRESS_STEP) {
      reported = done;
      onProgress({ done, total: file.size });
    }
    yield next.value;
  }
  onProgress({ done: file.size, total: file.size });
}

/** Reads a history file (CSV streamed, xlsx whole) against the plan's channels; cached per purpose. */
async function readFile(purpose: 'history' | 'actuals', req: HistoryFileRequest, plan: Plan, onProgress: (p: ReadProgress) => void): Promise<HistoryImport> {
  const key = cacheKey(req, plan, purpose === 'actuals');
  const hit = cache.get(purpose);
  if (hit && hit.key === key) return hit.outcome;
  // The history package (and exceljs behind it) loads on first use, like the xlsx export.
  const history = await import('@shopplan/history');
  const options = {
    file: req.file.name,
    channels: plan.channels.map((c) => ({ id: c.id, name: c.name })),
    mapping: req.mapping,
    maxIssues: MAX_ISSUES,
    ...(purpose === 'actuals' ? { range: plan.period } : {}),
  };
  let outcome: HistoryImport;
  if (/\.xlsx$/i.test(req.file.name)) {
    onProgress({ done: 0, total: req.file.size });
    outcome = await history.importHistoryXlsx(new Uint8Array(await req.file.arrayBuffer()), options);
    onProgress({ done: req.file.size, total: req.file.size });
  } else {
    outcome = await history.importHistoryCsv(counted(req.file, onProgress), options);
  }
  cache.set(purpose, { key, outcome });
  return outcome;
}

function readingOf(file: string, outcome: HistoryImport): FileReading {
  const base = { file, header: outcome.header, labels: outcome.labels ?? [] };
  return outcome.ok ? { ...base, period: outcome.period, encoding: outcome.encoding, rows: outcome.history.rows } : base;
}

const DAY = 86_400_000;

/** Days of a plan's period. */
function periodDays(plan: Plan): number {
  return (Date.parse(`${plan.period.end}T00:00:00Z`) - Date.parse(`${plan.period.start}T00:00:00Z`)) / DAY + 1;
}

/** Each spend-bought channel's days as chart points, marked used or left out by the same rule calibrateHistory applies. */
function curvePoints(plan: Plan, history: HistoryTable, req: CalibrateRequest, monthDays: ReadonlySet<string>): Record<string, CurvePoint[]> {
  const given = new Set(req.promotionDays ?? []);
  const spendBought = new Set(plan.channels.filter((c) => c.cost.model === 'cpc' || c.cost.model === 'cpm' || c.cost.model === 'crm').map((c) => c.id));
  const out: Record<string, CurvePoint[]> = {};
  for (const h of history.channels) {
    const spend = h.spend;
    if (!spendBought.has(h.channel) || spend === null) continue;
    const points: CurvePoint[] = [];
    for (let i = 0; i < h.length; i += 1) {
      const date = historyDate(h.day[i]!);
      const outside = (req.from !== undefined && date < req.from) || (req.to !== undefined && date > req.to);
      const promotion = !req.includePromotions && (given.has(date) || monthDays.has(date.slice(5)));
      points.push({ spend: spend[i]!, visitors: h.visitors[i]!, used: !outside && !promotion });
    }
    if (points.length > 0) out[h.channel] = points;
  }
  for (const [id, points] of Object.entries(out)) {
    if (points.length <= MAX_POINTS) continue;
    const stride = points.length / MAX_POINTS;
    out[id] = Array.from({ length: MAX_POINTS }, (_, i) => points[Math.floor(i * stride)]!);
  }
  return out;
}

/**
 * Reads the history file and calibrates the plan's channels: rates as
 * ratios of sums over from–to with promotion days left out, Hill curves
 * where spend varies, the calibrated plan with its provenance, and where
 * that plan's spend goes beyond the spend its curves saw. A file with any
 * problem gives every problem and nothing else.
 * @example await calibrateFile({ file, mapping: {}, plan }, () => {})
 */
export async function calibrateFile(req: CalibrateRequest, onProgress: (p: ReadProgress) => void): Promise<CalibrateOutcome> {
  const { plan } = req;
  const outcome = await readFile('history', req, plan, onProgress);
  const reading = readingOf(req.file.name, outcome);
  if (!outcome.ok) return { ok: false, reading, issues: outcome.issues };
  const options = {
    ...(req.from ? { from: req.from } : {}),
    ...(req.to ? { to: req.to } : {}),
    ...(req.promotionDays?.length ? { promotionDays: req.promotionDays } : {}),
    ...(req.includePromotions ? { includePromotions: true } : {}),
  };
  const channels = calibrateHistory(plan, outcome.history, options);
  const start = req.from && req.from > outcome.period.start ? req.from : outcome.period.start;
  const end = req.to && req.to < outcome.period.end ? req.to : outcome.period.end;
  const calibrated = applyCalibration(plan, channels, { file: req.file.name, period: { start, end } });
  const monthDays = req.includePromotions ? new Set<string>() : planPromotionMonthDays(plan);
  const computed = computePlan(calibrated);
  const plannedDailySpend: Record<string, number> = {};
  let warnings: PlanIssue[] = [];
  let planIssues: PlanIssue[] = [];
  if (computed.ok) {
    const days = periodDays(computed.plan);
    for (const c of computed.result.channels) if (Number.isFinite(c.spend)) plannedDailySpend[c.id] = c.spend / days;
    warnings = spendBeyondHistory(computed.plan, computed.result.channels);
  } else {
    planIssues = computed.issues;
  }
  return {
    ok: true,
    reading,
    channels,
    points: curvePoints(plan, outcome.history, req, monthDays),
    calibrated,
    plannedDailySpend,
    warnings,
    planIssues,
    promotionMonthDays: [...monthDays].sort(),
  };
}

/**
 * Plan versus actual: reads the actuals file (days inside the plan's
 * period) and reviews the plan by day, week, month or promotion, each
 * channel's GMV gap split into traffic, conversion and order value.
 * @example await reviewFile({ file, mapping: {}, plan, by: 'month' }, () => {})
 */
export async function reviewFile(req: ReviewRequest, onProgress: (p: ReadProgress) => void): Promise<ReviewOutcome> {
  const computed = computePlan(req.plan);
  if (!computed.ok) return { ok: false, reading: { file: req.file.name, header: null, labels: [] }, issues: computed.issues };
  const outcome = await readFile('actuals', req, req.plan, onProgress);
  const reading = readingOf(req.file.name, outcome);
  if (!outcome.ok) return { ok: false, reading, issues: outcome.issues };
  const daily = dailyPlan(computed.plan, computed.result.channels);
  if (!daily.ok) return { ok: false, reading, issues: daily.issues };
  return { ok: true, reading, review: reviewPlan(computed.plan, daily.daily, outcome.history, req.by) };
}
